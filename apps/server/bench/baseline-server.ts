// The baseline of pnpm bench:submit: the least a server can do with a submission — Fastify 5 parses the JSON
// body and one INSERT stores it through a `pg` pool of the same size as Amtsweg's. Started as a child process
// by submit.bench.ts with DATABASE_URL, PORT and BASELINE_TABLE; the table exists already.
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const POOL_SIZE = 10;

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const table = process.env.BASELINE_TABLE ?? 'bench_submissions';
// The table name is spliced into SQL text, so only a plain identifier is accepted.
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(table)) throw new Error(`BASELINE_TABLE must be a plain identifier, got "${table}"`);
const insertSql = `insert into ${table} (id, data) values ($1, $2::jsonb)`;

const pool = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE });
// Same logger level and body limit as the Amtsweg process in the benchmark, so both pay the same for them.
const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'warn' }, bodyLimit: 1_048_576 });

app.get('/health', async () => {
  await pool.query('select 1');
  return { status: 'ok' };
});

app.post('/submissions', async (request, reply) => {
  const id = randomUUID();
  await pool.query(insertSql, [id, JSON.stringify(request.body)]);
  return reply.status(201).send({ id });
});

process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0));
});

await app.listen({ port: Number(process.env.PORT ?? 3100), host: '127.0.0.1' });
