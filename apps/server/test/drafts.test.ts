import { randomUUID } from 'node:crypto';
import { ensureOrganisation } from '@amtsweg/db';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createAccount, exampleSubmission, hundeanmeldung, logIn, publishService, type Caller, type TestApp } from './helper';

interface DraftView {
  serviceId: string;
  serviceVersion: number;
  answers: Record<string, unknown>;
  pageId: string | null;
  updatedAt: string;
  revision: number;
}

interface ErrorView {
  code: string;
  message: string;
  errors?: { path: string; code: string; message: string }[];
  currentVersion?: number;
  updatedAt?: string | null;
}

const UNKNOWN_SERVICE = '00000000-0000-4000-8000-000000000000';

describe.each(DATABASE_KINDS)('citizen drafts on %s', (kind) => {
  let t: TestApp;
  let serviceId: string;
  let counter = 0;
  const logLines: string[] = [];

  /** A new citizen account, logged in (call logIn again for a second device). */
  const newCitizen = async (): Promise<{ email: string; device: Caller }> => {
    const email = `buerger.${++counter}@drafts.example`;
    await createAccount(t.app, { email, kind: 'citizen' });
    return { email, device: await logIn(t.app, email, { kind: 'citizen' }) };
  };
  const put = (caller: Caller | null, body: unknown, service = serviceId, headers: Record<string, string> = {}) =>
    t.inject({ method: 'PUT', url: `/api/drafts/${service}`, payload: body as object, headers }, caller);
  const get = (caller: Caller | null, service = serviceId) => t.inject({ method: 'GET', url: `/api/drafts/${service}` }, caller);
  const list = async (caller: Caller) => (await t.inject({ method: 'GET', url: '/api/drafts' }, caller)).json<{ drafts: (Omit<DraftView, 'answers'> & { serviceTitle: unknown })[] }>().drafts;
  const countDrafts = async () =>
    Number((await t.database.db.selectFrom('drafts').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow()).count);

  beforeAll(async () => {
    t = await buildTestApp(kind, { logStream: { write: (line) => void logLines.push(line) } });
    serviceId = await publishService(t, 'hundeanmeldung');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('saves a draft on one device and resumes it on another, with its page and the title of its service', async () => {
    const { email, device: laptop } = await newCitizen();
    const phone = await logIn(t.app, email, { kind: 'citizen' });
    const answers = { holder: { firstName: 'Erika', lastName: '' }, dogs: [{ name: 'Bello' }] };
    const saved = await put(laptop, { serviceVersion: 1, answers, pageId: 'dogsPage' });
    expect(saved.statusCode).toBe(200);
    const { revision, updatedAt } = saved.json<{ revision: number; updatedAt: string }>();
    expect(revision).toBe(1);
    expect(Date.parse(updatedAt)).not.toBeNaN();

    const resumed = await get(phone);
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json<DraftView>()).toEqual({ serviceId, serviceVersion: 1, answers, pageId: 'dogsPage', updatedAt, revision: 1 });
    expect(await list(phone)).toEqual([
      { serviceId, serviceVersion: 1, serviceTitle: hundeanmeldung().title, pageId: 'dogsPage', updatedAt, revision: 1 },
    ]);
  });

  it('refuses a save over a newer draft from another device with 409 and when that one was saved; without expectedRevision the last save wins', async () => {
    const { email, device: laptop } = await newCitizen();
    const phone = await logIn(t.app, email, { kind: 'citizen' });
    expect((await put(laptop, { serviceVersion: 1, answers: { remarks: 'Laptop' }, pageId: 'holderPage', expectedRevision: 0 })).statusCode).toBe(200);
    const onPhone = await put(phone, { serviceVersion: 1, answers: { remarks: 'Telefon' }, pageId: 'dogsPage', expectedRevision: 1 });
    expect(onPhone.statusCode).toBe(200);
    const phoneSave = onPhone.json<{ revision: number; updatedAt: string }>();
    expect(phoneSave.revision).toBe(2);

    for (const language of ['de', 'en']) {
      const stale = await put(laptop, { serviceVersion: 1, answers: { remarks: 'Laptop, später' }, pageId: 'holderPage', expectedRevision: 1 }, serviceId, {
        'accept-language': language,
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json<ErrorView>()).toMatchObject({ code: 'DRAFT_CONFLICT', currentVersion: 2, updatedAt: phoneSave.updatedAt });
      expect(stale.json<ErrorView>().message).toMatch(language === 'de' ? /anderen Gerät/ : /another device/);
    }
    expect((await get(laptop)).json<DraftView>()).toMatchObject({ answers: { remarks: 'Telefon' }, pageId: 'dogsPage', revision: 2 });

    // "There is none yet" is stale too once a draft exists.
    expect((await put(laptop, { serviceVersion: 1, answers: {}, pageId: null, expectedRevision: 0 })).statusCode).toBe(409);
    const overwrite = await put(laptop, { serviceVersion: 1, answers: { remarks: 'Laptop gewinnt' }, pageId: null });
    expect(overwrite.statusCode).toBe(200);
    expect(overwrite.json<{ revision: number }>().revision).toBe(3);
    expect((await get(phone)).json<DraftView>()).toMatchObject({ answers: { remarks: 'Laptop gewinnt' }, pageId: null, revision: 3 });
  });

  it('answers 409 with no time when the draft was deleted meanwhile, so a stale device does not bring it back', async () => {
    const { device } = await newCitizen();
    expect((await put(device, { serviceVersion: 1, answers: {}, pageId: null })).statusCode).toBe(200);
    expect((await t.inject({ method: 'DELETE', url: `/api/drafts/${serviceId}` }, device)).statusCode).toBe(204);
    const stale = await put(device, { serviceVersion: 1, answers: { remarks: 'alt' }, pageId: null, expectedRevision: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorView>()).toMatchObject({ code: 'DRAFT_CONFLICT', updatedAt: null });
    expect((await get(device)).statusCode).toBe(404);
  });

  it('keeps a draft to its citizen: another citizen gets 404 and cannot delete it', async () => {
    const { device: owner } = await newCitizen();
    const { device: other } = await newCitizen();
    expect((await put(owner, { serviceVersion: 1, answers: { remarks: 'meins' }, pageId: null })).statusCode).toBe(200);

    for (const [language, message] of [
      ['de', 'Für diesen Dienst ist kein Entwurf gespeichert.'],
      ['en', 'There is no saved draft for this service.'],
    ] as const) {
      const response = await t.inject({ method: 'GET', url: `/api/drafts/${serviceId}`, headers: { 'accept-language': language } }, other);
      expect(response.statusCode).toBe(404);
      expect(response.json<ErrorView>()).toMatchObject({ code: 'DRAFT_NOT_FOUND', message });
      expect(response.body).not.toContain('meins');
    }
    expect(await list(other)).toEqual([]);
    expect((await t.inject({ method: 'DELETE', url: `/api/drafts/${serviceId}` }, other)).statusCode).toBe(204);
    expect((await get(owner)).json<DraftView>().answers).toEqual({ remarks: 'meins' });
  });

  it('is for citizens only: staff get 403, anonymous callers 401, and nothing is written', async () => {
    const before = await countDrafts();
    const requests = [
      { method: 'GET', url: '/api/drafts' },
      { method: 'GET', url: `/api/drafts/${serviceId}` },
      { method: 'PUT', url: `/api/drafts/${serviceId}`, payload: { serviceVersion: 1, answers: {}, pageId: null } },
      { method: 'DELETE', url: `/api/drafts/${serviceId}` },
    ] as const;
    for (const request of requests) {
      const asStaff = await t.inject(request);
      expect(asStaff.statusCode, `${request.method} ${request.url} as staff`).toBe(403);
      expect(asStaff.json<ErrorView>().code).toBe('FORBIDDEN');
      const asAnonymous = await t.inject(request, null);
      expect(asAnonymous.statusCode, `${request.method} ${request.url} anonymously`).toBe(401);
      expect(asAnonymous.json<ErrorView>().code).toBe('AUTHENTICATION_REQUIRED');
    }
    expect(await countDrafts()).toBe(before);
  });

  it('deletes the citizen’s draft once their application is submitted', async () => {
    const { device } = await newCitizen();
    const { device: bystander } = await newCitizen();
    const { data } = exampleSubmission('valid-without-files.json');
    for (const caller of [device, bystander]) expect((await put(caller, { serviceVersion: 1, answers: data, pageId: 'summaryPage' })).statusCode).toBe(200);

    const submitted = await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: data }, device);
    expect(submitted.statusCode).toBe(201);
    expect((await get(device)).statusCode).toBe(404);
    expect(await list(device)).toEqual([]);
    // Another citizen's draft of the same service stays.
    expect((await get(bystander)).statusCode).toBe(200);
  });

  it('still takes the application when its draft cannot be deleted, and logs why', async () => {
    const { device } = await newCitizen();
    const { data } = exampleSubmission('valid-without-files.json');
    expect((await put(device, { serviceVersion: 1, answers: data, pageId: null })).statusCode).toBe(200);
    await sql`alter table drafts rename to drafts_elsewhere`.execute(t.database.db);
    try {
      const submitted = await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: data }, device);
      expect(submitted.statusCode).toBe(201);
    } finally {
      await sql`alter table drafts_elsewhere rename to drafts`.execute(t.database.db);
    }
    expect(logLines.some((line) => line.includes('could not delete the draft of a submitted application'))).toBe(true);
    // The draft outlived its application; it expires on its own (or goes with the next save).
    expect((await get(device)).statusCode).toBe(200);
  });

  it('refuses bad input naming the field in German and English, and writes nothing', async () => {
    const { device } = await newCitizen();
    const before = await countDrafts();
    const cases: { body: unknown; service?: string; status: number; code: string; path?: string; de: RegExp; en: RegExp }[] = [
      { body: { serviceVersion: 1, answers: ['a'], pageId: null }, status: 400, code: 'REQUEST_INVALID', path: '/body/answers', de: /„answers“ ist ungültig/, en: /“answers” is invalid/ },
      { body: { serviceVersion: 1, answers: 'Erika', pageId: null }, status: 400, code: 'REQUEST_INVALID', path: '/body/answers', de: /„answers“/, en: /“answers”/ },
      { body: { answers: {}, pageId: null }, status: 400, code: 'REQUEST_INVALID', path: '/body/serviceVersion', de: /„serviceVersion“ fehlt/, en: /“serviceVersion” is missing/ },
      { body: { serviceVersion: '1', answers: {}, pageId: null }, status: 400, code: 'REQUEST_INVALID', path: '/body/serviceVersion', de: /„serviceVersion“/, en: /“serviceVersion”/ },
      { body: { serviceVersion: 1, answers: {}, pageId: null, submit: true }, status: 400, code: 'REQUEST_INVALID', path: '/body/submit', de: /„submit“ ist nicht vorgesehen/, en: /“submit” is not allowed/ },
      { body: { serviceVersion: 2, answers: {}, pageId: null }, status: 404, code: 'VERSION_NOT_FOUND', de: /Version 2.*„serviceVersion“/, en: /no version 2.*“serviceVersion”/ },
      { body: { serviceVersion: 1, answers: {}, pageId: null }, service: UNKNOWN_SERVICE, status: 404, code: 'SERVICE_NOT_FOUND', de: /Dienst/, en: /service/ },
    ];
    for (const entry of cases) {
      for (const language of ['de', 'en'] as const) {
        const response = await put(device, entry.body, entry.service, { 'accept-language': language });
        const label = `${JSON.stringify(entry.body)} (${language})`;
        expect(response.statusCode, label).toBe(entry.status);
        const error = response.json<ErrorView>();
        expect(error.code, label).toBe(entry.code);
        const named = entry.path ? error.errors?.find((e) => e.path === entry.path)?.message : error.message;
        expect(named, label).toMatch(entry[language]);
      }
    }
    expect(await countDrafts()).toBe(before);
  });

  it('refuses answers nested absurdly deep, and drafts for a service that is not published or belongs to another organisation', async () => {
    const { device } = await newCitizen();
    const before = await countDrafts();
    let deep: Record<string, unknown> = { leaf: true };
    for (let level = 0; level < 40; level++) deep = { nested: deep };
    const tooDeep = await put(device, { serviceVersion: 1, answers: deep, pageId: null }, serviceId, { 'accept-language': 'en' });
    expect(tooDeep.statusCode).toBe(400);
    expect(tooDeep.json<ErrorView>().errors?.[0]).toMatchObject({ code: 'tooDeep', message: expect.stringMatching(/“answers” is nested too deeply/) as unknown });

    const unpublished = await t.inject({ method: 'POST', url: '/api/services', payload: { slug: `entwurf-${kind}`, definition: hundeanmeldung() } });
    const notPublished = await put(device, { serviceVersion: 1, answers: {}, pageId: null }, unpublished.json<{ id: string }>().id);
    expect(notPublished.statusCode).toBe(404);
    expect(notPublished.json<ErrorView>().code).toBe('SERVICE_NOT_PUBLISHED');

    const neighbour = await ensureOrganisation(t.app.database.db, { id: randomUUID(), slug: 'nachbarstadt', name: 'Gemeinde Nachbarstadt', address: '' });
    await createAccount(t.app, { email: 'designer@nachbarstadt.example', kind: 'staff', roles: ['designer'], organisationId: neighbour.id });
    const neighbourDesigner = await logIn(t.app, 'designer@nachbarstadt.example', { organisation: 'nachbarstadt' });
    const created = await t.inject({ method: 'POST', url: '/api/services', payload: { slug: 'hundeanmeldung', definition: hundeanmeldung() } }, neighbourDesigner);
    const foreignService = created.json<{ id: string }>().id;
    expect((await t.inject({ method: 'POST', url: `/api/services/${foreignService}/publish` }, neighbourDesigner)).statusCode).toBe(201);
    const foreign = await put(device, { serviceVersion: 1, answers: {}, pageId: null }, foreignService);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json<ErrorView>().code).toBe('SERVICE_NOT_FOUND');
    expect(await countDrafts()).toBe(before);
  });

  it('refuses a draft over 512 KB with 413 and says so', async () => {
    const { device } = await newCitizen();
    const before = await countDrafts();
    const answers = { remarks: 'x'.repeat(600 * 1024) };
    for (const [language, message] of [
      ['de', /höchstens 512 KB/],
      ['en', /at most 512 KB/],
    ] as const) {
      const response = await put(device, { serviceVersion: 1, answers, pageId: null }, serviceId, { 'accept-language': language });
      expect(response.statusCode).toBe(413);
      expect(response.json<ErrorView>()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(message) as unknown });
    }
    expect(await countDrafts()).toBe(before);
    // Just under the limit is fine.
    expect((await put(device, { serviceVersion: 1, answers: { remarks: 'x'.repeat(500 * 1024) }, pageId: null })).statusCode).toBe(200);
  });

  it('treats a draft not saved for 30 days as gone and deletes it when the citizen lists or saves', async () => {
    const { device } = await newCitizen();
    const user = device.userId;
    expect((await put(device, { serviceVersion: 1, answers: { remarks: 'vergessen' }, pageId: null })).statusCode).toBe(200);
    const age = async (days: number) =>
      t.database.db
        .updateTable('drafts')
        .set({ updated_at: sql<Date>`now() - make_interval(days => ${days})` })
        .where('user_id', '=', user)
        .execute();
    const storedRows = async () => (await t.database.db.selectFrom('drafts').select('revision').where('user_id', '=', user).execute()).length;

    await age(29);
    expect((await get(device)).statusCode).toBe(200);
    await age(31);
    expect((await get(device)).statusCode).toBe(404);
    expect(await storedRows()).toBe(1);
    expect(await list(device)).toEqual([]);
    expect(await storedRows()).toBe(0);

    expect((await put(device, { serviceVersion: 1, answers: { remarks: 'neu' }, pageId: null })).statusCode).toBe(200);
    await age(31);
    // An expired draft counts as none: "none yet" (expectedRevision 0) succeeds and starts afresh.
    const fresh = await put(device, { serviceVersion: 1, answers: { remarks: 'noch einmal' }, pageId: null, expectedRevision: 0 });
    expect(fresh.statusCode).toBe(200);
    expect((await get(device)).json<DraftView>().answers).toEqual({ remarks: 'noch einmal' });
  });

  it('discards a draft with 204, also when there is none', async () => {
    const { device } = await newCitizen();
    expect((await put(device, { serviceVersion: 1, answers: {}, pageId: null })).statusCode).toBe(200);
    for (let attempt = 0; attempt < 2; attempt++) {
      const deleted = await t.inject({ method: 'DELETE', url: `/api/drafts/${serviceId}` }, device);
      expect(deleted.statusCode).toBe(204);
      expect(deleted.body).toBe('');
    }
    expect((await get(device)).statusCode).toBe(404);
  });
});
