import { sql, type Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * Failed logins are counted per address *and client* (issue 18, finding 2): one row per account address and
 * client (its network address, or `account` for second-factor and current-password failures, which only someone
 * holding the password or a session can cause). The count decays (`score`, halved every hour from `updated_at`),
 * so no client is held back for good, and a client that has not failed is never held back by another's failures.
 * The rows only ever held counts that end by themselves: they are dropped, not carried over (like an unlock).
 */
export async function up(db: AnyDatabase): Promise<void> {
  await db.schema.dropTable('login_throttles').execute();
  await db.schema
    .createTable('login_throttles')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('client_key', 'text', (c) => c.notNull())
    // Failures since this client's last success (what administrators see), and the decaying count the delay follows.
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('locked_until', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('login_throttles_pk', ['organisation_id', 'kind', 'email_key', 'client_key'])
    .execute();
  // Housekeeping drops rows whose count has long decayed.
  await db.schema.createIndex('login_throttles_updated').on('login_throttles').column('updated_at').execute();
}

export async function down(db: AnyDatabase): Promise<void> {
  await db.schema.dropTable('login_throttles').execute();
  await db.schema
    .createTable('login_throttles')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('login_throttles_pk', ['organisation_id', 'kind', 'email_key'])
    .execute();
}
