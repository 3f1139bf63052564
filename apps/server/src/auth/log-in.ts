import {
  appendAuditEvent,
  findUserByEmail,
  recordFailedLogin,
  updateUser,
  type Organisation,
  type UserRow,
} from '@amtsweg/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
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
 * Checks an address and password. Always spends one Argon2 verification, whether the account exists or not,
 * and records the outcome in the audit trail; failures count towards the lockout.
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
  const user = await findUserByEmail(db, organisation.id, kind, email);
  const matches = await verifyPassword(user?.password_hash, password);
  const audit = (auditKind: string, details: Record<string, unknown>) =>
    appendAuditEvent(db, { organisationId: organisation.id, kind: auditKind, actorId: user?.id ?? null, subjectId: user?.id ?? null, ip: request.ip, details });

  if (!user || user.disabled_at || !user.password_hash) {
    await audit('login-failed', { email: email.slice(0, 254), reason: user ? 'disabled' : 'unknown-account' });
    return undefined;
  }
  if (user.locked_until && user.locked_until > new Date()) {
    await audit('login-failed', { reason: 'locked', lockedUntil: user.locked_until.toISOString() });
    return undefined;
  }
  if (!matches) {
    await recordLoginFailure(app, request, user, 'wrong-password');
    return undefined;
  }
  return user;
}

/** Counts a failed password or second-factor attempt, locks the account when the policy says so, and audits it. */
export async function recordLoginFailure(app: FastifyInstance, request: FastifyRequest, user: UserRow, reason: string): Promise<void> {
  await recordFailedLogin(app.database.db, user.organisation_id, user.id, LOCKOUT_POLICY, { reason, ip: request.ip });
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
