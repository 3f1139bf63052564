import { claimJobs, completeJob, failJob, type JobRow } from '@amtsweg/db';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { deliverWebhook } from './deliver-webhook';
import { fanOutCaseEvent } from './fan-out-case-event';
import { enqueueDueReminders, fireDueDeadlines, forEachLimited } from './fire-deadlines';
import { describeFailure, RetryLater, type JobContext } from './job-context';
import { runSchedules, sendStaffMail } from './run-schedules';
import { sendApplicantMail } from './send-applicant-mail';
import { ACCOUNT_MAIL_JOB, sendAccountMail } from './send-account-mail';

/** What each kind of job does; an unknown kind fails (and is kept, so a newer server can take it). */
const HANDLERS: Readonly<Record<string, (context: JobContext, job: JobRow) => Promise<void>>> = {
  caseEvent: fanOutCaseEvent,
  applicantMail: sendApplicantMail,
  staffMail: sendStaffMail,
  [ACCOUNT_MAIL_JOB]: sendAccountMail,
  deliverWebhook,
};

/**
 * Longest a job may run (at most half the lease); then it counts as failed and is tried again later, so no other
 * worker takes a job while the first may still be at it (a mail or delivery sent twice carries the same id).
 */
const JOB_TIMEOUT_MS = 60_000;

export interface WorkerOptions {
  /** How long to wait after a round that found nothing to do. */
  pollMs: number;
  /** Jobs and deadlines claimed per round. */
  batchSize?: number;
  /** Jobs run at once within a round. */
  concurrency?: number;
  /** How long a claim holds; a worker that dies lets its work go when it passes. Longer than any job may take. */
  leaseMs?: number;
}

export interface Worker {
  readonly id: string;
  /** Starts polling; rounds follow each other at once while there is work. */
  start(): void;
  /** Stops polling and waits for the round under way to finish. */
  stop(): Promise<void>;
  /** One round: schedules, due deadlines, due reminders, due jobs. Returns how much it found. */
  runOnce(): Promise<number>;
  /** Rounds until one finds nothing due (tests, benchmarks, the command line). */
  drain(): Promise<void>;
  /** Ends the wait of a polling worker: new work was just enqueued here (a retry by hand). */
  wake(): void;
}

/**
 * The background worker of one server process. Any number of processes run one each against the same database:
 * jobs and deadlines are claimed with `FOR UPDATE SKIP LOCKED` under a lease, so none is taken twice while its
 * lease holds and none is lost when a process dies (its lease runs out, another process takes it).
 *
 * @example
 * const worker = createWorker(context, { pollMs: 2000 });
 * worker.start();
 * // on shutdown
 * await worker.stop();
 */
export function createWorker(context: JobContext, options: WorkerOptions): Worker {
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 4;
  const leaseMs = options.leaseMs ?? 120_000;
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  // A job must finish well within its lease, or another worker could take it while it still runs.
  const jobTimeoutMs = Math.min(JOB_TIMEOUT_MS, leaseMs / 2);

  async function runJob(job: JobRow): Promise<void> {
    // A job claimed with the batch but reached late (the jobs before it were slow) is left for its lease to run out
    // rather than started so late that another worker may already take it over.
    if (job.locked_until && job.locked_until.getTime() - context.now().getTime() < jobTimeoutMs) return;
    const handler = HANDLERS[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await withTimeout(handler(context, job), jobTimeoutMs, `job took longer than ${jobTimeoutMs} ms`);
      await completeJob(context.db, job, id, context.now());
    } catch (error) {
      const failure = describeFailure(error);
      const outcome = await failJob(context.db, job, id, failure, context.now()).catch(() => 'unknown');
      const entry = { jobId: job.id, kind: job.kind, attempt: job.attempts, outcome, error: failure };
      if (outcome === 'failed') context.log.error(entry, 'job failed for good');
      else if (error instanceof RetryLater) context.log.info(entry, 'job will be tried again');
      else context.log.warn(entry, 'job failed; it will be tried again');
    }
  }

  async function runOnce(): Promise<number> {
    await runSchedules(context);
    const fired = await fireDueDeadlines(context, { limit: batchSize, leaseMs, concurrency });
    const reminded = await enqueueDueReminders(context, { limit: batchSize });
    const jobs = await claimJobs(context.db, { workerId: id, limit: batchSize, leaseMs, now: context.now() });
    await forEachLimited(jobs, concurrency, runJob);
    return fired + reminded + jobs.length;
  }

  async function poll(): Promise<void> {
    while (running) {
      let found = 0;
      try {
        found = await runOnce();
      } catch (error) {
        // The database may be briefly away; the next round tries again.
        context.log.error({ error: describeFailure(error) }, 'background work round failed');
      }
      if (found === 0 && running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  }

  return {
    id,
    start() {
      if (running) return;
      running = true;
      loop = poll();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
    runOnce,
    wake: () => wake?.(),
    async drain() {
      while ((await runOnce()) > 0);
    },
  };
}

/** The promise's outcome, or a rejection once `ms` have passed. */
function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
