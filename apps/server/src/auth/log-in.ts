import {
  ACCOUNT_WIDE_CLIENT,
  appendAuditEvent,
  claimLoginAttempt,
  clearLoginAttempts,
  deleteUserSessions,
  findUserByEmail,
  updateUser,
  type LoginAddress,
  type LoginClaim,
  type Organisation,
  type ThrottlePolicy,
  type UserRow,
} from '@amtsweg/db';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../app-error';
import { formatWait } from '../format-wait';
import { clientAddressKey } from './client-address';
import { verifyPassword } from './password';
import type { LoginStage } from './principal';
import { summariseUserAgent } from './session-client';

/**
 * Five failures from one client are free; then that client waits 30 s, doubling with each further failure, at
 * most 15 min. The count halves every hour, so a client that stops failing is soon back to its free attempts.
 * Other clients are never held back by it (issue 18, finding 2).
 */
export const THROTTLE_POLICY: ThrottlePolicy = { freeAttempts: 5, baseWaitSeconds: 30, maxWaitSeconds: 900, halfLifeSeconds: 3600 };

/** The same answer for an unknown address and a wrong password: nothing to enumerate. */
export const INVALID_CREDENTIALS = {
  de: 'E-Mail-Adresse oder Passwort stimmen nicht.',
  en: 'The email address or password is wrong.',
};

/**
 * Checks an address and password. The attempt is counted for the address and the requesting client — a browser
 * that logged in to the address before, else the network address — (known address or not) before the password
 * is checked, so parallel guesses cannot get past the throttle and no lock is held during the check. While this client waits, the answer is 429 `LOGIN_THROTTLED` with Retry-After — the same
 * for known and unknown addresses, since only this client's own failures decide it — and the password is not
 * checked. Otherwise every path costs the same: one count, one Argon2 verification (an unknown address against a
 * hash of a random password), one audit entry on failure — so neither answer nor timing tells which addresses
 * have accounts. A correct password clears this client's count, and only this client's.
 */
export async function checkPassword(
  app: FastifyInstance,
  request: FastifyRequest,
  organisation: Organisation,
  kind: UserRow['kind'],
  email: string,
  password: string,
): Promise<UserRow | undefined> {
  const db = app.database.db;
  const address = { organisationId: organisation.id, kind, email };
  const user = await findUserByEmail(db, organisation.id, kind, email);
  const known = user && !user.disabled_at && user.password_hash !== null;
  return countedCheck(app, request, {
    address,
    client: knownBrowser(app, request, address) ?? clientAddressKey(request),
    user,
    details: user ? {} : { email: email.slice(0, 254) },
    failureReason: !user ? 'unknown-account' : !known ? 'disabled' : 'wrong-password',
    // Always one Argon2 verification, known address or not. Guessing the second factor is counted for the
    // account (`checkAccountSecret`), which a correct password does not clear.
    verify: async () => ((await verifyPassword(user?.password_hash, password)) && known ? user : undefined),
  });
}

/**
 * Checks the password a registration waiting for confirmation was made with (its link alone creates no account),
 * counted like a login of the registered address from this client: refused with 429 `LOGIN_THROTTLED` while the
 * client waits, a failure counts (and is audited), a success clears this client's count.
 */
export async function checkRegistrationPassword(
  app: FastifyInstance,
  request: FastifyRequest,
  address: LoginAddress,
  passwordHash: string,
  password: string,
): Promise<boolean> {
  const confirmed = await countedCheck(app, request, {
    address,
    client: knownBrowser(app, request, address) ?? clientAddressKey(request),
    details: { email: address.email.slice(0, 254), registration: true },
    failureReason: 'wrong-password',
    verify: async () => ((await verifyPassword(passwordHash, password)) ? true : undefined),
  });
  return confirmed === true;
}

/**
 * Checks a further secret of a logged-in (or half logged-in) account — a second-factor code, the current
 * password. Only someone who has the password or a session gets here, so these failures are counted for the
 * account as a whole (whatever the network; a password login does not reset it): refused with 429
 * `LOGIN_THROTTLED` while it waits, a failure counts, a success clears the count. `verify` must use up what it
 * accepts atomically (a TOTP step, a recovery code).
 */
