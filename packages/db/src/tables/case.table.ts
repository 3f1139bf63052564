import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

export interface CaseTable {
  id: string;
  organisation_id: string;
  service_id: string;
  service_version: number;
  reference: string;
  state: string;
  status: 'active' | 'done';
  outcome: string | null;
  snapshot: ColumnType<unknown, string, string>;
  data: ColumnType<unknown, string, string>;
  applicant_name: ColumnType<string, string | undefined, string>;
  applicant_email: string | null;
  access_token_hash: string;
  /** The citizen account that filed the case, if the applicant was logged in. */
  applicant_user_id: ColumnType<string | null, string | null | undefined, never>;
  assignee_id: string | null;
  due_at: Date | null;
  received_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  closed_at: Date | null;
  /** The language the application was made in; the applicant's e-mails speak it. */
  language: ColumnType<string, string | undefined, never>;
  /** Optimistic lock: every change increments it; a write with a stale version changes nothing. */
  version: ColumnType<number, number | undefined, number>;
}
export type CaseRow = Selectable<CaseTable>;
export type NewCase = Insertable<CaseTable>;
export type CaseUpdate = Updateable<CaseTable>;
