import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createAccount, publishService, TEST_PASSWORD, type TestApp } from '../../server/test/helper';
import { startWebhookReceiver, type WebhookReceiver } from '../../server/test/receivers';
import { collectProblems, expectAccessible, focused } from '../../portal/test/browser-support';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../tests/support/chromium';

const execFileAsync = promisify(execFile);
const SOURCE = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds the admin front end as `pnpm start` does, into a folder of its own; as its own process, because inside
 * the test runner Vite would build with the test's environment (NODE_ENV=test).
 */
async function buildAdmin(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'amtsweg-admin-'));
  const { NODE_ENV: _testEnvironment, VITEST: _vitest, ...env } = process.env;
  await execFileAsync(join(SOURCE, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn', '--outDir', root, '--emptyOutDir'], { cwd: SOURCE, env });
  return root;
}

async function logIn(page: Page, origin: string, email: string): Promise<void> {
  await page.goto(`${origin}/admin/`);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).focus();
  await page.keyboard.press('Enter');
}

/** The deliveries table's rows as their text, newest first. */
async function deliveryRows(page: Page): Promise<string[]> {
  return page.locator('#deliveries-title ~ table tbody tr').allTextContents();
}

/**
 * Issue: deliveries and their attempts are visible to administrators and can be retried by hand. An
 * administrator allows a local receiver's host, registers an endpoint for the Hundeanmeldung, keeps the secret
 * shown once, sends test events and sees them delivered — and, while the receiver answers 500, the failed
 * attempt — then retries a failed delivery by hand; the server's worker really delivers, signed. Staff without
 * the permission are told so. axe finds nothing in any state.
 */
