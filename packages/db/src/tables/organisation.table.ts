import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

/** How citizens reach the organisation, as its portal and documents show it. */
export interface OrganisationContact {
  email?: string;
  phone?: string;
  website?: string;
  openingHours?: string;
}

/** Text in German and English (English may be empty: German is shown then). */
export interface OrganisationText {
  de: string;
  en?: string;
}

/**
 * The legal pages of the organisation's portal, in simple Markdown: Impressum, Datenschutzerklärung and
 * Erklärung zur Barrierefreiheit with the address for feedback on barriers (BITV 2.0 § 7).
 */
export interface OrganisationLegalPages {
  imprint?: OrganisationText;
  privacy?: OrganisationText;
  accessibility?: OrganisationText;
  accessibilityFeedbackEmail?: string;
}

export interface OrganisationTable {
  id: string;
  slug: string;
  name: string;
  address: ColumnType<string, string | undefined, string>;
  /** Every staff account must log in with a second factor. */
  require_mfa: ColumnType<boolean, boolean | undefined, boolean>;
  /** Host names webhooks may reach (governance: nothing else can be registered or called). */
  webhook_hosts: ColumnType<string[], string | undefined, string>;
  contact: ColumnType<OrganisationContact, string | undefined, string>;
  /** The sender line and footer of documents, plain text. */
  letterhead: ColumnType<string, string | undefined, string>;
  logo: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  logo_type: ColumnType<'image/png' | 'image/jpeg' | null, 'image/png' | 'image/jpeg' | null | undefined, 'image/png' | 'image/jpeg' | null>;
  legal_pages: ColumnType<OrganisationLegalPages, string | undefined, string>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
/**
 * An organisation as requests and caches hold it: every column but the logo's bytes (read on its own with
 * `findOrganisationLogo`), so a per-request cache never carries up to 256 KB per organisation.
 */
export type Organisation = Omit<Selectable<OrganisationTable>, 'logo'>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type OrganisationUpdate = Updateable<OrganisationTable>;

/** A host name the portal answers on for one organisation. */
export interface OrganisationHostTable {
  host: string;
  organisation_id: string;
}
