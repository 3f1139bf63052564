import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, logIn as logInThroughApi, TEST_PASSWORD, type Caller, type TestApp } from '../../server/test/helper';
import { collectProblems, expectAccessible, focused, startSite, type Site } from './browser-support';

async function logIn(page: Page, origin: string, labels: { email: string; password: string; button: string }): Promise<void> {
  await page.getByLabel(labels.email).fill('anna@example.org');
  await page.getByLabel(labels.password).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: labels.button }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`${origin}/antraege`);
}

function logInCitizen(t: TestApp): Promise<Caller> {
  return logInThroughApi(t.app, 'anna@example.org', { kind: 'citizen' });
}

/**
 * A citizen with an account starts the Hundeanmeldung on the desktop and finishes it on a 320 px phone in
 * English: the draft follows the account, the layout fits, the keyboard walks the page in reading order with
 * a visible focus. On the embedded database, as `pnpm start` runs it.
 */
describe('citizen account on pglite', () => {
  let site: Site;
  let t: TestApp;
  let browser: Browser;
  let origin = '';
  let serviceId = '';

  beforeAll(async () => {
    site = await startSite('pglite');
    ({ t, browser, origin, serviceId } = site);
    await createAccount(t.app, { email: 'anna@example.org', kind: 'citizen' });
  });
  afterAll(() => site?.close());

  it('continues a draft on another device, in English, on a small screen', async () => {
    // Desktop, German: log in, start, type; the draft is saved to the account.
    const desktop = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 } });
    const first = await desktop.newPage();
    const problems = collectProblems(first);
    await first.goto(`${origin}/registrieren`);
    await first.getByRole('heading', { level: 1, name: 'Konto anlegen' }).waitFor();
    await expectAccessible(first, 'the registration page');
    await first.goto(`${origin}/anmelden`);
    await expectAccessible(first, 'the login page');
    await first.getByRole('button', { name: 'Anmelden' }).focus();
    await first.keyboard.press('Enter');
    await first.locator('.aw-error-summary').filter({ hasText: 'Bitte füllen Sie „E-Mail-Adresse“ aus.' }).waitFor();
    await expectAccessible(first, 'the login page with errors');
    await logIn(first, origin, { email: 'E-Mail-Adresse', password: 'Passwort', button: 'Anmelden' });
    await first.getByRole('heading', { level: 1, name: 'Meine Anträge' }).waitFor();
    await expectAccessible(first, 'my applications');
    await first.goto(`${origin}/dienste/hundeanmeldung/antrag/holderPage`);
    await first.getByLabel('Vorname').fill('Anna');
    await first.getByLabel('Nachname').fill('Schmidt');
    await first.getByText('In Ihrem Konto gespeichert').waitFor({ timeout: 10_000 });
    expect(problems).toEqual([]);
    await desktop.close();

    // Another device: a phone 320 px wide, in English.
    const phone = await browser.newContext({ locale: 'en-GB', viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await page.goto(`${origin}/anmelden?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await logIn(page, origin, { email: 'Email address', password: 'Password', button: 'Log in' });
    await page.getByRole('heading', { name: 'Applications in progress' }).waitFor();
    await page.getByRole('link', { name: 'Dog registration' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Dog holder' }).waitFor();
    expect(await page.getByLabel('First name').inputValue()).toBe('Anna');
    expect(await page.getByLabel('Last name').inputValue()).toBe('Schmidt');
    await expectAccessible(page, 'a form page in English on a phone');
    // Nothing wider than the screen: no sideways scrolling at 320 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    // The desktop saves again meanwhile: the phone's next save is refused, and the citizen chooses; nothing is
    // overwritten without asking.
    const desktopSession = await logInCitizen(t);
    const stored = await t.inject({ method: 'GET', url: `/api/drafts/${serviceId}` }, desktopSession);
    const { revision, answers, serviceVersion } = stored.json<{ revision: number; answers: Record<string, unknown>; serviceVersion: number }>();
    const moved = await t.inject(
      { method: 'PUT', url: `/api/drafts/${serviceId}`, payload: { serviceVersion, pageId: 'holderPage', expectedRevision: revision, answers: { ...answers, holder: { firstName: 'Anna', lastName: 'Schmidt-Desktop' } } } },
      desktopSession,
    );
    expect(moved.statusCode, moved.body).toBe(200);
    await page.getByLabel('Town or city').fill('Musterstadt');
    const conflict = page.getByRole('alert').filter({ hasText: 'continued on another device' });
    await conflict.waitFor({ timeout: 10_000 });
    await expectAccessible(page, 'a draft conflict');
    await conflict.getByRole('button', { name: 'Continue with my answers here' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Saved to your account').waitFor({ timeout: 10_000 });
    const kept = await t.inject({ method: 'GET', url: `/api/drafts/${serviceId}` }, desktopSession);
    expect(kept.json<{ answers: { holder: Record<string, string> } }>().answers.holder).toMatchObject({ lastName: 'Schmidt', city: 'Musterstadt' });

    // The keyboard walks the fields in reading order, with a visible focus indicator.
    await page.getByLabel('First name').focus();
    const order: string[] = [];
    for (let i = 0; i < 9; i++) {
      await page.keyboard.press('Tab');
      order.push(await focused(page));
    }
    expect(order).toEqual([
      '#f-holder-lastName',
      '#f-holder-birthDate',
      '#f-holder-street',
      '#f-holder-houseNumber',
      '#f-holder-postalCode',
      '#f-holder-city',
      '#f-holder-email',
      '#f-holder-phone',
      'button:Continue',
    ]);
    const outline = await page.getByLabel('Email address').evaluate((element) => {
      (element as HTMLElement).focus();
      const style = getComputedStyle(element);
      return { outline: style.outlineStyle, width: style.outlineWidth };
    });
    expect(outline.outline).toBe('solid');
    expect(parseFloat(outline.width)).toBeGreaterThanOrEqual(3);

    // Errors in English, summary first.
    await page.getByRole('button', { name: 'Continue' }).focus();
    await page.keyboard.press('Enter');
    const summary = page.locator('.aw-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('There is a problem');
    expect(await summary.textContent()).toContain('Please fill in “Date of birth”.');
    await expectAccessible(page, 'a form page with errors in English on a phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    // Right to left (for a later Arabic translation): the styles use logical properties, so the error bar moves
    // to the right-hand side.
    const bars = await page.locator('.aw-field--error').first().evaluate((element) => {
      const sides = () => ({ left: getComputedStyle(element).borderLeftWidth, right: getComputedStyle(element).borderRightWidth });
      const ltr = sides();
      document.documentElement.dir = 'rtl';
      return { ltr, rtl: sides() };
    });
    expect(bars).toEqual({ ltr: { left: '5px', right: '0px' }, rtl: { left: '0px', right: '5px' } });
    await phone.close();
  });
});
