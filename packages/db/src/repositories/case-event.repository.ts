import { toJsonColumn } from '../json-column';
import type { CaseEvent, NewCaseEvent } from '../tables/case-event.table';
import type { Executor } from './executor';

export type CaseEventInput = Omit<NewCaseEvent, 'details'> & { details?: Record<string, unknown> };

/** Appends to a case's history (never updated or deleted). */
export async function appendCaseEvent(db: Executor, event: CaseEventInput): Promise<void> {
  await appendCaseEvents(db, [event]);
}

/** Appends several events in one statement, in the given order. */
export async function appendCaseEvents(db: Executor, events: readonly CaseEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await db.insertInto('case_events').values(toCaseEventRows(events)).execute();
}

/** Events as rows of `case_events`. */
export function toCaseEventRows(events: readonly CaseEventInput[]): NewCaseEvent[] {
  return events.map(({ details, ...rest }) => ({ ...rest, details: toJsonColumn(details ?? {}) }));
}

export async function listCaseEvents(
  db: Executor,
  organisationId: string,
  caseId: string,
  options: { includeInternal: boolean },
): Promise<CaseEvent[]> {
  let query = db
    .selectFrom('case_events')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('case_id', '=', caseId);
  if (!options.includeInternal) query = query.where('internal', '=', false);
  return query.orderBy('seq').execute();
}
