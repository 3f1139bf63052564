import { DATABASE_KINDS } from '@amtsweg/db/testing';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/auth/hash-token';
import { buildTestApp, createAccount, sessionCookie, TEST_PASSWORD, type TestApp } from './helper';
import { eventually, startMailCatcher, type MailCatcher } from './receivers';

const PUBLIC_URL = 'https://amtsweg.musterstadt.example';
const CONFIRMATION_LINK = /https:\/\/amtsweg\.musterstadt\.example\/registrieren\/bestaetigen#([A-Za-z0-9_-]{20,})/;
const OTHER_PASSWORD = 'Ganz-Anderes-Passwort-2';

/**
 * Issue 18, finding 3: registering must not tell whether an address has a citizen account. Every registration
 * answers alike; the mailbox learns the rest — a confirmation link for a new address, a "someone tried to register
 * with your address" notice for a known one. Mails are read from a real SMTP server on 127.0.0.1.
 */
describe.each(DATABASE_KINDS)('citizen registration on %s', (kind) => {
  let t: TestApp;
  let smtp: MailCatcher;
  let serial = 0;
  const unique = (name: string) => `${name}.${++serial}.${Date.now()}@example.org`;

  const register = (email: string, password = TEST_PASSWORD, language = 'de') =>
    t.inject({ method: 'POST', url: '/api/auth/register', headers: { 'accept-language': language }, payload: { email, password, displayName: 'Erika Muster' } }, null);
  const logIn = (email: string, password = TEST_PASSWORD) =>
    t.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password, kind: 'citizen' } }, null);
  const confirm = (token: string, password = TEST_PASSWORD) => t.inject({ method: 'POST', url: '/api/auth/register/confirm', payload: { token, password } }, null);
  /** The mails to `address` once `count` of them have arrived. */
  const mailsTo = (address: string, count = 1) =>
    eventually(() => {
      const found = smtp.messages.filter((mail) => recipientOf(mail) === address);
      expect(found).toHaveLength(count);
      return found;
    });
  const tokenIn = (mail: ParsedMail) => {
    const match = CONFIRMATION_LINK.exec(mail.text ?? '');
    if (!match) throw new Error(`no confirmation link in: ${mail.text}`);
    return match[1]!;
  };

  beforeAll(async () => {
    smtp = await startMailCatcher();
    t = await buildTestApp(kind, {
      jobs: { mail: { smtpUrl: smtp.url, from: 'Stadt Musterstadt <noreply@musterstadt.example>', mailDir: '/nonexistent' }, publicUrl: PUBLIC_URL, pollMs: 50 },
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('answers a known and a new address with the same status and body (issue 18, finding 3)', async () => {
    const known = unique('bekannt');
    const owner = await createAccount(t.app, { email: known, kind: 'citizen' });
    const fresh = unique('neu');

    const forKnown = await register(known, OTHER_PASSWORD);
    const forNew = await register(fresh, OTHER_PASSWORD);
    expect(forKnown.statusCode, forKnown.body).toBe(202);
    expect(forNew.statusCode).toBe(forKnown.statusCode);
    expect(forNew.body).toBe(forKnown.body);
    expect(forKnown.json()).toEqual({ message: expect.stringContaining('E-Mail') as unknown });
    // Neither logs in: no session cookie tells them apart either.
    expect(forKnown.headers['set-cookie']).toBeUndefined();
    expect(forNew.headers['set-cookie']).toBeUndefined();

    // The owner of the known address is told, and nothing about her account changed.
    const [notice] = await mailsTo(known);
    expect(notice!.subject).toBe('Jemand wollte mit Ihrer E-Mail-Adresse ein Konto anlegen');
    expect(notice!.text).toContain(`${PUBLIC_URL}/anmelden`);
    expect(notice!.text).not.toMatch(CONFIRMATION_LINK);
    const after = await t.database.db.selectFrom('users').selectAll().where('id', '=', owner.id).executeTakeFirstOrThrow();
    expect(after).toEqual(owner);
    expect((await logIn(known)).statusCode).toBe(200);
    expect((await logIn(known, OTHER_PASSWORD)).statusCode).toBe(401);

    // The new address gets a confirmation link.
    const [confirmation] = await mailsTo(fresh);
    expect(confirmation!.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
    expect(tokenIn(confirmation!)).toBeTruthy();
    expect(confirmation!.text).toContain('mit dem Passwort, das Sie bei der Registrierung gewählt haben');
  });

  it('creates the account only when the mailed link is followed; it logs in, and the password works from then on', async () => {
    const email = unique('erika');
    expect((await register(email)).statusCode).toBe(202);
    // Before confirmation the login is refused exactly like an unknown address.
    const early = await logIn(email);
    const unknown = await logIn(unique('niemand'));
    expect(early.statusCode).toBe(401);
    expect(withoutRequestId(early)).toEqual(withoutRequestId(unknown));

    const [mail] = await mailsTo(email);
    const confirmed = await confirm(tokenIn(mail!));
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ account: { kind: 'citizen', email, displayName: 'Erika Muster', stage: 'complete' }, csrfToken: expect.any(String) as unknown });
    const me = await t.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: sessionCookie(confirmed) } }, null);
    expect(me.json()).toMatchObject({ account: { email, kind: 'citizen' } });
    expect((await logIn(email)).statusCode).toBe(200);

    // The link works once.
    const again = await confirm(tokenIn(mail!));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'CONFIRMATION_LINK_USED',
      message: expect.stringContaining('bereits bestätigt') as unknown,
      errors: [{ path: '/body/token', code: 'used', message: expect.stringContaining('bereits bestätigt') as unknown }],
    });
  });

  it('refuses an expired or unknown link with a clear message; registering again sends a fresh link', async () => {
    const email = unique('spaet');
    await register(email);
    const [first] = await mailsTo(email);
    // A day has passed (the link lives 24 hours).
    await t.database.db.updateTable('citizen_registrations').set({ expires_at: new Date(Date.now() - 1000) }).where('email', '=', email).execute();
    const expired = await confirm(tokenIn(first!));
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({
      code: 'CONFIRMATION_LINK_EXPIRED',
      message: expect.stringContaining('abgelaufen') as unknown,
      errors: [{ path: '/body/token', code: 'expired', message: expect.stringContaining('abgelaufen') as unknown }],
    });
    const english = await t.inject(
      { method: 'POST', url: '/api/auth/register/confirm', headers: { 'accept-language': 'en' }, payload: { token: tokenIn(first!), password: TEST_PASSWORD } },
      null,
    );
    expect(english.json()).toMatchObject({ code: 'CONFIRMATION_LINK_EXPIRED', message: expect.stringContaining('expired') as unknown });
    const madeUp = await confirm('A'.repeat(43));
    expect(madeUp.statusCode).toBe(410);
    expect((await logIn(email)).statusCode).toBe(401);

    await register(email);
    const [, second] = await mailsTo(email, 2);
    expect(tokenIn(second!)).not.toBe(tokenIn(first!));
    expect((await confirm(tokenIn(second!))).statusCode).toBe(200);
  });

  it('gives the account the password of the registration whose link was followed', async () => {
    const email = unique('zweimal');
    await register(email, TEST_PASSWORD);
    const [first] = await mailsTo(email);
    await register(email, OTHER_PASSWORD);
    const [, second] = await mailsTo(email, 2);
    expect((await confirm(tokenIn(second!), OTHER_PASSWORD)).statusCode).toBe(200);
    expect((await logIn(email, OTHER_PASSWORD)).statusCode).toBe(200);
    expect((await logIn(email, TEST_PASSWORD)).statusCode).toBe(401);
    // The other link of the same address is spent with it: one account per address.
    const other = await confirm(tokenIn(first!), TEST_PASSWORD);
    expect(other.statusCode).toBe(409);
    expect((await logIn(email, OTHER_PASSWORD)).statusCode).toBe(200);
  });

  it('keeps the five newest links of an address valid, and tells an account owner at most once an hour', async () => {
    const email = unique('oft');
    const known = unique('besitzerin');
    await createAccount(t.app, { email: known, kind: 'citizen' });
    // The worker waits meanwhile, so the mail of a registration pushed out is due only after it went.
    await t.app.worker!.stop();
    try {
      // Three registrations in each of two hours (at most three confirmation mails an hour go to one address).
      for (let i = 0; i < 3; i++) expect((await register(email)).statusCode).toBe(202);
      await sql`update citizen_registrations set created_at = now() - interval '2 hours' where email = ${email}`.execute(t.database.db);
      for (let i = 0; i < 3; i++) expect((await register(email)).statusCode).toBe(202);
      for (let i = 0; i < 3; i++) expect((await register(known, OTHER_PASSWORD)).statusCode).toBe(202);
      expect(await t.database.db.selectFrom('citizen_registrations').select('email').where('email', '=', email).execute()).toHaveLength(5);
    } finally {
      t.app.worker!.start();
    }
    await t.app.worker!.drain();
    const mails = await mailsTo(email, 5);
    // Every job has run (drained): one notice however often the known address was registered.
    await mailsTo(known, 1);
    expect((await confirm(tokenIn(mails[4]!))).statusCode).toBe(200);
  });

  it('sends a new address at most three confirmation mails an hour, answering every registration alike (review S7)', async () => {
    const email = unique('postflut');
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await register(email, i % 2 === 0 ? TEST_PASSWORD : OTHER_PASSWORD));
    expect(new Set(answers.map((answer) => `${answer.statusCode} ${JSON.stringify(withoutRequestId(answer))} ${answer.headers['set-cookie'] === undefined}`)).size).toBe(1);
    expect(answers[0]!.statusCode).toBe(202);
    await t.app.worker!.drain();
    const mails = await mailsTo(email, 3);
    // Only the registrations that were mailed are kept: the others could never be confirmed.
    expect(await t.database.db.selectFrom('citizen_registrations').select('email').where('email', '=', email).execute()).toHaveLength(3);
    await t.app.worker!.drain();
    expect(smtp.messages.filter((mail) => recipientOf(mail) === email)).toHaveLength(3);

    // An hour later the address gets mail again.
    await sql`update citizen_registrations set created_at = now() - interval '61 minutes' where email = ${email}`.execute(t.database.db);
    await register(email, OTHER_PASSWORD);
    const [, , , fourth] = await mailsTo(email, 4);
    expect((await confirm(tokenIn(fourth!), OTHER_PASSWORD)).statusCode).toBe(200);
    expect(tokenIn(mails[0]!)).not.toBe(tokenIn(fourth!));
  });

  it('confirms a link only with the password of its own registration; a wrong one leaves the link usable (review S1)', async () => {
    const email = unique('opfer');
    // Someone else registers the victim's address with a password of their choosing …
    await register(email, OTHER_PASSWORD);
    const [planted] = await mailsTo(email);
    // … and the victim, or a scanner in her mailbox, follows the link: without the password nothing happens.
    const bare = await t.inject({ method: 'POST', url: '/api/auth/register/confirm', payload: { token: tokenIn(planted!) } }, null);
    expect(bare.statusCode).toBe(400);
    expect(bare.json()).toMatchObject({ errors: [expect.objectContaining({ path: '/body/password' })] });
    const ownPassword = await confirm(tokenIn(planted!), TEST_PASSWORD);
    expect(ownPassword.statusCode).toBe(401);
    expect(ownPassword.json()).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: expect.stringContaining('bei der Registrierung') as unknown,
      errors: [{ path: '/body/password', code: 'wrong', message: expect.stringContaining('bei der Registrierung') as unknown }],
    });
    expect(ownPassword.headers['set-cookie']).toBeUndefined();
    expect(await t.database.db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);

    // The victim registers herself: with two pending registrations each link needs its own registration's password.
    await register(email, TEST_PASSWORD);
    const [, own] = await mailsTo(email, 2);
    expect((await confirm(tokenIn(own!), OTHER_PASSWORD)).statusCode).toBe(401);
    expect((await confirm(tokenIn(planted!), TEST_PASSWORD)).statusCode).toBe(401);
    // Wrong passwords did not use up her link.
    const confirmed = await confirm(tokenIn(own!), TEST_PASSWORD);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect((await logIn(email, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await logIn(email, OTHER_PASSWORD)).statusCode).toBe(401);
    // The planted link is spent with hers, even with its own password: the other party never gets in.
    expect((await confirm(tokenIn(planted!), OTHER_PASSWORD)).statusCode).toBe(409);
    expect((await logIn(email, OTHER_PASSWORD)).statusCode).toBe(401);
  });

  it('counts wrong confirmation passwords like failed logins of the address from this client (review S1)', async () => {
    const email = unique('raten');
    await register(email, TEST_PASSWORD);
    const [mail] = await mailsTo(email);
    for (let i = 0; i < 5; i++) expect((await confirm(tokenIn(mail!), `Falsches-Passwort-${i}x`)).statusCode).toBe(401);
    // This client now waits — even with the right password, and for the login of the address too.
    const held = await confirm(tokenIn(mail!), TEST_PASSWORD);
    expect(held.statusCode).toBe(429);
    expect(held.json()).toMatchObject({ code: 'LOGIN_THROTTLED' });
    expect(held.headers['retry-after']).toBeDefined();
    expect((await logIn(email, TEST_PASSWORD)).statusCode).toBe(429);
    // Once the wait is over (an administrator lifting it here), the link still works.
    await t.database.db.deleteFrom('login_throttles').where('email_key', '=', email.toLowerCase()).execute();
    expect((await confirm(tokenIn(mail!), TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('confirms two links of one address followed at the same moment once: one 200, one 409, never a 500 (review C1)', async () => {
    for (let round = 0; round < 3; round++) {
      const email = unique('gleichzeitig');
      await register(email, TEST_PASSWORD);
      await register(email, OTHER_PASSWORD);
      const [first, second] = await mailsTo(email, 2);
      const answers = await Promise.all([confirm(tokenIn(first!), TEST_PASSWORD), confirm(tokenIn(second!), OTHER_PASSWORD)]);
      expect(answers.map((answer) => answer.statusCode).sort(), answers.map((answer) => answer.body).join('\n')).toEqual([200, 409]);
      expect(answers.find((answer) => answer.statusCode === 409)!.json()).toMatchObject({ code: 'CONFIRMATION_LINK_USED' });
      expect(await t.database.db.selectFrom('users').select('id').where('email', '=', email).execute()).toHaveLength(1);
    }
  });

  it.runIf(kind === 'postgres')('confirms two links of one address whose transactions overlap once, without a deadlock (review C1)', async () => {
    const email = unique('verzahnt');
    await register(email, TEST_PASSWORD);
    await register(email, OTHER_PASSWORD);
    const [first, second] = await mailsTo(email, 2);
    // Both registrations' rows are held until both confirmations wait, so they start their work at the same moment
    // (before the fix each then held its own row and waited for the other's to use it up: a deadlock, a 500).
    const hashes = [hashToken(tokenIn(first!)), hashToken(tokenIn(second!))];
    const { pending } = await t.database.db.transaction().execute(async (trx) => {
      await trx.selectFrom('citizen_registrations').select('token_hash').where('token_hash', 'in', hashes).forUpdate().execute();
      const pending = Promise.all([confirm(tokenIn(first!), TEST_PASSWORD), confirm(tokenIn(second!), OTHER_PASSWORD)]);
      await eventually(async () => {
        const { rows } = await sql<{ waiting: string }>`select count(*) as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(t.database.db);
        expect(Number(rows[0]!.waiting)).toBe(2);
      });
      // Wrapped: returning the promise itself would keep the transaction open until the answers came.
      return { pending };
    });
    const answers = await pending;
    expect(answers.map((answer) => answer.statusCode).sort(), answers.map((answer) => answer.body).join('\n')).toEqual([200, 409]);
    expect(answers.find((answer) => answer.statusCode === 409)!.json()).toMatchObject({ code: 'CONFIRMATION_LINK_USED', errors: [{ path: '/body/token' }] });
    expect(await t.database.db.selectFrom('users').select('id').where('email', '=', email).execute()).toHaveLength(1);
  });

  it('writes the mails in the language of the request', async () => {
    const known = unique('known');
    await createAccount(t.app, { email: known, kind: 'citizen' });
    const fresh = unique('fresh');
    const answers = [await register(known, TEST_PASSWORD, 'en'), await register(fresh, TEST_PASSWORD, 'en')];
    expect(answers.map((answer) => answer.json<{ message: string }>().message)).toEqual([expect.stringContaining('email'), expect.stringContaining('email')]);
    const [notice] = await mailsTo(known);
    const [confirmation] = await mailsTo(fresh);
    expect(notice!.subject).toBe('Someone tried to create an account with your email address');
    expect(confirmation!.subject).toBe('Please confirm your email address');
    expect(confirmation!.headers.get('content-language')).toBe('en');
    expect(confirmation!.text).toContain('24');
  });

  it('refuses a weak password alike for a known and a new address, storing nothing', async () => {
    const known = unique('schwach-bekannt');
    await createAccount(t.app, { email: known, kind: 'citizen' });
    const fresh = unique('schwach-neu');
    const forKnown = await register(known, 'aaaaaaaaaaaaaa');
    const forNew = await register(fresh, 'aaaaaaaaaaaaaa');
    expect(forKnown.statusCode).toBe(422);
    expect(withoutRequestId(forNew)).toEqual(withoutRequestId(forKnown));
    const stored = await t.database.db.selectFrom('citizen_registrations').select('email').where('email', 'in', [known, fresh]).execute();
    expect(stored).toEqual([]);
    const jobs = await t.database.db.selectFrom('jobs').select('id').where('kind', '=', 'accountMail').execute();
    const mailsBefore = jobs.length;
    expect((await register(fresh, 'kurz')).statusCode).toBe(400);
    expect(await t.database.db.selectFrom('jobs').select('id').where('kind', '=', 'accountMail').execute()).toHaveLength(mailsBefore);
  });

  /**
   * The class: no anonymous route may tell a known address from an unknown one. Registration, login with a wrong
   * password (also once the address is throttled), login of a registration not yet confirmed — each answers a
   * known and an unknown address alike. And every public route that takes an address is one of them, so a new one
   * (a password reset, say) must join this test.
   */
  it('answers every anonymous route that takes an address alike for a known and an unknown address', async () => {
    const known = unique('konto');
    await createAccount(t.app, { email: known, kind: 'citizen' });
    const staff = unique('mitarbeiterin');
    await createAccount(t.app, { email: staff, kind: 'staff' });
    const pending = unique('offen');
    await register(pending);

    const probes: Record<string, (email: string) => Promise<LightMyRequestResponse>> = {
      'POST /api/auth/register': (email) => register(email, OTHER_PASSWORD),
      'POST /api/auth/login (wrong password)': (email) => logIn(email, 'Falsches-Passwort-123'),
    };
    const compare = async (name: string, a: string, b: string, probe: (email: string) => Promise<LightMyRequestResponse>) => {
      const [first, second] = [await probe(a), await probe(b)];
      expect({ name, status: second.statusCode, body: withoutRequestId(second), cookie: second.headers['set-cookie'] === undefined }).toEqual({
        name,
        status: first.statusCode,
        body: withoutRequestId(first),
        cookie: first.headers['set-cookie'] === undefined,
      });
    };
    for (const [name, probe] of Object.entries(probes)) await compare(name, known, unique('unbekannt'), probe);
    // A staff address, a registration not yet confirmed (with its own, correct password) and an unknown address.
    await compare('POST /api/auth/login (staff)', staff, unique('unbekannt'), (email) =>
      t.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'Falsches-Passwort-123', kind: 'staff' } }, null),
    );
    await compare('POST /api/auth/login (not confirmed)', pending, unique('unbekannt'), (email) => logIn(email));
    // Throttled: after as many failures each, a known and an unknown address still look alike.
    const guessed = unique('geraten');
    await createAccount(t.app, { email: guessed, kind: 'citizen' });
    const unknown = unique('unbekannt');
    for (let i = 0; i < 7; i++) await compare('POST /api/auth/login (repeated)', guessed, unknown, (email) => logIn(email, 'Falsches-Passwort-123'));

    // Every public route taking an address in its body or query is among the ones compared above.
    const spec = (await t.inject({ method: 'GET', url: '/docs/json' }, null)).json<OpenApi>();
    const covered = new Set(['POST /api/auth/register', 'POST /api/auth/login']);
    const takingAddresses = t.routes
      .filter((route) => route.access === 'public')
      .filter((route) => {
        const operation = spec.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
        const body = operation?.requestBody?.content?.['application/json']?.schema?.properties ?? {};
        const query = (operation?.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
        return [...Object.keys(body), ...query].some((name) => /e-?mail|address/i.test(name));
      })
      .map((route) => `${route.method} ${route.url}`);
    expect(takingAddresses.length).toBeGreaterThan(0);
    expect(takingAddresses.filter((route) => !covered.has(route))).toEqual([]);
  });
});

interface OpenApi {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }; parameters?: { in: string; name: string }[] }>
  >;
}

/** An answer as the caller sees it, without the per-request id. */
function withoutRequestId(response: LightMyRequestResponse): unknown {
  const { requestId: _id, ...rest } = response.json<Record<string, unknown>>();
  return rest;
}

function recipientOf(mail: ParsedMail): string | undefined {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address;
}
