import type { Executor } from './executor';

export interface DeadlineChange {
  start: { id: string; state: string; action: string; dueAt: string }[];
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
