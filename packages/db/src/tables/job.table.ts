import type { ColumnType, Selectable } from 'kysely';

/** Background work waiting, running, done or given up (`FOR UPDATE SKIP LOCKED` claims it; see job.repository). */
export interface JobTable {
  id: string;
  organisation_id: string;
  /** What to do: `caseEvent`, `applicantMail`, `staffMail`, `accountMail`, `deliverWebhook`. */
  kind: string;
  payload: ColumnType<unknown, string | undefined, never>;
  /** Work enqueued twice under one key is stored once. */
  dedupe_key: ColumnType<string | null, string | null | undefined, never>;
  status: ColumnType<'pending' | 'done' | 'failed', never, 'pending' | 'done' | 'failed'>;
  run_at: ColumnType<Date, Date | undefined, Date>;
  attempts: ColumnType<number, never, number>;
  max_attempts: ColumnType<number, number | undefined, never>;
  /** A claimed job is someone's until then; a worker that died lets it go when the lease ends. */
  locked_until: ColumnType<Date | null, never, Date | null>;
  locked_by: ColumnType<string | null, never, string | null>;
  last_error: ColumnType<string | null, never, string | null>;
  created_at: ColumnType<Date, never, never>;
  finished_at: ColumnType<Date | null, never, Date | null>;
}
export type JobRow = Selectable<JobTable>;
