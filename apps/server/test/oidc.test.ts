import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ensureOrganisation, listAuditEvents } from '@amtsweg/db';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@amtsweg/db/testing';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import Provider, { type Configuration } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import amtswegApp from '../src/app';
import type { OidcOptions } from '../src/auth/oidc-login';
import { createAccount, UNLIMITED } from './helper';

const CLIENT_ID = 'amtsweg-portal';
const CLIENT_SECRET = 'ein-langes-geheimnis-nur-fuer-den-test-0123456789';
const REDIRECT_URI = 'http://127.0.0.1/api/auth/oidc/callback';

/** The people the test provider knows, by subject; anyone else cannot log in there. */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  'buerger-erika': { email: 'erika.mustermann@example.org', email_verified: true, name: 'Erika Mustermann' },
  'buerger-max': { email: 'MAX.Muster@example.org', given_name: 'Max', family_name: 'Muster' },
  'buerger-ohne-adresse': { name: 'Ohne Adresse' },
  'buerger-paula': { email: 'paula.petersen@example.org', email_verified: true, name: 'Paula Petersen' },
};

interface AccountView {
  account: { id: string; kind: string; email: string; displayName: string; stage: string };
}

/** A real OpenID Connect provider on a free port of 127.0.0.1, with its development login and consent pages. */
async function startProvider(options: { claimsInIdToken: boolean } = { claimsInIdToken: true }): Promise<{ issuer: string; close(): Promise<void> }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const configuration: Configuration = {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    // The profile claims go into the ID token itself, or (the provider's default) only to the userinfo endpoint.
    conformIdTokenClaims: !options.claimsInIdToken,
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name'] },
    findAccount: (_ctx, sub) => {
      const claims = ACCOUNTS[sub];
      return claims ? { accountId: sub, claims: () => ({ sub, ...claims }) } : undefined;
    },
    cookies: { keys: ['schluessel-fuer-die-cookies-des-test-anbieters'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: true } },
  };
  const provider = new Provider(issuer, configuration);
  const handle = provider.callback();
  // Koa answers its own errors; the promise only says when it is done.
  server.on('request', (request, response) => void handle(request, response));
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The whole API with the given provider (or none) on an existing test database. */
async function startApp(database: TestDatabase, oidc?: OidcOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(amtswegApp, { database, security: { rateLimits: UNLIMITED }, ...(oidc ? { oidc } : {}) });
  await app.ready();
  return app;
}

/** A port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The session cookie a response set, or the one the browser had. */
function sessionCookieOf(response: LightMyRequestResponse, previous?: string): string | undefined {
  const cookie = response.cookies.find((c) => c.name === 'amtsweg_session');
  return cookie ? `${cookie.name}=${cookie.value}` : previous;
}

/**
 * Plays the browser at the provider: follows its redirects with real HTTP, keeps its cookies, fills in the
 * development login (the login name is the subject) and consent forms, or cancels at the login page. Answers
 * the URL the provider finally sends the browser to: our callback with `code` and `state`, or with `error`.
 */
