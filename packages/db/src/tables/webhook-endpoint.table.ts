import type { ColumnType, Selectable } from 'kysely';

/** Where an administrator wants to hear about a service's cases. */
export interface WebhookEndpointTable {
  id: string;
  organisation_id: string;
  service_id: string;
  url: string;
  /** Event names, e.g. `["case.submitted", "case.decided"]`. */
  events: ColumnType<string[], string, string>;
  /** The signing secret, sealed with a key derived from the server secret. */
  secret: string;
  description: ColumnType<string, string | undefined, string>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
}
export type WebhookEndpointRow = Selectable<WebhookEndpointTable>;
