import { sql } from 'kysely';
import type { CitizenRegistrationRow, NewCitizenRegistration } from '../tables/citizen-registration.table';
import type { Executor } from './executor';

/** How many unconfirmed registrations of one address stay valid; older ones go when a new one comes (pruneCitizenRegistrations). */
export const OPEN_REGISTRATIONS_PER_ADDRESS = 5;

/**
 * Holds the address (in its organisation) until the transaction ends: registering and confirming one address
 * take turns, so two of its links followed at once cannot deadlock — the later finds the address confirmed.
 */
export async function lockCitizenAddress(db: Executor, organisationId: string, email: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`citizen-registration:${organisationId}:${email.toLowerCase()}`}))`.execute(db);
}

/** How many registrations of an address (used or not) were made in the last `seconds` (by the database's clock). */
export async function countRecentCitizenRegistrations(db: Executor, organisationId: string, email: string, seconds: number): Promise<number> {
  const row = await db
    .selectFrom('citizen_registrations')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('organisation_id', '=', organisationId)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .where('created_at', '>', sql<Date>`now() - make_interval(secs => ${seconds})`)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Stores a registration waiting for its address to be confirmed. */
export async function insertCitizenRegistration(db: Executor, registration: NewCitizenRegistration): Promise<void> {
  await db.insertInto('citizen_registrations').values(registration).execute();
}

/**
 * Lets only the newest `keep` unconfirmed registrations of an address stay (someone registering an address over
 * and over cannot grow the table; 0 where the address has an account, whose registrations can never be confirmed).
 */
export async function pruneCitizenRegistrations(db: Executor, organisationId: string, email: string, keep: number): Promise<void> {
  const newest = db
    .selectFrom('citizen_registrations')
    .select('token_hash')
    .where('organisation_id', '=', organisationId)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .where('used_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('token_hash')
    .limit(keep);
  await db
    .deleteFrom('citizen_registrations')
    .where('organisation_id', '=', organisationId)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .where('used_at', 'is', null)
    .where('token_hash', 'not in', newest)
    .execute();
}

/** The registration of a link's token (its hash) in the organisation, locked until the transaction ends. */
export async function findCitizenRegistrationForUpdate(db: Executor, organisationId: string, tokenHash: string): Promise<CitizenRegistrationRow | undefined> {
  return db
    .selectFrom('citizen_registrations')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

/** The registration of a link's token (its hash), wherever it is. */
export async function findCitizenRegistration(db: Executor, tokenHash: string): Promise<CitizenRegistrationRow | undefined> {
  return db.selectFrom('citizen_registrations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/**
 * The address is confirmed (through one of its registrations): every unconfirmed registration of it is used up —
 * one account per address, so the other links answer like a used one.
 */
export async function useCitizenRegistrations(db: Executor, registration: Pick<CitizenRegistrationRow, 'organisation_id' | 'email'>, now: Date): Promise<void> {
  await db
    .updateTable('citizen_registrations')
    .set({ used_at: now })
    .where('organisation_id', '=', registration.organisation_id)
    .where(sql`lower(email)`, '=', registration.email.toLowerCase())
    .where('used_at', 'is', null)
    .execute();
}

/** Housekeeping: registrations whose link expired before `before` (used or not). Returns how many went. */
export async function deleteExpiredCitizenRegistrations(db: Executor, before: Date): Promise<number> {
  const result = await db.deleteFrom('citizen_registrations').where('expires_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
