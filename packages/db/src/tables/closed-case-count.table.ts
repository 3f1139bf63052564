import type { ColumnType } from 'kysely';

/**
 * Closed cases per service, state and assignee, kept by triggers on `cases` (migration 0009); never written by
 * the application. `count` is a PostgreSQL bigint, read as a string.
 */
export interface ClosedCaseCountTable {
  organisation_id: string;
  service_id: string;
  state: string;
  assignee_id: string | null;
  count: ColumnType<string, never, never>;
}
