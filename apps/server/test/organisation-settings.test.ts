import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import { findOrganisationById, listAuditEvents } from '@amtsweg/db';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createAccount, exampleSubmission, logIn, publishService, type Caller, type TestApp } from './helper';

const run = promisify(execFile);

/** A real PNG of width × height pixels, all one colour (what an administrator's image program writes). */
function makePng(width = 4, height = 2): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x33)]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

const SVG = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');

function multipart(file: { name: string; type: string; content: Buffer }) {
  const boundary = `----amtsweg${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
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
  { title: 'a feedback address that is no e-mail', body: { legalPages: { accessibilityFeedbackEmail: 'Zimmer 12' } }, path: '/body/legalPages/accessibilityFeedbackEmail', de: 'E-Mail-Adresse für Rückmeldungen zur Barrierefreiheit', en: 'Email address for feedback on accessibility' },
  { title: 'an accessibility statement without a feedback address (BITV 2.0 § 7)', body: { legalPages: { accessibility: { de: '## Stand der Vereinbarkeit' }, accessibilityFeedbackEmail: '  ' } }, path: '/body/legalPages/accessibilityFeedbackEmail', de: 'BITV 2.0 § 7', en: 'BITV 2.0 § 7' },
];

describe.each(DATABASE_KINDS)('organisation settings on %s', (kind) => {
  let t: TestApp;
  let scratch = '';
  let caseworker: Caller;

  const settings = async () => (await t.inject({ method: 'GET', url: '/api/organisation' })).json<Settings>();
  const patch = (payload: unknown, language: 'de' | 'en' = 'de') => t.inject({ method: 'PATCH', url: '/api/organisation', payload: payload as Record<string, unknown>, headers: { 'accept-language': language } });
  const uploadLogo = (file: { name: string; type: string; content: Buffer }) => t.inject({ method: 'POST', url: '/api/organisation/logo', ...multipart(file) });
  const errorsOf = (response: LightMyRequestResponse) => response.json<{ message: string; errors: { path: string; message: string }[] }>();

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'amtsweg-organisation-'));
    t = await buildTestApp(kind);
    await createAccount(t.app, { email: 'sachbearbeitung@musterstadt.example', kind: 'staff', roles: ['caseworker'] });
    caseworker = await logIn(t.app, 'sachbearbeitung@musterstadt.example');
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
    expect(logoEvents.map((event) => (event.details as { logo: unknown }).logo)).toEqual([null, { type: 'image/png', size: makePng().length }]);
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
