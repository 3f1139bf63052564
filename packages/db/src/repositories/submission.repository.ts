import { toJsonColumn } from '../json-column';
import type { NewCase } from '../tables/case.table';
import { toCaseEventRows, type CaseEventInput } from './case-event.repository';
import { toDeadlineRows, type DeadlineChange } from './case-deadline.repository';
import { toDocumentRows, type DocumentInput } from './document.repository';
import type { Executor } from './executor';

export interface NewSubmission {
  caseRow: NewCase;
  events: readonly CaseEventInput[];
  deadlines: DeadlineChange['start'];
  documents: readonly DocumentInput[];
  idempotency?: { key: string; requestHash: string; response: unknown };
}

/** Thrown when the Idempotency-Key was stored by another request first; nothing of this submission is written. */
export class IdempotencyKeyTaken extends Error {
  constructor() {
    super('Idempotency-Key already used');
  }
}

/**
 * Writes a new case with everything that belongs to it (events, deadlines, documents, idempotency key) in ONE
 * statement of data-modifying CTEs: one round trip, and atomic like a transaction. Submissions are the hot
 * path; a multi-statement transaction spent most of its time waiting for round trips.
 */
export async function insertSubmission(db: Executor, submission: NewSubmission): Promise<void> {
  const { caseRow, events, deadlines, documents, idempotency } = submission;
  const organisationId = caseRow.organisation_id;
  let query = db
    .with('new_case', (q) => q.insertInto('cases').values(caseRow).returning('id'))
    .with('new_events', (q) =>
      q.insertInto('case_events').values(toCaseEventRows(events)).returning('id'),
    );
  if (documents.length > 0) {
    query = query.with('new_documents', (q) =>
      q.insertInto('documents').values(toDocumentRows(documents)).returning('id'),
    ) as unknown as typeof query;
  }
  if (deadlines.length > 0) {
    query = query.with('new_deadlines', (q) =>
      q.insertInto('case_deadlines').values(toDeadlineRows(organisationId, caseRow.id, deadlines)).returning('case_id'),
    ) as unknown as typeof query;
  }
  if (idempotency) {
    query = query.with('new_key', (q) =>
      q
        .insertInto('idempotency_keys')
        .values({
          organisation_id: organisationId,
          key: idempotency.key,
          request_hash: idempotency.requestHash,
          case_id: caseRow.id,
          response: toJsonColumn(idempotency.response),
        })
        .returning('key'),
    ) as unknown as typeof query;
  }
  try {
    await query.selectFrom('new_case').select('new_case.id').execute();
  } catch (error) {
    // A unique violation on the key's primary key: another request with this key won the race.
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (idempotency && code === '23505' && (constraint === undefined || constraint === 'idempotency_keys_pk')) {
      throw new IdempotencyKeyTaken();
    }
    throw error;
  }
}
