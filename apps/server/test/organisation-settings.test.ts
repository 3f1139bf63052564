import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findOrganisationById, insertOrganisation, listAuditEvents, updateOrganisation } from '@amtsweg/db';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createAccount, exampleSubmission, logIn, publishService, type Caller, type TestApp } from './helper';
import { makeJpegClaiming, makePng, makePngClaiming } from './test-images';

const run = promisify(execFile);

const SVG = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');

/** A form as a browser sends it: the text fields, then the file (if any). */
function multipart(file: { name: string; type: string; content: Buffer } | null, fields: Record<string, string> = {}) {
  const boundary = `----amtsweg${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    ...Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)),
    ...(file
      ? [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.content, Buffer.from('\r\n')]
      : []),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload };
}

interface Settings {
  name: string;
  address: string;
  requireMfa: boolean;
  webhookHosts: string[];
  contact: Record<string, string>;
  letterhead: string;
  logo: { type: string; url: string } | null;
  legalPages: Record<string, unknown>;
}

/** Each field's refusal: what is sent, where the error points, the field's name in German and English. */
const REFUSALS: { title: string; body: Record<string, unknown>; path: string; de: string; en: string }[] = [
  { title: 'a blank name', body: { name: '   ' }, path: '/body/name', de: 'Name der Organisation', en: 'Name of the organisation' },
  { title: 'an overlong name', body: { name: 'x'.repeat(201) }, path: '/body/name', de: 'Name der Organisation', en: 'Name of the organisation' },
  { title: 'an overlong address', body: { address: 'x'.repeat(501) }, path: '/body/address', de: 'Anschrift', en: 'Address' },
  { title: 'a contact e-mail without @', body: { contact: { email: 'rathaus.musterstadt.example' } }, path: '/body/contact/email', de: 'E-Mail-Adresse (Kontakt)', en: 'Email address (contact)' },
  { title: 'a phone number with letters', body: { contact: { phone: '0800 RATHAUS' } }, path: '/body/contact/phone', de: 'Telefonnummer (Kontakt)', en: 'Phone number (contact)' },
  { title: 'a website that is a script', body: { contact: { website: 'javascript:alert(1)' } }, path: '/body/contact/website', de: 'Website (Kontakt)', en: 'Website (contact)' },
  { title: 'overlong opening hours', body: { contact: { openingHours: 'x'.repeat(1001) } }, path: '/body/contact/openingHours', de: 'Öffnungszeiten', en: 'Opening hours' },
  { title: 'a letterhead of five lines', body: { letterhead: 'a\nb\nc\nd\ne' }, path: '/body/letterhead', de: 'Briefkopf und Fußzeile der Bescheide', en: 'Letterhead and footer of notices' },
  { title: 'an overlong letterhead', body: { letterhead: 'x'.repeat(1001) }, path: '/body/letterhead', de: 'Briefkopf und Fußzeile der Bescheide', en: 'Letterhead and footer of notices' },
  { title: 'an overlong Impressum', body: { legalPages: { imprint: { de: 'x'.repeat(50_001) } } }, path: '/body/legalPages/imprint/de', de: 'Impressum (Deutsch)', en: 'Imprint (German)' },
  { title: 'an English Datenschutzerklärung without German', body: { legalPages: { privacy: { de: '', en: 'Privacy' } } }, path: '/body/legalPages/privacy/de', de: 'Datenschutzerklärung (Deutsch)', en: 'Privacy policy (German)' },
  { title: 'an overlong English accessibility statement', body: { legalPages: { accessibility: { de: 'Text', en: 'x'.repeat(50_001) }, accessibilityFeedbackEmail: 'barrieren@musterstadt.example' } }, path: '/body/legalPages/accessibility/en', de: 'Erklärung zur Barrierefreiheit (Englisch)', en: 'Accessibility statement (English)' },
  { title: 'an Impressum with a template’s place still to be completed', body: { legalPages: { imprint: { de: '## Herausgeber\n\n[bitte ergänzen: Name der Behörde]' } } }, path: '/body/legalPages/imprint/de', de: 'Impressum (Deutsch)', en: 'Imprint (German)' },
  { title: 'an English privacy policy with a place still to be completed', body: { legalPages: { privacy: { de: 'Text', en: 'Controller: [to be completed: name]' } } }, path: '/body/legalPages/privacy/en', de: 'Datenschutzerklärung (Englisch)', en: 'Privacy policy (English)' },
  { title: 'a feedback address that is no e-mail', body: { legalPages: { accessibilityFeedbackEmail: 'Zimmer 12' } }, path: '/body/legalPages/accessibilityFeedbackEmail', de: 'E-Mail-Adresse für Rückmeldungen zur Barrierefreiheit', en: 'Email address for feedback on accessibility' },
  { title: 'an accessibility statement without a feedback address (BITV 2.0 § 7)', body: { legalPages: { accessibility: { de: '## Stand der Vereinbarkeit' }, accessibilityFeedbackEmail: '  ' } }, path: '/body/legalPages/accessibilityFeedbackEmail', de: 'BITV 2.0 § 7', en: 'BITV 2.0 § 7' },
];

describe.each(DATABASE_KINDS)('organisation settings on %s', (kind) => {
  let t: TestApp;
  let scratch = '';
  let caseworker: Caller;
  // A second organisation of the installation, reached under /o/kleinstadt/, with its own administrator.
  let kleinstadt: { id: string; administrator: Caller };

  const settings = async () => (await t.inject({ method: 'GET', url: '/api/organisation' })).json<Settings>();
  const patch = (payload: unknown, language: 'de' | 'en' = 'de') => t.inject({ method: 'PATCH', url: '/api/organisation', payload: payload as Record<string, unknown>, headers: { 'accept-language': language } });
  const uploadLogo = (file: { name: string; type: string; content: Buffer }) => t.inject({ method: 'POST', url: '/api/organisation/logo', ...multipart(file) });
  const errorsOf = (response: LightMyRequestResponse) => response.json<{ message: string; errors: { path: string; message: string }[] }>();

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'amtsweg-organisation-'));
    t = await buildTestApp(kind);
    await createAccount(t.app, { email: 'sachbearbeitung@musterstadt.example', kind: 'staff', roles: ['caseworker'] });
    caseworker = await logIn(t.app, 'sachbearbeitung@musterstadt.example');
    const other = await insertOrganisation(t.database.db, { id: randomUUID(), slug: 'kleinstadt', name: 'Gemeinde Kleinstadt' });
    t.app.organisations.forget(other.id);
    await createAccount(t.app, { email: 'verwaltung@kleinstadt.example', kind: 'staff', roles: ['administrator'], organisationId: other.id });
    kleinstadt = { id: other.id, administrator: await logIn(t.app, 'verwaltung@kleinstadt.example', { organisation: 'kleinstadt' }) };
  });
  afterAll(async () => {
    await t?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('stores contact, letterhead and legal pages, and the portal’s site view shows them without internal settings', async () => {
    const response = await patch({
      name: ' Stadt Musterstadt ',
      address: 'Rathausplatz 1, 12345 Musterstadt',
      requireMfa: false,
      webhookHosts: ['fachverfahren.musterstadt.example'],
      contact: { email: 'rathaus@musterstadt.example', phone: '+49 1234 567-0', website: 'https://www.musterstadt.example', openingHours: 'Mo–Fr 8–12 Uhr', },
      letterhead: 'Stadt Musterstadt · Rathausplatz 1\nIBAN DE02 1203 0000 0000 2020 51',
      legalPages: {
        imprint: { de: '## Herausgeber\n\nStadt Musterstadt', en: '' },
        accessibility: { de: '## Stand der Vereinbarkeit\n\nTeilweise vereinbar.', en: '## Compliance status' },
        accessibilityFeedbackEmail: 'barrierefreiheit@musterstadt.example',
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    const stored = await settings();
    expect(stored).toMatchObject({
      name: 'Stadt Musterstadt',
      contact: { email: 'rathaus@musterstadt.example', phone: '+49 1234 567-0', website: 'https://www.musterstadt.example', openingHours: 'Mo–Fr 8–12 Uhr' },
      letterhead: 'Stadt Musterstadt · Rathausplatz 1\nIBAN DE02 1203 0000 0000 2020 51',
      legalPages: {
        imprint: { de: '## Herausgeber\n\nStadt Musterstadt' },
        privacy: null,
        accessibility: { de: '## Stand der Vereinbarkeit\n\nTeilweise vereinbar.', en: '## Compliance status' },
        accessibilityFeedbackEmail: 'barrierefreiheit@musterstadt.example',
      },
    });
    // A page sent later leaves the others as they are.
    expect((await patch({ legalPages: { privacy: { de: '## Verantwortliche Stelle' } } })).statusCode).toBe(200);
    expect((await settings()).legalPages).toMatchObject({ imprint: { de: '## Herausgeber\n\nStadt Musterstadt' }, privacy: { de: '## Verantwortliche Stelle' } });

    const site = await t.inject({ method: 'GET', url: '/api/site' }, null);
    expect(site.statusCode).toBe(200);
    expect(site.headers['cache-control']).toContain('public');
    const view = site.json<Record<string, unknown>>();
    expect(Object.keys(view).sort()).toEqual(['address', 'contact', 'legalPages', 'logo', 'name']);
    expect(site.body).not.toContain('fachverfahren.musterstadt.example');
    expect(site.body).not.toMatch(/requireMfa|webhookHosts|IBAN|slug/);
    expect(view.legalPages).toMatchObject({ privacy: { de: '## Verantwortliche Stelle' }, accessibilityFeedbackEmail: 'barrierefreiheit@musterstadt.example' });
  });

  it.each(REFUSALS)('refuses $title naming the field in German and English, and changes nothing', async ({ body, path, de, en }) => {
    const before = await settings();
    const german = await patch(body, 'de');
    expect(german.statusCode, german.body).toBe(400);
    const germanErrors = errorsOf(german);
    expect(germanErrors.errors.map((error) => error.path)).toEqual([path]);
    expect(germanErrors.errors[0]!.message).toContain(de);
    expect(germanErrors.message).toContain(de);
    const english = errorsOf(await patch(body, 'en'));
    expect(english.errors[0]!.message).toContain(en);
    expect(await settings()).toEqual(before);
  });

  it('reports every bad field at once', async () => {
    const response = await patch({ name: '', contact: { email: 'x', website: 'ftp://x.example' }, legalPages: { accessibility: { de: 'Erklärung' }, accessibilityFeedbackEmail: '' } });
    expect(response.statusCode).toBe(400);
    expect(errorsOf(response).errors.map((error) => error.path)).toEqual(['/body/name', '/body/contact/email', '/body/contact/website', '/body/legalPages/accessibilityFeedbackEmail']);
  });

  it('refuses to drop the feedback address while the accessibility statement stands', async () => {
    const response = await patch({ legalPages: { accessibilityFeedbackEmail: '' } });
    expect(response.statusCode).toBe(400);
    expect(errorsOf(response).errors[0]!.path).toBe('/body/legalPages/accessibilityFeedbackEmail');
    expect((await settings()).legalPages.accessibilityFeedbackEmail).toBe('barrierefreiheit@musterstadt.example');
  });

  it('keeps a legal page saved meanwhile through another process: the merge reads the stored row, not the cached copy (review of issue 17)', async () => {
    // This process reads (and caches for a few seconds) the organisation; another one saves the Impressum.
    expect((await t.inject({ method: 'GET', url: '/api/organisation' })).statusCode).toBe(200);
    const stored = (await findOrganisationById(t.database.db, t.app.organisation.id))!;
    await updateOrganisation(t.database.db, stored.id, { legal_pages: JSON.stringify({ ...stored.legal_pages, imprint: { de: '## Herausgeber (anderswo gespeichert)' } }) });

    expect((await patch({ legalPages: { privacy: { de: '## Verantwortliche Stelle (neu)' } } })).statusCode).toBe(200);
    expect((await settings()).legalPages).toMatchObject({ imprint: { de: '## Herausgeber (anderswo gespeichert)' }, privacy: { de: '## Verantwortliche Stelle (neu)' } });
  });

  it('keeps both legal pages of two saves at the same moment (review of issue 17)', async () => {
    await t.inject({ method: 'GET', url: '/api/organisation' });
    const [imprint, privacy] = await Promise.all([
      patch({ legalPages: { imprint: { de: '## Herausgeber (gleichzeitig)' } } }),
      patch({ legalPages: { privacy: { de: '## Verantwortliche Stelle (gleichzeitig)' } } }),
    ]);
    expect([imprint.statusCode, privacy.statusCode]).toEqual([200, 200]);
    expect((await settings()).legalPages).toMatchObject({ imprint: { de: '## Herausgeber (gleichzeitig)' }, privacy: { de: '## Verantwortliche Stelle (gleichzeitig)' } });
  });

  it('takes a logo of 2000 pixels in width or height', async () => {
    for (const [width, height] of [[2000, 1], [1, 2000]] as const) {
      const response = await uploadLogo({ name: 'breit.png', type: 'image/png', content: makePng(width, height) });
      expect(response.statusCode, response.body).toBe(200);
    }
  });

  it.each([
    { title: 'a PNG of 2001 × 1 pixels', content: makePng(2001, 1), found: '2001 × 1' },
    { title: 'a PNG of 1 × 2001 pixels', content: makePng(1, 2001), found: '1 × 2001' },
    { title: 'a PNG of 0 × 0 pixels', content: makePngClaiming(0, 0), found: '0 × 0' },
    { title: 'a PNG of a few bytes claiming 10000 × 10000 pixels', content: makePngClaiming(10_000, 10_000), found: '10000 × 10000' },
    { title: 'a JPEG claiming 3000 × 100 pixels', content: makeJpegClaiming(3000, 100), found: '3000 × 100' },
  ])('refuses $title as logo by its header, before decoding it, and keeps the one there (review of issue 17)', async ({ content, found }) => {
    const before = await settings();
    // The images that only claim their size have no pixels to decode: refused by size, they were read by header only.
    const german = await uploadLogo({ name: 'logo.png', type: 'image/png', content });
    expect(german.statusCode, german.body).toBe(400);
    expect(german.json()).toMatchObject({ code: 'REQUEST_INVALID', errors: [{ path: '/file', code: 'dimensions' }] });
    expect(errorsOf(german).errors[0]!.message).toBe(`Das Logo darf höchstens 2000 × 2000 Pixel groß sein (und nicht leer); dieses hat ${found} Pixel. Bitte verkleinern Sie es.`);
    const upload = multipart({ name: 'logo.png', type: 'image/png', content });
    const english = await t.inject({ method: 'POST', url: '/api/organisation/logo', payload: upload.payload, headers: { ...upload.headers, 'accept-language': 'en' } });
    expect(english.statusCode).toBe(400);
    expect(errorsOf(english).message).toContain('at most 2000 × 2000 pixels');
    expect(await settings()).toEqual(before);
  });

  const whole = multipart({ name: 'logo.png', type: 'image/png', content: makePng() });
  it.each([
    { title: 'multipart without a boundary', upload: { headers: { 'content-type': 'multipart/form-data' }, payload: whole.payload } },
    { title: 'multipart cut off in the middle of the file', upload: { headers: whole.headers, payload: whole.payload.subarray(0, 150) } },
  ])('refuses $title as a malformed body (400 naming /body), not as a server error (review of issue 17)', async ({ upload }) => {
    const before = await settings();
    const response = await t.inject({ method: 'POST', url: '/api/organisation/logo', headers: upload.headers, payload: upload.payload });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ code: 'REQUEST_INVALID', message: 'Die Daten sind kein gültiges multipart/form-data.', errors: [{ path: '/body', code: 'multipart' }] });
    expect(await settings()).toEqual(before);
  });

  it('reads past a text field a form sends along with the logo, and names the missing file when there is only the field (review of issue 17)', async () => {
    const onlyField = await t.inject({ method: 'POST', url: '/api/organisation/logo', ...multipart(null, { beschreibung: 'Wappen' }) });
    expect(onlyField.statusCode, onlyField.body).toBe(400);
    expect(onlyField.json()).toMatchObject({ errors: [{ path: '/file', code: 'required', message: 'Bitte wählen Sie eine Bilddatei für das Logo.' }] });

    const withField = await t.inject({ method: 'POST', url: '/api/organisation/logo', ...multipart({ name: 'wappen.png', type: 'image/png', content: makePng(3, 3) }, { beschreibung: 'Wappen' }) });
    expect(withField.statusCode, withField.body).toBe(200);
    const served = await t.inject({ method: 'GET', url: withField.json<Settings>().logo!.url }, null);
    expect(Buffer.compare(served.rawPayload, makePng(3, 3))).toBe(0);
  });

  it('recognises the logo by its content: a PNG named .jpg is stored as PNG, served, and kept out of the cached organisation', async () => {
    const png = makePng();
    const response = await uploadLogo({ name: 'wappen.jpg', type: 'image/jpeg', content: png });
    expect(response.statusCode, response.body).toBe(200);
    const logo = response.json<Settings>().logo!;
    expect(logo.type).toBe('image/png');

    const served = await t.inject({ method: 'GET', url: logo.url }, null);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toContain('immutable');
    expect(Buffer.compare(served.rawPayload, png)).toBe(0);
    expect((await t.inject({ method: 'GET', url: '/api/site' }, null)).json<Settings>().logo).toEqual(logo);

    const cached = await findOrganisationById(t.app.database.db, t.app.organisation.id);
    expect(cached).toBeDefined();
    expect(Object.keys(cached!)).not.toContain('logo');
    expect(cached!.logo_type).toBe('image/png');
  });

  it('lets any cache keep the site view and the logo keyed on host and X-Amtsweg-Organisation, and none keep what a staff session chose (review of issue 17)', async () => {
    const varyOf = (response: LightMyRequestResponse) => String(response.headers.vary).toLowerCase().split(/\s*,\s*/).sort();
    const visitor = await t.inject({ method: 'GET', url: '/api/site' }, null);
    expect(visitor.headers['cache-control']).toBe('public, max-age=60');
    expect(varyOf(visitor)).toEqual(['host', 'x-amtsweg-organisation']);
    // The same address, another organisation: only the header (named in Vary) makes the difference.
    const underPrefix = await t.inject({ method: 'GET', url: '/api/site', headers: { 'x-amtsweg-organisation': 'kleinstadt' } }, null);
    expect(underPrefix.json<Settings>().name).toBe('Gemeinde Kleinstadt');
    expect(underPrefix.headers['cache-control']).toBe('public, max-age=60');
    expect(varyOf(underPrefix)).toEqual(['host', 'x-amtsweg-organisation']);
    // Staff of Kleinstadt on that address get their own organisation, decided by the cookie: kept by no cache.
    const staffView = await t.inject({ method: 'GET', url: '/api/site' }, kleinstadt.administrator);
    expect(staffView.json<Settings>().name).toBe('Gemeinde Kleinstadt');
    expect(staffView.headers['cache-control']).toBe('private, no-store');

    const url = (await t.inject({ method: 'GET', url: '/api/site' }, null)).json<Settings>().logo!.url;
    const logo = await t.inject({ method: 'GET', url }, null);
    expect(logo.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(varyOf(logo)).toEqual(['host', 'x-amtsweg-organisation']);
    // The logo's address names the organisation, so a staff session changes nothing about it…
    expect((await t.inject({ method: 'GET', url }, kleinstadt.administrator)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // …but without it, the session chooses.
    const ownLogo = await t.inject({ method: 'GET', url: '/api/organisation/logo' });
    expect(ownLogo.statusCode).toBe(200);
    expect(ownLogo.headers['cache-control']).toBe('private, no-store');
  });

  it('serves the logo of the organisation its address names, as an <img> under /o/<slug>/ needs (review of issue 17)', async () => {
    const uploaded = await t.inject({ method: 'POST', url: '/api/organisation/logo', ...multipart({ name: 'klein.png', type: 'image/png', content: makePng(6, 3, 0x99) }) }, kleinstadt.administrator);
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    const site = (await t.inject({ method: 'GET', url: '/api/site', headers: { 'x-amtsweg-organisation': 'kleinstadt' } }, null)).json<Settings>();
    expect(site.logo!.url).toMatch(/^\/api\/organisation\/logo\?organisation=kleinstadt&v=[0-9a-z]+$/);
    expect(uploaded.json<Settings>().logo).toEqual(site.logo);

    // No header, no cookie: the address alone picks the logo.
    const theirs = await t.inject({ method: 'GET', url: site.logo!.url }, null);
    expect(theirs.statusCode).toBe(200);
    expect(Buffer.compare(theirs.rawPayload, makePng(6, 3, 0x99))).toBe(0);
    const home = (await t.inject({ method: 'GET', url: '/api/site' }, null)).json<Settings>();
    expect(home.logo!.url).toContain(`organisation=${t.app.organisation.slug}&`);
    expect(Buffer.compare((await t.inject({ method: 'GET', url: home.logo!.url }, kleinstadt.administrator)).rawPayload, makePng())).toBe(0);

    const unknown = await t.inject({ method: 'GET', url: '/api/organisation/logo?organisation=nirgendwo' }, null);
    expect(unknown.statusCode).toBe(404);
    const malformed = await t.inject({ method: 'GET', url: '/api/organisation/logo?organisation=..%2Fadmin' }, null);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ errors: [{ path: '/querystring/organisation', code: 'pattern' }] });
    // On a host name of Kleinstadt, Musterstadt's slug is overruled as the header would be: no logo, not the wrong one.
    await t.database.db.insertInto('organisation_hosts').values({ host: 'amtsweg.kleinstadt.example', organisation_id: kleinstadt.id }).execute();
    t.app.organisations.forget(kleinstadt.id);
    const onTheirHost = await t.inject({ method: 'GET', url: home.logo!.url, headers: { host: 'amtsweg.kleinstadt.example' } }, null);
    expect(onTheirHost.statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: site.logo!.url, headers: { host: 'amtsweg.kleinstadt.example' } }, null)).statusCode).toBe(200);
  });

  it.each([
    { title: 'an SVG named .png', file: { name: 'logo.png', type: 'image/png', content: SVG }, status: 415 },
    { title: 'a text file named .png', file: { name: 'logo.png', type: 'image/png', content: Buffer.from('Dies ist kein Bild.\n') }, status: 415 },
    { title: 'a damaged PNG (only its header)', file: { name: 'logo.png', type: 'image/png', content: makePng().subarray(0, 40) }, status: 400 },
    { title: 'a PNG larger than 256 KB', file: { name: 'logo.png', type: 'image/png', content: Buffer.concat([makePng(), Buffer.alloc(256 * 1024)]) }, status: 413 },
  ])('refuses $title as logo and keeps the one there', async ({ file, status }) => {
    const before = await settings();
    const response = await uploadLogo(file);
    expect(response.statusCode, response.body).toBe(status);
    expect(errorsOf(response).errors[0]!.path).toBe('/file');
    expect(await settings()).toEqual(before);
    expect(before.logo?.type).toBe('image/png');
  });

  it('prints logo and letterhead on a Bescheid', async () => {
    const serviceId = await publishService(t, 'hundeanmeldung');
    const submitted = (await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: exampleSubmission('valid-without-files.json').data }, null)).json<{ caseId: string }>();
    const opened = (await t.inject({ method: 'GET', url: `/api/cases/${submitted.caseId}` })).json<{ version: number }>();
    const approved = await t.inject({ method: 'POST', url: `/api/cases/${submitted.caseId}/actions/approve`, payload: { expectedVersion: opened.version } });
    expect(approved.statusCode, approved.body).toBe(200);
    const notice = approved.json<{ documents: { id: string; kind: string }[] }>().documents.find((d) => d.kind === 'decision')!;
    const pdf = await t.inject({ method: 'GET', url: `/api/cases/${submitted.caseId}/documents/${notice.id}/pdf` });
    expect(pdf.statusCode).toBe(200);
    const file = join(scratch, `${kind}-bescheid.pdf`);
    await writeFile(file, pdf.rawPayload);
    const images = (await run('pdfimages', ['-list', file])).stdout.trim().split('\n').slice(2);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/^\s*1\s+\d+\s+image\s+4\s+2\s/);
    const text = (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('IBAN DE02 1203 0000 0000 2020 51');
  });

  it('removes the logo; the logo address then answers 404', async () => {
    const response = await t.inject({ method: 'DELETE', url: '/api/organisation/logo' });
    expect(response.statusCode).toBe(200);
    expect(response.json<Settings>().logo).toBeNull();
    expect((await t.inject({ method: 'GET', url: '/api/organisation/logo' }, null)).statusCode).toBe(404);
  });

  it('audits every change without the logo’s bytes or the legal texts', async () => {
    const events = await listAuditEvents(t.app.database.db, t.app.organisation.id, { kind: 'organisation-changed', limit: 50 });
    const logoEvents = events.filter((event) => 'logo' in (event.details as object));
    expect(logoEvents.slice(0, 2).map((event) => (event.details as { logo: unknown }).logo)).toEqual([null, { type: 'image/png', size: makePng().length }]);
    const legal = events.filter((event) => Array.isArray((event.details as { legalPages?: unknown }).legalPages)).at(-1);
    expect(legal?.details).toMatchObject({ legalPages: ['imprint', 'accessibility'], accessibilityFeedbackEmail: 'barrierefreiheit@musterstadt.example' });
    expect(JSON.stringify(events.map((event) => event.details))).not.toContain('Herausgeber');
  });

  it('lets only administrators change the settings or the logo', async () => {
    const before = await settings();
    expect((await t.inject({ method: 'PATCH', url: '/api/organisation', payload: { name: 'Übernommen' } }, caseworker)).statusCode).toBe(403);
    expect((await t.inject({ method: 'POST', url: '/api/organisation/logo', ...multipart({ name: 'a.png', type: 'image/png', content: makePng() }) }, caseworker)).statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url: '/api/organisation' }, null)).statusCode).toBe(401);
    expect(await settings()).toEqual(before);
  });
});
