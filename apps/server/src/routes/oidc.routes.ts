import { randomUUID } from 'node:crypto';
import { appendAuditEvent, findUserByEmail, findUserByOidcSubject, insertUser, type Organisation, type UserRow } from '@amtsweg/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../app-error';
import { startSession } from '../auth/log-in';
import { createOidcLogin, OidcLoginFailure, type OidcIdentity, type OidcLogin, type OidcOptions } from '../auth/oidc-login';
import { ERROR_RESPONSE } from './shared-schemas';

const ERROR = ERROR_RESPONSE;
const REDIRECT = (description: string) => ({ type: 'null', description }) as const;
/**
 * A path on this site: one leading slash not followed by a second one (`//host` would leave the site), and only
 * printable ASCII without backslashes (browsers read `/\host` like `//host`) or spaces.
 */
const RETURN_TO = { type: 'string', minLength: 1, maxLength: 1000, pattern: '^/(?!/)[!-\\[\\]-~]*$', default: '/', description: 'A path on this site to return to after the login' } as const;
const PLACEHOLDER_EMAIL_DOMAIN = 'oidc.invalid';

const LOGIN_FAILED = {
  de: 'Die Anmeldung über den externen Anbieter ist fehlgeschlagen oder wurde abgebrochen. Bitte versuchen Sie es erneut.',
  en: 'The login through the external provider failed or was cancelled. Please try again.',
};

/**
 * Citizen login through OpenID Connect: `GET /api/auth/providers` always (so the portal knows whether to offer
 * it), the login and callback routes only when a provider is configured.
 */
export function oidcRoutes(app: FastifyInstance, options: { oidc?: OidcOptions | undefined }): void {
  const { oidc } = options;
  app.get(
    '/api/auth/providers',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Which login methods besides email and password this site offers',
        response: {
          200: { type: 'object', required: ['oidc'], additionalProperties: false, properties: { oidc: { type: 'boolean', description: 'Login through an OpenID Connect provider' } } },
        },
      },
    },
    () => ({ oidc: oidc !== undefined }),
  );
  if (oidc) oidcLoginRoutes(app, createOidcLogin(oidc, app.log));
}

function oidcLoginRoutes(app: FastifyInstance, login: OidcLogin): void {
  const loginLimit = { max: app.rateLimits.login, timeWindow: 60_000 };

  app.get(
    '/api/auth/oidc/login',
    {
      config: { access: 'public', rateLimit: loginLimit },
      schema: {
        tags: ['auth'],
        summary: 'Start a citizen login at the OpenID Connect provider (redirects the browser there)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            returnTo: RETURN_TO,
            organisation: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,62}$', description: 'The slug of the portal under /o/<slug>/ the login starts from (a plain link carries no header)' },
          },
        },
        response: { 302: REDIRECT('To the provider’s login page'), 400: ERROR, 429: ERROR, 503: ERROR },
      },
    },
    async (request, reply) => {
      const query = request.query as { returnTo: string; organisation?: string };
      // The account is opened in the organisation whose portal the login starts from: by its host name, or the
      // path prefix it names (the callback comes back to the one redirect address, which names no organisation).
      const organisation = query.organisation ? await app.organisations.findSite(request.hostname.toLowerCase(), query.organisation) : request.organisation;
      const { url, pending } = await login.start(query.returnTo);
      request.session.oidc = { ...pending, organisationId: organisation.id };
      return reply.header('cache-control', 'no-store').redirect(url);
    },
  );

  app.get(
    '/api/auth/oidc/callback',
    {
      config: { access: 'public', rateLimit: loginLimit },
      schema: {
        tags: ['auth'],
        summary: 'Where the provider sends the browser back: logs the citizen in (opening their account on first use)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            code: { type: 'string', minLength: 1, maxLength: 2048 },
            state: { type: 'string', minLength: 1, maxLength: 512 },
            // RFC 9207 and Keycloak add these; openid-client checks `iss` against the provider.
            iss: { type: 'string', maxLength: 2048 },
            session_state: { type: 'string', maxLength: 512 },
            error: { type: 'string', maxLength: 256 },
            error_description: { type: 'string', maxLength: 2048 },
            error_uri: { type: 'string', maxLength: 2048 },
          },
        },
        response: { 302: REDIRECT('To the `returnTo` path given at the start'), 400: ERROR, 401: ERROR, 429: ERROR, 503: ERROR },
      },
    },
    async (request, reply) => {
      const pending = request.session.oidc;
      // Used up whatever happens next: the same state can never be presented twice.
      delete request.session.oidc;
      let identity: OidcIdentity;
      try {
        identity = await login.finish(pending, request.query as Record<string, string>);
      } catch (error) {
        if (error instanceof OidcLoginFailure) {
          request.log.info({ err: error }, 'OpenID Connect login failed');
          await auditFailure(app, request, { reason: error.reason, ...(error.detail ? { detail: error.detail } : {}) });
          throw new AppError('OIDC_LOGIN_FAILED', LOGIN_FAILED);
        }
        if (error instanceof AppError) await auditFailure(app, request, { reason: 'provider-unavailable' });
        throw error;
      }
      const organisation = (pending?.organisationId && (await app.organisations.find(pending.organisationId))) || request.organisation;
      const user = await findOrCreateCitizen(app, request, organisation, identity);
      // A staff account bound to the same identity must not skip its password and second factor here.
      const refusal = user.disabled_at ? 'disabled' : user.kind !== 'citizen' ? 'not-a-citizen-account' : undefined;
      if (refusal) {
        await auditFailure(app, request, { reason: refusal }, user.id, user.organisation_id);
        throw new AppError('OIDC_LOGIN_FAILED', LOGIN_FAILED);
      }
      await startSession(app, request, user, 'complete', 'oidc');
      return reply.header('cache-control', 'no-store').redirect(pending!.returnTo);
    },
  );
}

