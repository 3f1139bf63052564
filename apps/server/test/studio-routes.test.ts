import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureOrganisation } from '@amtsweg/db';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import type { ServiceDefinition } from '@amtsweg/definitions';
import { formatDateForPeople } from '@amtsweg/forms';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toOfficeDate } from '../src/cases/office-date';
import { addDays, buildTestApp, countRows, createAccount, hundeanmeldung, logIn, publishService, referencePatternOf, type Caller, type TestApp } from './helper';

const run = promisify(execFile);
let scratch = '';

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'amtsweg-studio-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** The words of a PDF as poppler's pdftotext reads them (line breaks of the layout as spaces). */
async function pdfWords(pdf: Buffer): Promise<string> {
  const file = join(scratch, `${randomUUID()}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.replace(/\s+/g, ' ').trim();
}

function brokenDefinition(title: string): ServiceDefinition {
  const broken = hundeanmeldung();
  broken.title = { de: title, en: title };
  broken.process.states[1]!.actions![0]!.target = 'nowhere';
  return broken;
}

/** The Hundeanmeldung under another title; as the next version of a copy published under `slug`, with that copy's reference pattern. */
function retitled(title: string, slug?: string): ServiceDefinition {
  const definition = { ...hundeanmeldung(), title: { de: title, en: title } };
  if (slug !== undefined) definition.settings.referencePattern = referencePatternOf(slug);
  return definition;
}

/** The field paths a 400 names. */
function errorPaths(response: LightMyRequestResponse): string[] {
  return response.json<{ errors?: { path: string }[] }>().errors?.map((error) => error.path) ?? [];
}

describe.each(DATABASE_KINDS)('studio routes on %s', (kind) => {
  let t: TestApp;
  let designer: Caller;
  let caseworker: Caller;
  let neighbourDesigner: Caller;
  let neighbourService = '';

  /** Creates a service (draft only) as the designer; answers its id and the creation's diagnostics. */
  async function createService(slug: string, definition: unknown, caller: Caller = designer) {
    const created = await t.inject({ method: 'POST', url: '/api/services', payload: { slug, definition } }, caller);
    expect(created.statusCode, created.body).toBe(201);
    return created.json<{ id: string; diagnostics: { severity: string }[] }>();
  }

  /** What the database holds of a service: any write would change it. */
  async function storedService(id: string) {
    return t.database.db.selectFrom('services').select(['draft', 'draft_revision', 'published_version', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow();
  }

  async function countServiceRows() {
    const services = await t.database.db.selectFrom('services').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const versions = await t.database.db.selectFrom('service_versions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return { services: Number(services.n), versions: Number(versions.n), ...(await countRows(t.database)) };
  }

  beforeAll(async () => {
    t = await buildTestApp(kind);
    await createAccount(t.app, { email: 'designerin@studio.example', kind: 'staff', roles: ['designer'] });
    designer = await logIn(t.app, 'designerin@studio.example');
    await createAccount(t.app, { email: 'sachbearbeiter@studio.example', kind: 'staff', roles: ['caseworker', 'administrator'] });
    caseworker = await logIn(t.app, 'sachbearbeiter@studio.example');
    const neighbour = await ensureOrganisation(t.app.database.db, { id: randomUUID(), slug: 'nachbarstadt', name: 'Gemeinde Nachbarstadt', address: '' });
    await createAccount(t.app, { email: 'designer@nachbarstadt.example', kind: 'staff', roles: ['designer'], organisationId: neighbour.id });
    neighbourDesigner = await logIn(t.app, 'designer@nachbarstadt.example', { organisation: 'nachbarstadt' });
    neighbourService = (await createService('nachbar-hunde', retitled('Aaa Hundeanmeldung der Nachbarn'), neighbourDesigner)).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('GET /api/studio/services', () => {
    it('lists every service of the organisation, published or not, by the draft’s title, with revision, version and error count', async () => {
      const dogs = await publishService(t, 'hundeanmeldung');
      const saved = await t.inject({ method: 'PUT', url: `/api/services/${dogs}/draft`, payload: { definition: retitled('Hundeanmeldung 2027'), expectedRevision: 1 } }, designer);
      expect(saved.statusCode).toBe(200);
      const broken = await createService('a-zweitwohnung', brokenDefinition('Zweitwohnungsteuer'));
      const parking = await createService('zz-parken', retitled('Anwohnerparkausweis'));
      const untitled = await createService('ohne-titel', {});

      const response = await t.inject({ method: 'GET', url: '/api/studio/services' }, designer);
      expect(response.statusCode).toBe(200);
      const { services } = response.json<{ services: { id: string; updatedAt: string }[] }>();
      const mine = [parking.id, dogs, untitled.id, broken.id];
      // By title (a service without one by its slug), not by slug; another organisation's service is not there.
      expect(services.map((s) => s.id).filter((id) => mine.includes(id))).toEqual(mine);
      expect(services.map((s) => s.id)).not.toContain(neighbourService);
      const byId = new Map(services.map((s) => [s.id, s]));
      expect(byId.get(dogs)).toMatchObject({ slug: 'hundeanmeldung', title: { de: 'Hundeanmeldung 2027' }, draftRevision: 2, publishedVersion: 1, errorCount: 0 });
      const brokenErrors = broken.diagnostics.filter((d) => d.severity === 'error').length;
      expect(brokenErrors).toBeGreaterThan(0);
      expect(byId.get(broken.id)).toMatchObject({ slug: 'a-zweitwohnung', title: { de: 'Zweitwohnungsteuer' }, draftRevision: 1, publishedVersion: null, errorCount: brokenErrors });
      expect(byId.get(untitled.id)).toMatchObject({ title: null, publishedVersion: null });
      expect(untitled.diagnostics.length).toBeGreaterThan(0);
      expect(byId.get(untitled.id)).toMatchObject({ errorCount: untitled.diagnostics.filter((d) => d.severity === 'error').length });
      const stored = await storedService(dogs);
      expect(byId.get(dogs)!.updatedAt).toBe(stored.updated_at.toISOString());
    });

    it('is for designers only', async () => {
      expect((await t.inject({ method: 'GET', url: '/api/studio/services' }, caseworker)).statusCode).toBe(403);
      expect((await t.inject({ method: 'GET', url: '/api/studio/services' }, null)).statusCode).toBe(401);
    });
  });

  describe('GET /api/services/:serviceId/versions', () => {
    it('lists the published versions newest first with their titles', async () => {
      const id = await publishService(t, 'versionen');
      await t.inject({ method: 'PUT', url: `/api/services/${id}/draft`, payload: { definition: retitled('Hundeanmeldung (neu)', 'versionen'), expectedRevision: 1 } }, designer);
      expect((await t.inject({ method: 'POST', url: `/api/services/${id}/publish` }, designer)).statusCode).toBe(201);

      const response = await t.inject({ method: 'GET', url: `/api/services/${id}/versions` }, designer);
      expect(response.statusCode).toBe(200);
      const { versions } = response.json<{ versions: { version: number; publishedAt: string; title: unknown }[] }>();
      expect(versions.map((v) => [v.version, v.title])).toEqual([
        [2, { de: 'Hundeanmeldung (neu)', en: 'Hundeanmeldung (neu)' }],
        [1, { de: 'Hundeanmeldung', en: 'Dog registration' }],
      ]);
      expect(Date.parse(versions[0]!.publishedAt)).toBeGreaterThanOrEqual(Date.parse(versions[1]!.publishedAt));
      expect(Object.keys(versions[0]!).sort()).toEqual(['publishedAt', 'title', 'version']);
    });

    it('answers an empty list for a service never published', async () => {
      const { id } = await createService('nie-veroeffentlicht', hundeanmeldung());
      const response = await t.inject({ method: 'GET', url: `/api/services/${id}/versions` }, designer);
      expect(response.json()).toEqual({ versions: [] });
    });

    it('answers 404 for another organisation’s or an unknown service, 403 without the permission, 400 for a bad id', async () => {
      const id = await publishService(t, 'versionen-fremd');
      expect((await t.inject({ method: 'GET', url: `/api/services/${id}/versions` }, neighbourDesigner)).statusCode).toBe(404);
      expect((await t.inject({ method: 'GET', url: `/api/services/${neighbourService}/versions` }, designer)).statusCode).toBe(404);
      const unknown = await t.inject({ method: 'GET', url: `/api/services/${randomUUID()}/versions` }, designer);
      expect(unknown.json()).toMatchObject({ code: 'SERVICE_NOT_FOUND' });
      expect((await t.inject({ method: 'GET', url: `/api/services/${id}/versions` }, caseworker)).statusCode).toBe(403);
      const bad = await t.inject({ method: 'GET', url: '/api/services/kein-uuid/versions' }, designer);
      expect(bad.statusCode).toBe(400);
      expect(errorPaths(bad)).toEqual(['/params/serviceId']);
    });
  });

  describe('POST /api/services/:serviceId/draft/from-version', () => {
    /** A service with version 1 ("Hundeanmeldung") and version 2 ("… (neu)"); its draft is at revision 2. */
    async function serviceWithTwoVersions(slug: string) {
      const id = await publishService(t, slug);
      await t.inject({ method: 'PUT', url: `/api/services/${id}/draft`, payload: { definition: retitled('Hundeanmeldung (neu)', slug), expectedRevision: 1 } }, designer);
      expect((await t.inject({ method: 'POST', url: `/api/services/${id}/publish` }, designer)).statusCode).toBe(201);
      return id;
    }

    it('replaces the draft by a published version’s definition and answers the new revision and its diagnostics', async () => {
      const id = await serviceWithTwoVersions('aus-version');
      const response = await t.inject({ method: 'POST', url: `/api/services/${id}/draft/from-version`, payload: { version: 1, expectedRevision: 2 } }, designer);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({ draftRevision: 3, diagnostics: [] });
      const service = await t.inject({ method: 'GET', url: `/api/services/${id}` }, designer);
      expect(service.json()).toMatchObject({ draftRevision: 3, publishedVersion: 2, draft: { title: { de: 'Hundeanmeldung' } } });
      // The published versions stay as they were.
      const v2 = await t.inject({ method: 'GET', url: `/api/services/${id}/versions/2` });
      expect(v2.json()).toMatchObject({ definition: { title: { de: 'Hundeanmeldung (neu)' } } });
    });

    it('refuses a stale revision with 409 DRAFT_CONFLICT like saving the draft, and writes nothing', async () => {
      const id = await serviceWithTwoVersions('aus-version-veraltet');
      const before = await storedService(id);
      const response = await t.inject({ method: 'POST', url: `/api/services/${id}/draft/from-version`, payload: { version: 1, expectedRevision: 1 } }, designer);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ code: 'DRAFT_CONFLICT', currentVersion: 2 });
      // The same answer as saving the draft on a stale revision.
      const save = await t.inject({ method: 'PUT', url: `/api/services/${id}/draft`, payload: { definition: hundeanmeldung(), expectedRevision: 1 } }, designer);
      expect(save.statusCode).toBe(409);
      const { requestId: _saveRequest, ...saveAnswer } = save.json<{ requestId: string }>();
      const { requestId: _request, ...answer } = response.json<{ requestId: string }>();
      expect(answer).toEqual(saveAnswer);
      expect(await storedService(id)).toEqual(before);
    });

    it('answers 404 for an unknown version and for another organisation’s service, 403 without the permission, and writes nothing', async () => {
      const id = await serviceWithTwoVersions('aus-version-verweigert');
      const before = await storedService(id);
      const unknownVersion = await t.inject({ method: 'POST', url: `/api/services/${id}/draft/from-version`, payload: { version: 3, expectedRevision: 2 } }, designer);
      expect(unknownVersion.statusCode).toBe(404);
      expect(unknownVersion.json()).toMatchObject({ code: 'VERSION_NOT_FOUND' });
      const foreign = await t.inject({ method: 'POST', url: `/api/services/${id}/draft/from-version`, payload: { version: 1, expectedRevision: 2 } }, neighbourDesigner);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json()).toMatchObject({ code: 'SERVICE_NOT_FOUND' });
      const notDesigner = await t.inject({ method: 'POST', url: `/api/services/${id}/draft/from-version`, payload: { version: 1, expectedRevision: 2 } }, caseworker);
      expect(notDesigner.statusCode).toBe(403);
      expect(await storedService(id)).toEqual(before);
      const neighbourBefore = await storedService(neighbourService);
      const intoForeign = await t.inject({ method: 'POST', url: `/api/services/${neighbourService}/draft/from-version`, payload: { version: 1, expectedRevision: 1 } }, designer);
      expect(intoForeign.statusCode).toBe(404);
      expect(await storedService(neighbourService)).toEqual(neighbourBefore);
    });

    it('refuses an invalid body with 400 naming each field, in German and English, and writes nothing', async () => {
      const id = await serviceWithTwoVersions('aus-version-ungueltig');
      const before = await storedService(id);
      const payload = { version: 'eins', expectedRevision: 0, extra: true };
      const german = await t.inject({ method: 'POST', url: `/api/services/${id}/draft/from-version`, payload }, designer);
      expect(german.statusCode).toBe(400);
      expect(german.json()).toMatchObject({ code: 'REQUEST_INVALID', message: 'Die Anfrage ist ungültig.' });
      expect(errorPaths(german).sort()).toEqual(['/body/expectedRevision', '/body/extra', '/body/version']);
      expect(german.json<{ errors: { path: string; message: string }[] }>().errors.find((e) => e.path === '/body/version')!.message).toBe('„version“ ist ungültig (type).');
      const english = await t.inject({ method: 'POST', url: `/api/services/${id}/draft/from-version`, payload: { version: 1 }, headers: { 'accept-language': 'en' } }, designer);
      expect(english.statusCode).toBe(400);
      expect(english.json()).toMatchObject({ message: 'The request is invalid.', errors: [{ path: '/body/expectedRevision', code: 'required', message: '“expectedRevision” is missing.' }] });
      expect(await storedService(id)).toEqual(before);
    });
  });

  describe('POST /api/studio/check', () => {
    it('answers the diagnostics and whether the definition could be published, and stores nothing', async () => {
      const before = await countServiceRows();
      const valid = await t.inject({ method: 'POST', url: '/api/studio/check', payload: { definition: hundeanmeldung() } }, designer);
      expect(valid.statusCode).toBe(200);
      expect(valid.json()).toEqual({ diagnostics: [], publishable: true });
      const broken = await t.inject({ method: 'POST', url: '/api/studio/check', payload: { definition: brokenDefinition('Kaputt') } }, designer);
      expect(broken.statusCode).toBe(200);
      expect(broken.json()).toMatchObject({
        publishable: false,
        diagnostics: expect.arrayContaining([expect.objectContaining({ code: 'UNKNOWN_STATE', severity: 'error', path: '/process/states/1/actions/0/target' })]) as unknown,
      });
      const structure = await t.inject({ method: 'POST', url: '/api/studio/check', payload: { definition: { title: 'Hund' } } }, designer);
      expect(structure.json<{ publishable: boolean; diagnostics: unknown[] }>()).toMatchObject({ publishable: false });
      expect(structure.json<{ diagnostics: unknown[] }>().diagnostics.length).toBeGreaterThan(0);
      expect(await countServiceRows()).toEqual(before);
    });

    it('refuses a body that is not a bounded definition with 400 naming the field', async () => {
      const notObject = await t.inject({ method: 'POST', url: '/api/studio/check', payload: { definition: 'Hundeanmeldung' } }, designer);
      expect(notObject.statusCode).toBe(400);
      expect(errorPaths(notObject)).toEqual(['/body/definition']);
      const missing = await t.inject({ method: 'POST', url: '/api/studio/check', payload: { definitions: {} }, headers: { 'accept-language': 'en' } }, designer);
      expect(missing.statusCode).toBe(400);
      expect(missing.json()).toMatchObject({ errors: expect.arrayContaining([{ path: '/body/definition', code: 'required', message: '“definition” is missing.' }]) as unknown });
      expect(errorPaths(missing)).toContain('/body/definitions');
      const tooMany = await t.inject({ method: 'POST', url: '/api/studio/check', payload: { definition: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`p${i}`, i])) } }, designer);
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json()).toMatchObject({ errors: [{ path: '/body/definition', code: 'maxProperties' }] });
      const huge = await t.inject({ method: 'POST', url: '/api/studio/check', payload: { definition: { ...hundeanmeldung(), description: { de: 'x'.repeat(1_100_000) } } } }, designer);
      expect(huge.statusCode).toBe(413);
    });

    it('is for designers only', async () => {
      expect((await t.inject({ method: 'POST', url: '/api/studio/check', payload: { definition: hundeanmeldung() } }, caseworker)).statusCode).toBe(403);
    });
  });

  describe('POST /api/services/:serviceId/templates/:templateId/preview/pdf', () => {
    let dogs = '';
    const year = () => toOfficeDate(new Date()).slice(0, 4);
    const preview = (templateId: string, payload: object = {}, caller: Caller = designer, serviceId = dogs) =>
      t.inject({ method: 'POST', url: `/api/services/${serviceId}/templates/${templateId}/preview/pdf`, payload }, caller);

    beforeAll(async () => {
      dogs = (await createService('vorschau', hundeanmeldung())).id;
    });

    it('renders the draft’s receipt with example answers and the example Aktenzeichen as an inline PDF, writing nothing', async () => {
      const before = { rows: await countServiceRows(), service: await storedService(dogs) };
      const response = await preview('receipt');
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toMatch(/^inline; filename="MUSTER-\d{4}-00001-eingangsbestaetigung-entwurf\.pdf"/);
      expect(response.headers['cache-control']).toBe('private, no-store');
      expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = await pdfWords(response.rawPayload);
      expect(text).toContain(`MUSTER-${year()}-00001`);
      expect(text).toContain('Guten Tag Erika Mustermann');
      expect(text).toContain(`am ${formatDateForPeople(toOfficeDate(new Date()), 'de')} bei uns eingegangen`);
      // Two example dogs, both of a listed breed, and the tax calculated from them.
      expect(text.match(/Chip 123456789012345/g)).toHaveLength(2);
      expect(text).toContain('Voraussichtliche Hundesteuer: 1.200,00 EUR pro Jahr');
      // The watermark runs diagonally, so its letters come out with spaces between them.
      expect(text.replace(/\s/g, '')).toContain('ENTWURF');
      expect({ rows: await countServiceRows(), service: await storedService(dogs) }).toEqual(before);
    });

    it('uses the answers sent instead of the examples', async () => {
      const response = await preview('receipt', { data: { holder: { firstName: 'Hasso', lastName: 'Halter' }, dogs: [{ name: 'Rex', breed: 'mixed', chipNumber: '276000000000001' }] } });
      expect(response.statusCode).toBe(200);
      const text = await pdfWords(response.rawPayload);
      expect(text).toContain('Guten Tag Hasso Halter');
      expect(text).toContain('Rex (Mischling');
      expect(text).not.toContain('Erika');
    });

    it('renders an unsaved definition sent with the request and leaves the stored draft alone', async () => {
      const before = await storedService(dogs);
      const unsaved = hundeanmeldung();
      unsaved.documents[0]!.body = { de: 'Noch nicht gespeichert: {{case.reference}} für {{holder.lastName}}', en: 'Unsaved' };
      const response = await preview('receipt', { definition: unsaved });
      expect(response.statusCode).toBe(200);
      expect(await pdfWords(response.rawPayload)).toContain(`Noch nicht gespeichert: MUSTER-${year()}-00001 für Mustermann`);
      expect(await storedService(dogs)).toEqual(before);
    });

    it('fills a notice’s and a letter’s case facts and action inputs with examples', async () => {
      const notice = await preview('approvalNotice');
      expect(notice.statusCode).toBe(200);
      const noticeText = await pdfWords(notice.rawPayload);
      expect(noticeText).toContain('Bescheid über die Anmeldung zur Hundesteuer');
      expect(noticeText).toContain(`Az. MUSTER-${year()}-00001`);
      expect(noticeText).toContain('Stadt Musterstadt');
      const letter = await preview('informationRequest');
      expect(letter.statusCode).toBe(200);
      // The date the caseworker would choose: two weeks ahead.
      expect(await pdfWords(letter.rawPayload)).toContain(`bis zum ${formatDateForPeople(addDays(toOfficeDate(new Date()), 14), 'de')}`);
    });

    it('answers 404 for an unknown template and for another organisation’s service', async () => {
      const unknown = await preview('gibtEsNicht');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ code: 'TEMPLATE_NOT_FOUND' });
      const foreign = await preview('receipt', {}, neighbourDesigner);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json()).toMatchObject({ code: 'SERVICE_NOT_FOUND' });
      expect((await preview('receipt', {}, designer, neighbourService)).statusCode).toBe(404);
      expect((await preview('receipt', {}, designer, randomUUID())).statusCode).toBe(404);
    });

    it('answers 422 with the diagnostics while the definition’s structure is broken', async () => {
      const response = await preview('receipt', { definition: { title: { de: 'Halb fertig' } } });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ code: 'DEFINITION_INVALID' });
      expect(response.json<{ diagnostics: unknown[] }>().diagnostics.length).toBeGreaterThan(0);
    });

    it('refuses an invalid body or template id with 400 naming the field, and callers without the permission with 403', async () => {
      const badData = await preview('receipt', { data: 'Erika', extra: 1 });
      expect(badData.statusCode).toBe(400);
      expect(errorPaths(badData).sort()).toEqual(['/body/data', '/body/extra']);
      const badId = await preview('1-receipt');
      expect(badId.statusCode).toBe(400);
      expect(errorPaths(badId)).toEqual(['/params/templateId']);
      expect((await preview('receipt', {}, caseworker)).statusCode).toBe(403);
      expect((await t.inject({ method: 'POST', url: `/api/services/${dogs}/templates/receipt/preview/pdf`, payload: {} }, null)).statusCode).toBe(401);
    });
  });
});
