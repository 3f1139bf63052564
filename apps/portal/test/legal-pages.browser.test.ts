import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../server/test/helper';
import { collectProblems, expectAccessible, focused, startSite, type Site } from './browser-support';

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
});
