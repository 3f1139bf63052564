import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summariseUserAgent } from '../src/auth/session-client';
import { buildTestApp, createAccount, sessionCookie, TEST_PASSWORD, type Caller, type TestApp } from './helper';

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const CHROME_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

interface SessionView {
  id: string;
  current: boolean;
  stage: string;
  startedAt: string;
  lastSeenAt: string | null;
  expiresAt: string;
  browser: string | null;
  system: string | null;
}

describe('summariseUserAgent', () => {
  it.each([
    [FIREFOX_WINDOWS, 'Firefox', 'Windows'],
    [CHROME_LINUX, 'Chrome', 'Linux'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36', 'Chrome', 'Linux'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge', 'Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', 'Safari', 'macOS'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', 'Safari', 'iOS'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 'Chrome', 'Android'],
    ['lightMyRequest', null, null],
    [undefined, null, null],
  ])('names %s as %s on %s', (userAgent, browser, system) => {
    expect(summariseUserAgent(userAgent)).toEqual({ browser, system });
  });
});

describe.each(DATABASE_KINDS)('the own account’s sessions on %s', (kind) => {
  let t: TestApp;
  let counter = 0;
  const uniqueEmail = (name: string) => `${name}.${++counter}@sitzungen.example`;

  /** Logs in from a browser with the given User-Agent; answers the session's headers. */
  const logInAs = async (email: string, userAgent: string): Promise<Caller> => {
    const response = await t.inject({ method: 'POST', url: '/api/auth/login', headers: { 'user-agent': userAgent }, payload: { email, password: TEST_PASSWORD } }, null);
    expect(response.statusCode).toBe(200);
    return { userId: response.json<{ account: { id: string } }>().account.id, headers: { cookie: sessionCookie(response), 'x-csrf-token': response.json<{ csrfToken: string }>().csrfToken } };
  };
  const listSessions = async (caller: Caller) => {
    const response = await t.inject({ method: 'GET', url: '/api/auth/sessions' }, caller);
    expect(response.statusCode).toBe(200);
    return response.json<{ sessions: SessionView[] }>().sessions;
  };
  const isLoggedIn = async (caller: Caller) => (await t.inject({ method: 'GET', url: '/api/auth/me' }, caller)).statusCode === 200;
  const rawSessionIds = async (userId: string) => (await t.database.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).map((row) => row.id);

  beforeAll(async () => {
    t = await buildTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists only the own sessions, this one first and marked, with browser and system, under ids that are not the session ids', async () => {
    const email = uniqueEmail('zwei.geraete');
    const person = await createAccount(t.app, { email, kind: 'staff', roles: ['caseworker'] });
    const laptop = await logInAs(email, FIREFOX_WINDOWS);
    const desktop = await logInAs(email, CHROME_LINUX);
    const colleague = await createAccount(t.app, { email: uniqueEmail('kollegin'), kind: 'staff', roles: ['caseworker'] });
    await logInAs(colleague.email, CHROME_LINUX);

    const response = await t.inject({ method: 'GET', url: '/api/auth/sessions' }, desktop);
    const { sessions } = response.json<{ sessions: SessionView[] }>();
    expect(sessions.map((s) => [s.current, s.stage, s.browser, s.system])).toEqual([
      [true, 'complete', 'Chrome', 'Linux'],
      [false, 'complete', 'Firefox', 'Windows'],
    ]);
    for (const session of sessions) {
      expect(session.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.parse(session.startedAt));
      expect(Date.now() - Date.parse(session.startedAt)).toBeLessThan(60_000);
    }
    // The session ids are the cookies' secrets: neither they nor the cookie appear in the answer.
    const raw = await rawSessionIds(person.id);
    expect(raw).toHaveLength(2);
    for (const id of raw) expect(response.body).not.toContain(id);
    expect(response.body).not.toContain(desktop.headers.cookie!.split('=')[1]!.split('.')[0]!);
    // The other device sees the same two, with itself marked.
    expect((await listSessions(laptop)).map((s) => [s.id, s.current])).toEqual([
      [sessions[1]!.id, true],
      [sessions[0]!.id, false],
    ]);
  });

  it('notes when a session was last used, at most every few minutes', async () => {
    const email = uniqueEmail('zuletzt');
    const person = await createAccount(t.app, { email, kind: 'staff', roles: ['caseworker'] });
    const laptop = await logInAs(email, FIREFOX_WINDOWS);
    const desktop = await logInAs(email, CHROME_LINUX);
    const laptopView = async () => (await listSessions(desktop)).find((s) => !s.current)!;
    expect(Date.now() - Date.parse((await laptopView()).lastSeenAt!)).toBeLessThan(60_000);

    // An hour without use; then one request of the laptop's marks it as seen now.
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await t.database.db.updateTable('sessions').set({ last_seen_at: anHourAgo }).where('user_id', '=', person.id).execute();
    expect(Date.parse((await laptopView()).lastSeenAt!)).toBe(anHourAgo.getTime());
    expect(await isLoggedIn(laptop)).toBe(true);
    const seen = Date.parse((await laptopView()).lastSeenAt!);
    expect(Date.now() - seen).toBeLessThan(60_000);
    // Within the next minutes a request writes nothing.
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await t.database.db.updateTable('sessions').set({ last_seen_at: twoMinutesAgo }).where('user_id', '=', person.id).execute();
    expect(await isLoggedIn(laptop)).toBe(true);
    expect(Date.parse((await laptopView()).lastSeenAt!)).toBe(twoMinutesAgo.getTime());
  });

  it('ends another own session, which is logged out at once, and records it', async () => {
    const email = uniqueEmail('verloren');
    const person = await createAccount(t.app, { email, kind: 'staff', roles: ['caseworker'] });
    const lost = await logInAs(email, FIREFOX_WINDOWS);
    const here = await logInAs(email, CHROME_LINUX);
    const other = (await listSessions(here)).find((s) => !s.current)!;
    const ended = await t.inject({ method: 'DELETE', url: `/api/auth/sessions/${other.id}` }, here);
    expect(ended.statusCode).toBe(204);
    expect(await isLoggedIn(lost)).toBe(false);
    expect(await isLoggedIn(here)).toBe(true);
    expect((await listSessions(here)).map((s) => s.current)).toEqual([true]);
    // Ended is ended: a second try finds nothing.
    expect((await t.inject({ method: 'DELETE', url: `/api/auth/sessions/${other.id}` }, here)).statusCode).toBe(404);
    const audit = await t.inject({ method: 'GET', url: '/api/audit-events?kind=session-ended&limit=200' });
    const events = audit.json<{ events: { actorId: string; subjectId: string; details: Record<string, unknown> }[] }>().events;
    const own = events.filter((e) => e.subjectId === person.id);
    expect(own.map((e) => [e.actorId, e.details.browser, e.details.system])).toEqual([[person.id, 'Firefox', 'Windows']]);
  });

  it('never ends or reveals another account’s session, and refuses made-up ids', async () => {
    const mine = await logInAs((await createAccount(t.app, { email: uniqueEmail('angreifer'), kind: 'staff', roles: ['caseworker'] })).email, CHROME_LINUX);
    const victimAccount = await createAccount(t.app, { email: uniqueEmail('opfer'), kind: 'staff', roles: ['caseworker'] });
    const victim = await logInAs(victimAccount.email, FIREFOX_WINDOWS);
    const victimHandle = (await listSessions(victim))[0]!.id;
    const [victimRawId] = await rawSessionIds(victimAccount.id);

    const foreign = await t.inject({ method: 'DELETE', url: `/api/auth/sessions/${victimHandle}` }, mine);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ code: 'NOT_FOUND', message: 'Diese Sitzung gibt es nicht (mehr).' });
    expect(await isLoggedIn(victim)).toBe(true);
    expect((await listSessions(mine)).map((s) => s.id)).not.toContain(victimHandle);

    // The raw session id is not an id of this API either (and must not work as one).
    for (const hostile of [victimRawId!, encodeURIComponent('../../sessions'), 'x'.repeat(44), encodeURIComponent("' or 1=1 --"), 'A'.repeat(42)]) {
      const response = await t.inject({ method: 'DELETE', url: `/api/auth/sessions/${hostile}`, headers: { 'accept-language': 'en' } }, mine);
      expect([400, 404]).toContain(response.statusCode);
      if (response.statusCode === 400) expect(response.json()).toMatchObject({ code: 'REQUEST_INVALID' });
    }
    expect((await t.inject({ method: 'DELETE', url: `/api/auth/sessions/${'A'.repeat(43)}` }, mine)).statusCode).toBe(404);
    expect((await t.inject({ method: 'DELETE', url: `/api/auth/sessions/${'A'.repeat(42)}` }, mine)).statusCode).toBe(400);
    expect(await isLoggedIn(victim)).toBe(true);
    expect(await isLoggedIn(mine)).toBe(true);
  });

  it('logs out cleanly when the current session is ended through its id', async () => {
    const email = uniqueEmail('selbst');
    await createAccount(t.app, { email, kind: 'staff', roles: ['caseworker'] });
    const here = await logInAs(email, CHROME_LINUX);
    const other = await logInAs(email, FIREFOX_WINDOWS);
    const current = (await listSessions(here)).find((s) => s.current)!;
    const response = await t.inject({ method: 'DELETE', url: `/api/auth/sessions/${current.id}` }, here);
    expect(response.statusCode).toBe(204);
    expect(await isLoggedIn(here)).toBe(false);
    expect(await isLoggedIn(other)).toBe(true);
  });

  it('shows a login waiting for the second factor to the account, but lets it list nothing, nor an API token', async () => {
    const email = uniqueEmail('zweiter.faktor');
    // An administrator too: the token below is the person's own (a token acts for its creator).
    await createAccount(t.app, { email, kind: 'staff', roles: ['caseworker', 'administrator'] });
    const here = await logInAs(email, CHROME_LINUX);
    const { secret } = (await t.inject({ method: 'POST', url: '/api/auth/second-factor/enrolment' }, here)).json<{ secret: string }>();
    const confirmed = await t.inject({ method: 'POST', url: '/api/auth/second-factor/enrolment/confirm', payload: { code: await generate({ secret }) } }, here);
    expect(confirmed.statusCode).toBe(200);
    const enrolled = { ...here, headers: { cookie: here.headers.cookie!, 'x-csrf-token': confirmed.json<{ csrfToken: string }>().csrfToken } };

    // Someone with the password but not the code: visible to the owner, who can end it; it can list nothing.
    const half = await logInAs(email, FIREFOX_WINDOWS);
    const refused = await t.inject({ method: 'GET', url: '/api/auth/sessions' }, half);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'SECOND_FACTOR_REQUIRED' });
    const sessions = await listSessions(enrolled);
    expect(sessions.map((s) => [s.current, s.stage, s.browser])).toEqual([
      [true, 'complete', 'Chrome'],
      [false, 'second-factor', 'Firefox'],
    ]);
    expect((await t.inject({ method: 'DELETE', url: `/api/auth/sessions/${sessions[1]!.id}` }, enrolled)).statusCode).toBe(204);
    expect((await t.inject({ method: 'POST', url: '/api/auth/login/second-factor', payload: { code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }) } }, half)).statusCode).toBe(401);

    const created = await t.inject({ method: 'POST', url: '/api/api-tokens', payload: { name: 'Sitzungen', scopes: ['cases:read'] } }, enrolled);
    const bearer = { authorization: `Bearer ${created.json<{ token: string }>().token}` };
    expect((await t.inject({ method: 'GET', url: '/api/auth/sessions', headers: bearer }, null)).statusCode).toBe(403);
    expect((await t.inject({ method: 'DELETE', url: `/api/auth/sessions/${sessions[0]!.id}`, headers: bearer }, null)).statusCode).toBe(403);
    expect(await isLoggedIn(enrolled)).toBe(true);
  });

  it('leaves out sessions that “log out everywhere else” voided, even when a running request wrote them back', async () => {
    const email = uniqueEmail('zurueckgeschrieben');
    const person = await createAccount(t.app, { email, kind: 'staff', roles: ['caseworker'] });
    const first = await logInAs(email, FIREFOX_WINDOWS);
    const second = await logInAs(email, CHROME_LINUX);
    expect(await listSessions(second)).toHaveLength(2);
    const rows = await t.database.db.selectFrom('sessions').selectAll().where('user_id', '=', person.id).execute();
    expect((await t.inject({ method: 'POST', url: '/api/auth/logout-others' }, second)).statusCode).toBe(204);
    // As a request of the first session still running would: its row is saved again after the logout.
    for (const row of rows) {
      await t.database.db
        .insertInto('sessions')
        .values({ id: row.id, user_id: row.user_id, data: JSON.stringify(row.data), expires_at: row.expires_at })
        .onConflict((c) => c.column('id').doNothing())
        .execute();
    }
    expect(await rawSessionIds(person.id)).toHaveLength(2);
    expect(await isLoggedIn(first)).toBe(false);
    expect((await listSessions(second)).map((s) => [s.current, s.browser])).toEqual([[true, 'Chrome']]);
  });
});
