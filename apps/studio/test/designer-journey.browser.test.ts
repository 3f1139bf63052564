import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceDefinition } from '@amtsweg/definitions';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, grantServiceRoles, hundeanmeldung, TEST_PASSWORD, type TestApp } from '../../server/test/helper';
import { collectProblems, expectAccessible, focused, SCREENSHOTS, startSite, type Site } from '../../portal/test/browser-support';

const DESIGNER = 'alle.rollen@test.example';
const CASEWORKER = 'sabine.sach@musterstadt.example';
const SECOND_DESIGNER = 'ben.bau@musterstadt.example';

async function logIn(page: Page, url: string, email: string, heading: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/**
 * Drags with the mouse as a person does: press, move a little (dnd-kit starts after a few pixels), then aim at the
 * target where it is now (the page makes room for the drop once a drag starts), release.
 */
async function dragWithMouse(page: Page, source: Locator, target: Locator): Promise<void> {
  const from = await source.boundingBox();
  if (!from) throw new Error('the drag source is not visible');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 12, { steps: 4 });
  for (let aim = 0; aim < 2; aim++) {
    const to = await target.boundingBox();
    if (!to) throw new Error('the drop target is not visible');
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
  }
  await page.mouse.up();
}

/** The labels of the fields on the canvas, in order. */
async function canvasLabels(page: Page, pageTitle: string): Promise<string[]> {
  const list = page.getByRole('list', { name: `Felder der Seite „${pageTitle}“`, exact: true });
  return list.locator(':scope > li .st-element-select').allTextContents();
}

/**
 * A designer builds a "Sondernutzungserlaubnis" from an empty draft, as a new user would: fields dragged from the
 * palette with the mouse and added by button, a field reordered with the keyboard, a conditional field, a
 * repeating group on a second page, a three-state procedure with approval and rejection and their notices; then
 * publishes. A citizen applies in the portal and a caseworker decides in the inbox. axe checks the Studio's pages.
 */
