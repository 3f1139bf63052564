import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, TEST_PASSWORD, type TestApp } from '../../server/test/helper';
import { eventually, startMailCatcher, type MailCatcher } from '../../server/test/receivers';
import { collectProblems, expectAccessible, focused, startSite, type Site } from './browser-support';

const PUBLIC_URL = 'https://amtsweg.musterstadt.example';

/**
 * Issue 18, finding 3: a citizen registers in the portal, is told to check her mail (whatever the address), follows
 * the mailed link, confirms with the password she chose and is logged in; a link followed twice or expired says
 * what to do. Following the link alone sends nothing (review S1: a registration someone else made is of no use
 * without their password). Keyboard only, axe on every state, German and English. The mail comes through a real
 * SMTP server on 127.0.0.1.
 */
describe('citizen registration in the portal on pglite', () => {
  let site: Site;
  let t: TestApp;
  let smtp: MailCatcher;

  /** The confirmation link of the mail to `address`, on the test server's origin. */
  const mailedLink = async (address: string): Promise<string> => {
    const mail = await eventually(() => {
      const found = smtp.messages.find((message) => recipientOf(message) === address);
      expect(found).toBeDefined();
      return found!;
    });
    const link = /https:\/\/\S+\/registrieren\/bestaetigen#\S+/.exec(mail.text ?? '')?.[0];
    expect(link?.startsWith(`${PUBLIC_URL}/registrieren/bestaetigen#`)).toBe(true);
    const url = new URL(link!);
    return `${site.origin}${url.pathname}${url.hash}`;
  };

  beforeAll(async () => {
    smtp = await startMailCatcher();
    site = await startSite('pglite', ['portal'], {
      jobs: { mail: { smtpUrl: smtp.url, from: 'Stadt Musterstadt <noreply@musterstadt.example>', mailDir: '/nonexistent' }, publicUrl: PUBLIC_URL, pollMs: 50 },
    });
    t = site.t;
    await createAccount(t.app, { email: 'bekannt@example.org', kind: 'citizen' });
  });
  afterAll(async () => {
    await site?.close();
    await smtp?.close();
  });

  it('registers, shows "check your mail", and the mailed link confirms the address and logs in', async () => {
    const context = await site.browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(`${site.origin}/registrieren`);
    await page.getByRole('heading', { level: 1, name: 'Konto anlegen' }).waitFor();
    await page.getByRole('button', { name: 'Konto anlegen' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.aw-error-summary').filter({ hasText: 'Bitte füllen Sie „Ihr Name“ aus.' }).waitFor();
    await expectAccessible(page, 'the registration page with errors');

    await page.getByLabel('Ihr Name').fill('Berta Neu');
    await page.getByLabel('E-Mail-Adresse').fill('berta.neu@example.org');
    await page.getByLabel('Passwort').fill(TEST_PASSWORD);
    await page.getByLabel('Passwort').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Bitte prüfen Sie Ihr E-Mail-Postfach' }).waitFor();
    await expect.poll(() => focused(page)).toBe('h1:Bitte prüfen Sie Ihr E-Mail-Postfach');
    expect(await page.locator('main').textContent()).toContain('Wir haben eine E-Mail an berta.neu@example.org geschickt.');
    await expectAccessible(page, 'the "check your mail" state');

    // Before the link is followed the login is refused like a wrong password, with a hint what to do.
    await page.getByRole('main').getByRole('link', { name: 'Anmelden' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Bestätigen Sie zuerst Ihre E-Mail-Adresse');
    await page.getByLabel('E-Mail-Adresse').fill('berta.neu@example.org');
    await page.getByLabel('Passwort').fill(TEST_PASSWORD);
    await page.getByLabel('Passwort').press('Enter');
    await page.locator('.aw-error-summary').filter({ hasText: 'E-Mail-Adresse oder Passwort stimmen nicht' }).waitFor();

    const link = await mailedLink('berta.neu@example.org');
    const confirmations: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/auth/register/confirm')) confirmations.push(request.method());
    });
    await page.goto(link);
    // The link opens a form asking for the registration's password; following it sends nothing (review S1).
    await page.getByRole('heading', { level: 1, name: 'E-Mail-Adresse bestätigen' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    const hint = 'Geben Sie das Passwort ein, das Sie bei der Registrierung gewählt haben.';
    expect(await page.getByLabel('Ihr Passwort aus der Registrierung').getAttribute('aria-describedby')).toBe('password-hint');
    expect(await page.locator('#password-hint').textContent()).toBe(hint);
    await expectAccessible(page, 'the confirmation form');
    await page.waitForLoadState('networkidle');
    expect(confirmations).toEqual([]);
    expect(await t.database.db.selectFrom('users').select('id').where('email', '=', 'berta.neu@example.org').execute()).toEqual([]);

    // Submitted empty, then with another password: the summary takes the focus and leads to the field.
    await page.getByRole('button', { name: 'Bestätigen und anmelden' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.aw-error-summary').filter({ hasText: 'Bitte füllen Sie „Ihr Passwort aus der Registrierung“ aus.' }).waitFor();
    expect(confirmations).toEqual([]);
    await page.getByLabel('Ihr Passwort aus der Registrierung').fill('Ein-Anderes-Passwort-9');
    await page.getByLabel('Ihr Passwort aus der Registrierung').press('Enter');
    const summary = page.locator('.aw-error-summary').filter({ hasText: 'Das Passwort passt nicht zu dieser Registrierung' });
    await summary.waitFor();
    await expect.poll(() => focused(page)).toMatch(/^div:Bitte korrigieren Sie Folgendes/);
    expect(await page.locator('#password-error').textContent()).toContain(hint);
    expect(await page.getByLabel('Ihr Passwort aus der Registrierung').getAttribute('aria-describedby')).toBe('password-hint password-error');
    await expectAccessible(page, 'a wrong password');
    await summary.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('#password');
    await page.getByLabel('Ihr Passwort aus der Registrierung').fill(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'E-Mail-Adresse bestätigt' }).waitFor();
    await expect.poll(() => focused(page)).toBe('h1:E-Mail-Adresse bestätigt');
    // The token left the address bar.
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.locator('main').textContent()).toContain('Willkommen, Berta Neu.');
    await expectAccessible(page, 'the confirmed address');
    await page.getByRole('button', { name: /Abmelden/ }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Meine Anträge' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Meine Anträge' }).waitFor();

    // The same link a second time, in another browser: already confirmed, on to the login.
    const other = await site.browser.newContext({ locale: 'de-DE' });
    const second = await other.newPage();
    await second.goto(link);
    await second.getByLabel('Ihr Passwort aus der Registrierung').fill(TEST_PASSWORD);
    await second.getByLabel('Ihr Passwort aus der Registrierung').press('Enter');
    await second.getByRole('heading', { level: 1, name: 'Die Adresse ist schon bestätigt' }).waitFor();
    await expectAccessible(second, 'a used link');
    await second.getByRole('main').getByRole('link', { name: 'Anmelden' }).focus();
    await second.keyboard.press('Enter');
    await second.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    await other.close();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('answers a known address with the same "check your mail", and an expired link in English leads back to registering', async () => {
    const context = await site.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${site.origin}/registrieren?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
    await page.getByLabel('Your name').fill('Someone Else');
    await page.getByLabel('Email address').fill('bekannt@example.org');
    await page.getByLabel('Password').fill('Ganz-Anderes-Passwort-2');
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Please check your email' }).waitFor();
    await expectAccessible(page, 'the "check your mail" state in English');
    await eventually(() => expect(smtp.messages.find((message) => recipientOf(message) === 'bekannt@example.org')?.subject).toBe('Someone tried to create an account with your email address'));

    await page.goto(`${site.origin}/registrieren/bestaetigen?lang=en#${'x'.repeat(43)}`);
    await page.getByRole('heading', { level: 1, name: 'Confirm your email address' }).waitFor();
    expect(await page.locator('#password-hint').textContent()).toBe('Enter the password you chose when you registered.');
    await page.getByLabel('Your password from the registration').fill('Ganz-Anderes-Passwort-2');
    await page.getByLabel('Your password from the registration').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'The link has expired' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('register again');
    await expectAccessible(page, 'an expired link in English');
    await page.getByRole('main').getByRole('link', { name: 'Register again' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
    await context.close();
  });
});

function recipientOf(mail: MailCatcher['messages'][number]): string | undefined {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address;
}
