import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../database';
import type { CaseRow, CaseUpdate } from '../tables/case.table';
import type { Executor } from './executor';

/**
 * Whom a case is looked up for. Staff see the cases of the services they hold a process role for; a citizen
 * sees the cases filed from their account; the system (and an access-token holder, checked by the caller)
 * sees every case of the organisation.
 */
export type CaseViewer = { kind: 'system' } | { kind: 'staff'; userId: string } | { kind: 'citizen'; userId: string };

export async function findCaseById(db: Executor, organisationId: string, caseId: string, viewer: CaseViewer = { kind: 'system' }): Promise<CaseRow | undefined> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', caseId)
    .where((eb) => caseVisibleTo(eb, organisationId, viewer))
    .executeTakeFirst();
}

/** The condition that limits a query over `cases` to what the viewer may see (within the organisation). */
export function caseVisibleTo(eb: ExpressionBuilder<Database, 'cases'>, organisationId: string, viewer: CaseViewer) {
  if (viewer.kind === 'citizen') return eb('cases.applicant_user_id', '=', viewer.userId);
  if (viewer.kind === 'staff') {
    return eb(
      'cases.service_id',
      'in',
      eb.selectFrom('user_service_roles').select('user_service_roles.service_id').where('user_service_roles.organisation_id', '=', organisationId).where('user_service_roles.user_id', '=', viewer.userId),
    );
  }
  return eb.lit(true);
}

/** What the inbox list asks for. Every filter is optional; an empty text counts as absent. */
export interface InboxFilter {
  serviceId?: string;
  state?: string;
  /** `null`: unassigned cases; a user id: that user's cases. */
  assigneeId?: string | null;
  /** Only active cases due before `now`. */
  overdue?: boolean;
  /** Found anywhere in the reference or the applicant's name, case-insensitively. */
  text?: string;
  sort: 'received' | 'due';
  /** Continue after this case: its sort key (`received_at`, or `due_at` / `infinity`) and id. */
  after?: { at: string; id: string };
  /** Rows the page query reads. */
  limit: number;
  now: Date;
}

/** The inbox's sort key for "by due date": cases without a due date last. The due-order index is on it. */
const DUE_KEY = sql<Date>`coalesce(due_at, 'infinity'::timestamptz)`;
/** The shortest text a trigram index can find by itself. */
const TRIGRAM_LENGTH = 3;

/**
 * The inbox's two queries, ready to run (the server runs them, `pnpm bench:inbox` explains them): a page of the
 * cases the viewer may see that match the filter, in sort order after the cursor; and the count per state of
 * those cases, whatever the state filter and cursor.
 *
 * @example
 * const { page, counts } = await buildInboxQueries(db, organisationId, viewer, { sort: 'received', limit: 26, now: new Date() });
 * const [rows, perState] = await Promise.all([page.execute(), counts.execute()]);
 */
