import type { ColumnType, Selectable } from 'kysely';

/** Failed logins of one address (of either kind of account, known or not) from one client, and its wait. */
export interface LoginThrottleTable {
  organisation_id: string;
  kind: 'staff' | 'citizen';
  /** The address in lower case. */
  email_key: string;
  /** Who failed: a network address (an IPv6 /64), or `account` for failures only a password holder can cause. */
  client_key: string;
  /** Failures since this client's last success. */
  failures: number;
  /** The decaying count the wait follows: one per failure, halved every half-life since `updated_at`. */
  score: number;
  locked_until: Date | null;
  /** The last failure. */
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type LoginThrottle = Selectable<LoginThrottleTable>;
