// Registration timing (issue 18, finding 3): does registering an address that has a citizen account take as long
// as registering a new one? If not, the timing tells an attacker which addresses have accounts, whatever the
// answer says (`compareTimings` prints the ratios).
//
//   pnpm --filter @amtsweg/server bench:register   (ROUNDS=60 by default; on PGlite and on PostgreSQL at TEST_DATABASE_URL)
import { randomUUID } from 'node:crypto';
import { insertUser, type DatabaseKind } from '@amtsweg/db';
import { createTestDatabase, DATABASE_KINDS } from '@amtsweg/db/testing';
import Fastify from 'fastify';
import amtswegApp from '../src/app';
import { hashPassword } from '../src/auth/password';
import { compareTimings } from './compare-timings';

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
  const register = async (email: string) => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/register', payload: { email, password: PASSWORD, displayName: 'Erika Muster' } });
    if (response.statusCode !== 202) throw new Error(`${email}: expected 202, got ${response.statusCode}`);
  };
  await compareTimings({
    title: `registration timing on ${kind}, Fastify inject (Argon2id 19 MiB, t=2)`,
    rounds: ROUNDS,
    cases: [
      { name: 'new address', run: () => register(`${randomUUID()}@bench.example`) },
      { name: 'address with an account', run: () => register(known[next++]!) },
    ],
  });

  await app.close();
  await database.dispose();
}

for (const kind of DATABASE_KINDS) await measure(kind);
