import { sql, type Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * Four-eyes principle: an action proposed by one caseworker waits here for a second one. At most one proposal
 * per case (the primary key); it is written and removed in the same transaction as the case's version bump,
 * so the optimistic lock of the case covers it.
 */
export async function up(db: AnyDatabase): Promise<void> {
  await db.schema
    .createTable('case_proposals')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'uuid', (c) => c.notNull())
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('inputs', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('comment', 'text')
    .addPrimaryKeyConstraint('case_proposals_pkey', ['organisation_id', 'case_id'])
    .addForeignKeyConstraint('case_proposals_case_fk', ['organisation_id', 'case_id'], 'cases', ['organisation_id', 'id'])
    .addForeignKeyConstraint('case_proposals_proposer_fk', ['organisation_id', 'proposed_by'], 'users', ['organisation_id', 'id'])
    .execute();
}

export async function down(db: AnyDatabase): Promise<void> {
  await db.schema.dropTable('case_proposals').execute();
}
