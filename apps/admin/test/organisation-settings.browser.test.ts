import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createAccount, TEST_PASSWORD, type TestApp } from '../../server/test/helper';
import { collectProblems, expectAccessible, focused } from '../../portal/test/browser-support';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../tests/support/chromium';

const execFileAsync = promisify(execFile);
const SOURCE = fileURLToPath(new URL('..', import.meta.url));

/** Builds the admin front end as `pnpm start` does, as its own process (inside vitest Vite would build for tests). */
async function buildAdmin(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'amtsweg-admin-settings-'));
  const { NODE_ENV: _testEnvironment, VITEST: _vitest, ...env } = process.env;
  await execFileAsync(join(SOURCE, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn', '--outDir', root, '--emptyOutDir'], { cwd: SOURCE, env });
  return root;
}

async function logIn(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/admin/einstellungen/`);
  await page.getByLabel('E-Mail-Adresse').fill('admin@musterstadt.example');
  await page.getByLabel('Passwort').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).focus();
  await page.keyboard.press('Enter');
}

interface Settings {
  contact: Record<string, string>;
  logo: { type: string; url: string } | null;
  legalPages: { imprint: { de: string } | null; accessibility: { de: string } | null; accessibilityFeedbackEmail: string };
}

/**
 * Issue 17: an administrator edits the organisation's contact and its Impressum (starting from the template, with
 * the live preview) and uploads a logo; refusals are named in the error summary and at the field. axe finds
 * nothing in any state.
 */
describe('organisation settings in the administration, on postgres', () => {
  let t: TestApp;
  let browser: Browser;
  let origin = '';
  let root = '';

  const settings = async () => (await t.inject({ method: 'GET', url: '/api/organisation' })).json<Settings>();

  beforeAll(async () => {
    root = await buildAdmin();
    t = await buildTestApp('postgres', { frontEnds: [{ name: 'admin', prefix: '/admin/', root }] });
    await createAccount(t.app, { email: 'admin@musterstadt.example', kind: 'staff', roles: ['administrator'] });
    origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('edits the contact, writes the Impressum with its preview, and uploads a logo', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await logIn(page, origin);
    await page.getByRole('heading', { level: 1, name: 'Einstellungen' }).waitFor();
    await expectAccessible(page, 'the settings page');

    // A bad e-mail address: the server refuses it, naming the field; the summary takes the focus and leads there.
    const email = page.getByLabel(/^E-Mail-Adresse/);
    await email.fill('rathaus-at-musterstadt');
    await page.getByLabel(/^Telefonnummer/).fill('+49 1234 567-0');
    await page.getByRole('button', { name: /^Speichern\s*: Organisation und Kontakt$/ }).click();
    const summary = page.locator('#contact-title ~ .aw-error-summary');
    await expect.poll(() => summary.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await summary.textContent()).toContain('„E-Mail-Adresse (Kontakt)“ ist keine gültige E-Mail-Adresse.');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the contact form with an error');
    expect((await settings()).contact).toEqual({});
    await summary.getByRole('link').click();
    expect(await focused(page)).toBe('#org-contact-email');
    await email.fill('rathaus@musterstadt.example');
    await page.keyboard.press('Enter');
    await page.locator('#contact-title ~ [role="status"]').filter({ hasText: 'Gespeichert.' }).waitFor();
    expect((await settings()).contact).toEqual({ email: 'rathaus@musterstadt.example', phone: '+49 1234 567-0' });

    // The logo: a text file is refused by its content, a PNG is shown once stored.
    const logoInput = page.getByLabel('Bilddatei');
    await logoInput.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('kein Bild') });
    await page.getByRole('button', { name: 'Logo hochladen' }).click();
    const logoSummary = page.locator('#logo-title ~ .aw-error-summary');
    await logoSummary.waitFor();
    expect(await logoSummary.textContent()).toContain('PNG- oder JPEG-Bild');
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: 60, height: 24 } });
    await logoInput.setInputFiles({ name: 'wappen.jpg', mimeType: 'image/jpeg', buffer: png });
    await page.getByRole('button', { name: 'Logo hochladen' }).click();
    await page.getByRole('img', { name: 'Logo: Stadt Musterstadt' }).waitFor();
    await expect.poll(() => page.getByRole('img', { name: 'Logo: Stadt Musterstadt' }).evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(60);
    expect((await settings()).logo?.type).toBe('image/png');
    await expectAccessible(page, 'the settings with a logo');

    // The Impressum: template, fill in, preview, save.
    expect(await page.getByRole('row', { name: /Impressum/ }).textContent()).toContain('Noch nicht geschrieben');
    await page.getByRole('link', { name: /^Bearbeiten\s*: Impressum$/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Impressum' }).waitFor();
    await page.getByRole('button', { name: /^Vorlage einfügen\s*: Deutsch$/ }).click();
    const german = page.getByLabel('Text auf Deutsch');
    expect(await focused(page)).toBe('#org-legalPages-imprint-de');
    expect(await german.inputValue()).toContain('## Vertreten durch');
    const preview = page.getByRole('region', { name: 'Vorschau (Deutsch)' });
    await preview.getByRole('heading', { name: 'Vertreten durch' }).waitFor();
    await german.fill('## Herausgeber\n\nStadt Musterstadt, vertreten durch den **Bürgermeister**.\n\n- Rathausplatz 1');
    await preview.locator('strong', { hasText: 'Bürgermeister' }).waitFor();
    expect(await preview.getByRole('listitem').allTextContents()).toEqual(['Rathausplatz 1']);
    expect(await preview.getByRole('heading', { name: 'Vertreten durch' }).count()).toBe(0);
    await expectAccessible(page, 'the Impressum editor with its preview');
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Gespeichert.' }).waitFor();
    expect((await settings()).legalPages.imprint?.de).toBe('## Herausgeber\n\nStadt Musterstadt, vertreten durch den **Bürgermeister**.\n\n- Rathausplatz 1');

    // The accessibility statement without a feedback address is refused (BITV 2.0 § 7), naming the field.
    await page.getByRole('link', { name: 'Zurück zu den Einstellungen' }).click();
    expect(await page.getByRole('row', { name: /Impressum/ }).textContent()).toContain('Veröffentlicht');
    await page.getByRole('link', { name: /^Bearbeiten\s*: Erklärung zur Barrierefreiheit$/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Erklärung zur Barrierefreiheit' }).waitFor();
    await page.getByRole('button', { name: /^Vorlage einfügen\s*: Deutsch$/ }).click();
    await page.getByText(/Der Text enthält noch \d+ Stellen/).waitFor();
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    const legalSummary = page.locator('.aw-error-summary');
    await expect.poll(() => legalSummary.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await legalSummary.textContent()).toContain('E-Mail-Adresse für Rückmeldungen zur Barrierefreiheit');
    // The template's places still to be filled in are never published.
    expect(await legalSummary.textContent()).toContain('enthält noch Stellen, die zu ergänzen sind');
    expect((await settings()).legalPages.accessibility?.de ?? '').toBe('');
    await expectAccessible(page, 'the accessibility editor with an error');
    expect((await settings()).legalPages.accessibilityFeedbackEmail).toBe('');
    expect(problems).toEqual([]);
    await context.close();
  });
});
