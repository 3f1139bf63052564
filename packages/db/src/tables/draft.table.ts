import type { ColumnType, Selectable } from 'kysely';

/** A citizen's unfinished application for one service (at most one per citizen and service). */
export interface DraftTable {
  organisation_id: string;
  user_id: string;
  service_id: string;
  /** The version the form was started on. */
  service_version: number;
  answers: ColumnType<unknown, string, string>;
  /** The page the citizen was on. */
  page_id: string | null;
  revision: number;
  updated_at: Date;
}
export type DraftRow = Selectable<DraftTable>;
