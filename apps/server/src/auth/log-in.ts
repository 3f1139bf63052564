import {
  appendAuditEvent,
  claimLoginAttempt,
  clearLoginAttempts,
  deleteUserSessions,
  findUserByEmail,
  updateUser,
  type LockoutPolicy,
  type Organisation,
  type UserRow,
} from '@amtsweg/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { verifyPassword } from './password';
import type { LoginStage } from './principal';
import { summariseUserAgent } from './session-client';

/** Five attempts are free; then the account locks for 30 s, doubling with each further failure, at most 15 min. */
export const LOCKOUT_POLICY: LockoutPolicy = { freeAttempts: 5, baseLockSeconds: 30, maxLockSeconds: 900 };

/** The same answer for an unknown address, a wrong password and a locked account: nothing to enumerate. */
export const INVALID_CREDENTIALS = {
  de: 'E-Mail-Adresse oder Passwort stimmen nicht – oder das Konto ist nach mehreren Fehlversuchen für einige Minuten gesperrt.',
  en: 'The email address or password is wrong – or the account is locked for a few minutes after several failed attempts.',
};

/**
 * Checks an address and password. The attempt is counted for the address (known or not) before the password is
 * checked, so parallel guesses cannot get past the lockout and no lock is held during the check. Every path
 * costs the same: one count, one Argon2 verification (an unknown address against a hash of a random password),
 * one audit entry on failure — so neither answer nor timing tells which addresses have accounts.
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
  const attempt = await claimLoginAttempt(db, address, LOCKOUT_POLICY);
  const user = await findUserByEmail(db, organisation.id, kind, email);
  const matches = await verifyPassword(user?.password_hash, password);
  const known = user && !user.disabled_at && user.password_hash !== null;
  if (attempt && known && matches) {
    // With a second factor still to come the count stays: a stolen password must not reset the lockout that
    // limits guessing the code. The second factor clears it.
    if (!user.totp_enabled_at) await clearLoginAttempts(db, address);
    return user;
  }
  const reason = !attempt ? 'locked' : !user ? 'unknown-account' : !known ? 'disabled' : 'wrong-password';
  await auditFailure(app, request, organisation.id, user, attempt, reason, user ? {} : { email: email.slice(0, 254) });
  return undefined;
}

/**
 * Checks a further secret of a logged-in (or half logged-in) account — a second-factor code, the current
 * password — counted against the account's address like a password: refused while it is locked, a failure
 * counts towards the lockout. `verify` must use up what it accepts atomically (a TOTP step, a recovery code).
 */
export async function checkAccountSecret<T>(
  app: FastifyInstance,
  request: FastifyRequest,
  user: UserRow,
  reason: string,
  verify: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const address = { organisationId: user.organisation_id, kind: user.kind, email: user.email };
  const attempt = await claimLoginAttempt(app.database.db, address, LOCKOUT_POLICY);
  const result = attempt ? await verify() : undefined;
  if (result !== undefined) {
    await clearLoginAttempts(app.database.db, address);
    return result;
  }
  await auditFailure(app, request, user.organisation_id, user, attempt, attempt ? reason : 'locked');
  return undefined;
}

/** Audits a failed attempt: `account-locked` for the failure that locked the address, `login-failed` otherwise. */
async function auditFailure(
  app: FastifyInstance,
  request: FastifyRequest,
  organisationId: string,
  user: UserRow | undefined,
  attempt: { failures: number; lockedUntil: Date | null } | undefined,
  reason: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  const lockedNow = attempt !== undefined && attempt.failures === LOCKOUT_POLICY.freeAttempts;
  await appendAuditEvent(app.database.db, {
    organisationId,
    kind: lockedNow ? 'account-locked' : 'login-failed',
    actorId: user?.id ?? null,
    subjectId: user?.id ?? null,
    ip: request.ip,
    details: { ...details, reason, ...(attempt ? { failedAttempts: attempt.failures } : {}), ...(attempt?.lockedUntil ? { lockedUntil: attempt.lockedUntil.toISOString() } : {}) },
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
