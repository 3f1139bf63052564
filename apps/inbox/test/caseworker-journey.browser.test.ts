import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_TIME_ZONE, toOfficeDate } from '../../server/src/cases/office-date';
import { addDays, createAccount, exampleSubmission, grantServiceRoles, logIn as logInToApi, TEST_PASSWORD, type TestApp } from '../../server/test/helper';
import { collectProblems, expectAccessible, SCREENSHOTS, startSite, type Site } from '../../portal/test/browser-support';

async function logIn(page: Page, origin: string, email: string): Promise<void> {
  await page.goto(`${origin}/inbox/`);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Vorgänge' }).waitFor();
}

/**
 * A caseworker takes a new Hundeanmeldung from "unassigned" to the Bescheid in Chromium: claims it, asks the
 * applicant for more (who answers through the API), previews and issues the approval. A colleague acting on
 * the same case from an outdated page is told who changed it, and keeps what they typed. A caseworker turns their
 * daily e-mail off and on in their account.
 */
describe('caseworker journey on postgres', () => {
  let site: Site;
  let t: TestApp;
  let browser: Browser;
  let origin = '';
  let caseId = '';
  let accessToken = '';

  beforeAll(async () => {
    site = await startSite('postgres', ['inbox']);
    ({ t, browser, origin } = site);
    // Ben also administers: he creates his own API token for a specialist system.
    for (const [email, name, roles] of [
      ['anna.berg@musterstadt.example', 'Anna Berg', ['caseworker']],
      ['ben.kaya@musterstadt.example', 'Ben Kaya', ['caseworker', 'administrator']],
    ] as const) {
      const person = await createAccount(t.app, { email, kind: 'staff', roles: [...roles] });
      await t.database.db.updateTable('users').set({ display_name: name }).where('id', '=', person.id).execute();
      await grantServiceRoles(t, person.id, site.serviceId, ['dogTax']);
    }
    const submitted = await t.inject({ method: 'POST', url: `/api/services/${site.serviceId}/submissions`, payload: exampleSubmission('valid-without-files.json').data }, null);
    ({ caseId, accessToken } = submitted.json<{ caseId: string; accessToken: string }>());
  });
  afterAll(() => site?.close());

  it('claims, asks, decides with a preview; a racing colleague gets the conflict message', async () => {
    const annaContext = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const anna = await annaContext.newPage();
    const problems = collectProblems(anna);
    await logIn(anna, origin, 'anna.berg@musterstadt.example');
    await expectAccessible(anna, 'the work list');
    await anna.locator('tbody tr').first().waitFor();
    await anna.screenshot({ path: join(SCREENSHOTS, 'inbox-list.png') });

    // Ben opens the same case at the same time (his page will be outdated).
    const benContext = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 768 } });
    const ben = await benContext.newPage();
    await logIn(ben, origin, 'ben.kaya@musterstadt.example');
    await ben.goto(`${origin}/inbox/vorgaenge/${caseId}`);
    await ben.getByRole('button', { name: 'Übernehmen' }).waitFor();

    // Anna: "unassigned", the new case, open it with the keyboard (j, Enter), claim it (c).
    await anna.getByRole('link', { name: 'Nicht zugewiesen' }).click();
    const row = anna.locator('tbody tr').first();
    await row.waitFor();
    await anna.keyboard.press('j');
    await anna.keyboard.press('Enter');
    await anna.getByRole('heading', { level: 2, name: 'Aktionen' }).waitFor();
    await expectAccessible(anna, 'the case page');
    await anna.keyboard.press('c');
    await anna.keyboard.press('Enter');
    await expect.poll(() => anna.locator('.ib-facts').textContent()).toContain('Anna Berg');

    // Ben, on his outdated page, asks the applicant for more: refused, told by whom, his text kept.
    await ben.getByRole('button', { name: 'Unterlagen nachfordern' }).click();
    await ben.getByLabel('Was fehlt?').fill('Bitte den Versicherungsschein senden.');
    await ben.getByRole('button', { name: 'Unterlagen nachfordern' }).last().click();
    await ben.getByRole('alert').filter({ hasText: 'von Anna Berg geändert' }).waitFor();
    expect(await ben.getByLabel('Was fehlt?').inputValue()).toBe('Bitte den Versicherungsschein senden.');
    await expectAccessible(ben, 'the case page with a conflict');

    // Anna asks the applicant for more, by a day she sets: 14 days on is offered; yesterday is refused, and the
    // error summary leads her back to the day. The applicant answers (through the API).
    await anna.getByRole('button', { name: 'Unterlagen nachfordern' }).click();
    await anna.getByLabel('Was fehlt?').fill('Bitte den Versicherungsschein senden.');
    const answerBy = anna.getByLabel('Antwort bis');
    const today = toOfficeDate(new Date());
    expect(await answerBy.inputValue()).toBe(addDays(today, 14));
    await answerBy.fill(addDays(today, -1));
    const requestForm = anna.locator('#action-requestInformation-form');
    await requestForm.getByRole('button', { name: 'Unterlagen nachfordern' }).click();
    const summary = requestForm.locator('.aw-error-summary');
    await expect.poll(() => summary.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await summary.textContent()).toContain('„Antwort bis“ muss nach dem heutigen Tag liegen.');
    expect(await answerBy.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(anna, 'the request for information with an error');
    await anna.screenshot({ path: join(SCREENSHOTS, 'inbox-case.png') });
    await summary.getByRole('link').click();
    await expect.poll(() => answerBy.evaluate((element) => element === document.activeElement)).toBe(true);
    const lastDay = addDays(today, 21);
    await answerBy.fill(lastDay);
    await requestForm.getByRole('button', { name: 'Unterlagen nachfordern' }).click();
    await expect.poll(() => anna.locator('.ib-facts').textContent()).toContain('Wartet auf Antragsteller');
    const germanDay = new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: OFFICE_TIME_ZONE }).format(new Date(`${lastDay}T12:00:00Z`));
    expect(await anna.locator('.ib-facts').textContent()).toContain(germanDay);
    const view = await t.inject({ method: 'GET', url: `/api/applicant/cases/${caseId}`, headers: { authorization: `Bearer ${accessToken}` } }, null);
    const answered = await t.inject(
      {
        method: 'POST',
        url: `/api/applicant/cases/${caseId}/reply`,
        headers: { authorization: `Bearer ${accessToken}` },
        payload: { actionId: 'answer', expectedVersion: view.json<{ version: number }>().version, inputs: { answer: 'Versicherungsschein liegt bei.' } },
      },
      null,
    );
    expect(answered.statusCode, answered.body).toBe(200);
    await anna.reload();
    await expect.poll(() => anna.locator('.ib-facts').textContent()).toContain('In Prüfung');
    expect(await anna.locator('.ib-history').textContent()).toContain('Versicherungsschein liegt bei.');

    // Approve: preview the Bescheid, then issue it.
    await anna.getByRole('button', { name: 'Anmeldung bestätigen' }).click();
    await anna.getByRole('button', { name: 'Vorschau des Bescheids' }).click();
    const preview = anna.getByRole('region', { name: 'Vorschau' });
    await preview.waitFor();
    expect(await preview.textContent()).toContain('Bescheid');
    await expectAccessible(anna, 'the decision preview');
    const [draftPdf] = await Promise.all([anna.waitForEvent('download'), anna.getByRole('button', { name: 'Vorschau als PDF' }).click()]);
    expect(draftPdf.suggestedFilename()).toMatch(/\.pdf$/);
    const draftBytes = readFileSync(await draftPdf.path());
    expect(draftBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await anna.getByRole('button', { name: /verbindlich/ }).click();
    await expect.poll(() => anna.locator('.ib-facts').textContent()).toContain('Angemeldet');
    const documents = await anna.locator('#documents-title + ul').textContent();
    expect(documents).toContain('Bescheid');
    expect(problems).toEqual([]);

    // Four eyes: Anna proposes to reject another application; only a colleague can confirm it.
    const second = await t.inject({ method: 'POST', url: `/api/services/${site.serviceId}/submissions`, payload: exampleSubmission('valid-without-files.json').data }, null);
    const secondId = second.json<{ caseId: string }>().caseId;
    await anna.goto(`${origin}/inbox/vorgaenge/${secondId}`);
    await anna.getByRole('button', { name: 'Anmeldung ablehnen' }).click();
    await anna.getByLabel('Begründung').fill('Der Hund ist bereits in einer anderen Gemeinde angemeldet.');
    await anna.getByRole('button', { name: /zur Bestätigung vorlegen/ }).click();
    await anna.getByText('Anna Berg schlägt vor: Anmeldung ablehnen').waitFor();
    expect(await anna.getByRole('button', { name: 'Bestätigen (Vier-Augen-Prinzip)' }).count()).toBe(0);
    await expectAccessible(anna, 'a case with a proposal');
    // Ben's specialist system notes something through his API token; the history says so (issue 18, finding 1).
    const benApi = await logInToApi(t.app, 'ben.kaya@musterstadt.example');
    const created = await t.inject({ method: 'POST', url: '/api/api-tokens', payload: { name: 'Fachverfahren Hundesteuer', scopes: ['cases:read', 'cases:act'] } }, benApi);
    expect(created.statusCode, created.body).toBe(201);
    const bearer = { authorization: `Bearer ${created.json<{ token: string }>().token}` };
    const noted = await t.inject({ method: 'POST', url: `/api/cases/${secondId}/comments`, headers: bearer, payload: { text: 'Steuerkonto angelegt.' } }, null);
    expect(noted.statusCode, noted.body).toBe(201);
    await ben.goto(`${origin}/inbox/vorgaenge/${secondId}`);
    const tokenEntry = ben.locator('.ib-history li').filter({ hasText: 'Steuerkonto angelegt.' });
    expect(await tokenEntry.textContent()).toMatch(/Ben Kaya über API-Token „Fachverfahren Hundesteuer“.*\(intern\)/);
    await expectAccessible(ben, 'a case history with an entry made through an API token');
    await ben.getByRole('button', { name: 'Bestätigen (Vier-Augen-Prinzip)' }).click();
    await expect.poll(() => ben.locator('.ib-facts').textContent()).toContain('Abgelehnt');
    await annaContext.close();
    await benContext.close();
  });

  it('turns the daily e-mail off in the own account; it stays off after a reload', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 768 } });
    const ben = await context.newPage();
    const problems = collectProblems(ben);
    const dailyDigestOfBen = async () => {
      const me = await ben.request.get(`${origin}/api/auth/me`);
      expect(me.status()).toBe(200);
      return ((await me.json()) as { account: { preferences?: { dailyDigest: boolean } } }).account.preferences?.dailyDigest;
    };
    await logIn(ben, origin, 'ben.kaya@musterstadt.example');
    expect(await dailyDigestOfBen()).toBe(true);

    // From the inbox's navigation, by keyboard; the new page's heading takes the focus.
    await ben.getByRole('navigation', { name: 'Bereiche des Posteingangs' }).getByRole('link', { name: 'Mein Konto' }).focus();
    await ben.keyboard.press('Enter');
    const heading = ben.getByRole('heading', { level: 1, name: 'Mein Konto' });
    await heading.waitFor();
    await expect.poll(() => heading.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await ben.title()).toBe('Mein Konto – Posteingang');
    const digest = ben.getByLabel('Tägliche Übersicht per E-Mail (neue und überfällige Vorgänge, jeden Morgen um 7 Uhr)');
    await digest.waitFor();
    expect(await digest.isChecked()).toBe(true);
    expect(await digest.getAttribute('aria-describedby')).toBe('daily-digest-hint');
    await expectAccessible(ben, 'the account page');

    // Off with the space bar, saved with Enter: the confirmation is in a live region.
    await digest.focus();
    await ben.keyboard.press('Space');
    expect(await digest.isChecked()).toBe(false);
    await ben.getByRole('button', { name: 'Speichern' }).focus();
    await ben.keyboard.press('Enter');
    await ben.getByRole('status').filter({ hasText: 'Gespeichert: Sie erhalten keine tägliche Übersicht mehr.' }).waitFor();
    expect(await dailyDigestOfBen()).toBe(false);
    await expectAccessible(ben, 'the account page after saving');

    await ben.reload();
    await digest.waitFor();
    expect(await digest.isChecked()).toBe(false);
    expect(await dailyDigestOfBen()).toBe(false);

    // In English, and on again.
    await ben.getByRole('button', { name: 'Switch to English' }).click();
    await ben.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    const digestEnglish = ben.getByLabel('Daily summary by e-mail (new and overdue cases, every morning at 7 a.m.)');
    expect(await digestEnglish.isChecked()).toBe(false);
    await digestEnglish.check();
    await ben.getByRole('button', { name: 'Save' }).click();
    await ben.getByRole('status').filter({ hasText: 'Saved: you will receive the daily summary.' }).waitFor();
    expect(await dailyDigestOfBen()).toBe(true);
    await expectAccessible(ben, 'the account page in English');
    expect(problems).toEqual([]);
    await context.close();
  });
});
