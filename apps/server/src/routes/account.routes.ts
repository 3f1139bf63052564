import {
  appendAuditEvent,
  countUnusedRecoveryCodes,
  deleteUserSession,
  findOrganisationBySlug,
  listServiceRoles,
  listUserSessions,
  replaceRecoveryCodes,
  updateUser,
  useRecoveryCode,
  advanceTotpStep,
  type Executor,
  type UserRow,
} from '@amtsweg/db';
import type { FastifyInstance, FastifyReply, FastifyRequest, Session } from 'fastify';
import { AppError } from '../app-error';
import { checkAccountSecret, checkPassword, endSessions, INVALID_CREDENTIALS, rememberBrowser, stageAfterPassword, stageUnderOrganisationRules, startSession } from '../auth/log-in';
import { permissionsOfRoles } from '../auth/permissions';
import { checkPasswordStrength, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from '../auth/password';
import type { UserPrincipal } from '../auth/principal';
import { createRecoveryCodes, createTotpEnrolment, hashRecoveryCode, verifyTotp } from '../auth/second-factor';
import { SESSION_HANDLE_PATTERN, sessionHandle } from '../auth/session-client';
import { ERROR_RESPONSE } from './shared-schemas';

const ERROR = ERROR_RESPONSE;
export const EMAIL = { type: 'string', minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' } as const;
const PASSWORD = { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH } as const;
export const NEW_PASSWORD = { type: 'string', minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH, description: `At least ${MIN_PASSWORD_LENGTH} characters` } as const;
const CODE = { type: 'string', minLength: 6, maxLength: 24, pattern: '^[0-9A-Za-z -]+$', description: 'A 6-digit code of the authenticator app, or a recovery code' } as const;

export const ACCOUNT_VIEW = {
  type: 'object',
  required: ['id', 'kind', 'email', 'displayName', 'organisation', 'roles', 'permissions', 'serviceRoles', 'secondFactor', 'stage'],
  properties: {
    id: { type: 'string' },
    kind: { enum: ['staff', 'citizen'] },
    email: { type: 'string' },
    displayName: { type: 'string' },
    organisation: { type: 'object', properties: { id: { type: 'string' }, slug: { type: 'string' }, name: { type: 'string' } } },
    roles: { type: 'array', items: { type: 'string' } },
    permissions: { type: 'array', items: { type: 'string' } },
    serviceRoles: { type: 'array', items: { type: 'object', properties: { serviceId: { type: 'string' }, role: { type: 'string' } } } },
    secondFactor: {
      type: 'object',
      properties: { enabled: { type: 'boolean' }, required: { type: 'boolean' }, recoveryCodesLeft: { type: 'integer' } },
    },
    stage: { enum: ['complete', 'second-factor', 'enrol-second-factor'], description: 'How far the login got' },
    preferences: {
      type: 'object',
      description: 'Staff: what the account wants to receive',
      properties: { dailyDigest: { type: 'boolean', description: 'A morning e-mail with the new and overdue cases of the own services' } },
    },
  },
} as const;

export const SESSION_ANSWER = {
  type: 'object',
  required: ['account'],
  properties: {
    account: ACCOUNT_VIEW,
    csrfToken: { type: 'string', description: 'Send it as X-CSRF-Token with every state-changing request of this session (not for API tokens)' },
  },
} as const;

const WRONG_CODE = { de: 'Der Code stimmt nicht.', en: 'The code is not correct.' };

/** What the login routes say about failed attempts (issue 18, finding 2). */
const THROTTLE_DESCRIPTION =
  'Failed attempts are counted per address and client: a browser that logged in to the address before (cookie `amtsweg_login_client`, given with a correct password), ' +
  'else the network address (IPv6 per /64). After five failures from one client, ' +
  'that client waits 30 s, doubling with each further failure up to 15 min: 429 `LOGIN_THROTTLED` with `Retry-After` (seconds, also as `retryAfter`). ' +
  'The count halves every hour. Other clients are not held back, so nobody can lock an account by failing on purpose; ' +
  'the answers are the same whether an account exists or not.';

/** Logging in and out, the caller's own account, its password and second factor (citizens registering: citizen-registration.routes). */
export function accountRoutes(app: FastifyInstance): void {
  const db = () => app.database.db;
  const loginLimit = () => ({ max: app.rateLimits.login, timeWindow: 60_000 });

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', csrf: false, rateLimit: loginLimit() },
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password; the answer says whether a second factor is still needed',
        description: THROTTLE_DESCRIPTION,
        body: {
          type: 'object',
          required: ['email', 'password'],
          additionalProperties: false,
          properties: {
            email: EMAIL,
            password: PASSWORD,
            kind: { enum: ['staff', 'citizen'], default: 'staff', description: 'Staff (inbox, studio) or citizen (portal) account' },
            organisation: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,62}$', description: 'Organisation slug; by default the site’s (the organisation of the host name or of X-Amtsweg-Organisation)' },
          },
        },
        response: { 200: SESSION_ANSWER, 400: ERROR, 401: ERROR, 429: ERROR },
      },
    },
    async (request, reply) => {
      const body = request.body as { email: string; password: string; kind?: UserRow['kind']; organisation?: string };
      // Read fresh: whether the organisation requires a second factor decides the login. Without a slug it is
      // the site's: the organisation of the host name or the portal's path prefix (else the home organisation).
      const organisation = await findOrganisationBySlug(db(), body.organisation ?? request.organisation.slug);
      // An unknown organisation is answered like an unknown account (after the same work).
      const user = await checkPassword(app, request, organisation ?? app.organisation, body.kind ?? 'staff', body.email, body.password);
      if (!organisation || !user) throw new AppError('INVALID_CREDENTIALS', INVALID_CREDENTIALS);
      rememberBrowser(app, request, reply, { organisationId: organisation.id, kind: body.kind ?? 'staff', email: body.email });
      await startSession(app, request, user, stageAfterPassword(user, organisation), 'password');
      return sessionAnswer(app, request, reply, user);
    },
  );

  app.post(
    '/api/auth/login/second-factor',
    {
      config: { access: 'account', rateLimit: loginLimit() },
      schema: {
        tags: ['auth'],
        summary: 'Complete the login with a code of the authenticator app or a recovery code',
        description:
          'Only someone who knows the password gets here, so wrong codes (and wrong current passwords, `PUT /api/auth/password`) are counted for the account as a whole, ' +
          'whatever the network: after five, 429 `LOGIN_THROTTLED` with `Retry-After`, 30 s doubling up to 15 min; the count halves every hour.',
        body: { type: 'object', required: ['code'], additionalProperties: false, properties: { code: CODE } },
        response: { 200: SESSION_ANSWER, 400: ERROR, 401: ERROR, 403: ERROR, 429: ERROR },
      },
    },
    async (request, reply) => {
      const { user } = request.principal as UserPrincipal;
      if (request.session.stage !== 'second-factor') return sessionAnswer(app, request, reply, user);
      const { code } = request.body as { code: string };
      const method = await checkSecondFactor(app, request, user, code);
      if (!method) throw new AppError('SECOND_FACTOR_INVALID', WRONG_CODE);
      await startSession(app, request, user, 'complete', method);
      return sessionAnswer(app, request, reply, user);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'account' },
      schema: { tags: ['auth'], summary: 'End this session', response: { 204: { type: 'null' }, 401: ERROR, 403: ERROR } },
    },
    async (request, reply) => {
      const { user } = request.principal as UserPrincipal;
      await auditOwnAccount(db(), request, user, 'logout');
      await request.session.destroy();
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/logout-others',
    {
      config: { access: 'account' },
      schema: {
        tags: ['auth'],
        summary: 'End every other session of the own account (a lost laptop, a shared computer)',
        response: { 204: { type: 'null' }, 401: ERROR, 403: ERROR },
      },
    },
    async (request, reply) => {
      const principal = request.principal as UserPrincipal;
      requireCompleteLogin(principal);
      await endSessions(app, principal.user, request);
      await auditOwnAccount(db(), request, principal.user, 'logout-others');
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'account', allowTokens: true },
      schema: { tags: ['auth'], summary: 'The logged-in account, its rights, and a CSRF token', response: { 200: SESSION_ANSWER, 401: ERROR } },
    },
    async (request, reply) => sessionAnswer(app, request, reply, (request.principal as UserPrincipal).user),
  );

  app.put(
    '/api/auth/password',
    {
      config: { access: 'account', rateLimit: loginLimit() },
      schema: {
        tags: ['auth'],
        summary: 'Change the own password; every other session of the account ends',
        body: {
          type: 'object',
          required: ['currentPassword', 'newPassword'],
          additionalProperties: false,
          properties: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
        },
        response: { 204: { type: 'null' }, 400: ERROR, 401: ERROR, 403: ERROR, 422: ERROR, 429: ERROR },
      },
    },
    async (request, reply) => {
      const principal = request.principal as UserPrincipal;
      const { currentPassword, newPassword } = request.body as { currentPassword: string; newPassword: string };
      requireCompleteLogin(principal);
      checkPasswordStrength(newPassword, principal.user.email, '/body/newPassword');
      const correct = await checkAccountSecret(app, request, principal.user, 'wrong-current-password', async () =>
        (await verifyPassword(principal.user.password_hash, currentPassword)) ? true : undefined,
      );
      if (!correct) {
        throw new AppError('INVALID_CREDENTIALS', {
          de: 'Das bisherige Passwort stimmt nicht.',
          en: 'The current password is wrong.',
        });
      }
      await updateUser(db(), principal.user.organisation_id, principal.user.id, { password_hash: await hashPassword(newPassword) });
      await endSessions(app, principal.user, request);
      await auditOwnAccount(db(), request, principal.user, 'password-changed');
      return reply.status(204).send();
    },
  );

  app.patch(
    '/api/auth/preferences',
    {
      config: { access: 'account' },
      schema: {
        tags: ['auth'],
        summary: 'Staff: turn the daily e-mail of new and overdue cases on or off',
        body: {
          type: 'object',
          required: ['dailyDigest'],
          additionalProperties: false,
          properties: { dailyDigest: { type: 'boolean' } },
        },
        response: { 200: SESSION_ANSWER, 400: ERROR, 401: ERROR, 403: ERROR },
      },
    },
    async (request, reply) => {
      const principal = request.principal as UserPrincipal;
      requireCompleteLogin(principal);
      if (principal.user.kind !== 'staff' || principal.via === 'token') {
        throw new AppError('FORBIDDEN', { de: 'Nur Mitarbeitende können das einstellen.', en: 'Only staff can set this.' });
      }
      const { dailyDigest } = request.body as { dailyDigest: boolean };
      const updated = await updateUser(db(), principal.user.organisation_id, principal.user.id, { daily_digest: dailyDigest });
      return sessionAnswer(app, request, reply, updated ?? principal.user);
    },
  );

  secondFactorRoutes(app);
  ownSessionRoutes(app);
}

