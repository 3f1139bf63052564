import { sql, type Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * Issue 18, finding 8: on PGlite (one thread for every request) an upload's content is written in parts of about
 * a megabyte, each its own statement, so other requests are answered in between; one short transaction then
 * puts the parts together into `files.content` and deletes them. A part never shows as a file: until that
 * transaction commits there is no `files` row. Parts of an upload that never finished (the process stopped)
 * are deleted by the housekeeping.
 */
export async function up(db: AnyDatabase): Promise<void> {
  await db.schema
    .createTable('file_parts')
    .addColumn('file_id', 'uuid', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('file_parts_pk', ['file_id', 'seq'])
    .execute();
  // The housekeeping looks for uploads that never reached a case by age.
  await db.schema.createIndex('files_unattached_idx').on('files').columns(['created_at']).where(sql.ref('case_id'), 'is', null).execute();
}

export async function down(db: AnyDatabase): Promise<void> {
  await db.schema.dropIndex('files_unattached_idx').execute();
  await db.schema.dropTable('file_parts').execute();
}
