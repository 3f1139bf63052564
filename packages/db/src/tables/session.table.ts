import type { ColumnType } from 'kysely';

/** A login session; `user_id` lets every session of an account end at once (password change, disabling). */
export interface SessionTable {
  id: string;
  user_id: string | null;
  data: ColumnType<unknown, string, string>;
  expires_at: Date;
}