/** Enrolling, replacing and removing the own second factor (TOTP) and its recovery codes. */
function secondFactorRoutes(app: FastifyInstance): void {
  const db = () => app.database.db;
  const CODE_BODY = { type: 'object', required: ['code'], additionalProperties: false, properties: { code: CODE } } as const;

  app.post(
    '/api/auth/second-factor/enrolment',
    {
      config: { access: 'account' },
      schema: {
        tags: ['auth'],
        summary: 'Start enrolling an authenticator app: a new secret as QR code (SVG), URI and text',
        response: {
          201: {
            type: 'object',
            required: ['secret', 'uri', 'qrCodeSvg'],
            properties: { secret: { type: 'string' }, uri: { type: 'string' }, qrCodeSvg: { type: 'string' } },
          },
          401: ERROR,
          403: ERROR,
          409: ERROR,
        },
      },
    },
    async (request, reply) => {
      const principal = request.principal as UserPrincipal;
      requireEnrollable(principal);
      const enrolment = await createTotpEnrolment(`Amtsweg ${request.organisation.name}`, principal.user.email);
      request.session.pendingTotpSecret = app.secrets.seal(enrolment.secret, principal.user.id);
      return reply.status(201).send(enrolment);
    },
  );

  app.post(
    '/api/auth/second-factor/enrolment/confirm',
    {
      config: { access: 'account' },
      schema: {
        tags: ['auth'],
        summary: 'Finish enrolling with a first code; answers the recovery codes (shown once)',
        body: CODE_BODY,
        response: {
          200: { type: 'object', required: ['recoveryCodes'], properties: { recoveryCodes: { type: 'array', items: { type: 'string' } }, csrfToken: { type: 'string' } } },
          400: ERROR,
          401: ERROR,
          403: ERROR,
          409: ERROR,
        },
      },
    },
    async (request, reply) => {
      const principal = request.principal as UserPrincipal;
      requireEnrollable(principal);
      const pending = request.session.pendingTotpSecret;
      const secret = pending ? app.secrets.open(pending, principal.user.id) : undefined;
      const { code } = request.body as { code: string };
      const step = secret ? await verifyTotp(secret, code, null) : undefined;
      if (!secret || step === undefined) throw new AppError('SECOND_FACTOR_INVALID', WRONG_CODE);
      const { user } = principal;
      const recoveryCodes = createRecoveryCodes();
      await db()
        .transaction()
        .execute(async (trx) => {
          await updateUser(trx, user.organisation_id, user.id, { totp_secret: pending, totp_enabled_at: new Date(), totp_last_step: step });
          await replaceRecoveryCodes(trx, user.id, recoveryCodes.map(hashRecoveryCode));
          await auditOwnAccount(trx, request, user, 'second-factor-enabled');
        });
      delete request.session.pendingTotpSecret;
      // The login that had to enrol is complete now; other sessions of the account end.
      if (principal.stage === 'enrol-second-factor') await startSession(app, request, user, 'complete', 'second-factor-enrolment');
      await endSessions(app, user, request);
      return reply.send({ recoveryCodes, csrfToken: reply.generateCsrf() });
    },
  );

  app.post(
    '/api/auth/second-factor/recovery-codes',
    {
      config: { access: 'account', rateLimit: { max: app.rateLimits.login, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Replace the recovery codes (the old ones stop working); needs a current code',
        body: CODE_BODY,
        response: { 200: { type: 'object', required: ['recoveryCodes'], properties: { recoveryCodes: { type: 'array', items: { type: 'string' } } } }, 400: ERROR, 401: ERROR, 403: ERROR },
      },
    },
    async (request) => {
      const { user } = await requireSecondFactorCode(app, request);
      const recoveryCodes = createRecoveryCodes();
      await replaceRecoveryCodes(db(), user.id, recoveryCodes.map(hashRecoveryCode));
      await auditOwnAccount(db(), request, user, 'recovery-codes-replaced');
      return { recoveryCodes };
    },
  );

  app.delete(
    '/api/auth/second-factor',
    {
      config: { access: 'account', rateLimit: { max: app.rateLimits.login, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Remove the own second factor (not where the organisation requires one); needs a current code',
        body: CODE_BODY,
        response: { 204: { type: 'null' }, 400: ERROR, 401: ERROR, 403: ERROR },
      },
    },
    async (request, reply) => {
      const { user } = await requireSecondFactorCode(app, request);
      if (user.kind === 'staff' && request.organisation.require_mfa) {
        throw new AppError('FORBIDDEN', { de: 'Ihre Organisation verlangt einen zweiten Faktor.', en: 'Your organisation requires a second factor.' });
      }
      await db()
        .transaction()
        .execute(async (trx) => {
          await updateUser(trx, user.organisation_id, user.id, { totp_secret: null, totp_enabled_at: null, totp_last_step: null });
          await replaceRecoveryCodes(trx, user.id, []);
          await auditOwnAccount(trx, request, user, 'second-factor-disabled');
        });
      return reply.status(204).send();
    },
  );
}

const SESSION_VIEW = {
  type: 'object',
  required: ['id', 'current', 'stage', 'startedAt', 'lastSeenAt', 'expiresAt', 'browser', 'system'],
  properties: {
    id: { type: 'string', description: 'An opaque id derived from the session (never the session id itself, which is the cookie’s secret)' },
    current: { type: 'boolean', description: 'The session of this request' },
    stage: { enum: ['complete', 'second-factor', 'enrol-second-factor'], description: 'second-factor: the password was given, the code not yet' },
    startedAt: { type: 'string', format: 'date-time' },
    lastSeenAt: { type: ['string', 'null'], format: 'date-time', description: 'When a request last used it, to about five minutes' },
    expiresAt: { type: 'string', format: 'date-time' },
    browser: { type: ['string', 'null'], description: 'The browser by name (Chrome, Firefox …), or null when not recognised' },
    system: { type: ['string', 'null'], description: 'The operating system by name (Windows, Linux …), or null' },
  },
} as const;

/** The sessions of the caller's own account: listed under derived ids, one ended at a time. */
function ownSessionRoutes(app: FastifyInstance): void {
  const db = () => app.database.db;

  app.get(
    '/api/auth/sessions',
    {
      config: { access: 'account' },
      schema: {
        tags: ['auth'],
        summary: 'The own account’s active sessions (this one first, then the newest), with browser and system',
        response: { 200: { type: 'object', required: ['sessions'], properties: { sessions: { type: 'array', items: SESSION_VIEW } } }, 401: ERROR, 403: ERROR },
      },
    },
    async (request) => {
      const principal = request.principal as UserPrincipal;
      requireCompleteLogin(principal);
      const sessions = await findOwnSessions(db(), principal.user, request.session.sessionId);
      return { sessions: sessions.map(({ sessionId: _secret, ...view }) => view) };
    },
  );

  app.delete(
    '/api/auth/sessions/:sessionId',
    {
      config: { access: 'account' },
      schema: {
        tags: ['auth'],
        summary: 'End one session of the own account; ending this very session logs out',
        params: {
          type: 'object',
          required: ['sessionId'],
          additionalProperties: false,
          properties: { sessionId: { type: 'string', pattern: SESSION_HANDLE_PATTERN, description: 'The id GET /api/auth/sessions answers' } },
        },
        response: { 204: { type: 'null' }, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR },
      },
    },
    async (request, reply) => {
      const principal = request.principal as UserPrincipal;
      requireCompleteLogin(principal);
      const { sessionId: handle } = request.params as { sessionId: string };
      const own = await findOwnSessions(db(), principal.user, request.session.sessionId);
      const target = own.find((session) => session.id === handle);
      // Another account's session, an ended one and a made-up id are all simply not found.
      if (!target) throw new AppError('NOT_FOUND', { de: 'Diese Sitzung gibt es nicht (mehr).', en: 'This session does not exist (any more).' });
      if (target.current) {
        // Ending the own session is logging out, with the same record.
        await auditOwnAccount(db(), request, principal.user, 'logout');
        await request.session.destroy();
        return reply.status(204).send();
      }
      await deleteUserSession(db(), principal.user.id, target.sessionId);
      await appendAuditEvent(db(), {
        organisationId: principal.user.organisation_id,
        kind: 'session-ended',
        actorId: principal.user.id,
        subjectId: principal.user.id,
        ip: request.ip,
        details: { browser: target.browser, system: target.system, startedAt: target.startedAt },
      });
      return reply.status(204).send();
    },
  );
}

/** The account's live sessions with their derived ids; sessions voided by `endSessions` are left out. */
async function findOwnSessions(db: Executor, user: UserRow, currentSessionId: string) {
  const rows = await listUserSessions(db, user.id);
  const validFrom = user.sessions_valid_from?.getTime() ?? 0;
  const sessions = rows.flatMap(({ id, data, expiresAt, lastSeenAt }) => {
    const stored = (typeof data === 'string' ? JSON.parse(data) : data) as Partial<Session> | null;
    const authenticatedAt = stored?.authenticatedAt ? Date.parse(stored.authenticatedAt) : 0;
    if (!stored?.stage || stored.userId !== user.id || authenticatedAt < validFrom) return [];
    return [
      {
        sessionId: id,
        id: sessionHandle(id),
        current: id === currentSessionId,
        stage: stored.stage,
        startedAt: stored.startedAt ?? stored.authenticatedAt ?? expiresAt.toISOString(),
        lastSeenAt: lastSeenAt?.toISOString() ?? null,
        expiresAt: expiresAt.toISOString(),
        browser: stored.client?.browser ?? null,
        system: stored.client?.system ?? null,
      },
    ];
  });
  return sessions.sort((a, b) => Number(b.current) - Number(a.current) || b.startedAt.localeCompare(a.startedAt));
}

/** The account as its owner sees it, with a CSRF token for this session. */
export async function sessionAnswer(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, user: UserRow) {
  // A token's rights are its scopes within the account's roles; it has no session (nor CSRF token).
  const viaToken = request.principal.kind === 'user' && request.principal.via === 'token';
  // At login the request was resolved as anonymous (the site's organisation); the account may be another's.
  const organisation = (await app.organisations.find(user.organisation_id)) ?? request.organisation;
  // The session's stage under the organisation's rules (a token has no session and no stage to hold back).
  const sessionStage = request.session.stage ?? 'complete';
  const stage = viaToken ? sessionStage : stageUnderOrganisationRules(user, organisation, sessionStage);
  const [serviceRoles, recoveryCodesLeft] = await Promise.all([
    user.kind === 'staff' ? listServiceRoles(app.database.db, user.organisation_id, user.id) : [],
    user.totp_enabled_at ? countUnusedRecoveryCodes(app.database.db, user.id) : 0,
  ]);
  return {
    account: {
      id: user.id,
      kind: user.kind,
      email: user.email,
      displayName: user.display_name,
      organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name },
      // Until the login is complete the account shows no more than who it is.
      roles: stage === 'complete' ? user.roles : [],
      permissions: viaToken ? [...(request.principal as UserPrincipal).permissions] : stage === 'complete' && user.kind === 'staff' ? [...permissionsOfRoles(user.roles)] : [],
      serviceRoles: stage === 'complete' ? serviceRoles.map((grant) => ({ serviceId: grant.service_id, role: grant.role })) : [],
      secondFactor: { enabled: user.totp_enabled_at !== null, required: user.kind === 'staff' && organisation.require_mfa, recoveryCodesLeft },
      stage,
      ...(user.kind === 'staff' ? { preferences: { dailyDigest: user.daily_digest } } : {}),
    },
    // An API token carries no session, so it gets no CSRF token (and no session is opened for it).
    ...(viaToken ? {} : { csrfToken: reply.generateCsrf() }),
  };
}

/**
 * A TOTP code (each time step once) or an unused recovery code, counted like a password (see
 * `checkAccountSecret`); answers how the factor was given, or undefined (and the failure counts).
 */
function checkSecondFactor(app: FastifyInstance, request: FastifyRequest, account: UserRow, code: string): Promise<string | undefined> {
  const db = app.database.db;
  return checkAccountSecret(app, request, account, 'wrong-second-factor', async () => {
    const secret = openTotpSecret(app, request, account);
    const step = secret ? await verifyTotp(secret, code.trim(), account.totp_last_step) : undefined;
    // Both uses are atomic: of parallel requests with one code, one wins.
    if (step !== undefined && (await advanceTotpStep(db, account.organisation_id, account.id, step))) return 'totp';
    if (code.replace(/[\s-]/g, '').length === 16 && (await useRecoveryCode(db, account.id, hashRecoveryCode(code)))) {
      await auditOwnAccount(db, request, account, 'recovery-code-used');
      return 'recovery-code';
    }
    return undefined;
  });
}

/** The account's TOTP secret; undefined (and logged) if it cannot be opened, so recovery codes still work. */
function openTotpSecret(app: FastifyInstance, request: FastifyRequest, user: UserRow): string | undefined {
  if (!user.totp_secret) return undefined;
  try {
    return app.secrets.open(user.totp_secret, user.id);
  } catch (error) {
    request.log.error({ err: error, userId: user.id }, 'TOTP secret cannot be opened: was SERVER_SECRET changed? Recovery codes still work');
    return undefined;
  }
}

async function requireSecondFactorCode(app: FastifyInstance, request: FastifyRequest): Promise<UserPrincipal> {
  const principal = request.principal as UserPrincipal;
  requireCompleteLogin(principal);
  if (!principal.user.totp_enabled_at) {
    throw new AppError('FORBIDDEN', { de: 'Für dieses Konto ist kein zweiter Faktor eingerichtet.', en: 'This account has no second factor.' });
  }
  if (!(await checkSecondFactor(app, request, principal.user, (request.body as { code: string }).code))) throw new AppError('SECOND_FACTOR_INVALID', WRONG_CODE);
  return principal;
}

function requireCompleteLogin(principal: UserPrincipal): void {
  if (principal.stage !== 'complete') {
    throw new AppError('SECOND_FACTOR_REQUIRED', { de: 'Bitte schließen Sie zuerst die Anmeldung ab.', en: 'Please complete the login first.' });
  }
}

function requireEnrollable(principal: UserPrincipal): void {
  if (principal.stage === 'second-factor') throw new AppError('SECOND_FACTOR_REQUIRED', { de: 'Bitte schließen Sie zuerst die Anmeldung ab.', en: 'Please complete the login first.' });
  if (principal.user.totp_enabled_at) {
    throw new AppError('SECOND_FACTOR_ALREADY_ENABLED', { de: 'Ein zweiter Faktor ist schon eingerichtet.', en: 'A second factor is enabled already.' });
  }
}

/** Records something an account did to itself. */
function auditOwnAccount(db: Executor, request: FastifyRequest, user: UserRow, kind: string): Promise<void> {
  return appendAuditEvent(db, { organisationId: user.organisation_id, kind, actorId: user.id, subjectId: user.id, ip: request.ip });
}
