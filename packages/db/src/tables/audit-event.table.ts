import type { ColumnType, Selectable } from 'kysely';

/** Append-only record of security events: logins, failed logins, role changes, tokens. */
export interface AuditEventTable {
  id: string;
  seq: ColumnType<string, never, never>;
  organisation_id: string;
  at: ColumnType<Date, Date | undefined, never>;
  kind: string;
  actor_id: string | null;
  subject_id: string | null;
  ip: string | null;
  details: ColumnType<unknown, string | undefined, never>;
}
export type AuditEvent = Selectable<AuditEventTable>;
