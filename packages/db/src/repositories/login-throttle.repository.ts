import { sql } from 'kysely';
import type { Executor } from './executor';

/**
 * How failed logins hold back the client that made them: `freeAttempts` failures are free, then the client waits
 * `baseWaitSeconds`, doubling with each further failure, at most `maxWaitSeconds`. The count decays — halved every
 * `halfLifeSeconds` — so a client that stops failing is soon back to its free attempts.
 */
export interface ThrottlePolicy {
  freeAttempts: number;
  baseWaitSeconds: number;
  maxWaitSeconds: number;
  halfLifeSeconds: number;
}

export interface LoginAddress {
  organisationId: string;
  kind: 'staff' | 'citizen';
  email: string;
}

/**
 * The client key of failures that only someone holding the password (or a session) can cause: second-factor
 * codes and the current password. Counted for the account as a whole, so changing networks does not reset it.
 */
export const ACCOUNT_WIDE_CLIENT = 'account';

/** An attempt granted (and counted as a failure until it succeeds), or refused while the client waits. */
export type LoginClaim =
  | { granted: true; failures: number; lockedUntil: Date | null }
  | { granted: false; retryAfterSeconds: number };

/**
 * Takes one attempt for the address from one client before its credential is checked: counts it as a failure
 * (on the decayed count) and, from the `freeAttempts`-th on, makes this client wait. One atomic statement, so
 * parallel attempts are all counted; an attempt refused while the client waits counts nothing. Other clients of
 * the same address are not affected. A successful check clears the client's count (`clearLoginAttempts`).
 */
export async function claimLoginAttempt(db: Executor, address: LoginAddress, client: string, policy: ThrottlePolicy): Promise<LoginClaim> {
  const decayed = sql`(t.score * power(0.5, greatest(0, extract(epoch from (now() - t.updated_at))::float8) / ${policy.halfLifeSeconds}::float8))`;
  // The count is taken in whole failures (rounded): five failures within a few minutes are five, although the
  // first have decayed a little. The exponent is capped before the power: past the cap the wait is the maximum.
  const waitUntil = (score: ReturnType<typeof sql>) =>
    sql`case when round(${score}) >= ${policy.freeAttempts}::float8
      then now() + make_interval(secs => least(${policy.maxWaitSeconds}::float8, ${policy.baseWaitSeconds}::float8 * power(2, least(20, greatest(0, ${score} - ${policy.freeAttempts}::float8)))))
      end`;
  const key = { organisation_id: address.organisationId, kind: address.kind, email_key: address.email.toLowerCase(), client_key: client };
  // The refusal's wait is read in the same statement (from its snapshot), so it cannot miss a row it just saw.
  const { rows } = await sql<{ granted: boolean; failures: number | null; locked_until: Date | null; wait_seconds: number | null }>`
    with claimed as (
      insert into login_throttles as t (organisation_id, kind, email_key, client_key, failures, score, locked_until, updated_at)
      values (${key.organisation_id}, ${key.kind}, ${key.email_key}, ${key.client_key}, 1, 1, ${waitUntil(sql`1::float8`)}, now())
      on conflict (organisation_id, kind, email_key, client_key) do update
        set failures = t.failures + 1, score = ${decayed} + 1, locked_until = ${waitUntil(sql`(${decayed} + 1)`)}, updated_at = now()
        where t.locked_until is null or t.locked_until <= now()
      returning failures, locked_until
    )
    select true as granted, failures, locked_until, null::float8 as wait_seconds from claimed
    union all
    select false, null, null, extract(epoch from (t.locked_until - now()))::float8 from login_throttles t
      where t.organisation_id = ${key.organisation_id} and t.kind = ${key.kind} and t.email_key = ${key.email_key} and t.client_key = ${key.client_key}
        and not exists (select 1 from claimed)`.execute(db);
  const row = rows[0];
  if (row?.granted) return { granted: true, failures: Number(row.failures), lockedUntil: row.locked_until };
  return { granted: false, retryAfterSeconds: Math.max(1, Math.ceil(Number(row?.wait_seconds ?? 1))) };
}

/**
 * Forgets the failures of an address from one client (its successful login), or from every client (an
 * administrator lifting the waits).
 */
export async function clearLoginAttempts(db: Executor, address: LoginAddress, client?: string): Promise<void> {
  let query = db
    .deleteFrom('login_throttles')
    .where('organisation_id', '=', address.organisationId)
    .where('kind', '=', address.kind)
    .where('email_key', '=', address.email.toLowerCase());
  if (client !== undefined) query = query.where('client_key', '=', client);
  await query.execute();
}

/** What administrators see of an address's login throttle (its failed logins are counted from the audit log). */
export interface LoginThrottleSummary {
  /** Clients waiting now (the account-wide count of second-factor failures among them). */
  waitingClients: number;
  /** Until when the last of them waits; null when none does. */
  waitingUntil: Date | null;
}

export async function summariseLoginThrottles(db: Executor, address: LoginAddress): Promise<LoginThrottleSummary> {
  const { rows } = await sql<{ waiting_clients: string | number; waiting_until: Date | null }>`
    select count(*) filter (where locked_until > now()) as waiting_clients,
           max(locked_until) filter (where locked_until > now()) as waiting_until
    from login_throttles
    where organisation_id = ${address.organisationId} and kind = ${address.kind} and email_key = ${address.email.toLowerCase()}`.execute(db);
  const row = rows[0];
  return { waitingClients: Number(row?.waiting_clients ?? 0), waitingUntil: row?.waiting_until ?? null };
}

/** Housekeeping: drops counts whose last failure is older than `before` and whose wait is over (long decayed). */
export async function deleteStaleLoginThrottles(db: Executor, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('login_throttles')
    .where('updated_at', '<', before)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
