import { sql } from 'kysely';
import type { Executor } from './executor';

export interface DeadlineChange {
  start: { id: string; state: string; action: string; dueAt: string; remindAt?: string }[];
  stop: string[];
}

/** Started deadlines as rows of `case_deadlines`. */
export function toDeadlineRows(organisationId: string, caseId: string, deadlines: DeadlineChange['start']) {
  return deadlines.map((d) => ({
    organisation_id: organisationId,
    case_id: caseId,
    deadline_id: d.id,
    state: d.state,
    action: d.action,
    due_at: new Date(d.dueAt),
    remind_at: d.remindAt === undefined ? null : new Date(d.remindAt),
  }));
}

/** Records started deadlines and removes stopped ones; returns the earliest due date still open. */
export async function applyDeadlineChanges(
  db: Executor,
  organisationId: string,
  caseId: string,
  change: DeadlineChange,
): Promise<Date | null> {
  if (change.stop.length > 0) {
    await db.deleteFrom('case_deadlines').where('organisation_id', '=', organisationId).where('case_id', '=', caseId).where('deadline_id', 'in', change.stop).execute();
  }
  if (change.start.length > 0) {
    await db
      .insertInto('case_deadlines')
      .values(toDeadlineRows(organisationId, caseId, change.start))
      .onConflict((c) =>
        c.columns(['case_id', 'deadline_id']).doUpdateSet((eb) => ({
          due_at: eb.ref('excluded.due_at'),
          state: eb.ref('excluded.state'),
          action: eb.ref('excluded.action'),
          remind_at: eb.ref('excluded.remind_at'),
          reminded_at: null,
          claimed_until: null,
        })),
      )
      .execute();
  }
  const next = await db
    .selectFrom('case_deadlines')
    .select((eb) => eb.fn.min('due_at').as('due_at'))
    .where('organisation_id', '=', organisationId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  // min() comes back as a Date from pg and PGlite alike; a fresh Date keeps callers independent of the driver.
  return next?.due_at ? new Date(next.due_at) : null;
}

/** A due deadline claimed for firing. */
export interface ClaimedDeadline {
  organisation_id: string;
  case_id: string;
  deadline_id: string;
  state: string;
  action: string;
  due_at: Date;
}

/**
 * Claims deadlines that are due and not held by a live claim, earliest first (`FOR UPDATE SKIP LOCKED`, so
 * processes never wait on each other or take the same one). The claim holds for `leaseMs`; firing removes the
 * deadline with the move it causes, in the move's transaction.
 */
export async function claimDueDeadlines(db: Executor, options: { now: Date; limit: number; leaseMs: number }): Promise<ClaimedDeadline[]> {
  const { now } = options;
  const result = await sql<ClaimedDeadline>`
    update case_deadlines d set claimed_until = ${new Date(now.getTime() + options.leaseMs)}
    from (
      select case_id, deadline_id from case_deadlines
      where due_at <= ${now} and (claimed_until is null or claimed_until < ${now})
      order by due_at
      limit ${options.limit}
      for update skip locked
    ) due
    where d.case_id = due.case_id and d.deadline_id = due.deadline_id
    returning d.organisation_id, d.case_id, d.deadline_id, d.state, d.action, d.due_at`.execute(db);
  return result.rows.map((row) => ({ ...row, due_at: new Date(row.due_at) }));
}

/** Lets a claimed deadline go: at once (`until` null, e.g. after a conflict), or not before `until`. */
export async function releaseDeadline(db: Executor, deadline: Pick<ClaimedDeadline, 'case_id' | 'deadline_id'>, until: Date | null): Promise<void> {
  await db.updateTable('case_deadlines').set({ claimed_until: until }).where('case_id', '=', deadline.case_id).where('deadline_id', '=', deadline.deadline_id).execute();
}

/** Removes a deadline that can no longer fire (its case left the state by a path that did not stop it). */
export async function deleteDeadline(db: Executor, deadline: Pick<ClaimedDeadline, 'organisation_id' | 'case_id' | 'deadline_id'>): Promise<void> {
  await db
    .deleteFrom('case_deadlines')
    .where('organisation_id', '=', deadline.organisation_id)
    .where('case_id', '=', deadline.case_id)
    .where('deadline_id', '=', deadline.deadline_id)
    .execute();
}

/** A reminder that is due: its deadline, marked reminded by the claim. */
export type DueReminder = ClaimedDeadline;

/**
 * Takes due reminders: marks them reminded and returns them, `FOR UPDATE SKIP LOCKED`. Call it in the
 * transaction that enqueues their e-mails, so a reminder is sent exactly if it was marked.
 */
export async function claimDueReminders(db: Executor, options: { now: Date; limit: number }): Promise<DueReminder[]> {
  const { now } = options;
  const result = await sql<DueReminder>`
    update case_deadlines d set reminded_at = ${now}
    from (
      select case_id, deadline_id from case_deadlines
      where remind_at <= ${now} and reminded_at is null and due_at > ${now}
      order by remind_at
      limit ${options.limit}
      for update skip locked
    ) due
    where d.case_id = due.case_id and d.deadline_id = due.deadline_id
    returning d.organisation_id, d.case_id, d.deadline_id, d.state, d.action, d.due_at`.execute(db);
  return result.rows.map((row) => ({ ...row, due_at: new Date(row.due_at) }));
}
