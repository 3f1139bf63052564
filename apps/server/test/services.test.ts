import { PERMISSIONS } from '../src/auth/permissions';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, hundeanmeldung, publishService, referencePatternOf, type TestApp } from './helper';

describe.each(DATABASE_KINDS)('services on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports health and which database it runs on', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: kind });
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('refuses to publish a broken draft with every diagnostic and its JSON path, then publishes the fixed one', async () => {
    const broken = hundeanmeldung();
    broken.process.states[1]!.actions![0]!.target = 'nowhere';
    broken.documents[0]!.body = { de: 'Hallo {{holder.nickname}}', en: 'Hello {{holder.nickname}}' };
    const created = await t.inject({ method: 'POST', url: '/api/services', payload: { slug: 'broken-dogs', definition: broken } });
    expect(created.statusCode).toBe(201);
    const { id, diagnostics } = created.json<{ id: string; diagnostics: { code: string; path: string }[] }>();
    // The waiting state's deadline loses the date input that set it, as no action leads there any more.
    expect(new Set(diagnostics.map((d) => d.code))).toEqual(new Set(['UNKNOWN_PLACEHOLDER', 'UNKNOWN_STATE', 'UNREACHABLE_STATE', 'DEADLINE_INPUT_UNKNOWN']));

    const refused = await t.inject({ method: 'POST', url: `/api/services/${id}/publish`, headers: { 'accept-language': 'en' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'DEFINITION_INVALID',
      message: 'The draft has errors and cannot be published.',
      diagnostics: expect.arrayContaining([
        expect.objectContaining({ code: 'UNKNOWN_STATE', path: '/process/states/1/actions/0/target' }),
        expect.objectContaining({ code: 'UNKNOWN_PLACEHOLDER', path: '/documents/0/body/de' }),
      ]) as unknown,
    });
    const service = await t.inject({ method: 'GET', url: `/api/services/${id}` });
    expect(service.json()).toMatchObject({ publishedVersion: null, draftRevision: 1 });

    const saved = await t.inject({ method: 'PUT', url: `/api/services/${id}/draft`, payload: { definition: hundeanmeldung(), expectedRevision: 1 } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ draftRevision: 2, diagnostics: [] });
    const published = await t.inject({ method: 'POST', url: `/api/services/${id}/publish` });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ version: 1 });
  });

  it('refuses a stale draft save with 409 instead of overwriting', async () => {
    const id = await publishService(t, 'draft-race');
    const first = await t.inject({ method: 'PUT', url: `/api/services/${id}/draft`, payload: { definition: hundeanmeldung(), expectedRevision: 1 } });
    expect(first.statusCode).toBe(200);
    const second = await t.inject({ method: 'PUT', url: `/api/services/${id}/draft`, payload: { definition: hundeanmeldung(), expectedRevision: 1 } });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'DRAFT_CONFLICT', currentVersion: 2 });
  });

  it('publishes immutable, numbered versions with the compiled submission schema', async () => {
    const id = await publishService(t, 'versions');
    const changed = hundeanmeldung();
    changed.title = { de: 'Hundeanmeldung (neu)', en: 'Dog registration (new)' };
    changed.settings.referencePattern = referencePatternOf('versions');
    await t.inject({ method: 'PUT', url: `/api/services/${id}/draft`, payload: { definition: changed, expectedRevision: 1 } });
    const second = await t.inject({ method: 'POST', url: `/api/services/${id}/publish` });
    expect(second.json()).toMatchObject({ version: 2 });
    const v1 = await t.inject({ method: 'GET', url: `/api/services/${id}/versions/1` });
    const v2 = await t.inject({ method: 'GET', url: `/api/services/${id}/versions/2` });
    expect(v1.json()).toMatchObject({ version: 1, definition: { title: { de: 'Hundeanmeldung' } }, submissionSchema: { type: 'object', additionalProperties: false } });
    expect(v2.json()).toMatchObject({ version: 2, definition: { title: { de: 'Hundeanmeldung (neu)' } } });
    const catalog = await t.inject({ method: 'GET', url: '/api/services' });
    expect(catalog.json<{ services: { id: string; publishedVersion: number }[] }>().services).toContainEqual(
      expect.objectContaining({ id, publishedVersion: 2 }),
    );
    expect((await t.inject({ method: 'GET', url: `/api/services/${id}/versions/3` })).statusCode).toBe(404);
  });

  it('publishes an unchanged draft once, however often and however concurrently "publish" is pressed', async () => {
    const id = await publishService(t, 'double-click');
    const again = await Promise.all(Array.from({ length: 6 }, () => t.inject({ method: 'POST', url: `/api/services/${id}/publish` })));
    expect(again.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(again.map((r) => r.json<{ version: number }>().version)).toEqual([1, 1, 1, 1, 1, 1]);
    // The same definition with its keys in another order is still unchanged.
    const draft = (await t.inject({ method: 'GET', url: `/api/services/${id}` })).json<{ draft: Record<string, unknown>; draftRevision: number }>();
    const reordered = Object.fromEntries(Object.entries(draft.draft).reverse());
    expect((await t.inject({ method: 'PUT', url: `/api/services/${id}/draft`, payload: { definition: reordered, expectedRevision: draft.draftRevision } })).statusCode).toBe(200);
    expect((await t.inject({ method: 'POST', url: `/api/services/${id}/publish` })).statusCode).toBe(200);
    const versions = (await t.inject({ method: 'GET', url: `/api/services/${id}/versions` })).json<{ versions: unknown[] }>();
    expect(versions.versions).toHaveLength(1);
    // A change is published as the next version, once.
    const changed = { ...draft.draft, title: { de: 'Hundeanmeldung (geändert)', en: 'Dog registration (changed)' } };
    await t.inject({ method: 'PUT', url: `/api/services/${id}/draft`, payload: { definition: changed, expectedRevision: draft.draftRevision + 1 } });
    const published = await Promise.all([1, 2].map(() => t.inject({ method: 'POST', url: `/api/services/${id}/publish` })));
    expect(published.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(published.map((r) => r.json<{ version: number }>().version)).toEqual([2, 2]);
  });

  it('rejects unknown properties and wrong types in request bodies, naming the field', async () => {
    const response = await t.inject({ method: 'POST', url: '/api/services', payload: { slug: 'x y', definition: {}, extra: 1 } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'REQUEST_INVALID',
      errors: expect.arrayContaining([expect.objectContaining({ path: '/body/extra' }), expect.objectContaining({ path: '/body/slug' })]) as unknown,
    });
  });

  it('documents every route in OpenAPI and declares who may call each', async () => {
    type Operation = { security?: Record<string, string[]>[]; description?: string };
    const spec = (await t.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, Operation>>;
      components: { securitySchemes: Record<string, unknown> };
    }>();
    expect(Object.keys(spec.components.securitySchemes).sort()).toEqual(['apiToken', 'caseAccessToken', 'session']);
    expect(spec.paths['/api/users']!.post!.security).toEqual([{ session: [] }, { apiToken: [] }]);
    expect(spec.paths['/api/users']!.post!.description).toContain('users:manage');
    expect(spec.paths['/api/services']!.get!.security).toBeUndefined();
    for (const path of [
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/auth/second-factor/enrolment',
      '/api/users/{userId}',
      '/api/api-tokens',
      '/api/audit-events',
      '/api/health',
      '/api/services',
      '/api/services/{serviceId}',
      '/api/services/{serviceId}/draft',
      '/api/services/{serviceId}/publish',
      '/api/services/{serviceId}/versions/{version}',
      '/api/services/{serviceId}/submissions',
      '/api/cases',
      '/api/cases/{caseId}',
      '/api/cases/{caseId}/actions/{actionId}',
    ]) {
      expect(Object.keys(spec.paths)).toContain(path);
    }
  });

  it('declares for every API route who may call it', () => {
    const apiRoutes = t.routes.filter((route) => route.url.startsWith('/api'));
    expect(apiRoutes.length).toBeGreaterThanOrEqual(10);
    const declarable: readonly string[] = ['public', 'applicant', 'account', 'citizen', ...PERMISSIONS];
    const undeclared = apiRoutes.filter((route) => !declarable.includes(route.access ?? ''));
    expect(undeclared.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });
});
