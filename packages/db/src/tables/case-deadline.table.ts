import type { ColumnType } from 'kysely';

export interface CaseDeadlineTable {
  organisation_id: string;
  case_id: string;
  deadline_id: string;
  state: string;
  action: string;
  due_at: Date;
  /** When to remind the applicant; `reminded_at` once the reminder is on its way. */
  remind_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  reminded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** A worker firing it holds it until then; a worker that died lets it go when this passes. */
  claimed_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
