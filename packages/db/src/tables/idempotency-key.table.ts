import type { ColumnType, Insertable, Selectable } from 'kysely';

export interface IdempotencyKeyTable {
  organisation_id: string;
  key: string;
  request_hash: string;
  case_id: string;
  response: ColumnType<unknown, string, never>;
  /** The account that sent the first request; null: anonymous. A replay is answered only to the same caller. */
  caller_id: string | null;
  /** The case's access token sealed with the server's secret box, for replays within the window; then null. */
  access_token_sealed: string | null;
  created_at: ColumnType<Date, never, never>;
}
export type IdempotencyKey = Selectable<IdempotencyKeyTable>;
export type NewIdempotencyKey = Insertable<IdempotencyKeyTable>;
