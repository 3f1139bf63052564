import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type DatabaseHandle, type DatabaseKind } from '../create-database';
import { migrateToLatest } from '../migrate-database';

/**
 * The PostgreSQL database tests connect to first; each test file creates (and later drops) its own database
 * on that server. `DATABASE_URL` (as set by CI) or `TEST_DATABASE_URL` chooses it; the default is the local
 * server on 127.0.0.1:5432 with trust authentication, as on the developer and CI machines.
 */
export const TEST_POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Both engines every database test runs on. */
export const DATABASE_KINDS: readonly DatabaseKind[] = ['pglite', 'postgres'];

export interface TestDatabase extends DatabaseHandle {
  /** PostgreSQL only: the connection string of the throw-away database (for a server started as a process). */
  url?: string;
  /** Closes the handle and, on PostgreSQL, drops the throw-away database. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a new PostgreSQL database with a
 * random name on the test server (dropped again by `dispose`).
 */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const handle = await createDatabase();
    await migrateToLatest(handle.db);
    return { ...handle, dispose: () => handle.close() };
  }
  const name = `amtsweg_test_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const handle = await createDatabase({ databaseUrl: url.toString(), poolSize: 25 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url: url.toString(),
    async dispose() {
      // A test may have closed the handle already (to simulate a database outage); dropping must still happen.
      await handle.close().catch(() => undefined);
      const cleanup = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
