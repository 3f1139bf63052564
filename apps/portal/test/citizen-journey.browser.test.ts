import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { PDF_BYTES, type TestApp } from '../../server/test/helper';
import { collectProblems, expectAccessible, focused, installLayoutShiftMeter, layoutShift, SCREENSHOTS, startSite, type Site } from './browser-support';

/** Presses a key on an element, as a keyboard user who tabbed there would: no mouse anywhere. */
async function press(target: Locator, key: string): Promise<void> {
  await target.focus();
  await target.page().keyboard.press(key);
}

async function type(target: Locator, text: string): Promise<void> {
  await target.focus();
  await target.fill('');
  await target.page().keyboard.type(text);
}

/**
 * The Hundeanmeldung from the catalog to the Bescheid, as a citizen does it in Chromium with the keyboard only:
 * find it, fill it with two dogs, make and fix mistakes, upload a certificate, check the answers, send (after a
 * lost answer: a retry must not file twice), follow the case, answer the authority's request, download the
 * decision notice. The caseworker's side goes through the API. axe checks every page on the way.
 */
describe.each(DATABASE_KINDS.filter((kind) => kind === 'postgres'))('citizen journey on %s', (kind) => {
  let site: Site;
  let t: TestApp;
  let browser: Browser;
  let origin = '';

  beforeAll(async () => {
    site = await startSite(kind);
    ({ t, browser, origin } = site);
  });
  afterAll(() => site?.close());

  it('applies for two dogs, answers a request and downloads the Bescheid', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1024, height: 800 }, acceptDownloads: true });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await installLayoutShiftMeter(page);

    // The catalog: search, open.
    await page.goto(`${origin}/`);
    await page.getByRole('heading', { level: 1, name: 'Online-Dienste' }).waitFor();
    await expectAccessible(page, 'the catalog');
    await type(page.getByLabel('Dienst suchen'), 'hund');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('1 Dienst gefunden');
    await press(page.getByRole('link', { name: 'Hundeanmeldung' }), 'Enter');

    // The start page: what it is for, what to have at hand.
    await page.getByRole('heading', { level: 2, name: 'Was Sie bereithalten sollten' }).waitFor();
    await expectAccessible(page, 'the service page');
    await press(page.getByRole('link', { name: 'Jetzt starten' }), 'Enter');

    // Page 1: continue without answers → the error summary takes the focus and links to the fields.
    await page.getByRole('heading', { level: 1, name: 'Halterin oder Halter' }).waitFor();
    expect(await page.getByText('Schritt 1 von 4').count()).toBe(1);
    const shiftBefore = await layoutShift(page);
    await press(page.getByRole('button', { name: 'Weiter' }), 'Enter');
    const summary = page.locator('.aw-error-summary');
    await summary.waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('aw-error-summary'))).toBe(true);
    await expect.poll(() => summary.getByRole('link').count()).toBe(8);
    // The messages appear in answer to the key press, and nothing else on the page moves.
    expect(await layoutShift(page)).toBe(shiftBefore);
    expect(await summary.textContent()).toContain('Bitte füllen Sie „Vorname“ aus.');
    expect(await page.getByLabel('Vorname').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Vorname').getAttribute('aria-describedby')).toContain('-error');
    await expectAccessible(page, 'a form page with errors');
    await page.screenshot({ path: join(SCREENSHOTS, 'error-summary.png') });
    await press(summary.getByRole('link', { name: 'Bitte füllen Sie „Nachname“ aus.' }), 'Enter');
    expect(await focused(page)).toBe('#f-holder-lastName');

    await type(page.getByLabel('Vorname'), 'Jörg');
    await type(page.getByLabel('Nachname'), 'Weiß-Öztürk');
    await type(page.getByLabel('Geburtsdatum'), '7.3.1985');
    await type(page.getByLabel('Straße'), 'Lindenallee');
    await type(page.getByLabel('Hausnummer'), '12a');
    await type(page.getByLabel('Postleitzahl'), '12345');
    await type(page.getByLabel('Ort', { exact: true }), 'Musterstadt');
    await type(page.getByLabel('E-Mail-Adresse'), 'joerg.weiss@');
    await press(page.getByRole('button', { name: 'Weiter' }), 'Enter');
    await expect.poll(() => summary.textContent()).toContain('E-Mail-Adresse wie name@beispiel.de');
    expect(await summary.getByRole('link').count(), (await summary.textContent()) ?? '').toBe(1);
    await type(page.getByLabel('E-Mail-Adresse'), 'joerg.weiss@example.org');
    await press(page.getByRole('button', { name: 'Weiter' }), 'Enter');

    // Page 2: two dogs; a condition shows the certificate for the listed breed only.
    await page.getByRole('heading', { level: 1, name: 'Hunde' }).waitFor();
    const dog1 = page.getByRole('group', { name: 'Hund 1', exact: true });
    await type(dog1.getByLabel('Name des Hundes'), 'Bello');
    await dog1.getByLabel('Rasse').focus();
    await dog1.getByLabel('Rasse').selectOption('labrador');
    await press(dog1.getByRole('radio', { name: 'Nein' }), 'Space');
    expect(await dog1.getByText('Negativzeugnis').count()).toBe(0);
    await type(dog1.getByLabel('Geburtsdatum des Hundes'), '01.02.2020');
    await type(dog1.getByLabel(/Seit wann/), '15.03.2020');
    await type(dog1.getByLabel('Chipnummer'), '276000000000001');
    await type(dog1.getByLabel('Haftpflichtversicherung'), 'Musterversicherung AG');
    await type(dog1.getByLabel(/Versicherungsnummer/), 'HV-1');

    await press(page.getByRole('button', { name: 'Hund hinzufügen' }), 'Enter');
    const dog2 = page.getByRole('group', { name: 'Hund 2', exact: true });
    await dog2.waitFor();
    // The focus moves once the new item has rendered, which under load may be after it appears.
    await expect.poll(() => focused(page)).toBe('#f-dogs-1-name');
    await page.keyboard.type('Luna');
    await dog2.getByLabel('Rasse').selectOption('staffordshireBullTerrier');
    await press(dog2.getByRole('radio', { name: 'Ja' }), 'Space');
    const certificate = dog2.getByLabel('Negativzeugnis oder Wesenstest');
    await certificate.waitFor();
    // A wrong type is refused at the field, before uploading.
    await certificate.setInputFiles({ name: 'zeugnis.txt', mimeType: 'text/plain', buffer: Buffer.from('kein PDF') });
    await expect.poll(() => dog2.getByRole('alert').textContent()).toContain('nicht erlaubtes Format');
    await certificate.setInputFiles({ name: 'Wesenstest Luna.pdf', mimeType: 'application/pdf', buffer: PDF_BYTES });
    await expect.poll(() => dog2.getByRole('status').last().textContent()).toContain('Wesenstest Luna.pdf wurde hochgeladen.');
    await type(dog2.getByLabel('Geburtsdatum des Hundes'), '10.10.2021');
    await type(dog2.getByLabel(/Seit wann/), '1.1.2022');
    await type(dog2.getByLabel('Chipnummer'), '12345');
    await type(dog2.getByLabel('Haftpflichtversicherung'), 'Musterversicherung AG');
    await type(dog2.getByLabel(/Versicherungsnummer/), 'HV-2');
    expect(await page.locator('output').textContent()).toBe('720,00 €');
    await press(page.getByRole('button', { name: 'Weiter' }), 'Enter');
    await expect.poll(() => summary.textContent()).toContain('Die Chipnummer besteht aus genau 15 Ziffern.');
    expect(await dog2.getByLabel('Chipnummer').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the dogs page with an error');
    await type(dog2.getByLabel('Chipnummer'), '276000000000002');
    await page.screenshot({ path: join(SCREENSHOTS, 'form-page.png'), fullPage: true });
    await press(page.getByRole('button', { name: 'Weiter' }), 'Enter');

    // Page 3: the SEPA question hides the bank fields; the consent is one checkbox.
    await page.getByRole('heading', { level: 1, name: /Zahlung|Bezahlung|Lastschrift|SEPA/ }).waitFor();
    await press(page.getByRole('radio', { name: 'Nein' }), 'Space');
    expect(await page.getByLabel(/IBAN/).count()).toBe(0);
    await press(page.getByRole('checkbox'), 'Space');
    await press(page.getByRole('button', { name: 'Weiter' }), 'Enter');

    // Check your answers, change one, come back.
    await page.getByRole('heading', { level: 1, name: 'Prüfen Sie Ihre Angaben' }).waitFor();
    await expectAccessible(page, 'check your answers');
    expect(await page.getByRole('heading', { name: 'Hund 2' }).count()).toBe(1);
    expect(await page.locator('.aw-answers').textContent()).toContain('Staffordshire-Bullterrier');
    await press(page.getByRole('link', { name: 'Ändern Angaben zur Person – Ort' }), 'Enter');
    await page.getByRole('heading', { level: 1, name: 'Halterin oder Halter' }).waitFor();
    expect(await focused(page)).toBe('#f-holder-city');
    await page.keyboard.press('End');
    await page.keyboard.type(' (Nord)');
    await press(page.getByRole('button', { name: 'Weiter' }), 'Enter');
    await page.getByRole('heading', { level: 1, name: 'Prüfen Sie Ihre Angaben' }).waitFor();
    expect(await page.locator('.aw-answers').textContent()).toContain('Musterstadt (Nord)');

    // Send; the server files the case but the answer is lost on the way → sending again must not file twice.
    let lost = false;
    await page.route('**/api/services/*/submissions', async (route) => {
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await press(page.getByRole('button', { name: 'Verbindlich absenden' }), 'Enter');
    await page.getByText('Die Verbindung ist unterbrochen.').waitFor();
    // Reloaded, and an answer changed before sending again: the first attempt was filed, so its answer is
    // fetched (same key, same body) instead of filing a second application.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Prüfen Sie Ihre Angaben' }).waitFor();
    await press(page.getByRole('link', { name: 'Ändern Anmerkungen' }), 'Enter');
    await type(page.getByLabel(/Anmerkungen/), 'Luna ist sehr lieb.');
    await press(page.getByRole('button', { name: 'Weiter' }), 'Enter');
    await page.getByRole('heading', { level: 1, name: 'Prüfen Sie Ihre Angaben' }).waitFor();
    await press(page.getByRole('button', { name: 'Verbindlich absenden' }), 'Enter');
    await page.getByRole('heading', { level: 1, name: 'Antrag eingegangen' }).waitFor();
    await expectAccessible(page, 'the confirmation');
    const reference = (await page.locator('.pt-panel .pt-reference').textContent())!;
    expect(reference).toMatch(/\d/);
    const cases = await t.inject({ method: 'GET', url: '/api/cases?limit=50' });
    const filed = cases.json<{ cases: { id: string; reference: string }[] }>().cases.filter((c) => c.reference === reference);
    expect(filed).toHaveLength(1);
    expect(cases.json<{ cases: unknown[] }>().cases).toHaveLength(1);
    const caseId = filed[0]!.id;
    expect(await page.getByLabel('Zugangslink').inputValue()).toContain(`/antraege/${caseId}#code=`);

    // The receipt as a printable page.
    await press(page.getByRole('link', { name: /Druckansicht/ }), 'Enter');
    await page.getByRole('heading', { level: 1, name: 'Eingangsbestätigung' }).waitFor();
    expect(await page.locator('.pt-document-text').textContent()).toContain(reference);
    await expectAccessible(page, 'the printable receipt');
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Antrag eingegangen' }).waitFor();

    // Someone without the code (another browser) is asked for it; a wrong code is refused, the right one opens.
    const stranger = await browser.newContext({ locale: 'de-DE' });
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(`${origin}/antraege/${caseId}`);
    await strangerPage.getByRole('heading', { level: 1, name: 'Antrag aufrufen' }).waitFor();
    await expectAccessible(strangerPage, 'the access code page');
    await type(strangerPage.getByLabel('Zugangscode'), 'falsch-falsch-falsch-falsch');
    await press(strangerPage.getByRole('button', { name: 'Aufrufen' }), 'Enter');
    await strangerPage.locator('.aw-error-summary').filter({ hasText: 'der Zugangscode passt nicht' }).waitFor();
    await expectAccessible(strangerPage, 'the access code page with an error');
    await type(strangerPage.getByLabel('Zugangscode'), await page.getByLabel('Zugangscode').inputValue());
    await press(strangerPage.getByRole('button', { name: 'Aufrufen' }), 'Enter');
    await expect.poll(() => strangerPage.locator('.pt-status-text').textContent()).toBe('Ihre Anmeldung wird geprüft.');
    await stranger.close();

    // The status page, also after a reload.
    await press(page.getByRole('link', { name: 'Stand des Antrags ansehen' }), 'Enter');
    await expect.poll(() => page.locator('.pt-status-text').textContent()).toBe('Ihre Anmeldung wird geprüft.');
    await page.reload();
    await expect.poll(() => page.locator('.pt-status-text').textContent()).toBe('Ihre Anmeldung wird geprüft.');
    await expectAccessible(page, 'the status page');

    // The caseworker asks for more (through the API); the citizen answers with text and a file.
    const view = await t.inject({ method: 'GET', url: `/api/cases/${caseId}` });
    const asked = await t.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/actions/requestInformation`,
      payload: { expectedVersion: view.json<{ version: number }>().version, inputs: { missing: 'Bitte senden Sie den Wesenstest für Luna in lesbarer Qualität.' } },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    await page.reload();
    await page.getByRole('heading', { name: 'Wir brauchen noch Angaben von Ihnen' }).waitFor();
    expect(await page.locator('.pt-request-message').textContent()).toContain('Wesenstest für Luna');
    await expectAccessible(page, 'the status page with a request');
    await press(page.getByRole('button', { name: 'Antworten' }), 'Enter');
    await page.locator('.aw-error-summary').filter({ hasText: 'Ihre Antwort' }).waitFor();
    await type(page.getByLabel('Ihre Antwort'), 'Anbei der Wesenstest als PDF.');
    await page.getByLabel(/Anlagen/).setInputFiles({ name: 'Wesenstest neu.pdf', mimeType: 'application/pdf', buffer: PDF_BYTES });
    await page.getByText('Wesenstest neu.pdf wurde hochgeladen.').waitFor();
    await press(page.getByRole('button', { name: 'Antworten' }), 'Enter');
    await page.getByText('Ihre Antwort ist eingegangen.').waitFor();
    const answered = await t.inject({ method: 'GET', url: `/api/cases/${caseId}` });
    expect(answered.json<{ state: { id: string } }>().state.id).toBe('inReview');
    expect(answered.body).toContain('Wesenstest neu.pdf');

    // The caseworker approves; the citizen downloads the Bescheid.
    const approved = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/actions/approve`, payload: { expectedVersion: answered.json<{ version: number }>().version } });
    expect(approved.statusCode, approved.body).toBe(200);
    await page.reload();
    await expect.poll(() => page.locator('.pt-status-text').textContent()).toContain('Ihr Hund ist angemeldet.');
    await expectAccessible(page, 'the status page with the decision');
    const notice = page.locator('.pt-documents > li').filter({ hasText: 'Bescheid' });
    const [download] = await Promise.all([page.waitForEvent('download'), press(notice.getByRole('button', { name: /Als PDF herunterladen/ }), 'Enter')]);
    const saved = join(tmpdir(), `bescheid-${caseId}.pdf`);
    await download.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', [saved, '-'], { encoding: 'utf8' });
    expect(text).toContain(reference);
    expect(text).toContain('Weiß-Öztürk');

    expect(problems).toEqual([]);
    await context.close();
  });
});

