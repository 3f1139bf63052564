import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, ensureOrganisation, findServiceBySlug, type DatabaseHandle, type DatabaseKind } from '@amtsweg/db';
import { createTestDatabase } from '@amtsweg/db/testing';
import { startChildServer, type ChildServer } from '../../bench/child-server';
import { DEFAULT_ORGANISATION } from '../../src/app';
import { seedDemo } from '../../src/seed-demo';

// The server runs as `node --import tsx src/server.ts`, so a killed process is the server itself.
const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** The same on every process of a test, so a session signed by one is valid on another (as in production). */
export const TEST_SERVER_SECRET = 'reliability-suite-server-secret-0123456789';

/** Rate limits out of the way: every request of a test comes from 127.0.0.1. */
const UNTHROTTLED = {
  RATE_LIMIT_LOGIN: '100000',
  RATE_LIMIT_SUBMISSION: '100000',
  RATE_LIMIT_UPLOAD: '100000',
  RATE_LIMIT_VALIDATION: '100000',
};

/**
 * A database a server process runs on and the test inspects between runs: a throw-away PostgreSQL database,
 * or a PGlite data folder (which only one process may open at a time: open it only while no server runs).
 */
export interface ProcessDatabase {
  kind: DatabaseKind;
  /** What a server process needs to find it. */
  env: Record<string, string>;
  /** A handle as the next start would find the data (PGlite recovers its write-ahead log here). */
  open(): Promise<DatabaseHandle>;
  dispose(): Promise<void>;
}

/**
 * A fresh database with the demo organisation: the Hundeanmeldung published, four cases and the demo accounts
 * (`DEMO_ACCOUNTS`, password `DEMO_PASSWORD`). PGlite gets them from the server's own first start (`SEED_DEMO`);
 * on PostgreSQL, where the server seeds no accounts, the test seeds the same before any server starts.
 */
export async function createProcessDatabase(kind: DatabaseKind): Promise<ProcessDatabase> {
  if (kind === 'postgres') {
    const database = await createTestDatabase('postgres');
    const organisation = await ensureOrganisation(database.db, { id: crypto.randomUUID(), ...DEFAULT_ORGANISATION });
    await seedDemo(database, organisation, { accounts: true });
    const databaseUrl = database.url!;
    // E-mails without an SMTP server go to files: into a folder of the test's, not the work tree.
    const mailDir = mkdtempSync(join(tmpdir(), 'amtsweg-reliability-mail-'));
    return {
      kind,
      env: { DATABASE_URL: databaseUrl, SEED_DEMO: 'false', MAIL_DIR: mailDir },
      open: () => createDatabase({ databaseUrl }),
      dispose: async () => {
        await database.dispose();
        rmSync(mailDir, { recursive: true, force: true });
      },
    };
  }
  const dataDir = join(mkdtempSync(join(tmpdir(), 'amtsweg-reliability-')), 'pglite');
  return {
    kind,
    env: { DATABASE_URL: '', DATA_DIR: dataDir, SEED_DEMO: 'true' },
    open: () => createDatabase({ dataDir }),
    dispose: () => Promise.resolve(rmSync(join(dataDir, '..'), { recursive: true, force: true })),
  };
}

/** Starts `src/server.ts` as its own process on the database, unthrottled, logging errors only. */
export function startServerProcess(database: ProcessDatabase, name: string, env: Record<string, string> = {}): Promise<ChildServer> {
  return startChildServer({
    name,
    script: 'src/server.ts',
    cwd: SERVER_DIR,
    env: { ...database.env, ...UNTHROTTLED, SERVER_SECRET: TEST_SERVER_SECRET, LOG_LEVEL: 'error', ...env },
    healthPath: '/api/health',
    startTimeoutMs: 60_000,
  });
}

/** The demo organisation and its Hundeanmeldung, as stored. */
export async function findDemoService(db: DatabaseHandle['db']): Promise<{ organisationId: string; serviceId: string }> {
  const organisation = await db.selectFrom('organisations').select('id').where('slug', '=', DEFAULT_ORGANISATION.slug).executeTakeFirstOrThrow();
  const service = await findServiceBySlug(db, organisation.id, 'hundeanmeldung');
  if (!service) throw new Error('the demo service is missing');
  return { organisationId: organisation.id, serviceId: service.id };
}
