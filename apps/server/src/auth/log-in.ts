import {
  appendAuditEvent,
  deleteUserSessions,
  findUserByEmail,
  findUserById,
  recordFailedLogin,
  updateUser,
  type Database,
  type Organisation,
  type UserRow,
} from '@amtsweg/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import { verifyPassword } from './password';
import type { LoginStage } from './principal';

/** Five attempts are free; then the account locks for 30 s, doubling with each further failure, at most 15 min. */
export const LOCKOUT_POLICY = { freeAttempts: 5, baseLockSeconds: 30, maxLockSeconds: 900 } as const;

/** The same answer for an unknown address, a wrong password and a locked account: nothing to enumerate. */
export const INVALID_CREDENTIALS = {
  de: 'E-Mail-Adresse oder Passwort stimmen nicht – oder das Konto ist nach mehreren Fehlversuchen für einige Minuten gesperrt.',
  en: 'The email address or password is wrong – or the account is locked for a few minutes after several failed attempts.',
};

/**
 * Checks an address and password. The account's row stays locked from reading it to counting the outcome,
 * so parallel guesses queue and the lockout holds for all of them. Always spends one Argon2 verification and
 * one write (the failure count with its audit entry, or the audit entry of an unknown address), whether the
 * account exists or not, so neither answer nor timing tells which addresses have accounts.
 */
export async function checkPassword(
  app: FastifyInstance,
  request: FastifyRequest,
  organisation: Organisation,
  kind: UserRow['kind'],
  email: string,
  password: string,
): Promise<UserRow | undefined> {
  return app.database.db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, organisation.id, kind, email, { forUpdate: true });
    const matches = await verifyPassword(user?.password_hash, password);
    const audit = (details: Record<string, unknown>) =>
      appendAuditEvent(trx, { organisationId: organisation.id, kind: 'login-failed', actorId: user?.id ?? null, subjectId: user?.id ?? null, ip: request.ip, details });
    if (!user || user.disabled_at || !user.password_hash) {
      await audit({ email: email.slice(0, 254), reason: user ? 'disabled' : 'unknown-account' });
      return undefined;
    }
    if (isLocked(user)) {
      await audit({ reason: 'locked', lockedUntil: user.locked_until!.toISOString() });
      return undefined;
    }
    if (!matches) {
      await recordFailedLogin(trx, user.organisation_id, user.id, LOCKOUT_POLICY, { reason: 'wrong-password', ip: request.ip });
      return undefined;
    }
    return user;
  });
}

/**
 * Checks a further secret of a logged-in (or half logged-in) account — a second-factor code, the current
 * password — under the account's row lock: refused while the account is locked, a failure counts towards the
 * lockout, and a code used up by `verify` cannot be used by a parallel request too. Answers what `verify`
 * answered, or undefined.
 */
export async function checkAccountSecret<T>(
  app: FastifyInstance,
  request: FastifyRequest,
  account: UserRow,
  reason: string,
  verify: (user: UserRow, trx: Transaction<Database>) => Promise<T | undefined>,
): Promise<T | undefined> {
  return app.database.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, account.organisation_id, account.id, { forUpdate: true });
    if (!user || user.disabled_at || isLocked(user)) return undefined;
    const result = await verify(user, trx);
    if (result === undefined) await recordFailedLogin(trx, user.organisation_id, user.id, LOCKOUT_POLICY, { reason, ip: request.ip });
    return result;
  });
}

function isLocked(user: UserRow): boolean {
  return user.locked_until !== null && user.locked_until > new Date();
}

/** Where a login stands after the password: done, or the second factor (or its enrolment) still to come. */
export function stageAfterPassword(user: UserRow, organisation: Organisation): LoginStage {
  if (user.totp_enabled_at) return 'second-factor';
  if (user.kind === 'staff' && organisation.require_mfa) return 'enrol-second-factor';
  return 'complete';
}

/**
 * Puts the account into a fresh session (a new id, against session fixation) at the given stage, and when
 * the login is complete clears the failure count and records it.
 */
export async function startSession(app: FastifyInstance, request: FastifyRequest, user: UserRow, stage: LoginStage, method: string): Promise<void> {
  await request.session.regenerate();
  request.session.userId = user.id;
  request.session.organisationId = user.organisation_id;
  request.session.stage = stage;
  request.session.authenticatedAt = new Date().toISOString();
  if (stage === 'second-factor') return;
  if (user.failed_logins > 0 || user.locked_until) await updateUser(app.database.db, user.organisation_id, user.id, { failed_logins: 0, locked_until: null });
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
