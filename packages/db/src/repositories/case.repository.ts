import { sql } from 'kysely';
import type { CaseRow, CaseUpdate, NewCase } from '../tables/case.table';
import type { Executor } from './executor';

export async function insertCase(db: Executor, row: NewCase): Promise<CaseRow> {
  return db.insertInto('cases').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findCaseById(db: Executor, organisationId: string, caseId: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('organisation_id', '=', organisationId).where('id', '=', caseId).executeTakeFirst();
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

/** The next number of the service's reference sequence in the year; gap-free within a committed transaction. */
export async function nextReferenceNumber(db: Executor, organisationId: string, serviceId: string, year: number): Promise<number> {
  const row = await db
    .insertInto('reference_counters')
    .values({ organisation_id: organisationId, service_id: serviceId, year, last_value: 1 })
    .onConflict((c) => c.columns(['service_id', 'year']).doUpdateSet({ last_value: sql`reference_counters.last_value + 1` }))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

export async function countCases(db: Executor, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