describe('webhooks in the administration, on postgres', () => {
  let t: TestApp;
  let browser: Browser;
  let receiver: WebhookReceiver;
  let origin = '';
  let root = '';
  let mailDir = '';

  beforeAll(async () => {
    root = await buildAdmin();
    mailDir = mkdtempSync(join(tmpdir(), 'amtsweg-admin-mail-'));
    receiver = await startWebhookReceiver();
    t = await buildTestApp('postgres', {
      frontEnds: [{ name: 'admin', prefix: '/admin/', root }],
      jobs: { mail: { smtpUrl: undefined, from: 'x@y', mailDir }, publicUrl: 'http://127.0.0.1', pollMs: 50 },
    });
    await publishService(t, 'hundeanmeldung');
    for (const [email, name, roles] of [
      ['admin@musterstadt.example', 'Anna Admin', ['administrator']],
      ['hundesteuer@musterstadt.example', 'Sven Sachbearbeiter', ['caseworker']],
    ] as const) {
      const person = await createAccount(t.app, { email, kind: 'staff', roles: [...roles] });
      await t.database.db.updateTable('users').set({ display_name: name }).where('id', '=', person.id).execute();
    }
    origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await receiver?.close();
    for (const folder of [root, mailDir]) if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('tells a caseworker that the permission is missing', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(`${origin}/admin/`);
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    expect(await page.title()).toBe('Anmelden – Administration');
    await expectAccessible(page, 'the login page');
    await logIn(page, origin, 'hundesteuer@musterstadt.example');
    await page.getByRole('heading', { level: 1, name: 'Dafür fehlt Ihnen die Berechtigung' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Sie sind als Sven Sachbearbeiter angemeldet.');
    expect(await page.getByRole('link', { name: 'Zum Posteingang' }).getAttribute('href')).toBe('/inbox/');
    // Nothing of the administration is offered, and nothing was asked of its routes.
    expect(await page.getByRole('heading', { name: 'Erlaubte Ziele' }).count()).toBe(0);
    await expectAccessible(page, 'the page without the permission');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('allows the receiver, registers an endpoint, shows the secret once, delivers test events and retries a failed one', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 768 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await logIn(page, origin, 'admin@musterstadt.example');
    // The administration opens on its staff accounts; webhooks are an area further on.
    await page.getByRole('navigation', { name: 'Bereiche der Administration' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByText('Noch ist kein Ziel erlaubt.').waitFor();
    await page.getByText('Noch ist kein Endpunkt registriert.').waitFor();
    await expectAccessible(page, 'the empty webhooks page');

    // A whole address is not a host: the server refuses /body/webhookHosts/0, the page says why and where.
    const newHost = page.getByLabel('Neues Ziel');
    await newHost.fill(receiver.url);
    await page.getByRole('button', { name: 'Ziel erlauben' }).click();
    const hostSummary = page.locator('#hosts-title ~ .aw-error-summary');
    await expect.poll(() => hostSummary.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await hostSummary.textContent()).toContain(`„${receiver.url}“ ist kein Host-Name`);
    expect(await newHost.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#new-host-error').textContent()).toContain('ohne https://');
    await expectAccessible(page, 'the allow-list with an error');
    await hostSummary.getByRole('link').click();
    expect(await focused(page)).toBe('#new-host');
    await newHost.fill(receiver.host);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: `„${receiver.host}“ ist jetzt erlaubt.` }).waitFor();
    expect(await page.getByRole('list', { name: 'Erlaubte Hosts' }).textContent()).toContain(receiver.host);
    expect((await t.inject({ method: 'GET', url: '/api/organisation' })).json<{ webhookHosts: string[] }>().webhookHosts).toEqual([receiver.host]);
    expect(await hostSummary.count()).toBe(0);

    // Registering: a host not on the list is refused by the server at the address field.
    await page.getByRole('link', { name: 'Endpunkt registrieren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Endpunkt registrieren' }).waitFor();
    await expect.poll(() => focused(page)).toBe('h1:Endpunkt registrieren');
    expect(await page.getByLabel('Dienst').locator('option:checked').textContent()).toBe('Hundeanmeldung');
    const address = page.getByLabel('Adresse des Empfängers');
    await address.fill(receiver.url.replace('127.0.0.1', 'localhost'));
    await page.getByLabel(/^Beschreibung/).fill('Fachverfahren Hundesteuer');
    await page.getByRole('checkbox', { name: /Entschieden/ }).uncheck();
    await page.getByRole('button', { name: 'Endpunkt registrieren' }).click();
    const summary = page.locator('.aw-error-summary');
    await expect.poll(() => summary.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await summary.textContent()).toContain('steht nicht auf der Liste der erlaubten Ziele');
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the registration refused by the server');
    await address.fill(receiver.url);
    await page.getByRole('button', { name: 'Endpunkt registrieren' }).click();

    // The endpoint's page shows the secret, once, and takes the focus there; it copies to the clipboard.
    await page.getByRole('heading', { level: 1, name: 'Endpunkt Fachverfahren Hundesteuer' }).waitFor();
    const secretTitle = page.getByRole('heading', { level: 2, name: 'Signaturschlüssel – nur jetzt sichtbar' });
    await expect.poll(() => secretTitle.evaluate((element) => element === document.activeElement)).toBe(true);
    const secret = await page.getByLabel('Signaturschlüssel', { exact: true }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    expect(await page.locator('.ad-secret').textContent()).toContain('nur jetzt, ein einziges Mal');
    await page.getByRole('button', { name: 'Schlüssel kopieren' }).click();
    await page.getByText('Der Schlüssel ist in der Zwischenablage.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await expectAccessible(page, 'the new endpoint with its secret');
    receiver.secret = secret;
    const listed = await t.inject({ method: 'GET', url: '/api/webhooks' });
    expect(listed.json<{ endpoints: { events: string[] }[] }>().endpoints.map((e) => e.events)).toEqual([['case.submitted', 'case.stateChanged']]);
    expect(listed.body).not.toContain(secret);

    // Stored: the panel goes, the keyboard lands on the next step. A test event is delivered, signed.
    await page.getByRole('button', { name: 'Ich habe den Schlüssel gespeichert' }).click();
    await expect.poll(() => focused(page)).toBe('button:Testereignis senden');
    expect(await page.getByLabel('Signaturschlüssel', { exact: true }).count()).toBe(0);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Das Testereignis ist unterwegs' }).waitFor();
    await expect.poll(() => deliveryRows(page), { timeout: 15_000 }).toEqual([expect.stringMatching(/^Testereignis.*zugestellt/)]);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toMatchObject({ signatureValid: true, headers: { 'amtsweg-event': 'ping' }, json: { event: 'ping' } });
    expect(await deliveryRows(page).then((rows) => rows[0])).toContain(receiver.received[0]!.json.id);
    await page.getByText('1 Versuch', { exact: true }).click();
    expect(await page.getByRole('list', { name: 'Versuche der Zustellung „Testereignis“' }).textContent()).toMatch(/HTTP 200 · \d+ ms/);
    await expectAccessible(page, 'a delivered test event with its attempt');

    // The receiver fails: the attempt is listed with its HTTP status, and the delivery waits for the next try.
    receiver.answer = 500;
    await page.getByRole('button', { name: 'Testereignis senden' }).click();
    await expect.poll(() => deliveryRows(page).then((rows) => rows[0] ?? ''), { timeout: 15_000 }).toMatch(/^Testereignis.*wartet.*Letzter Versuch: HTTP 500/);
    await page.locator('#deliveries-title ~ table tbody tr').first().getByText('1 Versuch', { exact: true }).click();
    expect(await page.locator('#deliveries-title ~ table tbody tr').first().locator('.ad-attempts ol').textContent()).toMatch(/HTTP 500 · \d+ ms/);
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'wartet' });
    await expect.poll(() => deliveryRows(page).then((rows) => rows.length)).toBe(1);
    await page.getByText('1 Zustellung', { exact: true }).waitFor();
    await expectAccessible(page, 'a delivery with a failed attempt');

    // Switched off, a test event fails at once; switched on again, "Erneut senden" delivers it. (The delivery
    // that met the 500 is tried again 30 s later, so the lists may hold it as well by then.)
    receiver.answer = 200;
    await page.getByRole('button', { name: 'Abschalten' }).click();
    await page.getByRole('status').filter({ hasText: 'Der Endpunkt ist abgeschaltet' }).waitFor();
    await page.getByRole('button', { name: 'Testereignis senden' }).click();
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'fehlgeschlagen' });
    const failedRow = page.locator('#deliveries-title ~ table tbody tr').filter({ hasText: 'Der Endpunkt ist abgeschaltet' });
    await failedRow.waitFor({ timeout: 15_000 });
    expect(await failedRow.textContent()).toMatch(/^Testereignis.*fehlgeschlagen/);
    const failedId = /[0-9a-f-]{36}/.exec((await failedRow.textContent()) ?? '')![0];
    await expectAccessible(page, 'a failed delivery');
    await page.getByRole('button', { name: 'Einschalten' }).click();
    await page.getByRole('status').filter({ hasText: 'Der Endpunkt ist eingeschaltet' }).waitFor();
    await failedRow.getByRole('button', { name: /^Erneut senden/ }).click();
    await page.getByText('Die Zustellung wird erneut gesendet.').waitFor();
    await expect.poll(() => focused(page)).toBe('p:Die Zustellung wird erneut gesendet.');
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'zugestellt' });
    await expect.poll(() => deliveryRows(page).then((rows) => rows.some((row) => row.includes(failedId))), { timeout: 15_000 }).toBe(true);
    expect(receiver.received.find((delivery) => delivery.json.id === failedId)).toMatchObject({ signatureValid: true, json: { event: 'ping' } });

    // In English, by the switch.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Endpoint Fachverfahren Hundesteuer' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'How the receiver checks a delivery' }).waitFor();
    expect(await deliveryRows(page).then((rows) => rows[0])).toMatch(/^Test event.*delivered/);
    await expectAccessible(page, 'the endpoint page in English');
    await page.getByRole('button', { name: 'Auf Deutsch wechseln' }).click();

    // Editing opens in the page with the keyboard in the address; a new description names the endpoint.
    await page.getByRole('button', { name: 'Bearbeiten' }).click();
    await expect.poll(() => focused(page)).toBe('#edit-url');
    await page.getByLabel(/^Beschreibung/).fill('Fachverfahren Hundesteuer (Test)');
    await page.getByRole('button', { name: 'Änderungen speichern' }).click();
    await page.getByRole('heading', { level: 1, name: 'Endpunkt Fachverfahren Hundesteuer (Test)' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Die Änderungen sind gespeichert.' }).waitFor();
    await expect.poll(() => focused(page)).toBe('button:Bearbeiten');

    // A new secret replaces the old one and is shown once; deleting asks first.
    await page.getByRole('button', { name: 'Neuen Schlüssel erzeugen' }).click();
    await page.getByRole('group', { name: /Der bisherige Schlüssel gilt dann sofort nicht mehr/ }).getByRole('button', { name: 'Neuen Schlüssel erzeugen' }).click();
    await expect.poll(() => secretTitle.evaluate((element) => element === document.activeElement)).toBe(true);
    const newSecret = await page.getByLabel('Signaturschlüssel', { exact: true }).inputValue();
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(secret);
    await page.getByRole('button', { name: 'Löschen' }).click();
    const question = page.getByRole('group', { name: /Endpunkt wirklich löschen/ });
    await expect.poll(() => question.evaluate((element) => element === document.activeElement)).toBe(true);
    await expectAccessible(page, 'the question before deleting');
    await question.getByRole('button', { name: 'Abbrechen' }).click();
    await expect.poll(() => focused(page)).toBe('button:Löschen');
    await page.keyboard.press('Enter');
    await question.getByRole('button', { name: 'Ja, endgültig löschen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByText('Der Endpunkt Fachverfahren Hundesteuer (Test) ist gelöscht.').waitFor();
    await page.getByText('Noch ist kein Endpunkt registriert.').waitFor();
    expect((await t.inject({ method: 'GET', url: '/api/webhooks' })).json<{ endpoints: unknown[] }>().endpoints).toEqual([]);
    await expectAccessible(page, 'the webhooks page after deleting');

    // The allow-list entry goes with one button; the keyboard goes on from the message.
    const entry = page.getByRole('list', { name: 'Erlaubte Hosts' }).getByRole('listitem').filter({ hasText: receiver.host });
    await entry.getByRole('button', { name: /^Entfernen/ }).click();
    await page.getByText(`„${receiver.host}“ ist nicht mehr erlaubt.`).waitFor();
    await expect.poll(() => focused(page)).toBe(`p:„${receiver.host}“ ist nicht mehr erlaubt.`);
    expect(problems).toEqual([]);
    await context.close();
  });
});
