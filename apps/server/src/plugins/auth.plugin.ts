import type { IncomingMessage, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import session from '@fastify/session';
import {
  deleteExpiredSessions,
  findOrganisationById,
  findUserById,
  loadOrganisationDirectory,
  useApiToken,
  type Organisation,
  type UserRow,
} from '@amtsweg/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import { AppError } from '../app-error';
import { formatWait } from '../format-wait';
import { clientAddressKey } from '../auth/client-address';
import { permissionsOfRoles, type Permission } from '../auth/permissions';
import { ANONYMOUS, type LoginStage, type Principal } from '../auth/principal';
import { hashToken } from '../auth/hash-token';
import { stageUnderOrganisationRules } from '../auth/log-in';
import { createSecretBox, deriveKey, type SecretBox } from '../auth/secret-box';
import { createSessionStore } from '../auth/session-store';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; resolved before anything else runs. */
    principal: Principal;
    /** The organisation the request acts in: the caller's, or for anonymous callers the site's. */
    organisation: Organisation;
  }
  interface Session {
    userId?: string;
    organisationId?: string;
    stage?: LoginStage;
    /** When the password was checked (ISO time). */
    authenticatedAt?: string;
    /** A TOTP secret shown for enrolment, waiting for its first code (sealed like the stored one). */
    pendingTotpSecret?: string;
    /** OpenID Connect login under way: what the callback must match. */
    oidc?: { state: string; nonce: string; codeVerifier: string; returnTo: string; organisationId?: string };
  }
}

export interface AuthOptions {
  /**
   * The server secret (at least 32 characters, the same on every process): the session cookie's signing key
   * and the key of stored second-factor secrets are derived from it.
   */
  serverSecret: string;
  /** Secure cookies: 'auto' sets them on HTTPS requests (behind a proxy, with trustProxy). */
  cookieSecure?: boolean | 'auto';
  /** Requests per minute and client address. */
  rateLimits?: Partial<RateLimits>;
}

export interface RateLimits {
  login: number;
  submission: number;
  upload: number;
  /** Checking answers without submitting ("Continue" in the portal): once per page, so ten times the submissions. */
  validation: number;
  /** Bytes of uploaded files per client address within `uploadWindowMinutes`, on top of the count (0: no budget). */
  uploadBytes: number;
  uploadWindowMinutes: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { login: 10, submission: 60, upload: 120, validation: 600, uploadBytes: 200 * 1024 * 1024, uploadWindowMinutes: 60 };
export const API_TOKEN_PREFIX = 'amtsweg_';
const SESSION_HOURS = 8;

/** Helmet's headers, with a policy the pages we serve pass (the API documentation is checked in Chromium). */
const SECURITY_HEADERS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      baseUri: ["'self'"],
      // Behind plain HTTP (the embedded demo) an upgrade would break every request.
      upgradeInsecureRequests: null,
    },
  },
  // HSTS only matters on HTTPS; browsers ignore it on HTTP.
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
};
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const AUTHENTICATION_REQUIRED = { de: 'Bitte melden Sie sich an.', en: 'Please log in.' };
const SECOND_FACTOR_REQUIRED = {
  de: 'Bitte schließen Sie die Anmeldung mit dem zweiten Faktor ab.',
  en: 'Please complete the login with your second factor.',
};
const FORBIDDEN = { de: 'Dafür fehlt Ihnen die Berechtigung.', en: 'You are not allowed to do this.' };
const TOKEN_NOT_FOR_ACCOUNT = {
  de: 'Mit einem API-Token lässt sich das Konto selbst nicht verwalten; bitte melden Sie sich an.',
  en: 'An API token cannot manage its account; please log in.',
};
const TOKEN_INVALID = { de: 'Das API-Token ist ungültig, abgelaufen oder widerrufen.', en: 'The API token is invalid, expired or revoked.' };

declare module 'fastify' {
  interface FastifyInstance {
    rateLimits: RateLimits;
    /** Encrypts secrets kept in the database (TOTP secrets). */
    secrets: SecretBox;
    /**
     * Organisations by id, each read at most every few seconds per process (requests need their settings);
     * a change through this process is seen at once, through another within that time.
     */
    organisations: {
      find(organisationId: string): Promise<Organisation | undefined>;
      /** Forgets the organisation and the host names and slugs of all (after a change to one). */
      forget(organisationId: string): void;
      /**
       * The organisation a caller without a staff account reaches: the one owning the host name, else the one
       * named by the portal's path prefix (its slug, sent as `X-Amtsweg-Organisation`), else the home organisation.
       * An unknown slug is a 404: a citizen must never file with the wrong municipality.
       */
      findSite(host: string, slug: string | undefined): Promise<Organisation>;
    };
  }
}

/** The header the portal sends when it is served under `/o/<slug>/` (the path prefix of an organisation). */
export const ORGANISATION_HEADER = 'x-amtsweg-organisation';
const UNKNOWN_ORGANISATION = { de: 'Diese Organisation gibt es hier nicht.', en: 'There is no such organisation here.' };

