import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestDatabase, DATABASE_KINDS, TEST_POSTGRES_URL, type TestDatabase } from './testing/test-databases';
import { toJsonColumn } from './json-column';

describe.each(DATABASE_KINDS)('database on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('reports which engine it runs on', () => {
    expect(database.kind).toBe(kind);
  });

  it('has every table after migrating', async () => {
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(database.db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['case_deadlines', 'case_events', 'cases', 'documents', 'files', 'idempotency_keys', 'jobs', 'organisations', 'service_versions', 'services', 'webhook_deliveries', 'webhook_endpoints']),
    );
  });

  it('stores JSON objects, arrays, strings and unicode in jsonb columns unchanged', async () => {
    await database.db.insertInto('organisations').values({ id: '00000000-0000-4000-8000-000000000001', slug: 'json', name: 'JSON' }).execute();
    const values: unknown[] = [{ a: [1, 'zwei', { drei: true }] }, ['x', 'y'], 'nur Text', { emoji: '🐕 Größe „groß“', nested: { n: null } }];
    for (const [i, value] of values.entries()) {
      await database.db
        .insertInto('jobs')
        .values({ id: `00000000-0000-4000-8000-00000000010${i}`, organisation_id: '00000000-0000-4000-8000-000000000001', kind: 'test', payload: toJsonColumn(value) })
        .execute();
    }
    const rows = await database.db.selectFrom('jobs').select(['payload']).orderBy('id').execute();
    expect(rows.map((r) => r.payload)).toEqual(values);
  });
});

describe('a PostgreSQL connection dropped by the server', () => {
  it('does not crash the process and the pool reconnects', async () => {
    const database = await createTestDatabase('postgres');
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    try {
      // Open several pooled connections, which then sit idle in the pool.
      await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(database.db)));
      // Terminate them from outside, as a PostgreSQL restart or an administrator would.
      const name = new URL(database.url!).pathname.slice(1);
      const killed = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
      expect(killed.rowCount).toBeGreaterThanOrEqual(2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const result = await sql<{ one: number }>`select 1 as one`.execute(database.db);
      expect(result.rows).toEqual([{ one: 1 }]);
    } finally {
      await admin.end();
      await database.dispose();
    }
  });
});
