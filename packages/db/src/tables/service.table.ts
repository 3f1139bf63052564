import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

export interface ServiceTable {
  id: string;
  organisation_id: string;
  slug: string;
  draft: ColumnType<unknown, string, string>;
  draft_revision: ColumnType<number, number | undefined, number>;
  published_version: number | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type Service = Selectable<ServiceTable>;
export type NewService = Insertable<ServiceTable>;
export type ServiceUpdate = Updateable<ServiceTable>;
