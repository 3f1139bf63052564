// Login timing: does answering a login for an unknown address take as long as for a known one with a wrong
// password? If not, the timing tells an attacker which addresses have accounts. Interleaves the cases, so
// drift in machine load hits all of them alike, and prints medians, p90s and the ratios.
//
//   pnpm bench:login              (ROUNDS=60 by default; on PGlite and on PostgreSQL at TEST_DATABASE_URL)
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
  await insertUser(database.db, {
    id: randomUUID(),
    organisation_id: app.organisation.id,
    kind: 'staff',
    email: 'bekannt@bench.example',
    display_name: 'Bekannt',
    password_hash: await hashPassword(PASSWORD),
  });

  const CASES = {
    'unknown address': { email: () => `${randomUUID()}@bench.example`, password: 'irgendein-Passwort-1' },
    'known address, wrong password': { email: () => 'bekannt@bench.example', password: 'falsches-Passwort-1' },
  } as const;
  type CaseName = keyof typeof CASES;
  const timings: Record<CaseName, number[]> = { 'unknown address': [], 'known address, wrong password': [] };

  const attempt = async (name: CaseName) => {
    const { email, password } = CASES[name];
    const started = process.hrtime.bigint();
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: email(), password } });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (response.statusCode !== 401) throw new Error(`${name}: expected 401, got ${response.statusCode}`);
    return elapsed;
  };

  // Warm-up (JIT, the dummy hash, prepared plans), then measured rounds in alternating order. The known
  // address's failures are cleared each round so the throttle (a wait after five) does not change what is measured.
  for (let i = 0; i < 5; i++) for (const name of Object.keys(CASES) as CaseName[]) await attempt(name);
  await database.db.deleteFrom('login_throttles').execute();
  for (let round = 0; round < ROUNDS; round++) {
    const order: CaseName[] = round % 2 === 0 ? ['unknown address', 'known address, wrong password'] : ['known address, wrong password', 'unknown address'];
    for (const name of order) timings[name].push(await attempt(name));
    await database.db.deleteFrom('login_throttles').execute();
  }

  const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;
  const known = timings['known address, wrong password'];
  const unknown = timings['unknown address'];
  console.log(`login timing on ${kind}, ${ROUNDS} interleaved rounds, Fastify inject (Argon2id 19 MiB, t=2)`);
  for (const [name, values] of Object.entries(timings)) {
    console.log(`  ${name.padEnd(32)} median ${quantile(values, 0.5).toFixed(2)} ms   p90 ${quantile(values, 0.9).toFixed(2)} ms`);
  }
  console.log(`  ratio unknown / known (median)   ${(quantile(unknown, 0.5) / quantile(known, 0.5)).toFixed(3)}   (1.0 = indistinguishable)`);
  console.log(`  ratio unknown / known (p90)      ${(quantile(unknown, 0.9) / quantile(known, 0.9)).toFixed(3)}`);

  await app.close();
  await database.dispose();
}

for (const kind of DATABASE_KINDS) await measure(kind);
