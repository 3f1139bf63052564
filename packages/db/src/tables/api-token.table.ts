import type { ColumnType, Selectable } from 'kysely';

/**
 * A token for an integration: acts for `user_id` — the person who created it (`created_by`), since issue 18 —
 * limited to `scopes`; only a SHA-256 of it is stored.
 */
export interface ApiTokenTable {
  id: string;
  organisation_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  scopes: string[];
  created_by: string;
  created_at: ColumnType<Date, never, never>;
  expires_at: Date | null;
  last_used_at: ColumnType<Date | null, never, Date>;
  revoked_at: ColumnType<Date | null, never, Date>;
}
export type ApiTokenRow = Selectable<ApiTokenTable>;
