import type { ColumnType } from 'kysely';

/** A login session; `user_id` lets every session of an account end at once (password change, disabling). */
export interface SessionTable {
  id: string;
  user_id: string | null;
  data: ColumnType<unknown, string, string>;
  expires_at: Date;
  /** When a request last used it (noted at most every few minutes; null before migration 0016). */
  last_seen_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
