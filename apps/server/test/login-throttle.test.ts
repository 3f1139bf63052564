import { deleteStaleLoginThrottles } from '@amtsweg/db';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { sql } from 'kysely';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config';
import { buildTestApp, createAccount, logIn, sessionCookie, TEST_PASSWORD, type TestApp } from './helper';

/**
 * Failed logins hold back the client that failed, never the account (issue 18, finding 2: five wrong passwords
 * locked the address for everyone, and four requests an hour from anywhere kept the only administrator out).
 * Clients here are network addresses, given to inject as `remoteAddress` (or X-Forwarded-For behind a proxy).
 */
describe.each(DATABASE_KINDS)('login throttle on %s', (kind) => {
  let t: TestApp;
  let counter = 0;
  const uniqueEmail = (name: string) => `${name}.${++counter}@drossel.example`;
  const OWNER = '198.51.100.7';
  const ATTACKER = '203.0.113.66';
  const loginFrom = (remoteAddress: string, email: string, password: string, extra: { kind?: 'staff' | 'citizen'; language?: string; cookie?: string } = {}) =>
    t.inject(
      {
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        headers: { ...(extra.language ? { 'accept-language': extra.language } : {}), ...(extra.cookie ? { cookie: extra.cookie } : {}) },
        payload: { email, password, kind: extra.kind ?? 'staff' },
      },
      null,
    );
  /** Moves every count and wait of the address into the past, as if `seconds` had passed. */
  const letTimePass = (email: string, seconds: number) =>
    sql`update login_throttles set updated_at = updated_at - make_interval(secs => ${seconds}), locked_until = locked_until - make_interval(secs => ${seconds})
        where email_key = ${email.toLowerCase()}`.execute(t.database.db);
  const retryAfter = (response: { headers: Record<string, unknown> }) => Number(response.headers['retry-after']);

  beforeAll(async () => {
    t = await buildTestApp(kind);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it.each(['staff', 'citizen'] as const)(
    'lets the %s owner log in from a client that has not failed, however long and from however many addresses others fail (regression: issue 18, finding 2)',
    async (accountKind) => {
      const email = uniqueEmail(`einziger.admin.${accountKind}`);
      await createAccount(t.app, { email, kind: accountKind, roles: accountKind === 'staff' ? ['administrator'] : [] });
      // The probe: a burst, then four requests an hour for eight hours, all from one address.
      for (let i = 0; i < 10; i++) await loginFrom(ATTACKER, email, `falsch-${i}-xxxxxxxx`, { kind: accountKind });
      for (let hour = 0; hour < 8; hour++) {
        for (let quarter = 0; quarter < 4; quarter++) {
          expect([401, 429]).toContain((await loginFrom(ATTACKER, email, `falsch-${hour}-${quarter}-xx`, { kind: accountKind })).statusCode);
          await letTimePass(email, 15 * 60);
        }
      }
      // And many addresses failing a few times each, at once.
      await Promise.all(Array.from({ length: 12 }, (_, n) => Promise.all(Array.from({ length: 6 }, (_, i) => loginFrom(`192.0.2.${n + 1}`, email, `verteilt-${n}-${i}-xx`, { kind: accountKind })))));

      // Any hold on the account as a whole would refuse this: the owner's client never failed.
      const owner = await loginFrom(OWNER, email, TEST_PASSWORD, { kind: accountKind });
      expect(owner.statusCode).toBe(200);
      expect(owner.json()).toMatchObject({ account: { email, stage: 'complete' } });
      // The attacker's own client is what waits after its next failure, for the right password too (it may be a guess).
      expect((await loginFrom(ATTACKER, email, 'noch-ein-versuch-x', { kind: accountKind })).statusCode).toBe(401);
      expect((await loginFrom(ATTACKER, email, TEST_PASSWORD, { kind: accountKind })).statusCode).toBe(429);
    },
    120_000,
  );

  it('holds back the failing client with a clear answer saying when to try again, the same for unknown addresses, and counts parallel guesses one after another', async () => {
    const email = uniqueEmail('parallel');
    const nobody = uniqueEmail('niemand');
    await createAccount(t.app, { email, kind: 'staff' });
    for (const address of [email, nobody]) {
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => loginFrom(ATTACKER, address, `falsch-parallel-${i}-xx`)));
      const statuses = answers.map((r) => r.statusCode).sort();
      // Five free attempts, then the client waits: parallel guesses do not get past the count.
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
      const held = answers.find((r) => r.statusCode === 429)!;
      expect(held.json()).toMatchObject({ code: 'LOGIN_THROTTLED' });
      expect(retryAfter(held)).toBeGreaterThan(0);
      expect(retryAfter(held)).toBeLessThanOrEqual(30);
      expect(held.json<{ retryAfter: number }>().retryAfter).toBe(retryAfter(held));
      expect(held.json<{ message: string }>().message).toMatch(/^Zu viele Fehlversuche von diesem Anschluss\. Bitte versuchen Sie es in \d+ Sekunden? wieder\./);
    }
    const english = await loginFrom(ATTACKER, nobody, 'noch-einmal-falsch-1', { language: 'en' });
    expect(english.statusCode).toBe(429);
    expect(english.json<{ message: string }>().message).toMatch(/^Too many failed attempts from this connection\. Please try again in \d+ seconds?\./);
    // The right password from the held-back client waits too; from another client it works at once.
    expect((await loginFrom(ATTACKER, email, TEST_PASSWORD)).statusCode).toBe(429);
    expect((await loginFrom(OWNER, email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('lengthens the wait while a client keeps failing (at most 15 minutes), and lets it in again once its count has decayed', async () => {
    const email = uniqueEmail('vergesslich');
    await createAccount(t.app, { email, kind: 'staff' });
    for (let i = 0; i < 5; i++) expect((await loginFrom(ATTACKER, email, `falsch-${i}-xxxxxxxx`)).statusCode).toBe(401);
    const first = await loginFrom(ATTACKER, email, 'falsch-noch-einmal-1');
    expect(first.statusCode).toBe(429);
    const waits = [retryAfter(first)];
    // Each time the wait is over the client fails again: the wait grows, up to the cap.
    for (let round = 0; round < 8; round++) {
      await letTimePass(email, waits.at(-1)!);
      expect((await loginFrom(ATTACKER, email, `falsch-runde-${round}-xx`)).statusCode).toBe(401);
      const held = await loginFrom(ATTACKER, email, `falsch-runde-${round}-yy`);
      expect(held.statusCode).toBe(429);
      waits.push(retryAfter(held));
    }
    // Failing as soon as allowed, the client settles at about one guess every ten minutes (the count decays meanwhile).
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThanOrEqual(waits[i - 1]!);
    expect(waits[0]!).toBeLessThanOrEqual(30);
    expect(waits.at(-1)).toBeGreaterThan(450);
    expect(Math.max(...waits)).toBeLessThanOrEqual(900);
    // A day later the count has decayed: the client logs in with the right password, and its count is gone.
    await letTimePass(email, 24 * 3600);
    expect((await loginFrom(ATTACKER, email, TEST_PASSWORD)).statusCode).toBe(200);
    const rows = await t.database.db.selectFrom('login_throttles').selectAll().where('email_key', '=', email).execute();
    expect(rows).toEqual([]);
  });

  it('forgets counts a day after their last failure in the housekeeping, and keeps the others', async () => {
    const old = uniqueEmail('alt');
    const recent = uniqueEmail('frisch');
    await loginFrom(ATTACKER, old, 'falsch-xxxxxxxxxx');
    await loginFrom(ATTACKER, recent, 'falsch-xxxxxxxxxx');
    await letTimePass(old, 25 * 3600);
    const cutoff = new Date(Date.now() - 24 * 3600 * 1000);
    const everyCount = () =>
      t.database.db.selectFrom('login_throttles').selectAll().orderBy('organisation_id').orderBy('kind').orderBy('email_key').orderBy('client_key').execute();
    const before = await everyCount();
    const stale = before.filter((row) => row.updated_at.getTime() < cutoff.getTime());
    expect(stale.map((row) => row.email_key)).toContain(old);
    // Exactly the stale counts go, and every other count (of the other tests too) stays as it was.
    expect(await deleteStaleLoginThrottles(t.database.db, cutoff)).toBe(stale.length);
    expect(await everyCount()).toEqual(before.filter((row) => !stale.includes(row)));
    expect((await everyCount()).map((row) => row.email_key)).toContain(recent);
  });

  it('lets a browser that logged in to the address before through while someone fails from the same network address', async () => {
    const email = uniqueEmail('rathaus');
    const other = uniqueEmail('kollegin');
    await createAccount(t.app, { email, kind: 'staff' });
    await createAccount(t.app, { email: other, kind: 'staff' });
    const OFFICE = '192.0.2.200';
    const browserCookie = async (address: string) => {
      const cookie = (await loginFrom(OFFICE, address, TEST_PASSWORD)).cookies.find((c) => c.name === 'amtsweg_login_client')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/auth' });
      return `${cookie.name}=${cookie.value}`;
    };
    const own = await browserCookie(email);
    const colleagues = await browserCookie(other);
    // Someone behind the same public address (the whole town hall) fails again and again.
    for (let i = 0; i < 8; i++) await loginFrom(OFFICE, email, `falsch-${i}-xxxxxxxx`);
    expect((await loginFrom(OFFICE, email, TEST_PASSWORD)).statusCode).toBe(429);
    expect((await loginFrom(OFFICE, email, TEST_PASSWORD, { cookie: own })).statusCode).toBe(200);
    // The cookie is bound to its address and sealed: another address's cookie, or a changed one, counts as the network address.
    expect((await loginFrom(OFFICE, email, TEST_PASSWORD, { cookie: colleagues })).statusCode).toBe(429);
    const middle = Math.floor(own.length / 2) + 10;
    const changed = `${own.slice(0, middle)}${own[middle] === 'A' ? 'B' : 'A'}${own.slice(middle + 1)}`;
    expect((await loginFrom(OFFICE, email, TEST_PASSWORD, { cookie: changed })).statusCode).toBe(429);
    // Failing with the cookie holds back that browser only.
    for (let i = 0; i < 5; i++) await loginFrom(OFFICE, other, `falsch-${i}-xxxxxxxx`, { cookie: colleagues });
    expect((await loginFrom(OFFICE, other, TEST_PASSWORD, { cookie: colleagues })).statusCode).toBe(429);
    expect((await loginFrom('198.51.100.44', other, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('groups the addresses of one IPv6 network (/64) as one client', async () => {
    const email = uniqueEmail('ipv6');
    await createAccount(t.app, { email, kind: 'staff' });
    for (let i = 1; i <= 6; i++) await loginFrom(`2001:db8:1:2::${i.toString(16)}`, email, `falsch-${i}-xxxxxxxx`);
    expect((await loginFrom('2001:db8:1:2:ffff::1', email, 'wieder-falsch-xxxx')).statusCode).toBe(429);
    expect((await loginFrom('2001:db8:9:9::1', email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('keeps counting wrong second-factor codes for the account, which only someone with the password can cause, while anonymous failures do not touch it', async () => {
    const email = uniqueEmail('zweiter.faktor');
    await createAccount(t.app, { email, kind: 'staff', roles: ['administrator'] });
    const caller = await logIn(t.app, email);
    const { secret } = (await t.inject({ method: 'POST', url: '/api/auth/second-factor/enrolment' }, caller)).json<{ secret: string }>();
    await t.inject({ method: 'POST', url: '/api/auth/second-factor/enrolment/confirm', payload: { code: await generate({ secret }) } }, caller);
    const halfLogIn = async (address: string) => {
      const half = await loginFrom(address, email, TEST_PASSWORD);
      expect(half.json()).toMatchObject({ account: { stage: 'second-factor' } });
      return { cookie: sessionCookie(half), 'x-csrf-token': half.json<{ csrfToken: string }>().csrfToken };
    };
    const secondFactor = (address: string, headers: Record<string, string>, code: string) =>
      t.inject({ method: 'POST', url: '/api/auth/login/second-factor', remoteAddress: address, headers, payload: { code } }, null);

    // Anonymous failures hold back the attacker's client only; the owner completes both steps.
    for (let i = 0; i < 20; i++) await loginFrom(ATTACKER, email, `falsch-${i}-xxxxxxxx`);
    const owner = await halfLogIn(OWNER);
    expect((await secondFactor(OWNER, owner, await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }))).statusCode).toBe(200);

    // Someone who has the password guesses codes from address after address: the account's count holds them all.
    const answers = [];
    for (let n = 1; n <= 6; n++) {
      const thief = `192.0.2.${100 + n}`;
      answers.push((await secondFactor(thief, await halfLogIn(thief), `00000${n}`)).statusCode);
    }
    expect(answers).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe('login throttle behind a proxy', () => {
  const PROXY = '10.0.0.2';
  let t: TestApp;
  beforeAll(async () => {
    // As the server reads it: only the proxy's own address is trusted to name the client.
    t = await buildTestApp('pglite', { trustProxy: readConfig({ TRUST_PROXY: PROXY }).trustProxy });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A login through the proxy, which appends the address it sees to whatever X-Forwarded-For the client sent. */
  const loginVia = (email: string, client: string, password: string, sentByClient?: string) =>
    t.inject(
      {
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: PROXY,
        headers: { 'x-forwarded-for': sentByClient === undefined ? client : `${sentByClient}, ${client}` },
        payload: { email, password },
      },
      null,
    );

  it('tells clients apart by the address the trusted proxy names, not by the proxy', async () => {
    const email = 'hinter.proxy@drossel.example';
    await createAccount(t.app, { email, kind: 'staff' });
    for (let i = 0; i < 8; i++) await loginVia(email, '203.0.113.5', `falsch-${i}-xxxxxxxx`);
    expect((await loginVia(email, '203.0.113.5', TEST_PASSWORD)).statusCode).toBe(429);
    expect((await loginVia(email, '198.51.100.9', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('keeps holding a client that writes a new X-Forwarded-For entry of its own into every attempt (review of issue 18)', async () => {
    const email = 'gefaelschter.kopf@drossel.example';
    await createAccount(t.app, { email, kind: 'staff' });
    const ATTACKER = '203.0.113.77';
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await loginVia(email, ATTACKER, `falsch-${i}-xxxxxxxx`, `192.0.2.${i + 1}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect((await loginVia(email, ATTACKER, TEST_PASSWORD, '192.0.2.200, 2001:db8::1')).statusCode).toBe(429);
    // A client reaching the server directly cannot name another one either: only the proxy is trusted to.
    const direct = (sentByClient: string, password: string) =>
      t.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ATTACKER, headers: { 'x-forwarded-for': sentByClient }, payload: { email, password } }, null);
    expect((await direct('198.51.100.10', TEST_PASSWORD)).statusCode).toBe(429);
    // The real client behind the proxy is not held back by any of it.
    expect((await loginVia(email, '198.51.100.10', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('documents the throttle on the login routes', async () => {
    const spec = (await t.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, { description?: string }>> }>();
    expect(spec.paths['/api/auth/login']!.post!.description).toMatch(/LOGIN_THROTTLED.*Retry-After.*Other clients are not held back/s);
    expect(spec.paths['/api/auth/login/second-factor']!.post!.description).toMatch(/counted for the account as a whole/);
  });
});
