import { sql, type ExpressionBuilder } from 'kysely';
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
    await sql`create sequence if not exists ${sql.id(sequence)}`.execute(db);
    return draw();
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
