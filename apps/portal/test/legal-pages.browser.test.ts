import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertOrganisation } from '@amtsweg/db';
import { createAccount, logIn, type TestApp } from '../../server/test/helper';
import { makePng } from '../../server/test/test-images';
import { collectProblems, expectAccessible, focused, SCREENSHOTS, startSite, type Site } from './browser-support';

const IMPRINT = `## Herausgeber

Stadt Musterstadt, vertreten durch den **Bürgermeister**.

- Rathausplatz 1
- 12345 Musterstadt

Mehr unter [musterstadt.example](https://www.musterstadt.example).

<img src="x" onerror="window.__injected = true"><script>window.__injected = true</script>

[Klick](javascript:window.__injected=true)`;

/** Tabs forward until the focus is on the link named `name` (at most `limit` steps); answers how many steps it took. */
async function tabTo(page: Page, name: string, limit = 40): Promise<number> {
  for (let step = 1; step <= limit; step += 1) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => (document.activeElement?.tagName === 'A' ? document.activeElement.textContent?.trim() : ''));
    if (here === name) return step;
  }
  throw new Error(`no link “${name}” within ${limit} tabs`);
}

/**
 * Issue 17: the portal shows the organisation's Impressum, Datenschutzerklärung and Erklärung zur
 * Barrierefreiheit in the footer of every page, and the consent checkbox links the privacy policy. Keyboard
 * only through the footer; axe finds nothing on any of the pages.
 */
