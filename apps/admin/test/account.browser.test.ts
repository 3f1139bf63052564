import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generate } from 'otplib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createAccount, TEST_PASSWORD, type TestApp } from '../../server/test/helper';
import { collectProblems, expectAccessible, focused } from '../../portal/test/browser-support';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../tests/support/chromium';

const execFileAsync = promisify(execFile);
const APPS = fileURLToPath(new URL('../..', import.meta.url));
const FRONT_ENDS = ['admin', 'inbox', 'studio'] as const;
const NEW_PASSWORD = 'Ein-ganz-neues-Passwort-2026';

/** Builds a staff front end as `pnpm start` does, as its own process (inside the runner Vite would see NODE_ENV=test). */
async function buildFrontEnd(name: (typeof FRONT_ENDS)[number]): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), `amtsweg-account-${name}-`));
  const source = join(APPS, name);
  const { NODE_ENV: _testEnvironment, VITEST: _vitest, ...env } = process.env;
  await execFileAsync(join(source, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn', '--outDir', root, '--emptyOutDir'], { cwd: source, env });
  return root;
}

/** A code of the authenticator app `steps` periods ahead (each step is accepted once; one step of drift is allowed). */
function totp(secret: string, steps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
}

/**
 * Issue 17: every staff member has an account page — password, second factor with QR code, recovery codes,
 * sessions — in the Inbox, the Studio and the Administration, and staff whose roles do not cover a front end
 * learn why and where roles are granted. Real server on PostgreSQL, built front ends, Chromium; axe in every state.
 */
describe('the staff account page and missing permissions, on postgres', () => {
  let t: TestApp;
  let browser: Browser;
  let origin = '';
  const roots: string[] = [];
  let adminId = '';

  beforeAll(async () => {
    roots.push(...(await Promise.all(FRONT_ENDS.map(buildFrontEnd))));
    t = await buildTestApp('postgres', { frontEnds: FRONT_ENDS.map((name, index) => ({ name, prefix: `/${name}/`, root: roots[index]! })) });
    for (const [email, name, roles] of [
      ['karla.konto@musterstadt.example', 'Karla Konto', ['caseworker']],
      ['anna.admin@musterstadt.example', 'Anna Admin', ['administrator']],
      ['neu.gestaltung@musterstadt.example', 'Nele Neu', ['designer']],
    ] as const) {
      const person = await createAccount(t.app, { email, kind: 'staff', roles: [...roles] });
      await t.database.db.updateTable('users').set({ display_name: name }).where('id', '=', person.id).execute();
      if (roles[0] === 'administrator') adminId = person.id;
    }
    origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  const newPage = async (): Promise<{ context: BrowserContext; page: Page; problems: string[] }> => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const page = await context.newPage();
    return { context, page, problems: collectProblems(page) };
  };
  const logIn = async (page: Page, address: string, email: string, password = TEST_PASSWORD) => {
    await page.goto(`${origin}${address}`);
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByLabel('Passwort').fill(password);
    await page.getByRole('button', { name: 'Anmelden' }).focus();
    await page.keyboard.press('Enter');
  };
  const secondFactor = async (page: Page, code: string) => {
    const field = page.getByLabel('Code aus der Authenticator-App oder Wiederherstellungscode');
    await field.fill(code);
    await field.press('Enter');
  };
  const logOut = async (page: Page) => {
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
  };
  const sessionTable = (page: Page) => page.getByRole('table', { name: 'Sitzungen dieses Kontos' });

  it('enrols a second factor with its QR code, keeps the recovery codes, logs in with a code and a recovery code, changes the password and ends another session', async () => {
    const { context, page, problems } = await newPage();
    await logIn(page, '/inbox/konto', 'karla.konto@musterstadt.example');
    await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();
    expect(await page.title()).toBe('Mein Konto – Posteingang');
    expect(await page.locator('main').textContent()).toContain('Angemeldet als Karla Konto (karla.konto@musterstadt.example).');
    // The header offers what her roles cover, and her account.
    const frontEnds = page.getByRole('navigation', { name: 'Anwendungen' });
    expect(await frontEnds.getByRole('link').allTextContents()).toEqual(['Posteingang']);
    expect(await page.getByRole('banner').getByRole('link', { name: 'Mein Konto' }).getAttribute('aria-current')).toBe('page');
    await page.getByText('Nicht eingerichtet.').waitFor();
    await sessionTable(page).waitFor();
    await expectAccessible(page, 'the account page without a second factor');

    // Enrolment: a QR code with a text alternative, the key as text in groups of four, the first code.
    await page.getByRole('button', { name: 'Zweiten Faktor einrichten' }).click();
    const qr = page.getByRole('img', { name: /QR-Code zum Einrichten der Authenticator-App für karla.konto@musterstadt.example/ });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    const shownKey = (await page.locator('.aw-manual-key').textContent())!;
    expect(shownKey).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const secret = shownKey.replace(/\s/g, '');
    await expectAccessible(page, 'the enrolment on the account page');
    // A wrong code is named at its field, and the summary takes the focus.
    const code = page.getByLabel('6-stelliger Code aus der App');
    await code.fill('12345');
    await page.getByRole('button', { name: 'Einrichtung abschließen' }).click();
    const summary = page.locator('.aw-error-summary');
    await expect.poll(() => summary.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await summary.textContent()).toContain('Der Code besteht aus 6 Ziffern.');
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the enrolment with a wrong code');
    await code.fill(await totp(secret));
    await page.getByRole('button', { name: 'Einrichtung abschließen' }).click();

    // The recovery codes, once: focused, downloadable as text.
    const codesHeading = page.getByRole('heading', { name: 'Ihre Wiederherstellungscodes – nur jetzt sichtbar' });
    await codesHeading.waitFor();
    await expect.poll(() => focused(page)).toBe('#recovery-codes-title');
    const recoveryCodes = await page.getByRole('list', { name: 'Wiederherstellungscodes' }).getByRole('listitem').allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    for (const recoveryCode of recoveryCodes) expect(recoveryCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    await expectAccessible(page, 'the recovery codes');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Als Textdatei herunterladen' }).click()]);
    expect(download.suggestedFilename()).toBe('amtsweg-wiederherstellungscodes.txt');
    const file = readFileSync(await download.path(), 'utf8');
    for (const recoveryCode of recoveryCodes) expect(file).toContain(recoveryCode);
    await page.getByRole('status').filter({ hasText: 'amtsweg-wiederherstellungscodes.txt ist heruntergeladen' }).waitFor();
    await page.getByRole('button', { name: 'Ich habe die Codes gespeichert' }).click();
    await page.getByRole('status').filter({ hasText: 'Der zweite Faktor ist eingerichtet.' }).waitFor();
    await page.getByText('Noch 10 Wiederherstellungscodes unbenutzt.').waitFor();
    expect(await page.getByRole('list', { name: 'Wiederherstellungscodes' }).count()).toBe(0);
    await expectAccessible(page, 'the account page with a second factor');

    // Logging in again asks for a code of the app (a later time step: each is accepted once).
    await logOut(page);
    await logIn(page, '/studio/konto', 'karla.konto@musterstadt.example');
    await secondFactor(page, await totp(secret, 1));
    await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();
    expect(await page.title()).toBe('Mein Konto – Studio');
    await expectAccessible(page, 'the account page in the Studio');

    // Once with a recovery code, which is then used up.
    await logOut(page);
    await logIn(page, '/admin/konto', 'karla.konto@musterstadt.example');
    await secondFactor(page, recoveryCodes[0]!);
    await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();
    expect(await page.title()).toBe('Mein Konto – Administration');
    await page.getByText('Noch 9 Wiederherstellungscodes unbenutzt.').waitFor();
    await expectAccessible(page, 'the account page in the administration');

    // The password: a repetition that differs is named; then it changes, and the old one stops working.
    await page.getByLabel('Bisheriges Passwort').fill(TEST_PASSWORD);
    await page.getByLabel('Neues Passwort', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Neues Passwort wiederholen').fill(`${NEW_PASSWORD}x`);
    await page.getByRole('button', { name: 'Passwort ändern' }).click();
    await expect.poll(() => summary.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await summary.textContent()).toContain('Die Wiederholung stimmt nicht mit dem neuen Passwort überein.');
    await expectAccessible(page, 'the password form with an error');
    await page.getByLabel('Neues Passwort', { exact: true }).fill('karla.konto-ist-das');
    await page.getByLabel('Neues Passwort wiederholen').fill('karla.konto-ist-das');
    await page.getByRole('button', { name: 'Passwort ändern' }).click();
    // The server's strength check is named at the new password.
    await page.locator('#new-password-error').filter({ hasText: 'zu leicht zu erraten' }).waitFor();
    await page.getByLabel('Neues Passwort', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Neues Passwort wiederholen').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Passwort ändern' }).click();
    await page.getByRole('status').filter({ hasText: 'Ihr Passwort ist geändert.' }).waitFor();
    expect(await summary.count()).toBe(0);
    await logOut(page);
    await logIn(page, '/admin/konto', 'karla.konto@musterstadt.example');
    await page.locator('.aw-error-summary').filter({ hasText: 'E-Mail-Adresse oder Passwort stimmen nicht' }).waitFor();
    await logIn(page, '/admin/konto', 'karla.konto@musterstadt.example', NEW_PASSWORD);
    await secondFactor(page, recoveryCodes[1]!);
    await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();

    // A second browser logs in too; this one sees both, marks itself, and ends the other.
    const other = await newPage();
    await logIn(other.page, '/inbox/', 'karla.konto@musterstadt.example', NEW_PASSWORD);
    await secondFactor(other.page, recoveryCodes[2]!);
    await other.page.getByRole('heading', { level: 1, name: 'Vorgänge' }).waitFor();
    await page.reload();
    await expect.poll(() => sessionTable(page).locator('tbody tr').count()).toBe(2);
    const rows = await sessionTable(page).locator('tbody tr').allTextContents();
    expect(rows[0]).toContain('Chrome auf Linux');
    expect(rows[0]).toContain('Diese Sitzung');
    expect(rows[1]).not.toContain('Diese Sitzung');
    await expectAccessible(page, 'the account page with two sessions');
    const end = sessionTable(page).getByRole('button', { name: /^Sitzung Chrome auf Linux seit .* beenden$/ });
    expect(await end.count()).toBe(1);
    await end.click();
    await page.getByRole('status').filter({ hasText: 'Die Sitzung Chrome auf Linux ist beendet.' }).waitFor();
    await expect.poll(() => sessionTable(page).locator('tbody tr').count()).toBe(1);
    expect(await focused(page)).toBe('#sessions-title');
    await page.getByText('Ihr Konto ist sonst nirgends angemeldet.').waitFor();
    // The other browser is logged out: its next page is the login.
    expect((await other.page.request.get(`${origin}/api/auth/me`)).status()).toBe(401);
    await other.page.reload();
    await other.page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    expect(await page.request.get(`${origin}/api/auth/me`).then((r) => r.status())).toBe(200);

    // New recovery codes (confirmed with a code; the old ones stop working), then the factor turned off.
    const renewal = page.getByRole('form', { name: 'Neue Wiederherstellungscodes erzeugen' });
    await renewal.getByRole('button', { name: 'Neue Wiederherstellungscodes erzeugen' }).click();
    await expect.poll(() => summary.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await summary.textContent()).toContain('Bitte füllen Sie „Code aus der App“ aus.');
    await expectAccessible(page, 'the renewal without a code');
    await renewal.getByLabel('Code aus der App').fill(recoveryCodes[3]!);
    await renewal.getByRole('button', { name: 'Neue Wiederherstellungscodes erzeugen' }).click();
    await codesHeading.waitFor();
    const renewed = await page.getByRole('list', { name: 'Wiederherstellungscodes' }).getByRole('listitem').allTextContents();
    expect(renewed).toHaveLength(10);
    expect(renewed.some((code) => recoveryCodes.includes(code))).toBe(false);
    await page.getByRole('button', { name: 'Ich habe die Codes gespeichert' }).click();
    await page.getByText('Noch 10 Wiederherstellungscodes unbenutzt.').waitFor();
    expect(await focused(page)).toBe('#second-factor-title');
    const turnOff = page.getByRole('form', { name: 'Zweiten Faktor ausschalten' });
    await turnOff.getByLabel('Code aus der App oder Wiederherstellungscode').fill(recoveryCodes[4]!);
    await turnOff.getByRole('button', { name: 'Zweiten Faktor ausschalten' }).click();
    await page.locator('#turn-off-code-error').filter({ hasText: 'Der Code stimmt nicht' }).waitFor();
    await turnOff.getByLabel('Code aus der App oder Wiederherstellungscode').fill(renewed[0]!);
    await turnOff.getByRole('button', { name: 'Zweiten Faktor ausschalten' }).click();
    await page.getByRole('status').filter({ hasText: 'Der zweite Faktor ist ausgeschaltet.' }).waitFor();
    await page.getByText('Nicht eingerichtet.').waitFor();
    await expectAccessible(page, 'the account page after turning the factor off');

    expect(problems).toEqual([]);
    expect(other.problems).toEqual([]);
    await other.context.close();
    await context.close();
  });

  it('explains to an administrator without the caseworker or designer role what the inbox and the Studio need, and where roles are granted', async () => {
    const { context, page, problems } = await newPage();
    await logIn(page, '/inbox/', 'anna.admin@musterstadt.example');
    for (const [address, needs] of [
      ['/inbox/', 'Der Posteingang ist für die Sachbearbeitung'],
      ['/studio/', 'Im Studio werden Online-Dienste gestaltet'],
    ] as const) {
      if (address !== '/inbox/') await page.goto(`${origin}${address}`);
      await page.getByRole('heading', { level: 1, name: 'Dafür fehlt Ihnen die Berechtigung' }).waitFor();
      const main = (await page.locator('main').textContent())!;
      expect(main).toContain('Sie sind als Anna Admin angemeldet.');
      expect(main).toContain(needs);
      expect(main).toContain('Sie können sich die Rolle in der Administration geben.');
      expect(main).not.toContain('Das konnte nicht geladen werden');
      expect(await page.getByRole('link', { name: 'Ihr Eintrag in der Administration' }).getAttribute('href')).toBe(`/admin/mitarbeitende/${adminId}`);
      expect(await page.locator('main').getByRole('link', { name: 'Zur Administration' }).getAttribute('href')).toBe('/admin/');
      expect(await page.getByRole('navigation', { name: 'Anwendungen' }).getByRole('link').allTextContents()).toEqual(['Administration']);
      await expectAccessible(page, `the explanation at ${address}`);
    }
    // Her account is reachable from there all the same.
    await page.locator('main').getByRole('link', { name: 'Mein Konto' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();
    expect(page.url()).toBe(`${origin}/studio/konto`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('leads a new staff member through enrolment at login where the organisation requires a second factor, then to the page she opened', async () => {
    await t.database.db.updateTable('organisations').set({ require_mfa: true }).where('id', '=', t.app.organisation.id).execute();
    t.app.organisations.forget(t.app.organisation.id);
    try {
      const { context, page, problems } = await newPage();
      await logIn(page, '/studio/', 'neu.gestaltung@musterstadt.example');
      await page.getByRole('heading', { level: 1, name: 'Zweiten Faktor einrichten' }).waitFor();
      expect(await page.title()).toBe('Zweiten Faktor einrichten – Studio');
      expect(await page.locator('main').textContent()).toContain('Ihre Verwaltung verlangt für Mitarbeitende einen zweiten Faktor.');
      await page.getByRole('img', { name: /QR-Code/ }).waitFor();
      await expectAccessible(page, 'the enrolment at login');
      // A reload keeps her at the enrolment (the session waits for it), with a fresh key.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Zweiten Faktor einrichten' }).waitFor();
      const secret = (await page.locator('.aw-manual-key').textContent())!.replace(/\s/g, '');
      await page.getByLabel('6-stelliger Code aus der App').fill(await totp(secret));
      await page.getByRole('button', { name: 'Einrichtung abschließen' }).click();
      await page.getByRole('heading', { name: 'Ihre Wiederherstellungscodes – nur jetzt sichtbar' }).waitFor();
      expect(await page.getByRole('list', { name: 'Wiederherstellungscodes' }).getByRole('listitem').count()).toBe(10);
      await expectAccessible(page, 'the recovery codes at login');
      await page.getByRole('button', { name: 'Ich habe die Codes gespeichert' }).click();
      await page.getByRole('heading', { level: 1, name: 'Online-Dienste' }).waitFor();
      expect(page.url()).toBe(`${origin}/studio/`);
      const me = await page.request.get(`${origin}/api/auth/me`);
      expect(((await me.json()) as { account: { stage: string; secondFactor: { enabled: boolean } } }).account).toMatchObject({ stage: 'complete', secondFactor: { enabled: true } });
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      await t.database.db.updateTable('organisations').set({ require_mfa: false }).where('id', '=', t.app.organisation.id).execute();
      t.app.organisations.forget(t.app.organisation.id);
    }
  });
});
