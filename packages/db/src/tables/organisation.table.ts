import type { ColumnType, Insertable, Selectable } from 'kysely';

export interface OrganisationTable {
  id: string;
  slug: string;
  name: string;
  address: ColumnType<string, string | undefined, string>;
  created_at: ColumnType<Date, never, never>;
}
export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
