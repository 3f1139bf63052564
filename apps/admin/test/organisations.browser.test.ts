import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createAccount, hundeanmeldung, logIn as logInByApi, publishService, TEST_PASSWORD, type TestApp } from '../../server/test/helper';
import { collectProblems, expectAccessible, focused } from '../../portal/test/browser-support';
import { queuedConfirmationToken } from '../../server/test/register-citizen';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../tests/support/chromium';

const execFileAsync = promisify(execFile);
const SOURCE = fileURLToPath(new URL('..', import.meta.url));
const PORTAL_SOURCE = fileURLToPath(new URL('../../portal', import.meta.url));
const NEW_ADMIN = { email: 'chefin@kleinstadt.example', name: 'Zora Zanderhof', password: 'Kleinstadt-Verwaltung-2026!' };
/** Names only the home organisation has: none may appear to the new organisation's administrator. */
const HOME_ONLY = ['Stadt Musterstadt', 'Hundeanmeldung', 'Anna Betrieb', 'betrieb@musterstadt.example', 'alle.rollen@test.example', 'amtsweg.musterstadt.example'];

/** Builds a front end as `pnpm start` does, in its own process (inside vitest Vite would build for tests). */
async function buildFrontEnd(source: string): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'amtsweg-organisations-'));
  const { NODE_ENV: _testEnvironment, VITEST: _vitest, ...env } = process.env;
  await execFileAsync(join(source, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn', '--outDir', root, '--emptyOutDir'], { cwd: source, env });
  return root;
}

async function logIn(page: Page, address: string, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(address);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).focus();
  await page.keyboard.press('Enter');
}

/**
 * Issue 17: one installation serves several organisations. The platform operator creates a second organisation
 * with its first administrator in the administration; that administrator logs in on the organisation's own host
 * name and finds nothing of the first organisation. Chromium resolves every *.example name to this server, so
 * the host names are real. axe finds nothing in any state.
 */
