import type { ColumnType, Insertable, Selectable } from 'kysely';

/**
 * A citizen's registration waiting for its address to be confirmed: the account is created from it when the
 * mailed link is followed. Each registration has its own link, password and name.
 */
export interface CitizenRegistrationTable {
  /** SHA-256 (hex) of the link's token; the token itself is never stored. */
  token_hash: string;
  organisation_id: string;
  email: string;
  display_name: string;
  /** Argon2id of the password given with this registration. */
  password_hash: string;
  /** The language of the request, for the mail. */
  language: 'de' | 'en';
  expires_at: Date;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: ColumnType<Date, never, never>;
}
export type CitizenRegistrationRow = Selectable<CitizenRegistrationTable>;
export type NewCitizenRegistration = Insertable<CitizenRegistrationTable>;
