import { randomUUID } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import { CASE_EVENT_JOB } from './job.repository';
import type { NewCase } from '../tables/case.table';
import type { CaseEventInput } from './case-event.repository';
import type { DeadlineChange } from './case-deadline.repository';
import type { DocumentInput } from './document.repository';
import type { Executor } from './executor';

export interface NewSubmission {
  /** The case; `snapshot` and `data` as values (they are written as JSON once, with everything else). */
  caseRow: Omit<NewCase, 'snapshot' | 'data'> & { snapshot: unknown; data: unknown };
  events: readonly CaseEventInput[];
  deadlines: DeadlineChange['start'];
  documents: readonly DocumentInput[];
  /** The key with the answer to replay, who sent it (null: anonymous) and the access token, sealed. */
  idempotency?: { key: string; requestHash: string; response: unknown; callerId: string | null; accessTokenSealed: string };
}

/** Thrown when the Idempotency-Key was stored by another request first; nothing of this submission is written. */
export class IdempotencyKeyTaken extends Error {
  constructor() {
    super('Idempotency-Key already used');
  }
}

// One statement of data-modifying CTEs, atomic like a transaction, with a constant text: the rows of one or
// more submissions arrive as six JSON arrays and PostgreSQL unpacks them into the tables' own row types. So a
// statement costs one round trip and one commit, nothing to build per submission, and can be prepared once per
// connection (see create-database). Events keep their array order (`seq` is assigned in insertion order).
export const INSERT_SUBMISSION_SQL = `
with new_case as (
  insert into cases (id, organisation_id, service_id, service_version, reference, state, status, outcome, snapshot,
    data, applicant_name, applicant_email, access_token_hash, applicant_user_id, assignee_id, due_at, received_at, closed_at, language)
  select id, organisation_id, service_id, service_version, reference, state, status, outcome, snapshot,
    data, coalesce(applicant_name, ''), applicant_email, access_token_hash, applicant_user_id, assignee_id, due_at, received_at, closed_at,
    coalesce(language, 'de')
  from jsonb_populate_recordset(null::cases, $1::jsonb)
  returning id
), new_events as (
  insert into case_events (id, organisation_id, case_id, at, kind, actor_id, actor_role, action, from_state, to_state,
    comment, details, internal)
  select e.id, e.organisation_id, e.case_id, e.at, e.kind, e.actor_id, e.actor_role, e.action, e.from_state, e.to_state,
    e.comment, coalesce(e.details, '{}'::jsonb), coalesce(e.internal, false)
  from jsonb_populate_recordset(null::case_events, $2::jsonb) with ordinality as e
  order by e.ordinality
  returning id
), new_documents as (
  insert into documents (id, organisation_id, case_id, template_id, kind, title, content, created_at)
  select id, organisation_id, case_id, template_id, kind, title, content, created_at
  from jsonb_populate_recordset(null::documents, $3::jsonb)
  returning id
), new_deadlines as (
  insert into case_deadlines (organisation_id, case_id, deadline_id, state, action, due_at, remind_at)
  select organisation_id, case_id, deadline_id, state, action, due_at, remind_at
  from jsonb_populate_recordset(null::case_deadlines, $4::jsonb)
  returning case_id
), new_key as (
  insert into idempotency_keys (organisation_id, key, request_hash, case_id, response, caller_id, access_token_sealed)
  select organisation_id, key, request_hash, case_id, response, caller_id, access_token_sealed
  from jsonb_populate_recordset(null::idempotency_keys, $5::jsonb)
  returning key
), new_jobs as (
  insert into jobs (id, organisation_id, kind, payload, run_at)
  select id, organisation_id, kind, payload, coalesce(run_at, now())
  from jsonb_populate_recordset(null::jobs, $6::jsonb)
  returning id
)
select id from new_case`;

/**
 * Writes new cases with everything that belongs to each (events, deadlines, documents, idempotency key, the job announcing it) in ONE
 * statement: one round trip and one commit for all of them, atomic like a transaction (all or none).
 * Submissions are the hot path; a multi-statement transaction spent most of its time waiting for round trips.
 * Throws `IdempotencyKeyTaken` when a single submission's key was stored by another request first.
 */
export async function insertSubmissions(db: Executor, submissions: readonly NewSubmission[]): Promise<void> {
  const cases: NewSubmission['caseRow'][] = [];
  const events: CaseEventInput[] = [];
  const documents: DocumentInput[] = [];
  const deadlines: object[] = [];
  const keys: object[] = [];
  const jobs: object[] = [];
  for (const submission of submissions) {
    const { caseRow, idempotency } = submission;
    const organisation_id = caseRow.organisation_id;
    const case_id = caseRow.id;
    cases.push(caseRow);
    events.push(...submission.events);
    documents.push(...submission.documents);
    for (const d of submission.deadlines) {
      deadlines.push({ organisation_id, case_id, deadline_id: d.id, state: d.state, action: d.action, due_at: d.dueAt, remind_at: d.remindAt ?? null });
    }
    // What happened, for the background work (e-mail to the applicant, webhooks), committed with the case.
    jobs.push({ id: randomUUID(), organisation_id, kind: CASE_EVENT_JOB, payload: { event: 'case.submitted', caseId: case_id, serviceId: caseRow.service_id, state: caseRow.state }, run_at: caseRow.received_at });
    if (idempotency) {
      keys.push({
        organisation_id,
        key: idempotency.key,
        request_hash: idempotency.requestHash,
        case_id,
        response: idempotency.response,
        caller_id: idempotency.callerId,
        access_token_sealed: idempotency.accessTokenSealed,
      });
    }
  }
  const parameters = [cases, events, documents, deadlines, keys, jobs].map((rows) => JSON.stringify(rows));
  try {
    await db.executeQuery(CompiledQuery.raw(INSERT_SUBMISSION_SQL, parameters));
  } catch (error) {
    // A unique violation on the key's primary key: another request with this key won the race.
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (submissions.length === 1 && keys.length === 1 && code === '23505' && (constraint === undefined || constraint === 'idempotency_keys_pk')) {
      throw new IdempotencyKeyTaken();
    }
    throw error;
  }
}
