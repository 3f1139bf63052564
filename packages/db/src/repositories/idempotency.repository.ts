import type { IdempotencyKey } from '../tables/idempotency-key.table';
import type { Executor } from './executor';

export async function findIdempotencyKey(db: Executor, organisationId: string, key: string): Promise<IdempotencyKey | undefined> {
  return db.selectFrom('idempotency_keys').selectAll().where('organisation_id', '=', organisationId).where('key', '=', key).executeTakeFirst();
}

/**
 * Housekeeping: forgets the sealed access tokens of keys stored before `storedBefore` (their replay window has
 * passed; the key itself stays, so a late retry still files no second case). Returns how many.
 */
export async function forgetReplayTokens(db: Executor, storedBefore: Date): Promise<number> {
  const result = await db
    .updateTable('idempotency_keys')
    .set({ access_token_sealed: null })
    .where('access_token_sealed', 'is not', null)
    .where('created_at', '<', storedBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