describe('designer journey on postgres', () => {
  let site: Site;
  let t: TestApp;
  let browser: Browser;
  let origin = '';

  beforeAll(async () => {
    site = await startSite('postgres', ['portal', 'inbox', 'studio']);
    ({ t, browser, origin } = site);
  });
  afterAll(() => site?.close());

  it('builds, publishes, and the service carries a case from application to Bescheid', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await logIn(page, `${origin}/studio/`, DESIGNER, 'Online-Dienste');
    await expectAccessible(page, 'the service list');

    // A new service from an empty draft.
    await page.getByLabel('Name des Dienstes').fill('Sondernutzungserlaubnis');
    expect(await page.getByLabel('Adresse im Portal').inputValue()).toBe('sondernutzungserlaubnis');
    await page.getByRole('button', { name: 'Anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sondernutzungserlaubnis' }).waitFor();
    await expectAccessible(page, 'the empty form designer');

    // Page 1: a text field dragged from the palette with the mouse, then named.
    const canvas = page.getByRole('region', { name: 'Seite „Seite 1“', exact: true });
    await dragWithMouse(page, page.getByRole('button', { name: 'Textfeld', exact: true }), canvas.getByText('Hier ablegen (am Ende der Seite)'));
    const properties = (label: string) => page.getByRole('region', { name: `Eigenschaften von „${label}“` });
    await properties('Neues Textfeld').waitFor();
    await properties('Neues Textfeld').getByLabel('Bezeichnung (Deutsch)').fill('Name');
    await properties('Name').getByRole('checkbox', { name: 'Pflichtfeld', exact: true }).check();
    expect(await properties('Name').getByLabel('Schlüssel').inputValue()).toBe('name');

    // More fields by button: a date, a yes/no question, a conditional text field, a choice.
    const add = async (type: string, label: string) => {
      await page.getByRole('button', { name: `${type} hinzufügen`, exact: true }).click();
      const panel = page.getByRole('region', { name: /^Eigenschaften von „Neue/ });
      await panel.getByLabel('Bezeichnung (Deutsch)').fill(label);
      await properties(label).waitFor();
    };
    await add('Datum', 'Beginn der Nutzung');
    await add('E-Mail-Adresse', 'E-Mail');
    await add('Ja/Nein', 'Mit Gerüst');
    await add('Textfeld', 'Höhe des Gerüsts');
    const visibleIf = properties('Höhe des Gerüsts').getByRole('group', { name: 'Sichtbar, wenn' });
    await visibleIf.getByLabel('Feld', { exact: true }).selectOption({ label: 'Mit Gerüst' });
    await visibleIf.getByLabel('Bedingung', { exact: true }).selectOption({ label: 'ist gleich' });
    await visibleIf.getByLabel('Wert', { exact: true }).selectOption({ label: 'Ja' });
    await add('Auswahl (Liste)', 'Art der Nutzung');
    await properties('Art der Nutzung').getByLabel('Auswahlmöglichkeiten (eine pro Zeile)').fill('Baugerüst\nContainer\nVerkaufsstand');
    await properties('Art der Nutzung').getByRole('checkbox', { name: 'Pflichtfeld', exact: true }).check();
    await expectAccessible(page, 'the form designer with fields');
    await page.screenshot({ path: join(SCREENSHOTS, 'studio-form.png') });

    // The e-mail field is reordered with the keyboard: up one place, before the date.
    const spoken = () => page.locator('[aria-live]').allTextContents().then((texts) => texts.join(' | '));
    await page.getByRole('button', { name: '„E-Mail“ verschieben' }).focus();
    await page.keyboard.press('Space');
    // Picked up: said, then where it is over now.
    await expect.poll(spoken).toContain('„E-Mail“: an der bisherigen Stelle');
    await page.keyboard.press('ArrowUp');
    await expect.poll(spoken).toContain('Beginn der Nutzung');
    await page.keyboard.press('Space');
    await expect.poll(spoken).toContain('verschoben');
    await expect.poll(() => canvasLabels(page, 'Seite 1')).toEqual(['Name', 'E-Mail', 'Beginn der Nutzung', 'Mit Gerüst', 'Höhe des Gerüsts', 'Art der Nutzung']);


    // Page 2: a repeating group of areas, each with its size and place.
    await page.getByRole('button', { name: 'Seite hinzufügen', exact: true }).click();
    const pageTitle = page.getByLabel('Titel der Seite (Deutsch)');
    await pageTitle.fill('Flächen');
    await page.getByRole('region', { name: 'Seite „Flächen“', exact: true }).waitFor();
    await add('Wiederholbare Gruppe', 'Genutzte Flächen');
    await add('Zahl', 'Fläche in Quadratmetern');
    await properties('Fläche in Quadratmetern').getByRole('checkbox', { name: 'Pflichtfeld', exact: true }).check();
    await page.getByRole('list', { name: 'Inhalt von wiederholbarer Gruppe „Genutzte Flächen“', exact: true }).getByRole('button', { name: 'Fläche in Quadratmetern', exact: true }).waitFor();

    // Letters: the approval and the rejection notice, with a placeholder from the picker.
    await page.getByRole('link', { name: 'Schreiben', exact: true }).click();
    const addLetter = async (title: string, operative: string) => {
      await page.getByRole('button', { name: 'Schreiben hinzufügen', exact: true }).click();
      await page.getByLabel('Art des Schreibens', { exact: true }).selectOption({ label: 'Bescheid' });
      await page.getByLabel('Titel des neuen Schreibens').fill(title);
      await page.getByRole('button', { name: 'Schreiben hinzufügen', exact: true }).click();
      await expect.poll(() => page.getByLabel('Titel des Schreibens', { exact: true }).inputValue()).toBe(title);
      const tenor = page.getByLabel('Tenor (Deutsch)', { exact: true });
      await tenor.fill(`${operative} `);
      await page.getByLabel('Platzhalter', { exact: true }).selectOption({ label: 'Name – name' });
      await page.getByRole('button', { name: 'Platzhalter einfügen' }).click();
      await expect.poll(() => tenor.inputValue()).toBe(`${operative} {{name}}`);
      await page.getByLabel('Anschrift (Deutsch)', { exact: true }).fill('{{name}}');
      await page.getByLabel('Begründung (Deutsch)', { exact: true }).fill('Die Voraussetzungen nach § 18 StrWG NRW wurden geprüft.');
    };
    await addLetter('Genehmigungsbescheid', 'Die Sondernutzung wird erlaubt für');
    await addLetter('Ablehnungsbescheid', 'Die Sondernutzung wird nicht erlaubt für');
    await expectAccessible(page, 'the letters');

    // The procedure: in review, then approved or rejected, each with its notice.
    await page.getByRole('link', { name: 'Ablauf', exact: true }).click();
    const addFinalState = async (label: string, outcome: string, notice: string) => {
      await page.getByRole('button', { name: 'Status hinzufügen', exact: true }).click();
      await page.getByLabel('Art des Status', { exact: true }).selectOption({ label: 'Abschluss' });
      await page.getByLabel('Bezeichnung des neuen Status').fill(label);
      await page.getByRole('button', { name: 'Status hinzufügen', exact: true }).click();
      const state = page.getByRole('region', { name: label, exact: true });
      await state.getByLabel('Ergebnis', { exact: true }).selectOption({ label: outcome });
      await state.getByLabel('Bescheid', { exact: true }).selectOption({ label: notice });
    };
    await addFinalState('Erlaubt', 'Genehmigt', 'Genehmigungsbescheid');
    await addFinalState('Nicht erlaubt', 'Abgelehnt', 'Ablehnungsbescheid');
    const review = page.getByRole('region', { name: 'In Prüfung', exact: true });
    const addAction = async (label: string, target: string) => {
      await review.getByRole('button', { name: 'Aktion hinzufügen zu „In Prüfung“' }).click();
      const action = review.getByRole('region', { name: 'Neue Aktion', exact: true });
      await action.getByLabel('Bezeichnung der Aktion', { exact: true }).fill(label);
      const named = review.getByRole('region', { name: label, exact: true });
      await named.getByLabel('Führt zu', { exact: true }).selectOption({ label: target });
      await named.getByRole('checkbox', { name: 'Sachbearbeitung', exact: true }).check();
    };
    await addAction('Erlauben', 'Erlaubt');
    await addAction('Ablehnen', 'Nicht erlaubt');
    await expectAccessible(page, 'the procedure');
    await page.screenshot({ path: join(SCREENSHOTS, 'studio-procedure.png') });

    // Saved by itself, checked clean: publish.
    await expect.poll(() => page.getByRole('status').filter({ hasText: /gespeichert|Wird gespeichert/ }).first().textContent(), { timeout: 15_000 }).toBe('Alle Änderungen gespeichert');
    const checks = page.getByRole('complementary', { name: 'Prüfung' });
    await expect.poll(() => checks.locator('.st-check--error').allTextContents(), { timeout: 15_000 }).toEqual([]);
    await page.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Version 1 ist veröffentlicht.' }).waitFor();
    const serviceId = /\/studio\/dienste\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    expect(problems).toEqual([]);
    await context.close();

    // A citizen applies in the portal.
    const citizenContext = await browser.newContext({ locale: 'de-DE' });
    const citizen = await citizenContext.newPage();
    await citizen.goto(`${origin}/dienste/sondernutzungserlaubnis`);
    await citizen.getByRole('link', { name: 'Jetzt starten' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Seite 1' }).waitFor();
    await citizen.getByLabel('Name', { exact: true }).fill('Jonas Beispiel');
    await citizen.getByLabel(/^E-Mail/).fill('jonas@example.org');
    await citizen.getByLabel('Beginn der Nutzung').fill('1.6.2027');
    expect(await citizen.getByLabel('Höhe des Gerüsts').count()).toBe(0);
    await citizen.getByRole('group', { name: 'Mit Gerüst' }).getByLabel('Ja').check();
    await citizen.getByLabel('Höhe des Gerüsts').fill('12 m');
    await citizen.getByLabel('Art der Nutzung').selectOption({ label: 'Baugerüst' });
    await citizen.getByRole('button', { name: 'Weiter' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Flächen' }).waitFor();
    await citizen.getByRole('button', { name: /hinzufügen/ }).click();
    await citizen.getByLabel('Fläche in Quadratmetern').fill('24');
    await citizen.getByRole('button', { name: 'Weiter' }).click();
    await citizen.getByRole('button', { name: 'Verbindlich absenden' }).click();
    await citizen.getByText(/SOND-\d{4}-\d{5}/).first().waitFor();
    await citizenContext.close();

    // A caseworker decides it in the inbox: previews the notice, issues it.
    const caseworker = await createAccount(t.app, { email: CASEWORKER, kind: 'staff', roles: ['caseworker'] });
    await grantServiceRoles(t, caseworker.id, serviceId, ['sachbearbeitung']);
    const inboxContext = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 768 } });
    const inbox = await inboxContext.newPage();
    await logIn(inbox, `${origin}/inbox/`, CASEWORKER, 'Vorgänge');
    await inbox.getByRole('link', { name: /SOND-\d{4}-\d{5}/ }).click();
    await inbox.getByRole('button', { name: 'Erlauben' }).click();
    await inbox.getByRole('button', { name: 'Vorschau des Bescheids' }).click();
    const preview = inbox.getByRole('region', { name: 'Vorschau' });
    await preview.waitFor();
    expect(await preview.textContent()).toContain('Die Sondernutzung wird erlaubt für Jonas Beispiel');
    await inbox.getByRole('button', { name: /verbindlich/ }).click();
    await expect.poll(() => inbox.locator('.ib-facts').textContent()).toContain('Erlaubt');
    await inboxContext.close();
  });

  it('keeps two designers from overwriting each other, undoes, compares versions, imports and exports', async () => {
    // A published Hundeanmeldung under another address, as the starting point.
    const created = await t.inject({ method: 'POST', url: '/api/services', payload: { slug: 'hunde-zwei', definition: { ...hundeanmeldung(), settings: { ...hundeanmeldung().settings, referencePattern: 'HZW-{YYYY}-{SEQ:5}' } } } });
    const serviceId = created.json<{ id: string }>().id;
    expect((await t.inject({ method: 'POST', url: `/api/services/${serviceId}/publish` })).statusCode).toBe(201);
    await createAccount(t.app, { email: SECOND_DESIGNER, kind: 'staff', roles: ['designer'] });

    const annaContext = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const anna = await annaContext.newPage();
    const problems = collectProblems(anna);
    await logIn(anna, `${origin}/studio/`, DESIGNER, 'Online-Dienste');
    const benContext = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 900 } });
    const ben = await benContext.newPage();
    await logIn(ben, `${origin}/studio/`, SECOND_DESIGNER, 'Online-Dienste');
    for (const designer of [anna, ben]) {
      await designer.goto(`${origin}/studio/dienste/${serviceId}`);
      await designer.getByRole('button', { name: 'Vorname', exact: true }).click();
    }
    const saved = (page: Page) => expect.poll(() => page.locator('.st-save-status').textContent(), { timeout: 15_000 }).toBe('Alle Änderungen gespeichert');

    // Anna renames a field and it is saved; Ben, on the draft as it was, renames another: he is told, nothing is overwritten.
    await anna.getByLabel('Bezeichnung (Deutsch)').fill('Vorname(n)');
    await saved(anna);
    await ben.getByRole('button', { name: 'Nachname', exact: true }).click();
    await ben.getByLabel('Bezeichnung (Deutsch)').fill('Familienname');
    await ben.getByRole('alert').filter({ hasText: 'Jemand anderes hat diesen Entwurf inzwischen gespeichert' }).waitFor({ timeout: 15_000 });
    await expectAccessible(ben, 'the editor with a conflict');
    await ben.getByRole('button', { name: 'Deren Fassung laden (meine verwerfen)' }).click();
    await ben.getByRole('button', { name: 'Vorname(n)', exact: true }).waitFor();
    expect(await ben.getByRole('button', { name: 'Familienname', exact: true }).count()).toBe(0);
    await benContext.close();

    // Undo and redo from the toolbar, announced.
    await anna.getByRole('button', { name: 'Rückgängig', exact: true }).click();
    await anna.getByRole('button', { name: 'Vorname', exact: true }).waitFor();
    await anna.getByRole('button', { name: 'Wiederholen', exact: true }).click();
    await anna.getByRole('button', { name: 'Vorname(n)', exact: true }).waitFor();
    await saved(anna);

    // Versions: the draft against version 1 names the change; a new draft from version 1 takes it back.
    await anna.getByRole('link', { name: 'Versionen', exact: true }).click();
    const differences = anna.getByRole('heading', { name: /Unterschiede zwischen/ });
    await differences.waitFor();
    await expect.poll(() => anna.getByRole('main').textContent()).toMatch(/geändert von „Vorname“ zu „Vorname\(n\)“/);
    await expectAccessible(anna, 'the versions');
    await anna.getByRole('button', { name: 'Neuen Entwurf aus Version 1 beginnen' }).click();
    await anna.getByRole('button', { name: 'Ja, Entwurf ersetzen' }).click();
    await anna.getByRole('link', { name: 'Formular', exact: true }).click();
    await anna.getByRole('button', { name: 'Vorname', exact: true }).waitFor();

    // Export: the draft as a JSON file.
    const [download] = await Promise.all([anna.waitForEvent('download'), anna.getByRole('button', { name: 'Als Datei exportieren' }).click()]);
    expect(download.suggestedFilename()).toBe('hunde-zwei.json');
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as ServiceDefinition;
    expect(exported.title.de).toBe('Hundeanmeldung');

    // Import: a broken file is refused with its problems; a good one becomes a new service.
    await anna.getByRole('link', { name: 'Alle Dienste' }).click();
    await anna.getByRole('heading', { level: 1, name: 'Online-Dienste' }).waitFor();
    const importInput = anna.getByLabel('Dienst aus Datei importieren (JSON)');
    await importInput.setInputFiles({ name: 'kaputt.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ title: { de: 'Ohne alles' } })) });
    await anna.getByRole('alert').filter({ hasText: 'Die Datei wurde nicht importiert:' }).waitFor();
    await importInput.setInputFiles({ name: 'hunde.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...exported, title: { de: 'Hundeanmeldung Nachbargemeinde' }, settings: { ...exported.settings, referencePattern: 'HNB-{YYYY}-{SEQ:5}' } })) });
    await anna.getByRole('heading', { level: 1, name: 'Hundeanmeldung Nachbargemeinde' }).waitFor();
    expect(problems).toEqual([]);
    await annaContext.close();
  });

  it('edits settings, the applicant e-mails and deadlines with their reminder, copies and pastes, shows where a field is used, previews the form and a letter', async () => {
    const created = await t.inject({ method: 'POST', url: '/api/services', payload: { slug: 'hunde-drei', definition: { ...hundeanmeldung(), settings: { ...hundeanmeldung().settings, referencePattern: 'HDR-{YYYY}-{SEQ:5}' } } } });
    const serviceId = created.json<{ id: string }>().id;
    const draftOf = async () => (await t.inject({ method: 'GET', url: `/api/services/${serviceId}` })).json<{ draft: ServiceDefinition }>().draft;
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await logIn(page, `${origin}/studio/`, DESIGNER, 'Online-Dienste');
    await page.goto(`${origin}/studio/dienste/${serviceId}`);
    await page.getByRole('button', { name: 'Vorname', exact: true }).waitFor();
    const saved = () => expect.poll(() => page.locator('.st-save-status').textContent(), { timeout: 15_000 }).toBe('Alle Änderungen gespeichert');

    // Where a field is used: the dogs are read by the tax calculation, a guard and the letters.
    await page.getByRole('button', { name: 'Hunde', exact: true }).click();
    await page.getByRole('button', { name: 'Ihre Hunde', exact: true }).click();
    const usages = page.getByRole('region', { name: 'Wo wird das verwendet?' });
    await expect.poll(() => usages.getByRole('listitem').count()).toBeGreaterThan(2);

    // Copy and paste: the copy gets a key of its own; undo takes it back.
    await page.getByRole('button', { name: 'Halterin oder Halter', exact: true }).click();
    await page.getByRole('button', { name: 'Vorname', exact: true }).click();
    await page.getByRole('button', { name: '„Vorname“ kopieren' }).click();
    await page.getByRole('button', { name: 'Kopie nach „Vorname“ einfügen' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Vorname', exact: true }).count()).toBe(2);
    await saved();
    const holder = (await draftOf()).form.pages[0]!.elements.find((e) => e.key === 'holder');
    expect(holder && 'elements' in holder ? holder.elements.map((e) => e.key).slice(0, 3) : []).toEqual(['firstName', 'firstName2', 'lastName']);
    await page.getByRole('button', { name: 'Rückgängig', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Vorname', exact: true }).count()).toBe(1);

    // The preview, filled in as a trial, in English.
    const preview = page.getByRole('region', { name: 'Vorschau' });
    await preview.getByLabel('Probeweise ausfüllen').check();
    await preview.getByLabel('Sprache der Vorschau').selectOption({ label: 'English' });
    await preview.getByRole('heading', { name: 'Dog holder' }).waitFor();
    await preview.getByLabel('First name').fill('Erika');
    expect(await preview.getByLabel('First name').inputValue()).toBe('Erika');
    await expectAccessible(page, 'the form designer with a filled preview');

    // Settings: a reference pattern without a running number is refused at the field; retention in years.
    await page.getByRole('link', { name: 'Einstellungen', exact: true }).click();
    const pattern = page.getByLabel('Muster für Aktenzeichen');
    await pattern.fill('HDR-{YYYY}');
    await page.getByText('Das Muster braucht eine laufende Nummer, z. B. {SEQ:5}.').first().waitFor();
    await pattern.fill('HDR-{YYYY}-{SEQ:4}');
    await page.getByLabel('Aufbewahrung abgeschlossener Vorgänge (Jahre)').fill('8');

    // The receipt e-mail gets a subject of its own, starting from the standard text, with the holder's name in it.
    const mails = page.getByRole('region', { name: 'E-Mails an Antragstellende', exact: true });
    const receipt = mails.getByRole('region', { name: 'Eingang des Antrags', exact: true });
    const receiptPreview = receipt.getByRole('article', { name: 'Vorschau der E-Mail „Eingang des Antrags“' });
    await expect.poll(() => receiptPreview.textContent()).toMatch(/Betreff: Ihr Antrag ist eingegangen – HDR-\d{4}-0001/);
    expect(await receipt.getByRole('checkbox', { name: 'E-Mail „Eingang des Antrags“ senden', exact: true }).isChecked()).toBe(true);
    await receipt.getByRole('button', { name: 'Text anpassen – Eingang des Antrags' }).click();
    const subject = receipt.getByLabel('Betreff (Deutsch)', { exact: true });
    expect(await subject.inputValue()).toBe('Ihr Antrag ist eingegangen – {{case.reference}}');
    expect(await focused(page)).toBe('#st-mail-received-subject-de');
    await subject.fill('Ihre Hundeanmeldung, {{holder.lastName}} – {{case.reference}}');
    await expect.poll(() => receiptPreview.textContent()).toMatch(/Betreff: Ihre Hundeanmeldung, Mustermann – HDR-\d{4}-0001/);
    expect(await receipt.getByLabel('Betreff (Englisch)', { exact: true }).inputValue()).toBe('Your application has been received – {{case.reference}}');
    expect(await mails.getByRole('list', { name: 'Platzhalter für Betreff und Text' }).textContent()).toContain('{{case.statusLink}}');
    await expectAccessible(page, 'the settings with the applicant e-mails');
    await saved();
    const settings = (await draftOf()).settings;
    expect(settings).toMatchObject({ referencePattern: 'HDR-{YYYY}-{SEQ:4}', retention: 'P8Y' });
    expect(settings.notifications?.received?.subject).toEqual({
      de: 'Ihre Hundeanmeldung, {{holder.lastName}} – {{case.reference}}',
      en: 'Your application has been received – {{case.reference}}',
    });

    // The deadline of the request for information: 21 days instead of 14, and a reminder 2 days before it ends.
    await page.getByRole('link', { name: 'Ablauf', exact: true }).click();
    const waiting = page.getByRole('region', { name: 'Wartet auf Antragsteller', exact: true });
    await waiting.getByLabel('Frist in Tagen').fill('21');
    const reminder = waiting.getByLabel('Erinnerung an die Antragstellerin / den Antragsteller (Tage vor Fristende)');
    expect(await reminder.inputValue()).toBe('3');
    await reminder.fill('21');
    await waiting.getByText('Bitte eine ganze Zahl von 1 bis 20 angeben (weniger Tage als die Frist) oder das Feld leer lassen.').waitFor();
    await reminder.fill('2');
    await expectAccessible(page, 'the procedure with a deadline reminder');
    await saved();
    expect((await draftOf()).process.states.find((s) => s.id === 'awaitingApplicant')?.deadlines?.[0]).toMatchObject({ after: 'P21D', setBy: 'answerBy', remindBefore: 'P2D' });

    // A letter previewed as PDF with example data.
    await page.getByRole('link', { name: 'Schreiben', exact: true }).click();
    await page.getByRole('button', { name: /^Bearbeiten – Bescheid über die Anmeldung/ }).first().click();
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Vorschau als PDF' }).click()]);
    expect(readFileSync(await pdf.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(problems).toEqual([]);
    await context.close();
  });
});
