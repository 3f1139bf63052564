import { toJsonColumn } from '../json-column';
import type { IdempotencyKey } from '../tables/idempotency-key.table';
import type { Executor } from './executor';

export async function findIdempotencyKey(db: Executor, organisationId: string, key: string): Promise<IdempotencyKey | undefined> {
  return db.selectFrom('idempotency_keys').selectAll().where('organisation_id', '=', organisationId).where('key', '=', key).executeTakeFirst();
}

/**
 * Records the answer given for a key, in the transaction that created the case. Returns false if another
 * request stored the key first (the caller rolls back and replays the stored answer).
 */
export async function insertIdempotencyKey(
  db: Executor,
  entry: { organisationId: string; key: string; requestHash: string; caseId: string; response: unknown },
): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values({
      organisation_id: entry.organisationId,
      key: entry.key,
      request_hash: entry.requestHash,
      case_id: entry.caseId,
      response: toJsonColumn(entry.response),
    })
    .onConflict((c) => c.columns(['organisation_id', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
