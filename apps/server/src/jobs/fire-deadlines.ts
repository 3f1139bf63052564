import {
  claimDueDeadlines,
  claimDueReminders,
  deleteDeadline,
  enqueueJobs,
  findCaseById,
  findOrganisationById,
  releaseDeadline,
  type ClaimedDeadline,
  type Organisation,
} from '@amtsweg/db';
import { randomUUID } from 'node:crypto';
import { AppError } from '../app-error';
import { SYSTEM_ACTOR } from '../cases/case-actor';
import { takeCaseAction } from '../cases/take-case-action';
import { loadVersion } from '../services/load-version';
import { describeFailure, type JobContext } from './job-context';
import type { ApplicantMailPayload } from './send-applicant-mail';

const REFUSED_RETRY_MS = 60 * 60 * 1000;
const FAILED_RETRY_MS = 60 * 1000;

/**
 * Fires the deadlines that are due, earliest first: each takes its action through the same path as a person's
 * action (`takeCaseAction`), as the system. The move removes the deadline in its own transaction, and the case's
 * version check lets exactly one of several processes move the case, so every deadline fires once. Deadlines that
 * fell due while no server ran are simply due now: they fire at the next start.
 * Returns how many were claimed.
 */
export async function fireDueDeadlines(context: JobContext, options: { limit: number; leaseMs: number; concurrency: number }): Promise<number> {
  const claimed = await claimDueDeadlines(context.db, { now: context.now(), limit: options.limit, leaseMs: options.leaseMs });
  // A round's deadlines mostly belong to one or a few organisations: each is read once per round.
  const organisations = new Map<string, Promise<Organisation | undefined>>();
  const organisationOf = (id: string) => organisations.get(id) ?? organisations.set(id, findOrganisationById(context.db, id)).get(id)!;
  await forEachLimited(claimed, options.concurrency, (deadline) => fireDeadline(context, deadline, organisationOf));
  return claimed.length;
}

async function fireDeadline(context: JobContext, deadline: ClaimedDeadline, organisationOf: (id: string) => Promise<Organisation | undefined>): Promise<void> {
  const { db, log } = context;
  const where = { caseId: deadline.case_id, deadline: deadline.deadline_id, action: deadline.action };
  try {
    const [organisation, caseRow] = await Promise.all([organisationOf(deadline.organisation_id), findCaseById(db, deadline.organisation_id, deadline.case_id)]);
    // Leaving a state stops its deadlines in the same transaction, so this is a leftover: nothing to fire.
    if (!organisation || !caseRow || caseRow.status !== 'active' || caseRow.state !== deadline.state) {
      await deleteDeadline(db, deadline);
      return;
    }
    const version = await loadVersion(context, caseRow.organisation_id, caseRow.service_id, caseRow.service_version);
    await takeCaseAction(db, organisation, caseRow, version, deadline.action, SYSTEM_ACTOR, { expectedVersion: caseRow.version }, context.now());
    log.info(where, 'deadline fired');
  } catch (error) {
    if (error instanceof AppError && error.code === 'CASE_CONFLICT') {
      // Someone acted on the case meanwhile: look again at once (the deadline is gone if the case left its state).
      await releaseDeadline(db, deadline, null);
    } else if (error instanceof AppError) {
      // The process refuses the action now (a guard): try again in an hour rather than every round.
      log.warn({ ...where, code: error.code, reason: error.details.reason }, 'deadline could not fire; trying again in an hour');
      await releaseDeadline(db, deadline, new Date(context.now().getTime() + REFUSED_RETRY_MS));
    } else {
      log.error({ ...where, error: describeFailure(error) }, 'deadline failed; trying again in a minute');
      await releaseDeadline(db, deadline, new Date(context.now().getTime() + FAILED_RETRY_MS)).catch(() => undefined);
    }
  }
}

/**
 * Reminders that are due become e-mail jobs; the deadline is marked reminded in the same transaction, so each
 * reminder is enqueued exactly once however many processes look. Returns how many.
 */
export async function enqueueDueReminders(context: JobContext, options: { limit: number }): Promise<number> {
  return context.db.transaction().execute(async (trx) => {
    const due = await claimDueReminders(trx, { now: context.now(), limit: options.limit });
    await enqueueJobs(
      trx,
      due.map((reminder) => {
        const payload: ApplicantMailPayload = { caseId: reminder.case_id, occasion: 'reminder', dueAt: reminder.due_at.toISOString() };
        return { id: randomUUID(), organisation_id: reminder.organisation_id, kind: 'applicantMail', payload };
      }),
    );
    return due.length;
  });
}

/** Runs `work` for every item, at most `limit` at once. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
