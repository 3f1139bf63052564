import { sql, type Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * Unfinished applications of logged-in citizens, one per citizen and service, so a form started on one device
 * can be finished on another. A draft points at the version it was started on together with the organisation
 * (as in 0002), and goes with its account.
 */
export async function up(db: AnyDatabase): Promise<void> {
  await db.schema
    .createTable('drafts')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('service_id', 'uuid', (c) => c.notNull())
    .addColumn('service_version', 'integer', (c) => c.notNull())
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    // The page the citizen was on, to resume there.
    .addColumn('page_id', 'text')
    // Optimistic lock: a second device saving over a newer draft is told instead of silently overwriting it.
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('drafts_pk', ['organisation_id', 'user_id', 'service_id'])
    .addForeignKeyConstraint('drafts_user_fk', ['organisation_id', 'user_id'], 'users', ['organisation_id', 'id'], (c) => c.onDelete('cascade'))
    .addForeignKeyConstraint(
      'drafts_service_version_fk',
      ['organisation_id', 'service_id', 'service_version'],
      'service_versions',
      ['organisation_id', 'service_id', 'version'],
    )
    .execute();
}

export async function down(db: AnyDatabase): Promise<void> {
  await db.schema.dropTable('drafts').execute();
}
