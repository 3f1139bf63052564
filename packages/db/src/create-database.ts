import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './database';
import { INSERT_SUBMISSION_SQL } from './repositories/submission.repository';

/**
 * Statements of the hot path that PostgreSQL prepares once per connection (parsed and planned once) instead
 * of on every call; their texts are constant, so a lookup by text finds them.
 */
const PREPARED_STATEMENTS = new Map([[INSERT_SUBMISSION_SQL, 'amtsweg_insert_submission']]);

export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseOptions {
  /** A PostgreSQL connection string; without it the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite's data folder; without it PGlite keeps everything in memory (tests). */
  dataDir?: string;
  /** Most connections the pool opens (PostgreSQL only). */
  poolSize?: number;
  /**
   * Told when PostgreSQL drops an idle pooled connection (a restart, a terminated backend). The pool replaces
   * the connection by itself; without a listener, `pg` would raise the error as uncaught and end the process.
   */
  onConnectionError?: (error: Error) => void;
}

/** A database handle: Kysely for queries, which engine it runs on, and how to close it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

/**
 * Opens the database: PostgreSQL through a `pg` pool when a URL is given, otherwise embedded PGlite (Postgres
 * compiled to WebAssembly) in a data folder. Both speak the same SQL and run the same migrations.
 *
 * @example
 * const { db, kind, close } = await createDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '.data' });
 */
export async function createDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', options.onConnectionError ?? (() => undefined));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), serializers: BYTEA_SERIALIZERS, parsers: BYTEA_PARSERS });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  // Destroying the Kysely driver closes PGlite as well.
  return { db, kind: 'pglite', close: () => db.destroy() };
}

/**
 * Binary columns (uploads) in and out of PGlite without a detour through JavaScript strings: parameters go as
 * bytes (PGlite sends a Uint8Array in the binary format), results are read from hex by Node's own Buffer code.
 * PGlite's built-in conversion goes byte by byte through strings, about half a second per megabyte during which
 * the one thread that answers every request does nothing else (issue 18, finding 8: three 10 MB uploads
 * stalled /api/health for 7 s).
 */
const BYTEA_SERIALIZERS = {
  [types.BYTEA]: (value: unknown) => {
    if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
    // Typed as text, but PGlite sends any ArrayBuffer view a serializer answers as a binary parameter.
    return value as unknown as string;
  },
};
const BYTEA_PARSERS = { [types.BYTEA]: (text: string) => Buffer.from(text.slice(2), 'hex') };

/** The pool as Kysely sees it, except that the known hot-path statements run as named prepared statements. */
function withPreparedStatements(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      // Kysely passes either SQL text with parameters or a cursor; only known texts are named.
      const query = ((textOrCursor: string, values?: unknown[]) => {
        const name = typeof textOrCursor === 'string' ? PREPARED_STATEMENTS.get(textOrCursor) : undefined;
        return name ? client.query({ name, text: textOrCursor, values }) : client.query(textOrCursor, values);
      }) as unknown as PostgresPoolClient['query'];
      return { query, release: () => client.release() };
    },
    end: () => pool.end(),
  };
}