export async function buildInboxQueries(db: Executor, organisationId: string, viewer: CaseViewer, filter: InboxFilter) {
  // A staff viewer's services are read first and given as a list. PostgreSQL estimates a list of values from the
  // column's statistics, but the rows a subquery lets through only blindly (348 for 40,983 at 100,000 cases), and
  // with that guess it sorted every visible case instead of walking an index in the list's order.
  const services = viewer.kind === 'staff' ? await listViewerServiceIds(db, organisationId, viewer.userId) : undefined;
  const textMatch = (eb: ExpressionBuilder<Database, 'cases'>) => {
    const pattern = `%${filter.text!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return eb.or([eb('reference', 'ilike', pattern), eb('applicant_name', 'ilike', pattern)]);
  };
  const otherConditions = (eb: ExpressionBuilder<Database, 'cases'>) => {
    const visible =
      services === undefined ? caseVisibleTo(eb, organisationId, viewer) : services.length === 0 ? eb.lit(false) : eb('service_id', 'in', services);
    const conditions = [eb('organisation_id', '=', organisationId), visible];
    if (filter.serviceId) conditions.push(eb('service_id', '=', filter.serviceId));
    if (filter.assigneeId === null) conditions.push(eb('assignee_id', 'is', null));
    else if (filter.assigneeId) conditions.push(eb('assignee_id', '=', filter.assigneeId));
    // The same as `due_at < now` (a case without a due date is never overdue), but on the due key, so the due-order
    // index stops at `now`.
    if (filter.overdue) conditions.push(eb.and([eb('status', '=', 'active'), eb(DUE_KEY, '<', filter.now)]));
    return eb.and(conditions);
  };
  const matches = (eb: ExpressionBuilder<Database, 'cases'>) => (filter.text ? eb.and([otherConditions(eb), textMatch(eb)]) : otherConditions(eb));
  // Counting the matches of a text of three or more characters: the trigram indexes find them (thousands at most,
  // organisation-wide), and the other conditions are checked on those rows. Written plainly, PostgreSQL also reads
  // the viewer's services from an index and intersects both bitmaps — 407,000 entries to find 4,844 at 1,000,000
  // cases (59 ms against 28 ms). `(…) is true` is the same condition in a form no index can answer.
  const countMatches =
    filter.text && filter.text.length >= TRIGRAM_LENGTH
      ? (eb: ExpressionBuilder<Database, 'cases'>) => eb.and([textMatch(eb), sql<SqlBool>`(${otherConditions(eb)}) is true`])
      : matches;

  let page = db
    .selectFrom('cases')
    .select(['id', 'reference', 'service_id', 'service_version', 'state', 'status', 'applicant_name', 'assignee_id', 'due_at', 'received_at'])
    .where(matches);
  if (filter.state) page = page.where('state', '=', filter.state);
  const { after } = filter;
  if (filter.sort === 'due') {
    if (after) page = page.where(sql<boolean>`(${DUE_KEY}, id) > (${after.at}::timestamptz, ${after.id}::uuid)`);
    page = page.orderBy(DUE_KEY, 'asc').orderBy('id', 'asc');
  } else {
    if (after) page = page.where(sql<boolean>`(received_at, id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
    page = page.orderBy('received_at', 'desc').orderBy('id', 'desc');
  }

  return { page: page.limit(filter.limit), counts: countByState(db, organisationId, viewer, filter, services, countMatches) };
}

/**
 * The count per state of the cases matching the filter. Open cases are counted live from the open-case index;
 * closed ones are summed from `closed_case_counts` (kept by triggers), unless the filter is one the summary
 * cannot answer (free text, a citizen's own cases): then they are counted live as well.
 */
function countByState(
  db: Executor,
  organisationId: string,
  viewer: CaseViewer,
  filter: InboxFilter,
  services: string[] | undefined,
  matches: (eb: ExpressionBuilder<Database, 'cases'>) => Expression<SqlBool>,
) {
  const countCases = (onlyOpen: boolean) =>
    db
      .selectFrom('cases')
      .select(['state', (eb) => eb.fn.countAll<string>().as('count')])
      .where(matches)
      .$if(onlyOpen, (query) => query.where('status', '=', 'active'))
      .groupBy('state');
  if (filter.text || viewer.kind === 'citizen') return countCases(false);
  // Closed cases are never overdue.
  if (filter.overdue) return countCases(true);
  const closed = db
    .selectFrom('closed_case_counts')
    .select(['state', (eb) => eb.fn.sum<string>('count').as('count')])
    .where('organisation_id', '=', organisationId)
    .$if(services !== undefined, (query) => (services!.length === 0 ? query.where(sql.lit(false)) : query.where('service_id', 'in', services!)))
    .$if(filter.serviceId !== undefined, (query) => query.where('service_id', '=', filter.serviceId!))
    .$if(filter.assigneeId === null, (query) => query.where('assignee_id', 'is', null))
    .$if(typeof filter.assigneeId === 'string', (query) => query.where('assignee_id', '=', filter.assigneeId!))
    .groupBy('state');
  // A state id may be final in one service and open in another: sum both parts per state.
  return db
    .selectFrom(countCases(true).unionAll(closed).as('parts'))
    .select(['state', (eb) => eb.fn.sum<string>('count').as('count')])
    .groupBy('state')
    .having((eb) => eb.fn.sum('count'), '>', 0);
}

/** The services a staff member holds any process role for. */
async function listViewerServiceIds(db: Executor, organisationId: string, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('user_service_roles')
    .select('service_id')
    .distinct()
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .execute();
  return rows.map((row) => row.service_id);
}

/** The cases a citizen filed from their account, newest first. */
export async function listApplicantCases(db: Executor, organisationId: string, userId: string, limit = 200): Promise<CaseRow[]> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('applicant_user_id', '=', userId)
    .orderBy('received_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Writes a change only if the case is still at `expectedVersion`, and bumps the version. Returns the updated
 * row, or undefined when someone else changed the case first (optimistic locking: exactly one writer wins).
 */
export async function updateCaseIfVersion(
  db: Executor,
  organisationId: string,
  caseId: string,
  expectedVersion: number,
  update: Omit<CaseUpdate, 'version' | 'updated_at'>,
): Promise<CaseRow | undefined> {
  return db
    .updateTable('cases')
    .set({ ...update, version: expectedVersion + 1, updated_at: new Date() })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', caseId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

/**
 * The next `count` numbers of the service's reference sequence in the year, ascending, from a PostgreSQL
 * sequence created on first use. A sequence hands out numbers without locking anything, so submissions never
 * queue behind each other for their Aktenzeichen; the price is a gap when a submission fails after drawing its
 * number. Call it outside the submission's transaction (creating the sequence must not abort that transaction).
 */
export async function drawReferenceNumbers(db: Executor, serviceId: string, year: number, count = 1): Promise<number[]> {
  // Service ids are UUIDs, so the name is plain lower-case letters, digits and underscores.
  const sequence = `case_reference_${serviceId.replace(/-/g, '').toLowerCase()}_${year}`;
  const draw = async () => {
    const { rows } = await sql<{ value: string }>`select nextval(${sequence}::regclass) as value from generate_series(1, ${count}::int)`.execute(db);
    return rows.map((row) => Number(row.value)).sort((a, b) => a - b);
  };
  try {
    return await draw();
  } catch (error) {
    if ((error as { code?: string }).code !== '42P01') throw error;
    await createSequenceIfMissing(db, sequence);
    return draw();
  }
}

/**
 * `create sequence if not exists` does not hold against a concurrent create: when two server processes draw the
 * first number of a service's year at the same moment (a new service, or just after New Year), both pass the
 * check and the second fails with a unique violation on the catalog (23505, `pg_class_relname_nsp_index`) or
 * 42P07. Either means the sequence exists now, which is all the caller needs.
 */
async function createSequenceIfMissing(db: Executor, sequence: string): Promise<void> {
  try {
    await sql`create sequence if not exists ${sql.id(sequence)}`.execute(db);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42P07') throw error;
  }
}

export async function countCases(db: Executor, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
