// Registration timing (issue 18, finding 3): does registering an address that has a citizen account take as long
// as registering a new one? If not, the timing tells an attacker which addresses have accounts, whatever the
// answer says. Interleaves the cases, so drift in machine load hits both alike, and prints medians, p90s and the
// ratios.
//
//   pnpm --filter @amtsweg/server bench:register   (ROUNDS=60 by default; on PGlite and on PostgreSQL at TEST_DATABASE_URL)
import { randomUUID } from 'node:crypto';
import { insertUser, type DatabaseKind } from '@amtsweg/db';
import { createTestDatabase, DATABASE_KINDS } from '@amtsweg/db/testing';
import Fastify from 'fastify';
import amtswegApp from '../src/app';
import { hashPassword } from '../src/auth/password';

const ROUNDS = Number(process.env.ROUNDS ?? 60);
const PASSWORD = 'Richtig-Langes-Passwort-1';

async function measure(kind: DatabaseKind): Promise<void> {
  const database = await createTestDatabase(kind);
  const app = Fastify({ logger: false });
  await app.register(amtswegApp, { database, security: { rateLimits: { login: 1_000_000 } } });
  await app.ready();
  const known = Array.from({ length: ROUNDS + 5 }, (_, i) => `bekannt.${i}@bench.example`);
  for (const email of known) {
    await insertUser(database.db, { id: randomUUID(), organisation_id: app.organisation.id, kind: 'citizen', email, display_name: 'Bekannt', password_hash: await hashPassword(PASSWORD) });
  }

  // A fresh known address each round, so the hourly notice's deduplication does not change what is measured.
  let next = 0;
  const CASES = {
    'new address': () => `${randomUUID()}@bench.example`,
    'address with an account': () => known[next++]!,
  } as const;
  type CaseName = keyof typeof CASES;
  const timings: Record<CaseName, number[]> = { 'new address': [], 'address with an account': [] };

  const attempt = async (name: CaseName) => {
    const started = process.hrtime.bigint();
    const response = await app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: CASES[name](), password: PASSWORD, displayName: 'Erika Muster' } });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (response.statusCode !== 202) throw new Error(`${name}: expected 202, got ${response.statusCode}`);
    return elapsed;
  };

  for (let i = 0; i < 5; i++) for (const name of Object.keys(CASES) as CaseName[]) await attempt(name);
  for (let round = 0; round < ROUNDS; round++) {
    const order: CaseName[] = round % 2 === 0 ? ['new address', 'address with an account'] : ['address with an account', 'new address'];
    for (const name of order) timings[name].push(await attempt(name));
  }

  const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;
  const fresh = timings['new address'];
  const taken = timings['address with an account'];
  console.log(`registration timing on ${kind}, ${ROUNDS} interleaved rounds, Fastify inject (Argon2id 19 MiB, t=2)`);
  for (const [name, values] of Object.entries(timings)) {
    console.log(`  ${name.padEnd(26)} median ${quantile(values, 0.5).toFixed(2)} ms   p90 ${quantile(values, 0.9).toFixed(2)} ms`);
  }
  console.log(`  ratio known / new (median)   ${(quantile(taken, 0.5) / quantile(fresh, 0.5)).toFixed(3)}   (1.0 = indistinguishable)`);
  console.log(`  ratio known / new (p90)      ${(quantile(taken, 0.9) / quantile(fresh, 0.9)).toFixed(3)}`);

  await app.close();
  await database.dispose();
}

for (const kind of DATABASE_KINDS) await measure(kind);
