import type { Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * The PDF of an issued document, fixed when it is issued: a decision notice is rendered before the action's
 * transaction and stored with its row, so a later change of the organisation's name or address (or of the
 * layout code) never changes a Bescheid the applicant already has. Receipts are written in the submission's
 * hot path without one; the first download renders and stores it (`where pdf is null`), and every later
 * download serves those bytes.
 */
export async function up(db: AnyDatabase): Promise<void> {
  await db.schema.alterTable('documents').addColumn('pdf', 'bytea').execute();
}

export async function down(db: AnyDatabase): Promise<void> {
  await db.schema.alterTable('documents').dropColumn('pdf').execute();
}