describe('legal pages in the portal, on postgres', () => {
  let site: Site;
  let t: TestApp;

  beforeAll(async () => {
    site = await startSite('postgres');
    t = site.t;
    const saved = await t.inject({
      method: 'PATCH',
      url: '/api/organisation',
      payload: {
        address: 'Rathausplatz 1, 12345 Musterstadt',
        contact: { email: 'rathaus@musterstadt.example', phone: '+49 1234 567-0', openingHours: 'Mo–Fr 8–12 Uhr' },
        legalPages: {
          imprint: { de: IMPRINT, en: '## Publisher\n\nTown of Musterstadt' },
          accessibility: { de: '## Stand der Vereinbarkeit\n\nDieses Portal ist weitgehend vereinbar.' },
          accessibilityFeedbackEmail: 'barrierefreiheit@musterstadt.example',
        },
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
  });
  afterAll(() => site?.close());

  it('leads by keyboard from the footer to each page, renders the Markdown without HTML, and says plainly what is not written', async () => {
    const context = await site.browser.newContext({ locale: 'de-DE', viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(`${site.origin}/`);
    await page.getByRole('heading', { level: 1, name: 'Online-Dienste' }).waitFor();
    const footer = page.locator('footer');
    await footer.getByText('rathaus@musterstadt.example').waitFor();
    expect(await footer.textContent()).toContain('Rathausplatz 1, 12345 Musterstadt');
    expect(await footer.getByRole('link', { name: '+49 1234 567-0' }).getAttribute('href')).toBe('tel:+4912345670');
    await expectAccessible(page, 'the catalog with its footer');

    // Keyboard only: Tab to the footer's Impressum, Enter.
    await tabTo(page, 'Impressum');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Impressum' }).waitFor();
    await expect.poll(() => focused(page)).toBe('h1:Impressum');
    expect(await page.title()).toBe('Impressum – Stadt Musterstadt');
    const text = page.locator('.pt-legal-text');
    await text.getByRole('heading', { level: 2, name: 'Herausgeber' }).waitFor();
    expect(await text.locator('strong').textContent()).toBe('Bürgermeister');
    expect(await text.getByRole('listitem').allTextContents()).toEqual(['Rathausplatz 1', '12345 Musterstadt']);
    expect(await text.getByRole('link', { name: 'musterstadt.example' }).getAttribute('href')).toBe('https://www.musterstadt.example');
    // Raw HTML is never rendered, a javascript: link never becomes one.
    expect(await text.locator('img, script').count()).toBe(0);
    expect(await text.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    await expectAccessible(page, 'the Impressum');

    // In English, the English text.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Imprint' }).waitFor();
    await page.locator('.pt-legal-text[lang="en"]').getByRole('heading', { name: 'Publisher' }).waitFor();
    await page.getByRole('button', { name: 'Auf Deutsch wechseln' }).click();
    await page.getByRole('heading', { level: 1, name: 'Impressum' }).waitFor();

    // Not written yet: said plainly, with the ways to reach the organisation.
    await tabTo(page, 'Datenschutz', 60);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Datenschutzerklärung' }).waitFor();
    const main = page.locator('main');
    await main.getByText('Stadt Musterstadt hat ihre Datenschutzerklärung hier noch nicht veröffentlicht.').waitFor();
    expect(await main.getByRole('link', { name: 'rathaus@musterstadt.example' }).getAttribute('href')).toBe('mailto:rathaus@musterstadt.example');
    await expectAccessible(page, 'the privacy page not written yet');

    await tabTo(page, 'Barrierefreiheit', 60);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Erklärung zur Barrierefreiheit' }).waitFor();
    await main.getByRole('heading', { level: 2, name: 'Stand der Vereinbarkeit' }).waitFor();
    expect(await main.getByRole('heading', { level: 2, name: 'Barrieren melden' }).count()).toBe(1);
    expect(await main.getByRole('link', { name: 'barrierefreiheit@musterstadt.example' }).getAttribute('href')).toBe('mailto:barrierefreiheit@musterstadt.example');
    await expectAccessible(page, 'the accessibility statement');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('links the consent checkbox to the privacy policy in a new tab, and the form keeps its answers', async () => {
    expect((await t.inject({ method: 'PATCH', url: '/api/organisation', payload: { legalPages: { privacy: { de: '## Verantwortliche Stelle\n\nStadt Musterstadt' } } } })).statusCode).toBe(200);
    const context = await site.browser.newContext({ locale: 'de-DE', viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(`${site.origin}/dienste/hundeanmeldung/antrag/paymentPage`);
    const consent = page.getByRole('checkbox', { name: /habe die Datenschutzhinweise gelesen/ });
    await consent.waitFor();
    await page.getByLabel('Anmerkungen').fill('Bitte ab März');
    const link = page.getByRole('link', { name: 'Datenschutzerklärung lesen (öffnet in einem neuen Tab)' });
    expect(await link.getAttribute('target')).toBe('_blank');
    await expectAccessible(page, 'the form page with the consent');

    const [privacy] = await Promise.all([context.waitForEvent('page'), link.focus().then(() => page.keyboard.press('Enter'))]);
    await privacy.getByRole('heading', { level: 1, name: 'Datenschutzerklärung' }).waitFor();
    await privacy.getByRole('heading', { level: 2, name: 'Verantwortliche Stelle' }).waitFor();
    await privacy.close();
    expect(await page.getByLabel('Anmerkungen').inputValue()).toBe('Bitte ab März');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows each organisation’s logo and name in the header and its own legal pages, also under /o/<slug>/ right after another’s (review of issue 17)', async () => {
    // Musterstadt's logo is 4 × 2 pixels; Kleinstadt, a second organisation of the installation, has one of 6 × 3.
    const ownLogo = await t.inject({ method: 'POST', url: '/api/organisation/logo', ...logoForm(makePng(4, 2)) });
    expect(ownLogo.statusCode, ownLogo.body).toBe(200);
    const kleinstadt = await insertOrganisation(t.database.db, { id: randomUUID(), slug: 'kleinstadt', name: 'Gemeinde Kleinstadt' });
    t.app.organisations.forget(kleinstadt.id);
    await createAccount(t.app, { email: 'verwaltung@kleinstadt.example', kind: 'staff', roles: ['administrator'], organisationId: kleinstadt.id });
    const administrator = await logIn(t.app, 'verwaltung@kleinstadt.example', { organisation: 'kleinstadt' });
    expect((await t.inject({ method: 'POST', url: '/api/organisation/logo', ...logoForm(makePng(6, 3, 0x99)) }, administrator)).statusCode).toBe(200);
    const saved = await t.inject({ method: 'PATCH', url: '/api/organisation', payload: { legalPages: { imprint: { de: '## Herausgeberin\n\nGemeinde Kleinstadt' } } } }, administrator);
    expect(saved.statusCode, saved.body).toBe(200);
    const home = (await t.inject({ method: 'GET', url: '/api/site' }, null)).json<{ name: string }>().name;

    // One browser, first Musterstadt's portal, then within the minute the site view may be cached Kleinstadt's.
    const context = await site.browser.newContext({ locale: 'de-DE', viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(`${site.origin}/`);
    await expectHeader(page, home, 4);
    await page.locator('footer').getByText('rathaus@musterstadt.example').waitFor();

    await page.goto(`${site.origin}/o/kleinstadt/`);
    await expectHeader(page, 'Gemeinde Kleinstadt', 6);
    const logo = page.locator('header img');
    expect(await logo.getAttribute('src')).toMatch(/^\/api\/organisation\/logo\?organisation=kleinstadt&v=/);
    // Sized for the header: as high as the two lines of text beside it, whatever the image's own size.
    expect(await logo.evaluate((img) => Math.round(img.getBoundingClientRect().height))).toBe(56);
    const footer = page.locator('footer');
    await footer.getByText('Gemeinde Kleinstadt').waitFor();
    expect(await footer.textContent()).not.toContain('rathaus@musterstadt.example');
    await expectAccessible(page, 'Kleinstadt’s catalog with its logo');
    await page.locator('header').screenshot({ path: join(SCREENSHOTS, 'portal-header-logo.png') });

    // Keyboard only: the header's link (after the skip link) leads home; the footer to Kleinstadt's own Impressum.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('pt-site-name');
    await tabTo(page, 'Impressum');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Impressum' }).waitFor();
    await page.locator('.pt-legal-text').getByRole('heading', { level: 2, name: 'Herausgeberin' }).waitFor();
    expect(page.url()).toBe(`${site.origin}/o/kleinstadt/impressum`);
    expect(await page.title()).toBe('Impressum – Gemeinde Kleinstadt');
    expect(problems).toEqual([]);
    await context.close();
  });
});

/** A form with the logo, as the administration sends it. */
function logoForm(png: Buffer) {
  const boundary = `----amtsweg${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="wappen.png"\r\nContent-Type: image/png\r\n\r\n`),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload };
}

/** The header names the organisation beside its logo (alt text empty: the name is right there), loaded from the organisation's own address. */
async function expectHeader(page: Page, name: string, logoWidth: number): Promise<void> {
  const home = page.getByRole('link', { name: `${name} Online-Dienste` });
  await home.waitFor();
  const logo = home.locator('img');
  expect(await logo.getAttribute('alt')).toBe('');
  await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(logoWidth);
}
