import type { ColumnType } from 'kysely';

/** Effects that leave the system (mail, webhooks), written in the same transaction as the change. */
export interface OutboxTable {
  id: string;
  organisation_id: string;
  kind: string;
  payload: ColumnType<unknown, string, never>;
  created_at: ColumnType<Date, never, never>;
  processed_at: Date | null;
}