export async function checkAccountSecret<T>(
  app: FastifyInstance,
  request: FastifyRequest,
  user: UserRow,
  reason: string,
  verify: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const address: LoginAddress = { organisationId: user.organisation_id, kind: user.kind, email: user.email };
  return countedCheck(app, request, { address, client: ACCOUNT_WIDE_CLIENT, user, failureReason: reason, verify });
}

/**
 * One counted check of a secret, the same for passwords and second factors: the attempt is claimed for the
 * address and client before `verify` runs (so parallel guesses are all counted); while the client waits the
 * answer is 429 `LOGIN_THROTTLED` (audited) and `verify` does not run; a success clears the client's count, a
 * failure is audited with `failureReason`.
 */
async function countedCheck<T>(
  app: FastifyInstance,
  request: FastifyRequest,
  check: { address: LoginAddress; client: string; user?: UserRow; details?: Record<string, unknown>; failureReason: string; verify: () => Promise<T | undefined> },
): Promise<T | undefined> {
  const { address, client, user, details = {} } = check;
  const attempt = await claimLoginAttempt(app.database.db, address, client, THROTTLE_POLICY);
  if (!attempt.granted) {
    await auditFailure(app, request, address.organisationId, user, attempt, 'throttled', details);
    throw throttled(client === ACCOUNT_WIDE_CLIENT ? 'account' : 'client', attempt.retryAfterSeconds);
  }
  const result = await check.verify();
  if (result !== undefined) {
    await clearLoginAttempts(app.database.db, address, client);
    return result;
  }
  await auditFailure(app, request, address.organisationId, user, attempt, check.failureReason, details);
  return undefined;
}

/**
 * A browser that logged in to this address before carries a cookie naming it (sealed with the server secret and
 * bound to the address): its failures are counted for it alone, so even someone failing from the same network
 * (one office behind one public address) does not hold it back. Only a correct password earns the cookie.
 */
const KNOWN_BROWSER_COOKIE = 'amtsweg_login_client';
const KNOWN_BROWSER_DAYS = 180;

function knownBrowser(app: FastifyInstance, request: FastifyRequest, address: LoginAddress): string | undefined {
  const sealed = request.cookies[KNOWN_BROWSER_COOKIE];
  // Tampered, of another address, or sealed under another server secret: the network address counts instead.
  const id = sealed ? app.secrets.tryOpen(sealed, knownBrowserContext(address)) : undefined;
  return id === undefined ? undefined : `browser:${id}`;
}

/** After a correct password: gives the browser its cookie for this address (keeping the browser's name if it had one). */
export function rememberBrowser(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, address: LoginAddress): void {
  const id = knownBrowser(app, request, address)?.slice('browser:'.length) ?? randomUUID();
  void reply.setCookie(KNOWN_BROWSER_COOKIE, app.secrets.seal(id, knownBrowserContext(address)), {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/api/auth',
    maxAge: KNOWN_BROWSER_DAYS * 24 * 3600,
  });
}

function knownBrowserContext(address: LoginAddress): string {
  return `login-client:${address.organisationId}:${address.kind}:${address.email.toLowerCase()}`;
}

/** The refusal while a client (or, for second-factor codes, the account) waits: when to try again, in both languages. */
function throttled(scope: 'client' | 'account', retryAfterSeconds: number): AppError {
  const when = formatWait(retryAfterSeconds);
  const message =
    scope === 'client'
      ? {
          de: `Zu viele Fehlversuche von diesem Anschluss. Bitte versuchen Sie es in ${when.de} wieder. Von Geräten, mit denen Sie sich schon angemeldet haben, und aus anderen Netzen ist die Anmeldung weiter möglich.`,
          en: `Too many failed attempts from this connection. Please try again in ${when.en}. Logging in from devices you have logged in with before, and from other networks, still works.`,
        }
      : {
          de: `Zu viele falsche Codes oder Passwörter für dieses Konto. Bitte versuchen Sie es in ${when.de} wieder.`,
          en: `Too many wrong codes or passwords for this account. Please try again in ${when.en}.`,
        };
  return new AppError('LOGIN_THROTTLED', message, { retryAfter: retryAfterSeconds });
}

