import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createAccount, exampleSubmission, logIn, publishService, sessionCookie, TEST_PASSWORD, type Caller, type TestApp } from './helper';
import { registerCitizen } from './register-citizen';

interface AuditView {
  events: { kind: string; actorId: string | null; subjectId: string | null; details: Record<string, unknown> }[];
}

describe.each(DATABASE_KINDS)('identity and access on %s', (kind) => {
  let t: TestApp;
  const logLines: string[] = [];
  let serviceId: string;
  let counter = 0;
  const uniqueEmail = (name: string) => `${name}.${++counter}@auth.example`;
  const login = (email: string, password = TEST_PASSWORD, extra: Record<string, unknown> = {}) =>
    t.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password, ...extra } }, null);
  const throttleOf = (email: string) => t.database.db.selectFrom('login_throttles').selectAll().where('email_key', '=', email).executeTakeFirstOrThrow();
  const audit = async (kindOfEvent: string) =>
    (await t.inject({ method: 'GET', url: `/api/audit-events?kind=${kindOfEvent}&limit=200` })).json<AuditView>().events;

  beforeAll(async () => {
    t = await buildTestApp(kind, { logStream: { write: (line) => void logLines.push(line) } });
    serviceId = await publishService(t, 'hundeanmeldung');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('logs in with an HTTP-only SameSite session cookie, tells who is logged in, and logs out', async () => {
    const email = uniqueEmail('sachbearbeitung');
    await createAccount(t.app, { email, kind: 'staff', roles: ['caseworker'] });
    const response = await login(email.toUpperCase());
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'amtsweg_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const body = response.json<{ account: Record<string, unknown>; csrfToken: string }>();
    expect(body.account).toMatchObject({ email, kind: 'staff', roles: ['caseworker'], permissions: ['cases:read', 'cases:act'], stage: 'complete' });
    const caller = { cookie: sessionCookie(response), 'x-csrf-token': body.csrfToken };
    const me = await t.inject({ method: 'GET', url: '/api/auth/me', headers: caller }, null);
    expect(me.json<{ account: { email: string } }>().account.email).toBe(email);

    const loggedOut = await t.inject({ method: 'POST', url: '/api/auth/logout', headers: caller }, null);
    expect(loggedOut.statusCode).toBe(204);
    const after = await t.inject({ method: 'GET', url: '/api/auth/me', headers: caller }, null);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'AUTHENTICATION_REQUIRED', message: 'Bitte melden Sie sich an.' });
  });

  it('ends every other session of the own account on request, and keeps this one', async () => {
    const email = uniqueEmail('verloren');
    await createAccount(t.app, { email, kind: 'staff', roles: ['caseworker'] });
    const laptop = await logIn(t.app, email);
    const phone = await logIn(t.app, email);
    expect((await t.inject({ method: 'POST', url: '/api/auth/logout-others' }, phone)).statusCode).toBe(204);
    expect((await t.inject({ method: 'GET', url: '/api/auth/me' }, laptop)).statusCode).toBe(401);
    expect((await t.inject({ method: 'GET', url: '/api/auth/me' }, phone)).statusCode).toBe(200);
  });

  it('answers an unknown address, a wrong password and a wrong kind of account alike, and audits each', async () => {
    const email = uniqueEmail('bekannt');
    const user = await createAccount(t.app, { email, kind: 'staff' });
    const unknown = await login(uniqueEmail('unbekannt'));
    const wrong = await login(email, 'falsches-Passwort-123');
    const citizenSide = await login(email, TEST_PASSWORD, { kind: 'citizen' });
    for (const response of [unknown, wrong, citizenSide]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
      expect(response.json<{ message: string }>().message).toBe(unknown.json<{ message: string }>().message);
      expect(response.cookies.find((c) => c.name === 'amtsweg_session')).toBeUndefined();
    }
    const failed = await audit('login-failed');
    expect(failed.some((e) => e.subjectId === user.id && e.details.reason === 'wrong-password')).toBe(true);
    expect(failed.some((e) => e.subjectId === null && e.details.reason === 'unknown-account')).toBe(true);
  });

  it('holds back a client after five failed attempts, audits it, shows administrators the recent failures, and lets them end the wait', async () => {
    const email = uniqueEmail('gebremst');
    const user = await createAccount(t.app, { email, kind: 'staff', roles: ['caseworker'] });
    for (let attempt = 1; attempt <= 5; attempt++) expect((await login(email, `falsch-${attempt}-xxxxxxxx`)).statusCode).toBe(401);
    // The right password from the same client waits too, and the answer says for how long.
    const held = await login(email);
    expect(held.statusCode).toBe(429);
    expect(held.json()).toMatchObject({ code: 'LOGIN_THROTTLED' });
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
    const throttleEvents = (await audit('login-throttled')).filter((e) => e.subjectId === user.id);
    expect(throttleEvents).toHaveLength(1);
    expect(throttleEvents[0]!.details).toMatchObject({ failedAttempts: 5 });
    expect((await audit('login-failed')).some((e) => e.subjectId === user.id && e.details.reason === 'throttled')).toBe(true);

    // An address without an account is held back the same way, so waiting tells nothing about whether an account exists.
    const nobody = uniqueEmail('niemand');
    const answers = [];
    for (let attempt = 1; attempt <= 6; attempt++) answers.push((await login(nobody, `falsch-${attempt}-xxxxxxxx`)).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 401, 429]);
    expect(await throttleOf(nobody)).toMatchObject({ failures: 5 });

    const view = await t.inject({ method: 'GET', url: `/api/users/${user.id}` });
    // Six failed logins in the audit log: five wrong passwords and the right one refused while the client waited.
    expect(view.json()).toMatchObject({ failedLogins: 6, waitingClients: 1 });
    expect(Date.parse(view.json<{ lockedUntil: string }>().lockedUntil)).toBeGreaterThan(Date.now());
    const unlocked = await t.inject({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { unlock: true } });
    // Ending the wait forgets the throttle's counts, not the day's record of failures.
    expect(unlocked.json()).toMatchObject({ failedLogins: 6, waitingClients: 0, lockedUntil: null });
    expect((await login(email)).statusCode).toBe(200);
  });

  it('counts parallel guesses one after another, so the throttle stops them (regression: review of issue 4)', async () => {
    const email = uniqueEmail('parallel');
    const user = await createAccount(t.app, { email, kind: 'staff' });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login(email, `falsch-parallel-${i}-xx`)));
    expect(answers.filter((r) => r.statusCode === 401)).toHaveLength(5);
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(7);
    const row = await throttleOf(user.email);
    expect(row.failures).toBe(5);
    expect(row.locked_until!.getTime()).toBeGreaterThan(Date.now());
  });

  it('keeps holding back after dozens of failures instead of overflowing (regression: review of issue 4)', async () => {
    const email = uniqueEmail('dauerversuch');
    const user = await createAccount(t.app, { email, kind: 'staff' });
    await t.database.db
      .insertInto('login_throttles')
      .values({ organisation_id: user.organisation_id, kind: 'staff', email_key: user.email, client_key: 'ip:127.0.0.1', failures: 40, score: 40, locked_until: null })
      .execute();
    const failed = await login(email, 'immer-noch-falsch-123');
    expect(failed.statusCode).toBe(401);
    const row = await throttleOf(user.email);
    expect(row.failures).toBe(41);
    const lockSeconds = (row.locked_until!.getTime() - Date.now()) / 1000;
    expect(lockSeconds).toBeGreaterThan(800);
    expect(lockSeconds).toBeLessThanOrEqual(900);
    expect((await login(email)).statusCode).toBe(429);
  });

  it('keeps an API token away from its account’s password and second factor', async () => {
    const owner = await createAccount(t.app, { email: uniqueEmail('tokenbesitzer'), kind: 'staff', roles: ['administrator', 'caseworker'] });
    const created = await t.inject({ method: 'POST', url: '/api/api-tokens', payload: { name: 'Lesezugriff', scopes: ['cases:read'] } }, await logIn(t.app, owner.email));
    const bearer = { authorization: `Bearer ${created.json<{ token: string }>().token}` };
    const enrol = await t.inject({ method: 'POST', url: '/api/auth/second-factor/enrolment', headers: bearer }, null);
    expect(enrol.statusCode).toBe(403);
    const password = await t.inject({ method: 'PUT', url: '/api/auth/password', headers: bearer, payload: { currentPassword: TEST_PASSWORD, newPassword: 'Uebernommen-durch-Token-1' } }, null);
    expect(password.statusCode).toBe(403);
    const others = await t.inject({ method: 'POST', url: '/api/auth/logout-others', headers: bearer }, null);
    expect(others.statusCode).toBe(403);
    expect((await login(owner.email)).statusCode).toBe(200);
  });

  it('refuses the current password while the account waits after wrong ones, and counts them', async () => {
    const email = uniqueEmail('gesperrt.wechsel');
    const user = await createAccount(t.app, { email, kind: 'staff' });
    const session = await logIn(t.app, email);
    for (let i = 0; i < 5; i++) {
      const wrong = await t.inject({ method: 'PUT', url: '/api/auth/password', payload: { currentPassword: `falsch-${i}-xxxxxx`, newPassword: 'Neues-Passwort-2027-x' } }, session);
      expect(wrong.statusCode).toBe(401);
    }
    const right = await t.inject({ method: 'PUT', url: '/api/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'Neues-Passwort-2027-x' } }, session);
    expect(right.statusCode).toBe(429);
    expect(right.json()).toMatchObject({ code: 'LOGIN_THROTTLED' });
    const row = await t.database.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toBe(user.password_hash);
  });

  it('voids a session written back after its account’s sessions were ended (regression: review of issue 4)', async () => {
    const email = uniqueEmail('zurueckgeschrieben');
    const user = await createAccount(t.app, { email, kind: 'staff', roles: ['caseworker'] });
    const stolen = await logIn(t.app, email);
    const rows = await t.database.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect((await t.inject({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { password: 'Vom-Admin-Neu-Gesetzt-1' } })).statusCode).toBe(200);
    // A request that was still running writes its session back after the rows were deleted.
    await t.database.db.insertInto('sessions').values({ ...rows[0]!, data: JSON.stringify(rows[0]!.data) }).execute();
    expect((await t.inject({ method: 'GET', url: '/api/auth/me' }, stolen)).statusCode).toBe(401);
  });

  it('refuses a state-changing request of a session without its CSRF token, and changes nothing', async () => {
    const caller = await logIn(t.app, 'alle.rollen@test.example');
    const before = await t.inject({ method: 'GET', url: '/api/users' }, caller);
    const withoutToken = await t.inject(
      { method: 'POST', url: '/api/users', headers: { cookie: caller.headers.cookie! }, payload: { email: 'neu@auth.example', displayName: 'Neu', password: TEST_PASSWORD, roles: [] } },
      null,
    );
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json()).toMatchObject({ code: 'CSRF_TOKEN_INVALID' });
    const forged = await t.inject(
      { method: 'POST', url: '/api/users', headers: { cookie: caller.headers.cookie!, 'x-csrf-token': 'forged' }, payload: { email: 'neu@auth.example', displayName: 'Neu', password: TEST_PASSWORD, roles: [] } },
      null,
    );
    expect(forged.statusCode).toBe(403);
    const after = await t.inject({ method: 'GET', url: '/api/users' }, caller);
    expect(after.json<{ users: unknown[] }>().users).toHaveLength(before.json<{ users: unknown[] }>().users.length);
  });

  it('enrols an authenticator app, then asks for its code at login; a code works once, a recovery code too', async () => {
    const email = uniqueEmail('mfa');
    await createAccount(t.app, { email, kind: 'staff', roles: ['caseworker'] });
    const caller = await logIn(t.app, email);
    const started = await t.inject({ method: 'POST', url: '/api/auth/second-factor/enrolment' }, caller);
    expect(started.statusCode).toBe(201);
    const { secret, uri, qrCodeSvg } = started.json<{ secret: string; uri: string; qrCodeSvg: string }>();
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(qrCodeSvg).toContain('<svg');
    const wrongFirst = await t.inject({ method: 'POST', url: '/api/auth/second-factor/enrolment/confirm', payload: { code: '000000' } }, caller);
    expect(wrongFirst.statusCode).toBe(401);
    const firstCode = await generate({ secret });
    const confirmed = await t.inject({ method: 'POST', url: '/api/auth/second-factor/enrolment/confirm', payload: { code: firstCode } }, caller);
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes } = confirmed.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);
    // A copy of the database does not carry the secret: it is stored sealed.
    const stored = await t.database.db.selectFrom('users').select('totp_secret').where('email', '=', email).executeTakeFirstOrThrow();
    expect(stored.totp_secret).toMatch(/^v1:/);
    expect(stored.totp_secret).not.toContain(secret);
    expect(new Set(recoveryCodes).size).toBe(10);

    // Password alone is not enough any more.
    const half = await login(email);
    expect(half.json()).toMatchObject({ account: { stage: 'second-factor', permissions: [] } });
    const halfCaller = { cookie: sessionCookie(half), 'x-csrf-token': half.json<{ csrfToken: string }>().csrfToken };
    const inbox = await t.inject({ method: 'GET', url: '/api/cases', headers: halfCaller }, null);
    expect(inbox.statusCode).toBe(401);
    expect(inbox.json()).toMatchObject({ code: 'SECOND_FACTOR_REQUIRED' });
    // Half logged in: no roles shown, and the real owner's other sessions cannot be ended.
    expect(half.json<{ account: { roles: string[] } }>().account.roles).toEqual([]);
    expect((await t.inject({ method: 'POST', url: '/api/auth/logout-others', headers: halfCaller }, null)).statusCode).toBe(401);
    // The code used for enrolment cannot be replayed.
    const replay = await t.inject({ method: 'POST', url: '/api/auth/login/second-factor', headers: halfCaller, payload: { code: firstCode } }, null);
    expect(replay.statusCode).toBe(401);
    const recovered = await t.inject({ method: 'POST', url: '/api/auth/login/second-factor', headers: halfCaller, payload: { code: recoveryCodes[0]!.toLowerCase() } }, null);
    expect(recovered.statusCode).toBe(200);
    expect(recovered.json()).toMatchObject({ account: { stage: 'complete', secondFactor: { enabled: true, recoveryCodesLeft: 9 } } });
    const full = { cookie: sessionCookie(recovered), 'x-csrf-token': recovered.json<{ csrfToken: string }>().csrfToken };
    expect((await t.inject({ method: 'GET', url: '/api/cases', headers: full }, null)).statusCode).toBe(200);

    // The same recovery code a second time is refused; the next time step's code works.
    const again = await login(email);
    const againCaller = { cookie: sessionCookie(again), 'x-csrf-token': again.json<{ csrfToken: string }>().csrfToken };
    const reused = await t.inject({ method: 'POST', url: '/api/auth/login/second-factor', headers: againCaller, payload: { code: recoveryCodes[0]! } }, null);
    expect(reused.statusCode).toBe(401);
    // The next time step's code, sent at once from eight half-logged-in sessions: it works once. (Each password
    // login counts until the second factor follows, so the count is cleared here to keep the lockout out of it.)
    const clearCount = () => t.database.db.deleteFrom('login_throttles').where('email_key', '=', email).execute();
    const rivals = [againCaller];
    for (let i = 0; i < 7; i++) {
      await clearCount();
      const rival = await login(email);
      rivals.push({ cookie: sessionCookie(rival), 'x-csrf-token': rival.json<{ csrfToken: string }>().csrfToken });
    }
    await clearCount();
    const nextCode = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const all = await Promise.all(rivals.map((headers) => t.inject({ method: 'POST', url: '/api/auth/login/second-factor', headers, payload: { code: nextCode } }, null)));
    expect(all.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect((await audit('second-factor-enabled')).length).toBeGreaterThan(0);
    expect((await audit('recovery-code-used')).length).toBeGreaterThan(0);
  });

  it('does not let a known password reset the count that limits guessing the second factor', async () => {
    const email = uniqueEmail('code.raten');
    await createAccount(t.app, { email, kind: 'staff', roles: ['caseworker'] });
    const caller = await logIn(t.app, email);
    const { secret } = (await t.inject({ method: 'POST', url: '/api/auth/second-factor/enrolment' }, caller)).json<{ secret: string }>();
    await t.inject({ method: 'POST', url: '/api/auth/second-factor/enrolment/confirm', payload: { code: await generate({ secret }) } }, caller);
    const halfLogIn = async () => {
      const half = await login(email);
      expect(half.json()).toMatchObject({ account: { stage: 'second-factor' } });
      return { cookie: sessionCookie(half), 'x-csrf-token': half.json<{ csrfToken: string }>().csrfToken };
    };
    let halfCaller = await halfLogIn();
    for (const code of ['000001', '000002', '000003', '000004', '000005']) {
      expect((await t.inject({ method: 'POST', url: '/api/auth/login/second-factor', headers: halfCaller, payload: { code } }, null)).statusCode).toBe(401);
      // Logging in with the password again gives no fresh guesses.
      halfCaller = await halfLogIn();
    }
    const held = await t.inject({ method: 'POST', url: '/api/auth/login/second-factor', headers: halfCaller, payload: { code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }) } }, null);
    expect(held.statusCode).toBe(429);
    expect(held.json<{ message: string }>().message).toMatch(/^Zu viele falsche Codes oder Passwörter für dieses Konto\. Bitte versuchen Sie es in \d+ Sekunden? wieder\.$/);
  });

  it('makes staff enrol a second factor before anything else once the organisation requires it', async () => {
    const email = uniqueEmail('pflicht');
    await createAccount(t.app, { email, kind: 'staff', roles: ['caseworker'] });
    const before = await logIn(t.app, email);
    expect((await t.inject({ method: 'GET', url: '/api/cases' }, before)).statusCode).toBe(200);
    expect((await t.inject({ method: 'PATCH', url: '/api/organisation', payload: { requireMfa: true } })).json()).toMatchObject({ requireMfa: true });
    try {
      // A session that logged in before the rule is held back too.
      const heldBack = await t.inject({ method: 'GET', url: '/api/cases' }, before);
      expect(heldBack.json()).toMatchObject({ code: 'SECOND_FACTOR_REQUIRED' });
      expect((await t.inject({ method: 'GET', url: '/api/auth/me' }, before)).json()).toMatchObject({ account: { stage: 'enrol-second-factor' } });
      const response = await login(email);
      expect(response.json()).toMatchObject({ account: { stage: 'enrol-second-factor', secondFactor: { required: true, enabled: false } } });
      const caller = { cookie: sessionCookie(response), 'x-csrf-token': response.json<{ csrfToken: string }>().csrfToken };
      expect((await t.inject({ method: 'GET', url: '/api/cases', headers: caller }, null)).statusCode).toBe(401);
      const { secret } = (await t.inject({ method: 'POST', url: '/api/auth/second-factor/enrolment', headers: caller }, null)).json<{ secret: string }>();
      const confirmed = await t.inject({ method: 'POST', url: '/api/auth/second-factor/enrolment/confirm', headers: caller, payload: { code: await generate({ secret }) } }, null);
      expect(confirmed.statusCode).toBe(200);
      const complete = { cookie: sessionCookie(confirmed), 'x-csrf-token': confirmed.json<{ csrfToken: string }>().csrfToken };
      expect((await t.inject({ method: 'GET', url: '/api/cases', headers: complete }, null)).statusCode).toBe(200);
    } finally {
      // Straight in the database: the administrator has no second factor either, so the API holds them back now.
      await t.database.db.updateTable('organisations').set({ require_mfa: false }).where('id', '=', t.app.organisation.id).execute();
      t.app.organisations.forget(t.app.organisation.id);
    }
  });

  it('gives integrations scoped API tokens that are stored hashed, bounded by their account, and revocable', async () => {
    // The integration's own account creates its token (a token acts for its creator), then loses the designer role.
    const email = uniqueEmail('schnittstelle');
    const caseworker = await createAccount(t.app, { email, kind: 'staff', roles: ['caseworker', 'designer', 'administrator'] });
    const created = await t.inject({ method: 'POST', url: '/api/api-tokens', payload: { name: 'Fachverfahren Hundesteuer', scopes: ['cases:read', 'services:design'] } }, await logIn(t.app, email));
    expect(created.statusCode).toBe(201);
    expect((await t.inject({ method: 'PATCH', url: `/api/users/${caseworker.id}`, payload: { roles: ['caseworker', 'administrator'] } })).statusCode).toBe(200);
    const { token, apiToken } = created.json<{ token: string; apiToken: { id: string } }>();
    const bearer = { authorization: `Bearer ${token}` };

    const stored = await t.database.db.selectFrom('api_tokens').select('token_hash').where('id', '=', apiToken.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token.slice(8));
    expect((await t.inject({ method: 'GET', url: '/api/api-tokens' })).body).not.toContain(token);

    expect((await t.inject({ method: 'GET', url: '/api/cases', headers: bearer }, null)).statusCode).toBe(200);
    const listed = (await t.inject({ method: 'GET', url: '/api/api-tokens' })).json<{ tokens: { id: string; lastUsedAt: string | null }[] }>();
    expect(listed.tokens.find((token) => token.id === apiToken.id)?.lastUsedAt).toEqual(expect.any(String));
    const me = await t.inject({ method: 'GET', url: '/api/auth/me', headers: bearer }, null);
    expect(me.json()).toMatchObject({ account: { id: caseworker.id, permissions: ['cases:read'] } });
    expect(me.json()).not.toHaveProperty('csrfToken');
    expect(me.cookies).toEqual([]);
    // Not in the token's scopes, and not in its account's roles: both refused, no CSRF token needed.
    const act = await t.inject({ method: 'POST', url: `/api/cases/${randomCase()}/comments`, headers: bearer, payload: { text: 'x' } }, null);
    expect(act.statusCode).toBe(403);
    const design = await t.inject({ method: 'POST', url: '/api/services', headers: bearer, payload: { slug: 'per-token', definition: {} } }, null);
    expect(design.statusCode).toBe(403);

    expect((await t.inject({ method: 'DELETE', url: `/api/api-tokens/${apiToken.id}` })).statusCode).toBe(204);
    const revoked = await t.inject({ method: 'GET', url: '/api/cases', headers: bearer }, null);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toMatchObject({ code: 'API_TOKEN_INVALID' });
    expect((await audit('api-token-created')).some((e) => e.subjectId === apiToken.id)).toBe(true);
    expect((await audit('api-token-revoked')).some((e) => e.subjectId === apiToken.id)).toBe(true);
  });

  it('audits role changes, ends the sessions of a disabled account, and keeps administrators from locking themselves out', async () => {
    const email = uniqueEmail('rollen');
    const user = await createAccount(t.app, { email, kind: 'staff', roles: ['caseworker'] });
    const session = await logIn(t.app, email);
    const changed = await t.inject({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { roles: ['caseworker', 'designer'], serviceRoles: [{ serviceId, role: 'dogTax' }] } });
    expect(changed.json()).toMatchObject({ roles: ['caseworker', 'designer'], serviceRoles: [{ serviceId, role: 'dogTax' }] });
    const roleEvents = (await audit('roles-changed')).filter((e) => e.subjectId === user.id);
    expect(roleEvents[0]!.details).toMatchObject({ roles: { from: ['caseworker'], to: ['caseworker', 'designer'] } });

    const unknownRole = await t.inject({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { serviceRoles: [{ serviceId, role: 'mayor' }] } });
    expect(unknownRole.statusCode).toBe(422);
    expect(unknownRole.json()).toMatchObject({ code: 'ROLE_UNKNOWN', errors: [{ path: '/body/serviceRoles/0/role' }] });

    expect((await t.inject({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { disabled: true } })).statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: '/api/auth/me' }, session)).statusCode).toBe(401);
    expect((await login(email)).statusCode).toBe(401);

    const selfDemotion = await t.inject({ method: 'PATCH', url: `/api/users/${t.staff.userId}`, payload: { roles: ['designer'] } });
    expect(selfDemotion.statusCode).toBe(400);
    expect(selfDemotion.json()).toMatchObject({ errors: [{ path: '/body/roles' }] });
  });

  it('changes the own password after checking the current one, and ends the account’s other sessions', async () => {
    const email = uniqueEmail('wechsel');
    await createAccount(t.app, { email, kind: 'staff', roles: ['designer'] });
    const here = await logIn(t.app, email);
    const elsewhere = await logIn(t.app, email);
    const newPassword = 'Neues-Passwort-fuer-2027';
    const wrongCurrent = await t.inject({ method: 'PUT', url: '/api/auth/password', payload: { currentPassword: 'falsch-falsch-falsch', newPassword } }, here);
    expect(wrongCurrent.statusCode).toBe(401);
    const tooShort = await t.inject({ method: 'PUT', url: '/api/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'kurz' } }, here);
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json()).toMatchObject({ errors: [{ path: '/body/newPassword', code: 'minLength' }] });
    const changed = await t.inject({ method: 'PUT', url: '/api/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword } }, here);
    expect(changed.statusCode).toBe(204);
    expect((await t.inject({ method: 'GET', url: '/api/auth/me' }, here)).statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: '/api/auth/me' }, elsewhere)).statusCode).toBe(401);
    expect((await login(email)).statusCode).toBe(401);
    expect((await login(email, newPassword)).statusCode).toBe(200);
    expect((await audit('password-changed')).length).toBeGreaterThan(0);
  });

  it('lists what can be granted: staff roles with their permissions and each service’s process roles', async () => {
    const roles = await t.inject({ method: 'GET', url: '/api/roles' });
    expect(roles.statusCode).toBe(200);
    const body = roles.json<{ staffRoles: { id: string; permissions: string[] }[]; services: { serviceId: string; roles: { id: string; label: { de: string } }[] }[] }>();
    expect(body.staffRoles).toContainEqual({ id: 'caseworker', permissions: ['cases:read', 'cases:act'] });
    const dogs = body.services.find((service) => service.serviceId === serviceId)!;
    expect(dogs.roles).toEqual([
      { id: 'dogTax', label: expect.objectContaining({ de: 'Sachbearbeitung Hundesteuer' }) as unknown },
      { id: 'teamLead', label: expect.objectContaining({ de: 'Teamleitung Steueramt' }) as unknown },
    ]);
  });

  it('never logs or returns a password or its hash', async () => {
    const secretPassword = 'Geheim-Passwort-Nicht-Loggen-42';
    const email = uniqueEmail('geheim');
    const created = await t.inject({ method: 'POST', url: '/api/users', payload: { email, displayName: 'Geheim', password: secretPassword, roles: ['caseworker'] } });
    expect(created.statusCode).toBe(201);
    const responses = [
      created,
      await login(email, secretPassword),
      await login(email, `${secretPassword}-falsch`),
      await login(email, 'x'.repeat(300)),
      await t.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'kein-at-zeichen', password: secretPassword } }, null),
      await t.inject({ method: 'GET', url: '/api/users' }),
    ];
    for (const response of responses) {
      expect(response.body).not.toContain(secretPassword);
      expect(response.body).not.toContain('$argon2');
    }
    const logs = logLines.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(secretPassword);
    expect(logs).not.toContain('$argon2');
  });

  it('lets a citizen register, apply while logged in and find the application under their account', async () => {
    const email = uniqueEmail('buergerin');
    const registered = await registerCitizen(t.app, { email, password: TEST_PASSWORD, displayName: 'Erika Muster' });
    expect(registered.statusCode).toBe(200);
    const citizen: Caller = { userId: '', headers: { cookie: sessionCookie(registered), 'x-csrf-token': registered.json<{ csrfToken: string }>().csrfToken } };
    // Registering the address again (in any capitalisation) answers like a new one and changes nothing (issue 18, finding 3).
    const again = await t.inject({ method: 'POST', url: '/api/auth/register', payload: { email: email.toUpperCase(), password: TEST_PASSWORD, displayName: 'Doppelt' } }, null);
    expect(again.statusCode).toBe(202);
    const weak = await t.inject({ method: 'POST', url: '/api/auth/register', payload: { email: uniqueEmail('schwach'), password: 'aaaaaaaaaaaaaa', displayName: 'Schwach' } }, null);
    expect(weak.json()).toMatchObject({ code: 'PASSWORD_TOO_WEAK', errors: [{ path: '/body/password' }] });

    const submitted = await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: exampleSubmission('valid-without-files.json').data }, citizen);
    expect(submitted.statusCode).toBe(201);
    const { caseId, reference } = submitted.json<{ caseId: string; reference: string }>();
    const mine = await t.inject({ method: 'GET', url: '/api/applicant/cases' }, citizen);
    expect(mine.json()).toMatchObject({ cases: [{ id: caseId, reference, status: 'active', statusText: { de: 'Ihre Anmeldung wird geprüft.' } }] });
    const view = await t.inject({ method: 'GET', url: `/api/applicant/cases/${caseId}` }, citizen);
    expect(view.statusCode).toBe(200);
  });

  it('sends security headers with a content security policy', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/services' }, null);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toContain('max-age=');
  });
});

