import { randomUUID } from 'node:crypto';
import { ensureOrganisation } from '@amtsweg/db';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { readExampleSubmissions } from '@amtsweg/examples/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, createAccount, exampleSubmission, hundeanmeldung, logIn, publishService, type TestApp } from './helper';

interface ValidationView {
  valid: boolean;
  errors: { path: string; code: string; message: string }[];
}

const EXAMPLES = readExampleSubmissions();

describe.each(DATABASE_KINDS)('validation without submitting on %s', (kind) => {
  let t: TestApp;
  let serviceId: string;
  const validate = (payload: unknown, headers: Record<string, string> = {}, service = serviceId, version = 1) =>
    t.inject({ method: 'POST', url: `/api/services/${service}/versions/${version}/validation`, payload: payload as object, headers }, null);

  beforeAll(async () => {
    t = await buildTestApp(kind);
    serviceId = await publishService(t, 'hundeanmeldung');
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(EXAMPLES.filter((example) => !JSON.stringify(example.data).includes('__proto__')))(
    'answers $file as the form judges it, with every error by JSON pointer',
    async (example) => {
      const response = await validate(example.data);
      expect(response.statusCode).toBe(200);
      const body = response.json<ValidationView>();
      expect(body.valid).toBe(example.expectedErrors === undefined);
      expect(body.errors.map(({ path, code }) => ({ path, code }))).toEqual(example.expectedErrors ?? []);
    },
  );

  it('refuses prototype-poisoning keys before the form sees them, like a submission', async () => {
    const response = await validate(exampleSubmission('invalid-structure.json').data);
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain('/__proto__');
  });

  it('gives the messages in the caller’s language', async () => {
    const { data } = exampleSubmission('invalid-missing-required.json');
    const german = (await validate(data, { 'accept-language': 'de-DE,de;q=0.9' })).json<ValidationView>().errors;
    const english = (await validate(data, { 'accept-language': 'en-GB,en;q=0.9,de;q=0.5' })).json<ValidationView>().errors;
    expect(german.map((e) => e.path)).toEqual(english.map((e) => e.path));
    const lastName = (errors: ValidationView['errors']) => errors.find((e) => e.path === '/holder/lastName')!.message;
    expect(lastName(german)).toMatch(/Nachname/);
    expect(lastName(english)).toMatch(/last name/i);
    expect(german.map((e) => e.message)).not.toEqual(english.map((e) => e.message));
  });

  it('stores nothing, whatever the answers', async () => {
    const before = await countRows(t.database);
    for (const example of EXAMPLES) await validate(example.data);
    expect(await countRows(t.database)).toEqual(before);
  });

  it('answers 404 for an unknown version or service, and 400 for answers that are not an object', async () => {
    const unknownVersion = await validate({}, { 'accept-language': 'en' }, serviceId, 99);
    expect(unknownVersion.statusCode).toBe(404);
    expect(unknownVersion.json()).toMatchObject({ code: 'VERSION_NOT_FOUND', message: 'There is no such version.' });
    expect((await validate({}, {}, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const notAnObject = await validate(['Erika']);
    expect(notAnObject.statusCode).toBe(400);
    expect(notAnObject.json()).toMatchObject({ code: 'REQUEST_INVALID' });
  });

  it('does not validate with another organisation’s service, for anyone of this one', async () => {
    const neighbour = await ensureOrganisation(t.app.database.db, { id: randomUUID(), slug: 'nachbarstadt', name: 'Gemeinde Nachbarstadt', address: '' });
    await createAccount(t.app, { email: 'designer@nachbarstadt.example', kind: 'staff', roles: ['designer'], organisationId: neighbour.id });
    const neighbourDesigner = await logIn(t.app, 'designer@nachbarstadt.example', { organisation: 'nachbarstadt' });
    const created = await t.inject({ method: 'POST', url: '/api/services', payload: { slug: 'hundeanmeldung', definition: hundeanmeldung() } }, neighbourDesigner);
    const foreignService = created.json<{ id: string }>().id;
    expect((await t.inject({ method: 'POST', url: `/api/services/${foreignService}/publish` }, neighbourDesigner)).statusCode).toBe(201);
    const { data } = exampleSubmission('valid-without-files.json');
    // Its own organisation may (and so the version is really there, and compiled in the shared cache)…
    const own = await t.inject({ method: 'POST', url: `/api/services/${foreignService}/versions/1/validation`, payload: data }, neighbourDesigner);
    expect(own.json<ValidationView>().valid).toBe(true);
    // …but anonymous callers act for this site's organisation, and its staff for theirs.
    for (const caller of [null, t.staff]) {
      const response = await t.inject({ method: 'POST', url: `/api/services/${foreignService}/versions/1/validation`, payload: data }, caller);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'VERSION_NOT_FOUND' });
    }
    // And the neighbour cannot use this organisation's service.
    const reverse = await t.inject({ method: 'POST', url: `/api/services/${serviceId}/versions/1/validation`, payload: data }, neighbourDesigner);
    expect(reverse.statusCode).toBe(404);
  });
});

describe('validation rate limit', () => {
  it('limits validation per client address by its own, configurable limit', async () => {
    const t = await buildTestApp('pglite', { rateLimits: { validation: 3 } });
    try {
      const serviceId = await publishService(t, 'hundeanmeldung');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await t.inject({ method: 'POST', url: `/api/services/${serviceId}/versions/1/validation`, payload: {} }, null)).statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      // Submissions are counted apart.
      const submission = await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: exampleSubmission('valid-without-files.json').data }, null);
      expect(submission.statusCode).toBe(201);
    } finally {
      await t.close();
    }
  });
});
