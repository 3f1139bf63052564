import { toJsonColumn } from '@amtsweg/db';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, exampleSubmission, hundeanmeldung, publishService, type TestApp } from './helper';

/*
 * Regression: two services of one organisation with the same reference pattern drew their numbers from two
 * sequences, so the second service's first application got the Aktenzeichen of the first service's first
 * application, violated the unique reference and was answered 500.
 */
describe.each(DATABASE_KINDS)('reference patterns on %s', (kind) => {
  let t: TestApp;
  let dogs: string;
  const answers = exampleSubmission('valid-without-files.json').data;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    dogs = await publishService(t, 'hundeanmeldung');
  });
  afterAll(async () => {
    await t?.close();
  });

  async function createService(slug: string, referencePattern: string): Promise<string> {
    const definition = hundeanmeldung();
    definition.settings.referencePattern = referencePattern;
    const created = await t.inject({ method: 'POST', url: '/api/services', payload: { slug, definition } });
    expect(created.statusCode).toBe(201);
    return created.json<{ id: string }>().id;
  }

  it('refuses to publish a service whose reference pattern another service uses, naming settings.referencePattern', async () => {
    // The same pattern but for the case of its letters.
    const id = await createService('hundeanmeldung-kopie', 'hund-{YYYY}-{SEQ:5}');
    const refused = await t.inject({ method: 'POST', url: `/api/services/${id}/publish` });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'DEFINITION_INVALID',
      message: expect.stringContaining('settings.referencePattern') as unknown,
      diagnostics: [{ code: 'REFERENCE_PATTERN_TAKEN', severity: 'error', path: '/settings/referencePattern', message: expect.stringContaining('„hundeanmeldung“') as unknown, messageEn: expect.stringContaining('“hundeanmeldung”') as unknown }],
    });
    expect(refused.json<{ message: string }>().message).toMatch(/^Das Muster des Aktenzeichens/);
    const english = await t.inject({ method: 'POST', url: `/api/services/${id}/publish`, headers: { 'accept-language': 'en' } });
    expect(english.json<{ message: string }>().message).toMatch(/^The reference number pattern “hund-\{YYYY\}-\{SEQ:5\}” \(settings\.referencePattern\) is already used/);
    const service = await t.inject({ method: 'GET', url: `/api/services/${id}` });
    expect(service.json()).toMatchObject({ publishedVersion: null });
  });

  it('publishes services with patterns of their own, and each numbers its applications from 1', async () => {
    const id = await createService('katzenanmeldung', 'KATZE-{YYYY}-{SEQ:5}');
    expect((await t.inject({ method: 'POST', url: `/api/services/${id}/publish` })).statusCode).toBe(201);
    // A service keeps its own pattern from version to version: publishing it again is not refused (its draft is
    // unchanged, so the answer is the version already published).
    expect((await t.inject({ method: 'POST', url: `/api/services/${dogs}/publish` })).statusCode).toBe(200);

    const dog = await t.inject({ method: 'POST', url: `/api/services/${dogs}/submissions`, payload: answers });
    const cat = await t.inject({ method: 'POST', url: `/api/services/${id}/submissions`, payload: answers });
    expect(dog.statusCode).toBe(201);
    expect(cat.statusCode).toBe(201);
    expect(dog.json<{ reference: string }>().reference).toMatch(/^HUND-\d{4}-\d{5}$/);
    expect(cat.json<{ reference: string }>().reference).toMatch(/^KATZE-\d{4}-00001$/);
  });

  it('answers an application whose reference is taken after all with a retryable 409, not 500', async () => {
    // Published before the check existed: a second service whose version carries the Hundeanmeldung's pattern.
    const id = await publishService(t, 'altbestand');
    // Versions are immutable to the repositories; the test rewrites the stored one directly.
    await sql`update service_versions set definition = ${toJsonColumn(hundeanmeldung())}::jsonb where service_id = ${id}`.execute(t.database.db);
    const first = await t.inject({ method: 'POST', url: `/api/services/${id}/submissions`, payload: answers });
    expect(first.statusCode).toBe(409);
    expect(first.json()).toMatchObject({ code: 'REFERENCE_CONFLICT', message: expect.stringMatching(/erneut/) as unknown });
    const counted = await t.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('count')).where('service_id', '=', id).executeTakeFirstOrThrow();
    expect(Number(counted.count)).toBe(0);
  });
});
