import type { Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * Files an applicant attaches to a reply (a certificate the authority asked for). They are uploaded to the case
 * before the reply is sent and wait there (`pending_case_id`) until the reply takes them (`case_id`); only the
 * case's own applicant can upload to it, and a reply can only take files that wait for that case.
 */
export async function up(db: AnyDatabase): Promise<void> {
  await db.schema.alterTable('files').addColumn('pending_case_id', 'uuid').execute();
  await db.schema
    .alterTable('files')
    .addForeignKeyConstraint('files_pending_case_fk', ['organisation_id', 'pending_case_id'], 'cases', ['organisation_id', 'id'])
    .execute();
  await db.schema.createIndex('files_pending_case_idx').on('files').columns(['organisation_id', 'pending_case_id']).where('pending_case_id', 'is not', null).execute();
}

export async function down(db: AnyDatabase): Promise<void> {
  await db.schema.alterTable('files').dropConstraint('files_pending_case_fk').execute();
  await db.schema.alterTable('files').dropColumn('pending_case_id').execute();
}
