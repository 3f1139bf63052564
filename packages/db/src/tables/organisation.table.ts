import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

export interface OrganisationTable {
  id: string;
  slug: string;
  name: string;
  address: ColumnType<string, string | undefined, string>;
  /** Every staff account must log in with a second factor. */
  require_mfa: ColumnType<boolean, boolean | undefined, boolean>;
  /** Host names webhooks may reach (governance: nothing else can be registered or called). */
  webhook_hosts: ColumnType<string[], string | undefined, string>;
  created_at: ColumnType<Date, never, never>;
}
export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type OrganisationUpdate = Updateable<OrganisationTable>;