describe('session cookie behind an HTTPS proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    // inject's requests come from 127.0.0.1: the proxy on the same machine.
    t = await buildTestApp('pglite', { trustProxy: ['loopback'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is Secure when the request came in over HTTPS, and not over plain HTTP', async () => {
    const login = (headers: Record<string, string>) =>
      t.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { email: 'alle.rollen@test.example', password: TEST_PASSWORD } }, null);
    const overHttps = (await login({ 'x-forwarded-proto': 'https' })).cookies.find((c) => c.name === 'amtsweg_session');
    expect(overHttps).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    const overHttp = (await login({})).cookies.find((c) => c.name === 'amtsweg_session');
    expect(overHttp?.secure).toBeFalsy();
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('pglite', { rateLimits: { login: 3, submission: 2, upload: 2 } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('throttles logins and submissions per client address with a clear, localised answer', async () => {
    const attempts = [];
    for (let i = 0; i < 5; i++) attempts.push(await t.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'wer@example.org', password: 'x' } }, null));
    expect(attempts.map((r) => r.statusCode)).toEqual([401, 401, 429, 429, 429]);
    expect(attempts[4]!.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(attempts[4]!.json<{ message: string }>().message).toMatch(/^Zu viele Anfragen/);
    expect(attempts[4]!.headers['retry-after']).toBeDefined();

    const serviceId = await publishService(t, 'drossel');
    const submit = () => t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, headers: { 'accept-language': 'en' }, payload: exampleSubmission('valid-without-files.json').data }, null);
    const statuses = [(await submit()).statusCode, (await submit()).statusCode];
    const third = await submit();
    expect(statuses).toEqual([201, 201]);
    expect(third.statusCode).toBe(429);
    expect(third.json<{ message: string }>().message).toMatch(/^Too many requests/);
  });

  it('counts request rates per client as the login throttle and the upload budget do: one IPv6 /64 network is one client', async () => {
    const login = (remoteAddress: string) =>
      t.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { email: 'netz@example.org', password: 'falsch-xxxxxxxxxx' } }, null);
    const statuses = async (addresses: string[]) => {
      const answers = [];
      for (const address of addresses) answers.push((await login(address)).statusCode);
      return answers;
    };
    // Three logins a minute per client here.
    expect(await statuses(['2001:db8:5:1::1', '2001:db8:5:1::2', '2001:db8:5:1:ffff::3', '2001:db8:5:1::4'])).toEqual([401, 401, 401, 429]);
    expect(await statuses(['2001:db8:5:2::1'])).toEqual([401]);
    expect(await statuses(['::ffff:192.0.2.77', '192.0.2.77', '::ffff:192.0.2.77', '192.0.2.77'])).toEqual([401, 401, 401, 429]);
  });
});

function randomCase(): string {
  return crypto.randomUUID();
}
