import { sql } from 'kysely';
import type { LoginThrottle } from '../tables/login-throttle.table';
import type { Executor } from './executor';

export interface LockoutPolicy {
  /** Failures before the first lock. */
  freeAttempts: number;
  baseLockSeconds: number;
  maxLockSeconds: number;
}

export interface LoginAddress {
  organisationId: string;
  kind: 'staff' | 'citizen';
  email: string;
}

/**
 * Takes one attempt for the address before its credential is checked: counts it as a failure, and from the
 * `freeAttempts`-th on locks the address for a time that doubles with each further failure (capped). One atomic
 * statement, so parallel attempts are all counted. Answers the count, or undefined while the address is locked
 * (nothing is counted then). A successful check clears the count (`clearLoginAttempts`).
 */
export async function claimLoginAttempt(db: Executor, address: LoginAddress, policy: LockoutPolicy): Promise<{ failures: number; lockedUntil: Date | null } | undefined> {
  // The exponent is capped before anything is cast to int: past the cap the lock is the maximum anyway, and an
  // uncapped power of two overflows after a few dozen failures.
  const lockFor = (failures: ReturnType<typeof sql>) =>
    sql`case when ${failures} >= ${policy.freeAttempts}::int
      then now() + make_interval(secs => least(${policy.maxLockSeconds}::int, ${policy.baseLockSeconds}::int * power(2, least(20, ${failures} - ${policy.freeAttempts}::int)))::int)
      end`;
  const { rows } = await sql<{ failures: number; locked_until: Date | null }>`
    insert into login_throttles as t (organisation_id, kind, email_key, failures, locked_until, updated_at)
    values (${address.organisationId}, ${address.kind}, ${address.email.toLowerCase()}, 1, ${lockFor(sql`1`)}, now())
    on conflict (organisation_id, kind, email_key) do update
      set failures = t.failures + 1, locked_until = ${lockFor(sql`(t.failures + 1)`)}, updated_at = now()
      where t.locked_until is null or t.locked_until <= now()
    returning failures, locked_until`.execute(db);
  const row = rows[0];
  return row ? { failures: row.failures, lockedUntil: row.locked_until } : undefined;
}

/** Forgets the failures of an address (a successful login, or an administrator unlocking it). */
export async function clearLoginAttempts(db: Executor, address: LoginAddress): Promise<void> {
  await db
    .deleteFrom('login_throttles')
    .where('organisation_id', '=', address.organisationId)
    .where('kind', '=', address.kind)
    .where('email_key', '=', address.email.toLowerCase())
    .execute();
}

export async function findLoginThrottle(db: Executor, address: LoginAddress): Promise<LoginThrottle | undefined> {
  return db
    .selectFrom('login_throttles')
    .selectAll()
    .where('organisation_id', '=', address.organisationId)
    .where('kind', '=', address.kind)
    .where('email_key', '=', address.email.toLowerCase())
    .executeTakeFirst();
}
