import type { ColumnType, Insertable, Selectable } from 'kysely';

export interface IdempotencyKeyTable {
  organisation_id: string;
  key: string;
  request_hash: string;
  case_id: string;
  response: ColumnType<unknown, string, never>;
  created_at: ColumnType<Date, never, never>;
}
export type IdempotencyKey = Selectable<IdempotencyKeyTable>;
export type NewIdempotencyKey = Insertable<IdempotencyKeyTable>;