const ORGANISATION_CACHE_MS = 5000;
const SESSION_SWEEP_MS = 15 * 60 * 1000;

/**
 * Identity and access as one layer in front of every route: sessions (PostgreSQL-backed, HTTP-only,
 * SameSite cookies), API tokens, CSRF tokens for state-changing browser requests, security headers and rate
 * limits. Each request gets its `principal`; the route's declared `config.access` is enforced before the body
 * is even read, so an unauthorised caller learns nothing from validation errors.
 */
async function authPlugin(app: FastifyInstance, options: AuthOptions): Promise<void> {
  // Helmet decides the headers once; every answer gets the same set. (@fastify/helmet runs helmet anew for
  // every request, parsing the policy each time: that cost 10–15 % of the submission throughput.)
  const securityHeaders = computeSecurityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  await app.register(cookie);
  await app.register(session, {
    secret: deriveKey(options.serverSecret, 'session cookie').toString('base64url'),
    cookieName: 'amtsweg_session',
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.cookieSecure ?? 'auto', path: '/', maxAge: SESSION_HOURS * 3600 * 1000 },
    saveUninitialized: false,
    // Saved when it changed, not on every request; a login lasts SESSION_HOURS from the moment it happened.
    rolling: false,
    store: createSessionStore(() => app.database.db),
  });
  await app.register(csrfProtection, { sessionPlugin: '@fastify/session', getToken: (request) => request.headers['x-csrf-token'] as string | undefined });
  await app.register(rateLimit, {
    global: false,
    // Clients as the login throttle and the upload budget count them (an IPv6 /64 is one client).
    keyGenerator: clientAddressKey,
    errorResponseBuilder: (_request, context) => {
      const wait = formatWait(context.ttl / 1000);
      return new AppError('TOO_MANY_REQUESTS', { de: `Zu viele Anfragen. Bitte warten Sie ${wait.de}.`, en: `Too many requests. Please wait ${wait.en}.` });
    },
  });
  app.decorate('rateLimits', { ...DEFAULT_RATE_LIMITS, ...options.rateLimits });
  app.decorate('secrets', createSecretBox(deriveKey(options.serverSecret, 'stored secrets')));

  const organisations = new Map<string, { organisation: Organisation; until: number }>();
  app.decorate('organisations', {
    async find(organisationId: string) {
      const cached = organisations.get(organisationId);
      if (cached && cached.until > Date.now()) return cached.organisation;
      const organisation = await findOrganisationById(app.database.db, organisationId);
      if (organisation) organisations.set(organisationId, { organisation, until: Date.now() + ORGANISATION_CACHE_MS });
      return organisation;
    },
    forget(organisationId: string) {
      organisations.delete(organisationId);
      directory = undefined;
      loading = undefined;
      generation += 1;
    },
    async findSite(host: string, slug: string | undefined) {
      const { byHost, bySlug } = await readDirectory();
      const organisationId = byHost.get(host) ?? (slug === undefined ? app.organisation.id : bySlug.get(slug));
      const organisation = organisationId === undefined ? undefined : await app.organisations.find(organisationId);
      if (!organisation) throw new AppError('NOT_FOUND', UNKNOWN_ORGANISATION);
      return organisation;
    },
  });
  // Host names and slugs of every organisation, one snapshot read at most every few seconds per process (a
  // handful of rows per organisation): resolving a portal visitor costs two map lookups, no round trip.
  let directory: { byHost: Map<string, string>; bySlug: Map<string, string>; until: number } | undefined;
  let loading: Promise<NonNullable<typeof directory>> | undefined;
  // A load that began before a change (forget) must not store what it read: it may predate the change.
  let generation = 0;
  const readDirectory = async () => {
    if (directory && directory.until > Date.now()) return directory;
    const started = generation;
    const load = (loading ??= loadOrganisationDirectory(app.database.db)
      .then(({ hosts, organisations: all }) => {
        const read = {
          byHost: new Map(hosts.map((row) => [row.host, row.organisation_id])),
          bySlug: new Map(all.map((row) => [row.slug, row.id])),
          until: Date.now() + ORGANISATION_CACHE_MS,
        };
        if (started === generation) directory = read;
        return read;
      })
      .finally(() => {
        if (loading === load) loading = undefined;
      }));
    return load;
  };

  // Expired sessions are refused when read; this only keeps the table small.
  const sweep = setInterval(() => {
    deleteExpiredSessions(app.database.db).catch((error: unknown) => app.log.warn({ err: error }, 'could not delete expired sessions'));
  }, SESSION_SWEEP_MS);
  sweep.unref();
  app.addHook('onClose', () => clearInterval(sweep));

  // Null placeholders (Fastify wants the shape known up front); the first hook below fills both.
  app.decorateRequest('principal', null as never);
  app.decorateRequest('organisation', null as never);

  app.addHook('onRequest', async (request) => {
    let resolved = await resolvePrincipal(app, request);
    let organisation: Organisation;
    if (resolved.kind === 'user' && resolved.user.kind === 'staff') {
      // Staff (sessions and API tokens) always act in their account's organisation, wherever they call from.
      organisation = (await app.organisations.find(resolved.user.organisation_id)) ?? app.organisation;
    } else {
      organisation = await app.organisations.findSite(request.hostname.toLowerCase(), siteSlugOf(request));
      // A citizen's account belongs to one organisation's portal; on another's (its host or path prefix, with
      // the same browser's cookie) they are a visitor there, and their session stays for their own portal.
      if (resolved.kind === 'user' && resolved.user.organisation_id !== organisation.id) resolved = ANONYMOUS;
    }
    request.organisation = organisation;
    request.principal = requireSecondFactorWhereDue(resolved, organisation);
    enforceAccess(request);
  });
  app.addHook('onRequest', (request, reply, done) => {
    const { principal } = request;
    const needsToken = principal.kind === 'user' && principal.via === 'session' && !SAFE_METHODS.has(request.method) && request.routeOptions.config.csrf !== false;
    if (needsToken) app.csrfProtection(request, reply, done);
    else done();
  });
}

