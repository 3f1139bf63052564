import type { ColumnType, Insertable, Selectable } from 'kysely';

/** A published version: immutable once written (no Updateable type on purpose). */
export interface ServiceVersionTable {
  organisation_id: string;
  service_id: string;
  version: number;
  definition: ColumnType<unknown, string, never>;
  submission_schema: ColumnType<unknown, string, never>;
  published_at: ColumnType<Date, never, never>;
}
export type ServiceVersion = Selectable<ServiceVersionTable>;
export type NewServiceVersion = Insertable<ServiceVersionTable>;