async function browseProvider(authorizationUrl: string, subject: string, options: { cancel?: boolean } = {}): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = new URL(authorizationUrl);
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    if (`${url.origin}${url.pathname}` === REDIRECT_URI) return url;
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(form ? { body: form.toString() } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split(/=(.*)/s);
      if (value && !/expires=Thu, 01 Jan 1970/i.test(line)) cookies.set(name.trim(), value);
      else cookies.delete(name.trim());
    }
    form = undefined;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      url = new URL(location, url);
      continue;
    }
    const page = await response.text();
    if (response.status !== 200) throw new Error(`the provider answered ${response.status} at ${url.href}: ${page}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    if (prompt === 'login' && options.cancel) url = new URL(`${url.pathname}/abort`, url);
    else if (prompt === 'login') form = new URLSearchParams({ prompt, login: subject, password: 'beliebig' });
    else if (prompt === 'consent') form = new URLSearchParams({ prompt });
    else throw new Error(`unexpected page at ${url.href}: ${page.slice(0, 500)}`);
  }
  throw new Error('too many steps at the provider');
}

describe.each(DATABASE_KINDS)('citizen login through OpenID Connect on %s', (kind) => {
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let database: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    provider = await startProvider();
    database = await createTestDatabase(kind);
    app = await startApp(database, { issuer: provider.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: REDIRECT_URI, allowInsecureHttp: true });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
    await provider?.close();
  });

  /** Starts the login at our server, as the portal's button does: the provider's URL and our session cookie. */
  const startLogin = async (returnTo = '/') => {
    const response = await app.inject({ method: 'GET', url: `/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}` });
    expect(response.statusCode, response.body).toBe(302);
    return { authorizationUrl: response.headers.location!, cookie: sessionCookieOf(response)! };
  };
  const callback = (at: URL, cookie: string | undefined, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: `${at.pathname}${at.search}`, headers: { ...headers, ...(cookie ? { cookie } : {}) } });
  const me = (cookie: string | undefined) => app.inject({ method: 'GET', url: '/api/auth/me', headers: cookie ? { cookie } : {} });
  /** The whole login of `subject`, ending logged in; answers the account as /api/auth/me shows it. */
  const logInThroughProvider = async (subject: string) => {
    const { authorizationUrl, cookie } = await startLogin('/');
    const back = await callback(await browseProvider(authorizationUrl, subject), cookie);
    expect(back.statusCode, back.body).toBe(302);
    const account = await me(sessionCookieOf(back));
    expect(account.statusCode).toBe(200);
    return account.json<AccountView>().account;
  };
  const usersWithSubject = (subject: string) => database.db.selectFrom('users').selectAll().where('oidc_subject', '=', subject).execute();
  const auditOf = async (auditKind: string) =>
    (await listAuditEvents(database.db, app.organisation.id, { kind: auditKind, limit: 100 })).map((event) => event.details as Record<string, unknown>);

  it('sends the browser to the provider with PKCE (S256), state and nonce', async () => {
    const { authorizationUrl, cookie } = await startLogin('/portal/antraege');
    const url = new URL(authorizationUrl);
    expect(url.origin).toBe(provider.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/) as unknown,
      state: expect.stringMatching(/^[\w-]{20,}$/) as unknown,
      nonce: expect.stringMatching(/^[\w-]{20,}$/) as unknown,
    });
    // The pending login lives in a session that is nobody's yet.
    expect(cookie).toMatch(/^amtsweg_session=/);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('logs a citizen in through the provider, opens their account on the first login and returns to returnTo', async () => {
    const { authorizationUrl, cookie } = await startLogin('/portal/antraege?filter=offen');
    const back = await callback(await browseProvider(authorizationUrl, 'buerger-erika'), cookie);
    expect(back.statusCode, back.body).toBe(302);
    expect(back.headers.location).toBe('/portal/antraege?filter=offen');
    const session = sessionCookieOf(back);
    // A fresh session id after the login (no fixation): the cookie from before the login stays anonymous.
    expect(session).toBeDefined();
    expect(session).not.toBe(cookie);
    expect((await me(cookie)).statusCode).toBe(401);

    const account = await me(session);
    expect(account.statusCode).toBe(200);
    expect(account.json<AccountView>().account).toMatchObject({ kind: 'citizen', email: 'erika.mustermann@example.org', displayName: 'Erika Mustermann', stage: 'complete' });
    const [row, ...others] = await usersWithSubject('buerger-erika');
    expect(others).toEqual([]);
    expect(row).toMatchObject({ kind: 'citizen', oidc_issuer: provider.issuer, password_hash: null, organisation_id: app.organisation.id });
    expect(await auditOf('account-registered')).toContainEqual({ method: 'oidc' });
    expect(await auditOf('login')).toContainEqual({ method: 'oidc' });
  });

  it('opens the account in the organisation whose portal under /o/<slug>/ the login started from', async () => {
    const kleinstadt = await ensureOrganisation(database.db, { id: randomUUID(), slug: 'kleinstadt-oidc', name: 'Gemeinde Kleinstadt' });
    app.organisations.forget(kleinstadt.id);
    const response = await app.inject({ method: 'GET', url: '/api/auth/oidc/login?returnTo=%2Fo%2Fkleinstadt-oidc%2Fantraege&organisation=kleinstadt-oidc' });
    expect(response.statusCode, response.body).toBe(302);
    const back = await callback(await browseProvider(response.headers.location!, 'buerger-max'), sessionCookieOf(response));
    expect(back.statusCode, back.body).toBe(302);
    expect(back.headers.location).toBe('/o/kleinstadt-oidc/antraege');
    expect((await usersWithSubject('buerger-max')).map((row) => [row.organisation_id, row.kind])).toEqual([[kleinstadt.id, 'citizen']]);
    // An organisation that is not there is refused before anything reaches the provider.
    const unknown = await app.inject({ method: 'GET', url: '/api/auth/oidc/login?organisation=gibt-es-nicht' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ message: 'Diese Organisation gibt es hier nicht.' });
  });

  it('reuses the account when the same person logs in again', async () => {
    const first = await logInThroughProvider('buerger-erika');
    const second = await logInThroughProvider('buerger-erika');
    expect(second.id).toBe(first.id);
    expect(await usersWithSubject('buerger-erika')).toHaveLength(1);
  });

  it('takes given and family name when the provider has no full name, and a placeholder address when it has none', async () => {
    expect(await logInThroughProvider('buerger-max')).toMatchObject({ email: 'MAX.Muster@example.org', displayName: 'Max Muster' });
    expect(await logInThroughProvider('buerger-ohne-adresse')).toMatchObject({ email: 'buerger-ohne-adresse@oidc.invalid', displayName: 'Ohne Adresse' });
  });

  it('never logs into a password account that has the same address, but opens a separate one', async () => {
    const passwordAccount = await createAccount(app, { email: 'Paula.Petersen@Example.org', kind: 'citizen' });
    const account = await logInThroughProvider('buerger-paula');
    expect(account.id).not.toBe(passwordAccount.id);
    expect(account).toMatchObject({ email: 'buerger-paula@oidc.invalid', displayName: 'Paula Petersen' });
    const untouched = await database.db.selectFrom('users').selectAll().where('id', '=', passwordAccount.id).executeTakeFirstOrThrow();
    expect(untouched).toMatchObject({ oidc_subject: null, email: 'Paula.Petersen@Example.org' });
  });

  it('answers 401 to a tampered state, logs nobody in and forgets the pending login', async () => {
    const { authorizationUrl, cookie } = await startLogin('/');
    const genuine = await browseProvider(authorizationUrl, 'buerger-erika');
    const tampered = new URL(genuine);
    tampered.searchParams.set('state', `${genuine.searchParams.get('state')}x`);
    const refused = await callback(tampered, cookie);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'OIDC_LOGIN_FAILED', message: expect.stringContaining('Anmeldung') as unknown });
    expect(refused.headers.location).toBeUndefined();
    const afterwards = sessionCookieOf(refused, cookie);
    expect((await me(afterwards)).statusCode).toBe(401);
    expect(await auditOf('login-failed')).toContainEqual({ method: 'oidc', reason: 'state-mismatch' });

    // The genuine answer comes too late: the attempt was used up by the forged one.
    const replayed = await callback(genuine, afterwards);
    expect(replayed.statusCode).toBe(401);
    expect((await me(sessionCookieOf(replayed, afterwards))).statusCode).toBe(401);
    expect(await auditOf('login-failed')).toContainEqual({ method: 'oidc', reason: 'no-login-under-way' });
  });

  it('answers 401 to a callback without a login under way', async () => {
    const refused = await app.inject({ method: 'GET', url: '/api/auth/oidc/callback?code=abc&state=def' });
    expect(refused.statusCode).toBe(401);
    expect(sessionCookieOf(refused)).toBeUndefined();
  });

  it('answers 401 in the caller’s language when the person cancels at the provider', async () => {
    const { authorizationUrl, cookie } = await startLogin('/');
    const cancelled = await browseProvider(authorizationUrl, 'buerger-erika', { cancel: true });
    expect(cancelled.searchParams.get('error')).toBe('access_denied');
    const refused = await callback(cancelled, cookie, { 'accept-language': 'en' });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'OIDC_LOGIN_FAILED', message: 'The login through the external provider failed or was cancelled. Please try again.' });
    expect((await me(sessionCookieOf(refused, cookie))).statusCode).toBe(401);
    expect(await auditOf('login-failed')).toContainEqual({ method: 'oidc', reason: 'provider-error', detail: 'access_denied' });
  });

  it('answers 401 when the provider refuses to exchange the code', async () => {
    const { authorizationUrl, cookie } = await startLogin('/');
    const forged = await browseProvider(authorizationUrl, 'buerger-erika');
    forged.searchParams.set('code', `${forged.searchParams.get('code')}x`);
    const refused = await callback(forged, cookie);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'OIDC_LOGIN_FAILED' });
    expect((await me(sessionCookieOf(refused, cookie))).statusCode).toBe(401);
    expect(await auditOf('login-failed')).toContainEqual({ method: 'oidc', reason: 'exchange-failed', detail: 'invalid_grant' });
  });

  it('refuses a returnTo that would leave the site, naming the field', async () => {
    for (const returnTo of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'evil.example', '/ spaced']) {
      const response = await app.inject({ method: 'GET', url: `/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}` });
      expect(response.statusCode, returnTo).toBe(400);
      expect(response.headers.location).toBeUndefined();
      expect(response.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain('/querystring/returnTo');
    }
    const unknown = await app.inject({ method: 'GET', url: '/api/auth/oidc/login?next=/' });
    expect(unknown.statusCode).toBe(400);
  });

  it('tells the portal whether the login through a provider is offered', async () => {
    const offered = await app.inject({ method: 'GET', url: '/api/auth/providers' });
    expect(offered.statusCode).toBe(200);
    expect(offered.json()).toEqual({ oidc: true });
    const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, { get: { tags: string[]; responses: Record<string, unknown> } }> }>();
    for (const path of ['/api/auth/providers', '/api/auth/oidc/login', '/api/auth/oidc/callback']) expect(spec.paths[path]?.get.tags, path).toEqual(['auth']);
    expect(Object.keys(spec.paths['/api/auth/oidc/callback']!.get.responses)).toEqual(['302', '400', '401', '429', '503']);

    const plain = await startApp(database);
    try {
      expect((await plain.inject({ method: 'GET', url: '/api/auth/providers' })).json()).toEqual({ oidc: false });
      expect((await plain.inject({ method: 'GET', url: '/api/auth/oidc/login' })).statusCode).toBe(404);
      expect((await plain.inject({ method: 'GET', url: '/api/auth/oidc/callback?code=a&state=b' })).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('answers 503 while the provider cannot be reached, and keeps serving everything else', async () => {
    const issuer = `http://127.0.0.1:${await closedPort()}`;
    const unreachable = await startApp(database, { issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: REDIRECT_URI, allowInsecureHttp: true });
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await unreachable.inject({ method: 'GET', url: '/api/auth/oidc/login' });
        expect(response.statusCode).toBe(503);
        expect(response.json()).toMatchObject({ code: 'OIDC_UNAVAILABLE' });
      }
      expect((await unreachable.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await unreachable.close();
    }
  });
});

describe('citizen login through a provider that tells address and name only at userinfo', () => {
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let database: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    provider = await startProvider({ claimsInIdToken: false });
    database = await createTestDatabase('pglite');
    app = await startApp(database, { issuer: provider.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: REDIRECT_URI, allowInsecureHttp: true });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
    await provider?.close();
  });

  it('reads them from the userinfo endpoint', async () => {
    const started = await app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
    const cookie = sessionCookieOf(started);
    const at = await browseProvider(started.headers.location!, 'buerger-paula');
    const back = await app.inject({ method: 'GET', url: `${at.pathname}${at.search}`, headers: cookie ? { cookie } : {} });
    expect(back.statusCode, back.body).toBe(302);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: sessionCookieOf(back)! } });
    expect(me.json<AccountView>().account).toMatchObject({ kind: 'citizen', email: 'paula.petersen@example.org', displayName: 'Paula Petersen' });
  });
});
