import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

/**
 * What a staff member may do in the organisation; process roles per service are in `user_service_roles`. The
 * operator runs the installation: creates organisations (a Verwaltungsgemeinschaft hosting its members).
 */
export type StaffRole = 'administrator' | 'designer' | 'caseworker' | 'operator';

export interface UserTable {
  id: string;
  organisation_id: string;
  kind: 'staff' | 'citizen';
  email: string;
  display_name: string;
  /** Argon2id (PHC string); null for accounts that only log in through OpenID Connect. */
  password_hash: string | null;
  roles: ColumnType<StaffRole[], StaffRole[] | undefined, StaffRole[]>;
  /** Sealed (AES-256-GCM) with a key derived from the server secret, never in clear. */
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  totp_enabled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  oidc_issuer: ColumnType<string | null, string | null | undefined, string | null>;
  oidc_subject: ColumnType<string | null, string | null | undefined, string | null>;
  disabled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Sessions whose login is older are void. */
  sessions_valid_from: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Staff: the daily e-mail of new and overdue cases of their services (they may turn it off). */
  daily_digest: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