describe('organisations in the administration, on postgres', () => {
  let t: TestApp;
  let browser: Browser;
  let origin = '';
  let port = '';
  let roots: string[] = [];

  beforeAll(async () => {
    roots = [await buildFrontEnd(SOURCE), await buildFrontEnd(PORTAL_SOURCE)];
    t = await buildTestApp('postgres', {
      frontEnds: [
        { name: 'admin', prefix: '/admin/', root: roots[0]! },
        { name: 'portal', prefix: '/', root: roots[1]! },
      ],
    });
    await publishService(t, 'hundeanmeldung');
    const operator = await createAccount(t.app, { email: 'betrieb@musterstadt.example', kind: 'staff', roles: ['administrator', 'operator'] });
    await t.database.db.updateTable('users').set({ display_name: 'Anna Betrieb' }).where('id', '=', operator.id).execute();
    // The home organisation's portal host: the new organisation cannot take it.
    await t.database.db.insertInto('organisation_hosts').values({ host: 'amtsweg.musterstadt.example', organisation_id: t.app.organisation.id }).execute();
    origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = new URL(origin).port;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP *.example 127.0.0.1'] });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('lets the operator create an organisation with its administrator, who logs in on its host and sees nothing of the first', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await logIn(page, `${origin}/admin/`, 'betrieb@musterstadt.example');
    await page.getByRole('navigation', { name: 'Bereiche der Administration' }).getByRole('link', { name: 'Organisationen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisationen' }).waitFor();
    const table = page.getByRole('table', { name: 'Organisationen dieser Installation' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('tbody tr').first().textContent()).toContain('Stadt Musterstadt');
    await expectAccessible(page, 'the list of organisations');

    await page.getByRole('link', { name: 'Organisation anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisation anlegen' }).waitFor();
    // Sent empty: the summary takes the focus and names every field; its links lead to the inputs.
    await page.getByRole('button', { name: 'Organisation anlegen' }).focus();
    await page.keyboard.press('Enter');
    const summary = page.locator('.aw-error-summary');
    await expect.poll(() => summary.evaluate((element) => element === document.activeElement)).toBe(true);
    const summaryText = await summary.textContent();
    for (const message of ['Namen der Organisation', 'Kennung besteht', 'Namen der Person', 'E-Mail-Adresse wie', 'mindestens 12 Zeichen']) expect(summaryText).toContain(message);
    await expectAccessible(page, 'the new organisation form with errors');
    await summary.getByRole('link', { name: /Kennung besteht/ }).click();
    expect(await focused(page)).toBe('#org-slug');

    // The home organisation's host name is refused by the server, at the field, and nothing is created.
    await page.getByLabel('Name', { exact: true }).first().fill('Gemeinde Kleinstadt');
    await page.getByLabel('Kennung').fill('kleinstadt');
    await page.getByLabel(/^Anschrift/).fill('Dorfstraße 3, 54321 Kleinstadt');
    await page.getByLabel(/^Hostnamen des Portals/).fill('Amtsweg.Musterstadt.example');
    await page.locator('#org-administratorName').fill(NEW_ADMIN.name);
    await page.getByLabel('E-Mail-Adresse').fill(NEW_ADMIN.email);
    await page.getByLabel('Vorläufiges Passwort').fill(NEW_ADMIN.password);
    await page.getByRole('button', { name: 'Organisation anlegen' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => summary.textContent()).toContain('„amtsweg.musterstadt.example“ gehört schon zu einer anderen Organisation');
    expect(await page.locator('#org-hosts').getAttribute('aria-invalid')).toBe('true');
    expect((await t.database.db.selectFrom('organisations').select('slug').execute()).map((o) => o.slug)).toEqual([t.app.organisation.slug]);
    await expectAccessible(page, 'the new organisation form with a taken host name');

    await page.getByLabel(/^Hostnamen des Portals/).fill('amtsweg.kleinstadt.example');
    await page.getByRole('button', { name: 'Organisation anlegen' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Gemeinde Kleinstadt ist angelegt.' }).waitFor();
    const addresses = await page.locator('main li code').allTextContents();
    expect(addresses).toEqual([`http://amtsweg.kleinstadt.example:${port}/admin/`, `${origin}/admin/?organisation=kleinstadt`]);
    await expectAccessible(page, 'the confirmation of a new organisation');

    await page.getByRole('link', { name: 'Zurück zu den Organisationen' }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(await table.textContent()).toContain('amtsweg.kleinstadt.example');
    expect(problems).toEqual([]);

    // The new administrator, on the organisation's own host name: the login needs nothing but address and password.
    const second = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 768 } });
    const theirs = await second.newPage();
    const theirProblems = collectProblems(theirs);
    await logIn(theirs, `http://amtsweg.kleinstadt.example:${port}/admin/`, NEW_ADMIN.email, NEW_ADMIN.password);
    await theirs.getByRole('navigation', { name: 'Bereiche der Administration' }).waitFor();
    const me = await theirs.evaluate(() => fetch('/api/auth/me').then((r) => r.json() as Promise<{ account: { organisation: { name: string }; displayName: string } }>));
    expect(me.account.organisation.name).toBe('Gemeinde Kleinstadt');
    // An administrator of an organisation is no operator: the area is not offered.
    expect(await theirs.getByRole('link', { name: 'Organisationen' }).count()).toBe(0);
    // Every area they may use, and what its API answers, holds nothing of the home organisation.
    const areas = await theirs.getByRole('navigation', { name: 'Bereiche der Administration' }).getByRole('link').allTextContents();
    expect(areas.length).toBeGreaterThan(0);
    for (const area of areas) {
      await theirs.getByRole('navigation', { name: 'Bereiche der Administration' }).getByRole('link', { name: area, exact: true }).click();
      await theirs.getByRole('heading', { level: 1 }).waitFor();
      await theirs.waitForLoadState('networkidle');
      const text = (await theirs.locator('main').textContent()) ?? '';
      for (const name of HOME_ONLY) expect(text, `${area} shows ${name}`).not.toContain(name);
    }
    await expectAccessible(theirs, 'the administration of the new organisation');
    const answers = await theirs.evaluate(() =>
      Promise.all(['/api/services', '/api/studio/services', '/api/users', '/api/audit-events', '/api/webhooks', '/api/cases'].map((path) => fetch(path).then((r) => r.text()))),
    );
    for (const answer of answers) for (const name of HOME_ONLY) expect(answer).not.toContain(name);
    expect(theirProblems).toEqual([]);
    await second.close();
    await context.close();
  }, 120_000);

  it('lets the operator change an organisation’s host names, refusing another’s with the field named', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await logIn(page, `${origin}/admin/organisationen/`, 'betrieb@musterstadt.example');
    await page.getByRole('link', { name: 'Hostnamen von Gemeinde Kleinstadt bearbeiten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gemeinde Kleinstadt' }).waitFor();
    const hosts = page.getByLabel('Hostnamen des Portals');
    expect(await hosts.inputValue()).toBe('amtsweg.kleinstadt.example');
    await hosts.fill('amtsweg.kleinstadt.example\namtsweg.musterstadt.example');
    await page.getByRole('button', { name: 'Hostnamen speichern' }).click();
    const summary = page.locator('.aw-error-summary');
    await expect.poll(() => summary.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await summary.textContent()).toContain('„amtsweg.musterstadt.example“ gehört schon zu einer anderen Organisation (Feld „Hostnamen“)');
    await expectAccessible(page, 'the host names with an error');
    await hosts.fill('amtsweg.kleinstadt.example\nkleinstadt.vg-beispiel.example');
    await page.getByRole('button', { name: 'Hostnamen speichern' }).click();
    await page.getByRole('status').filter({ hasText: 'Die Hostnamen sind gespeichert.' }).waitFor();
    const stored = await t.database.db.selectFrom('organisation_hosts').select('host').where('organisation_id', '<>', t.app.organisation.id).orderBy('host').execute();
    expect(stored.map((row) => row.host)).toEqual(['amtsweg.kleinstadt.example', 'kleinstadt.vg-beispiel.example']);
    await expectAccessible(page, 'the saved host names');
    // The new host name shows the organisation at once (this process forgot its cached host names).
    const site = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { host: 'kleinstadt.vg-beispiel.example' }, payload: { email: NEW_ADMIN.email, password: NEW_ADMIN.password } });
    expect(site.statusCode).toBe(200);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('serves the new organisation’s portal under /o/kleinstadt/: its catalogue, and registration there opens an account with it', async () => {
    // Kleinstadt's designer publishes a service of its own through the API.
    const organisationId = (await t.database.db.selectFrom('organisations').select('id').where('slug', '=', 'kleinstadt').executeTakeFirstOrThrow()).id;
    await createAccount(t.app, { email: 'design@kleinstadt.example', kind: 'staff', roles: ['designer'], organisationId });
    const designer = await logInByApi(t.app, 'design@kleinstadt.example', { organisation: 'kleinstadt' });
    const definition = { ...hundeanmeldung(), title: { de: 'Hundesteuer Kleinstadt', en: 'Dog tax Kleinstadt' } };
    const created = await t.inject({ method: 'POST', url: '/api/services', payload: { slug: 'hundesteuer', definition } }, designer);
    expect(created.statusCode, created.body).toBe(201);
    expect((await t.inject({ method: 'POST', url: `/api/services/${created.json<{ id: string }>().id}/publish` }, designer)).statusCode).toBe(201);

    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(`${origin}/o/kleinstadt/`);
    const service = page.getByRole('link', { name: 'Hundesteuer Kleinstadt' });
    await service.waitFor();
    expect(await service.getAttribute('href')).toBe('/o/kleinstadt/dienste/hundesteuer');
    expect(await page.locator('body').textContent()).not.toContain('Hundeanmeldung');
    await expectAccessible(page, 'the catalogue of the organisation under its path prefix');
    await service.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/o/kleinstadt/dienste/hundesteuer');
    await page.getByRole('heading', { level: 1, name: 'Hundesteuer Kleinstadt' }).waitFor();

    await page.goto(`${origin}/o/kleinstadt/registrieren`);
    await page.getByLabel('Ihr Name').fill('Berta Bürgerin');
    await page.getByLabel('E-Mail-Adresse').fill('berta@kleinstadt-mail.example');
    await page.getByLabel('Passwort').fill(TEST_PASSWORD);
    await page.getByLabel('Passwort').press('Enter');
    // The address is confirmed with the mailed link, which opens the organisation's portal (issue 18, finding 3).
    await page.getByRole('heading', { level: 1, name: 'Bitte prüfen Sie Ihr E-Mail-Postfach' }).waitFor();
    await page.goto(`${origin}/o/kleinstadt/registrieren/bestaetigen#${await queuedConfirmationToken(t.app, 'berta@kleinstadt-mail.example')}`);
    await page.getByLabel('Ihr Passwort aus der Registrierung').fill(TEST_PASSWORD);
    await page.getByLabel('Ihr Passwort aus der Registrierung').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'E-Mail-Adresse bestätigt' }).waitFor();
    await page.getByRole('link', { name: 'Meine Anträge' }).last().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/o/kleinstadt/antraege');
    const account = await t.database.db.selectFrom('users').select('organisation_id').where('email', '=', 'berta@kleinstadt-mail.example').execute();
    expect(account).toEqual([{ organisation_id: organisationId }]);

    // The home organisation's portal on the same host: its own catalogue, and Berta is a visitor there.
    await page.goto(`${origin}/`);
    await page.getByRole('link', { name: 'Hundeanmeldung' }).waitFor();
    expect(await page.locator('body').textContent()).not.toContain('Hundesteuer Kleinstadt');
    expect(await page.getByRole('link', { name: 'Anmelden' }).count()).toBeGreaterThan(0);

    // Staff of an organisation without a host name of its own log in on the shared host with the operator's link.
    await page.goto(`${origin}/admin/?organisation=kleinstadt`);
    await page.getByText('Organisation: kleinstadt').waitFor();
    await expectAccessible(page, 'the staff login for another organisation');
    await logIn(page, `${origin}/admin/?organisation=kleinstadt`, NEW_ADMIN.email, NEW_ADMIN.password);
    await page.getByRole('navigation', { name: 'Bereiche der Administration' }).waitFor();
    const me = await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json() as Promise<{ account: { organisation: { slug: string } } }>));
    expect(me.account.organisation.slug).toBe('kleinstadt');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
