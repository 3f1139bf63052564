// Login timing: does answering a login for an unknown address take as long as for a known one with a wrong
// password? If not, the timing tells an attacker which addresses have accounts (`compareTimings` prints the ratios).
//
//   pnpm bench:login              (ROUNDS=60 by default; on PGlite and on PostgreSQL at TEST_DATABASE_URL)
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
  await insertUser(database.db, {
    id: randomUUID(),
    organisation_id: app.organisation.id,
    kind: 'staff',
    email: 'bekannt@bench.example',
    display_name: 'Bekannt',
    password_hash: await hashPassword(PASSWORD),
  });

  const logIn = async (email: string, password: string) => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    if (response.statusCode !== 401) throw new Error(`${email}: expected 401, got ${response.statusCode}`);
  };
  // The known address's failures are cleared after each attempt so the throttle (a wait after five) does not
  // change what is measured.
  await compareTimings({
    title: `login timing on ${kind}, Fastify inject (Argon2id 19 MiB, t=2)`,
    rounds: ROUNDS,
    cases: [
      { name: 'known address, wrong password', run: () => logIn('bekannt@bench.example', 'falsches-Passwort-1') },
      { name: 'unknown address', run: () => logIn(`${randomUUID()}@bench.example`, 'irgendein-Passwort-1') },
    ],
    afterEach: async () => void (await database.db.deleteFrom('login_throttles').execute()),
  });

  await app.close();
  await database.dispose();
}

for (const kind of DATABASE_KINDS) await measure(kind);
