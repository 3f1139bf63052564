import { toJsonColumn } from '../json-column';
import type { JobRow } from '../tables/job.table';
import type { Executor } from './executor';

/** The job kind announcing something that happened to a case (submitted, moved); it fans out into mails and webhooks. */
export const CASE_EVENT_JOB = 'caseEvent';

export interface NewJob {
  id: string;
  organisation_id: string;
  kind: string;
  payload: unknown;
  /** Work enqueued again under the same key is stored once. */
  dedupeKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/** Adds jobs (in the caller's transaction, so they exist exactly if the change that caused them commits). */
export async function enqueueJobs(db: Executor, jobs: readonly NewJob[]): Promise<void> {
  // In slices: one statement may carry at most 65,535 parameters, and a job takes seven.
  for (let start = 0; start < jobs.length; start += ENQUEUE_SLICE) await insertJobs(db, jobs.slice(start, start + ENQUEUE_SLICE));
}

const ENQUEUE_SLICE = 1000;

async function insertJobs(db: Executor, jobs: readonly NewJob[]): Promise<void> {
  await db
    .insertInto('jobs')
    .values(
      jobs.map((job) => ({
        id: job.id,
        organisation_id: job.organisation_id,
        kind: job.kind,
        payload: toJsonColumn(job.payload),
        dedupe_key: job.dedupeKey ?? null,
        ...(job.runAt ? { run_at: job.runAt } : {}),
        ...(job.maxAttempts ? { max_attempts: job.maxAttempts } : {}),
      })),
    )
    .onConflict((c) => c.column('dedupe_key').doNothing())
    .execute();
}

export interface ClaimOptions {
  /** Who claims: written to the rows, and only they may complete them. */
  workerId: string;
  limit: number;
  /** How long the claim holds; a worker that dies lets its jobs go when it passes. */
  leaseMs: number;
  now: Date;
}

/**
 * Claims due jobs: pending, due, and not held by a live lease. `FOR UPDATE SKIP LOCKED` lets any number of
 * processes claim at once without waiting on each other or taking the same job. Each claim counts an attempt.
 */
export async function claimJobs(db: Executor, options: ClaimOptions): Promise<JobRow[]> {
  const { now } = options;
  const leaseEnd = new Date(now.getTime() + options.leaseMs);
  return db
    .updateTable('jobs')
    .set((eb) => ({ locked_until: leaseEnd, locked_by: options.workerId, attempts: eb('attempts', '+', 1) }))
    .where(
      'id',
      'in',
      db
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'pending')
        .where('run_at', '<=', now)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .orderBy('run_at')
        .limit(options.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/** Marks a claimed job done; false if the lease was lost meanwhile (another worker has it now). */
export async function completeJob(db: Executor, job: Pick<JobRow, 'id'>, workerId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: now, locked_until: null, last_error: null })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The wait before the next attempt: 30 s, doubling, at most 6 hours, so 15 attempts span more than a day. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 6 * 60 * 60 * 1000);
}

/**
 * A claimed job failed: it is tried again after `retryDelayMs`, or given up (`failed`) after its last attempt.
 * Returns what became of it.
 */
export async function failJob(
  db: Executor,
  job: Pick<JobRow, 'id' | 'attempts' | 'max_attempts'>,
  workerId: string,
  error: string,
  now: Date,
): Promise<'retry' | 'failed'> {
  const outcome = job.attempts >= job.max_attempts ? 'failed' : 'retry';
  await db
    .updateTable('jobs')
    .set({
      locked_until: null,
      last_error: error.slice(0, 1000),
      ...(outcome === 'failed' ? { status: 'failed' as const, finished_at: now } : { run_at: new Date(now.getTime() + retryDelayMs(job.attempts)) }),
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'pending')
    .execute();
  return outcome;
}

/**
 * Puts a job back in line at once, with fresh attempts (an administrator retrying by hand) — unless a worker is
 * running it right now (`running`: it is being tried anyway). `missing` when there is no such job (any more).
 */
export async function requeueJob(db: Executor, organisationId: string, jobId: string, now: Date): Promise<'requeued' | 'running' | 'missing'> {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'pending', run_at: now, attempts: 0, locked_until: null, locked_by: null, finished_at: null })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', jobId)
    .where((eb) => eb.or([eb('status', '<>', 'pending'), eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .executeTakeFirst();
  if (result.numUpdatedRows > 0n) return 'requeued';
  const exists = await db.selectFrom('jobs').select('id').where('organisation_id', '=', organisationId).where('id', '=', jobId).executeTakeFirst();
  return exists ? 'running' : 'missing';
}

/**
 * Recurring work: true for exactly one caller per due moment, which has then moved `next_run_at` on.
 * A schedule seen for the first time is due at `firstRunAt`.
 */
export async function claimSchedule(db: Executor, name: string, now: Date, nextRunAt: Date, firstRunAt: Date = now): Promise<boolean> {
  await db.insertInto('job_schedules').values({ name, next_run_at: firstRunAt }).onConflict((c) => c.column('name').doNothing()).execute();
  const claimed = await db
    .updateTable('job_schedules')
    .set({ next_run_at: nextRunAt })
    .where('name', '=', name)
    .where('next_run_at', '<=', now)
    .executeTakeFirst();
  return claimed.numUpdatedRows > 0n;
}

/** Housekeeping: done jobs after `doneBefore`, given-up ones after `failedBefore`. Returns how many went. */
export async function deleteFinishedJobs(db: Executor, doneBefore: Date, failedBefore: Date): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'done'), eb('finished_at', '<', doneBefore)]),
        eb.and([eb('status', '=', 'failed'), eb('finished_at', '<', failedBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
