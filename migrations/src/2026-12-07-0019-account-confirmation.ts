import { sql, type Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * Citizens confirm their address before their account exists (issue 18, finding 3: registering must not tell
 * whether an address has an account). A registration waits here with the password it was made with until the
 * link mailed to the address is followed; only then is the account created, so every account that exists — all
 * of them at the time of this migration, the demo accounts, those of OpenID Connect — counts as confirmed.
 * Only a SHA-256 of the link's token is stored.
 */
export async function up(db: AnyDatabase): Promise<void> {
  await db.schema
    .createTable('citizen_registrations')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('de', 'en')`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    // Kept after use until housekeeping, so a link followed twice says "already confirmed" rather than "unknown".
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index citizen_registrations_address on citizen_registrations (organisation_id, lower(email))`.execute(db);
  await db.schema.createIndex('citizen_registrations_expires').on('citizen_registrations').column('expires_at').execute();
}

export async function down(db: AnyDatabase): Promise<void> {
  await db.schema.dropTable('citizen_registrations').execute();
}
