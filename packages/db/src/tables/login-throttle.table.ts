import type { ColumnType, Selectable } from 'kysely';

/** Failed logins of one address (of either kind of account, known or not) and its lock. */
export interface LoginThrottleTable {
  organisation_id: string;
  kind: 'staff' | 'citizen';
  /** The address in lower case. */
  email_key: string;
  failures: number;
  locked_until: Date | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type LoginThrottle = Selectable<LoginThrottleTable>;