/**
 * Audits a failed attempt: `login-throttled` for a failure after which the client (or the account, for second
 * factors) waits, `login-failed` otherwise (reason `throttled` for an attempt refused while waiting).
 */
async function auditFailure(
  app: FastifyInstance,
  request: FastifyRequest,
  organisationId: string,
  user: UserRow | undefined,
  attempt: LoginClaim,
  reason: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  const waitsNow = attempt.granted && attempt.lockedUntil !== null;
  await appendAuditEvent(app.database.db, {
    organisationId,
    kind: waitsNow ? 'login-throttled' : 'login-failed',
    // Whoever failed is not known to be the account's holder: the trail names no one as actor, the account as subject.
    actorId: null,
    subjectId: user?.id ?? null,
    ip: request.ip,
    details: {
      ...details,
      reason,
      ...(attempt.granted ? { failedAttempts: attempt.failures } : { retryAfter: attempt.retryAfterSeconds }),
      ...(attempt.granted && attempt.lockedUntil ? { lockedUntil: attempt.lockedUntil.toISOString() } : {}),
    },
  });
}

/** Where a login stands after the password: done, or the second factor (or its enrolment) still to come. */
export function stageAfterPassword(user: UserRow, organisation: Organisation): LoginStage {
  if (user.totp_enabled_at) return 'second-factor';
  if (user.kind === 'staff' && organisation.require_mfa) return 'enrol-second-factor';
  return 'complete';
}

/**
 * The stage a login at `stage` really has under the organisation's rules: held back to enrolment where the
 * organisation requires a second factor a staff account lacks (also for sessions that logged in before the rule).
 */
export function stageUnderOrganisationRules(user: UserRow, organisation: Organisation, stage: LoginStage): LoginStage {
  const enrolmentDue = stage === 'complete' && user.kind === 'staff' && organisation.require_mfa && !user.totp_enabled_at;
  return enrolmentDue ? 'enrol-second-factor' : stage;
}

/**
 * Puts the account into a fresh session (a new id, against session fixation) at the given stage, and when
 * the login is complete clears the failure count and records it.
 */
export async function startSession(app: FastifyInstance, request: FastifyRequest, user: UserRow, stage: LoginStage, method: string): Promise<void> {
  // The second factor (or its enrolment) finishes the login the password began: it keeps its start.
  const continued = request.session.userId === user.id && request.session.stage !== 'complete' ? request.session.startedAt : undefined;
  await request.session.regenerate();
  const now = new Date().toISOString();
  request.session.userId = user.id;
  request.session.organisationId = user.organisation_id;
  request.session.stage = stage;
  request.session.authenticatedAt = now;
  request.session.startedAt = continued ?? now;
  request.session.client = summariseUserAgent(request.headers['user-agent']);
  if (stage === 'second-factor') return;
  await appendAuditEvent(app.database.db, {
    organisationId: user.organisation_id,
    kind: 'login',
    actorId: user.id,
    subjectId: user.id,
    ip: request.ip,
    details: { method, ...(stage !== 'complete' ? { stage } : {}) },
  });
}

/**
 * Voids every session of the account that logged in before now — including one that a request still running
 * would write back after its row was deleted — except, when `keep` is given, the caller's own session, which is
 * re-stamped as logged in now.
 */
export async function endSessions(app: FastifyInstance, user: UserRow, keep?: FastifyRequest): Promise<void> {
  const now = new Date();
  await updateUser(app.database.db, user.organisation_id, user.id, { sessions_valid_from: now });
  if (keep) keep.session.authenticatedAt = now.toISOString();
  await deleteUserSessions(app.database.db, user.id, keep?.session.sessionId);
}
