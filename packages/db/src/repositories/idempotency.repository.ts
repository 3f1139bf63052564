import type { IdempotencyKey } from '../tables/idempotency-key.table';
import type { Executor } from './executor';

export async function findIdempotencyKey(db: Executor, organisationId: string, key: string): Promise<IdempotencyKey | undefined> {
  return db.selectFrom('idempotency_keys').selectAll().where('organisation_id', '=', organisationId).where('key', '=', key).executeTakeFirst();
}
