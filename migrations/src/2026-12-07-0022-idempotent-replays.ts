import { sql, type Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * Issue 18, finding 7: a replayed submission is answered only to the caller who sent it, with the same access
 * token. `caller_id` is the account that sent the first request (null: anonymous); `access_token_sealed` is the
 * case's access token sealed with the server's secret box, kept for the replay window and then forgotten by
 * housekeeping (the partial index finds those rows without reading the rest).
 *
 * Keys stored before belong to the citizen their case was filed under (if any); they have no sealed token, so a
 * replay of one is refused rather than answered with a new token.
 */
export async function up(db: AnyDatabase): Promise<void> {
  await db.schema.alterTable('idempotency_keys').addColumn('caller_id', 'uuid').addColumn('access_token_sealed', 'text').execute();
  await sql`
    update idempotency_keys k set caller_id = c.applicant_user_id
    from cases c
    where c.organisation_id = k.organisation_id and c.id = k.case_id and c.applicant_user_id is not null`.execute(db);
  await db.schema
    .createIndex('idempotency_keys_sealed_idx')
    .on('idempotency_keys')
    .column('created_at')
    .where(sql.ref('access_token_sealed'), 'is not', null)
    .execute();
}

export async function down(db: AnyDatabase): Promise<void> {
  await db.schema.dropIndex('idempotency_keys_sealed_idx').execute();
  await db.schema.alterTable('idempotency_keys').dropColumn('access_token_sealed').dropColumn('caller_id').execute();
}
