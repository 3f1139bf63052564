import type { ColumnType, Insertable, Selectable } from 'kysely';

/** Append-only history: no Updateable type on purpose. */
export interface CaseEventTable {
  id: string;
  seq: ColumnType<string, never, never>;
  organisation_id: string;
  case_id: string;
  at: ColumnType<Date, Date | undefined, never>;
  kind: 'submitted' | 'action' | 'assigned' | 'note' | 'reply';
  actor_id: string;
  actor_role: string;
  action: string | null;
  from_state: string | null;
  to_state: string | null;
  comment: string | null;
  details: ColumnType<unknown, string | undefined, never>;
  /** Internal notes are never shown to the applicant. */
  internal: ColumnType<boolean, boolean | undefined, never>;
}
export type CaseEvent = Selectable<CaseEventTable>;
export type NewCaseEvent = Insertable<CaseEventTable>;
