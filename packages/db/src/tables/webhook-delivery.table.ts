import type { ColumnType, Selectable } from 'kysely';

/** One event for one endpoint; its id is the delivery id the receiver deduplicates on. */
export interface WebhookDeliveryTable {
  id: string;
  organisation_id: string;
  endpoint_id: string;
  event: string;
  /** The event job it came from: the same event never makes two deliveries to one endpoint. */
  source: string;
  payload: ColumnType<unknown, string, never>;
  status: ColumnType<'pending' | 'delivered' | 'failed', 'pending' | undefined, 'pending' | 'delivered' | 'failed'>;
  attempts: ColumnType<number, never, number>;
  created_at: ColumnType<Date, Date | undefined, never>;
  delivered_at: ColumnType<Date | null, never, Date | null>;
  next_attempt_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;

/** One try to deliver: the receiver's status code or the error, and how long it took. */
export interface WebhookAttemptTable {
  delivery_id: string;
  at: Date;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
}
export type WebhookAttemptRow = Selectable<WebhookAttemptTable>;