/** The organisation slug the portal names when served under its path prefix (ignored for staff). */
function siteSlugOf(request: FastifyRequest): string | undefined {
  const value = request.headers[ORGANISATION_HEADER];
  return typeof value === 'string' ? value.trim().toLowerCase() : undefined;
}

/** The headers helmet sets for our options, read off once (the policy has no per-request parts such as nonces). */
function computeSecurityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(SECURITY_HEADERS)({} as IncomingMessage, collector as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error as Error;
  });
  return headers;
}

async function resolvePrincipal(app: FastifyInstance, request: FastifyRequest): Promise<Principal> {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith(`Bearer ${API_TOKEN_PREFIX}`)) {
    const token = await useApiToken(app.database.db, hashToken(authorization.slice('Bearer '.length)));
    const user = token && (await findUserById(app.database.db, token.organisation_id, token.user_id));
    if (!token || !user || user.disabled_at || user.kind !== 'staff') throw new AppError('API_TOKEN_INVALID', TOKEN_INVALID);
    const granted = permissionsOfRoles(user.roles);
    const permissions = new Set(token.scopes.filter((scope): scope is Permission => granted.has(scope as Permission)));
    return { kind: 'user', user, via: 'token', stage: 'complete', permissions, tokenId: token.id };
  }
  const { userId, organisationId, stage } = request.session;
  if (!userId || !organisationId || !stage) return ANONYMOUS;
  const user = await findUserById(app.database.db, organisationId, userId);
  const voided = user?.sessions_valid_from && new Date(request.session.authenticatedAt ?? 0) < user.sessions_valid_from;
  if (!user || user.disabled_at || voided) {
    await request.session.destroy();
    return ANONYMOUS;
  }
  return { kind: 'user', user, via: 'session', stage, permissions: activePermissions(user, stage) };
}

/**
 * Once an organisation requires a second factor, a staff session logged in without one (before the rule, or
 * before the account's factor was reset) can do nothing but enrol — not only logins after the change.
 */
function requireSecondFactorWhereDue(principal: Principal, organisation: Organisation): Principal {
  if (principal.kind !== 'user' || principal.via !== 'session') return principal;
  const stage = stageUnderOrganisationRules(principal.user, organisation, principal.stage);
  return stage === principal.stage ? principal : { ...principal, stage, permissions: new Set() };
}

function activePermissions(user: UserRow, stage: LoginStage): ReadonlySet<Permission> {
  return user.kind === 'staff' && stage === 'complete' ? permissionsOfRoles(user.roles) : new Set();
}

function enforceAccess(request: FastifyRequest): void {
  const access = request.routeOptions.config.access;
  // An API route that forgot to declare its access is closed (and the route test fails); other URLs (the
  // API documentation, unknown addresses answered by the not-found handler) are public.
  if (access === undefined && request.routeOptions.url?.startsWith('/api')) throw new AppError('FORBIDDEN', FORBIDDEN);
  if (access === undefined || access === 'public' || access === 'applicant') return;
  const { principal } = request;
  if (principal.kind === 'anonymous') throw new AppError('AUTHENTICATION_REQUIRED', AUTHENTICATION_REQUIRED);
  if (access === 'account') {
    if (principal.via === 'token' && request.routeOptions.config.allowTokens !== true) throw new AppError('FORBIDDEN', TOKEN_NOT_FOR_ACCOUNT);
    return;
  }
  if (principal.stage !== 'complete') throw new AppError('SECOND_FACTOR_REQUIRED', SECOND_FACTOR_REQUIRED);
  if (access === 'citizen' ? principal.user.kind !== 'citizen' : !principal.permissions.has(access)) throw new AppError('FORBIDDEN', FORBIDDEN);
}


export default fp(authPlugin, { name: 'auth', fastify: '5.x', dependencies: ['database'] });