/** The account of this identity in the organisation the login started from; on its first login a new citizen account. */
async function findOrCreateCitizen(app: FastifyInstance, request: FastifyRequest, organisation: Organisation, identity: OidcIdentity): Promise<UserRow> {
  const db = app.database.db;
  const existing = await findUserByOidcSubject(db, organisation.id, identity.issuer, identity.subject);
  if (existing) return existing;
  let user: UserRow;
  try {
    user = await insertUser(db, {
      id: randomUUID(),
      organisation_id: organisation.id,
      kind: 'citizen',
      email: await freeEmail(app, organisation.id, identity),
      display_name: identity.name ?? identity.email ?? 'Bürgerkonto',
      password_hash: null,
      oidc_issuer: identity.issuer,
      oidc_subject: identity.subject,
    });
  } catch (error) {
    // Two first logins of the same person at once (two tabs): the other one created the account.
    const raced = (error as { code?: string }).code === '23505' && (await findUserByOidcSubject(db, organisation.id, identity.issuer, identity.subject));
    if (raced) return raced;
    throw error;
  }
  await appendAuditEvent(db, { organisationId: organisation.id, kind: 'account-registered', actorId: user.id, subjectId: user.id, ip: request.ip, details: { method: 'oidc' } });
  return user;
}

/**
 * The address for a new account: the provider's, unless a citizen account has it already. Such an account is
 * never taken over: the provider's word that someone has an address is not proof they own the password
 * account registered with it (registration does not verify addresses, and not every provider does), so
 * linking could hand one person's cases to another. Refusing the login instead would let anyone who registers
 * an address first lock its owner out of the provider login. So the new account gets a placeholder address
 * and both accounts stay separate; merging them is a matter for the office.
 */
async function freeEmail(app: FastifyInstance, organisationId: string, identity: OidcIdentity): Promise<string> {
  const candidates = [identity.email, `${identity.subject}@${PLACEHOLDER_EMAIL_DOMAIN}`];
  for (const candidate of candidates) {
    if (candidate && !(await findUserByEmail(app.database.db, organisationId, 'citizen', candidate))) return candidate;
  }
  return `${randomUUID()}@${PLACEHOLDER_EMAIL_DOMAIN}`;
}

async function auditFailure(
  app: FastifyInstance,
  request: FastifyRequest,
  details: Record<string, string>,
  userId: string | null = null,
  organisationId = request.organisation.id,
): Promise<void> {
  await appendAuditEvent(app.database.db, {
    organisationId,
    kind: 'login-failed',
    actorId: userId,
    subjectId: userId,
    ip: request.ip,
    details: { method: 'oidc', ...details },
  });
}
