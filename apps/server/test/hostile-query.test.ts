import { randomUUID } from 'node:crypto';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, publishService, type TestApp } from './helper';

const base64url = (text: string) => Buffer.from(text).toString('base64url');
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * What an outside probe sent in query strings (issue 18, finding 5), and more of its kind, already percent-encoded
 * as they travel: characters PostgreSQL cannot store, broken encodings, absurd numbers and dates, and paging
 * cursors that decode to what the server never wrote.
 */
const HOSTILE_VALUES = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%',
  '%zz',
  'x'.repeat(5000),
  '-1',
  '1e309',
  'NaN',
  '%5B%5D',
  '__proto__',
  'constructor',
  '%2B275760-09-13T00%3A00%3A00.000Z',
  '0000-00-00',
  '9999-99-99',
  base64url(JSON.stringify(['12', ZERO_UUID])),
  base64url(JSON.stringify(['+275760-09-13T00:00:00.000Z', ZERO_UUID])),
  base64url(JSON.stringify(['2026-01-01T00:00:00.000Z', '00000000-0000-0000-0000-00000000000g'])),
  base64url('[null,null]'),
  base64url('{"__proto__":1}'),
  base64url('not json'),
];

/**
 * Every query parameter of every route, as the route schemas declare them, gets each hostile value — alone, twice
 * (a list), and as a parameter name — from a caller who may use every route. Whatever the answer, it is never a
 * 500: a bad query string is the caller's mistake and is answered as one. New routes and parameters are covered
 * without touching this test.
 */
describe.each(DATABASE_KINDS)('hostile query strings on %s', (kind) => {
  let t: TestApp;
  let serviceId: string;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    serviceId = await publishService(t, 'hundeanmeldung');
  });
  afterAll(() => t?.close());

  // Path parameters get a well-formed value (a published service, else a fresh uuid), so the query is what is tested.
  const pathOf = (url: string) => url.replace(/:serviceId/g, serviceId).replace(/:(\w+)/g, () => randomUUID());

  it('answers no query parameter of any route with a 500', async () => {
    const withQuery = t.routes.filter((route) => route.querystring && route.url.startsWith('/api/'));
    expect(withQuery.length).toBeGreaterThan(5);
    const failures: string[] = [];
    for (const route of withQuery) {
      for (const name of Object.keys(route.querystring!)) {
        for (const value of HOSTILE_VALUES) {
          for (const query of [`${name}=${value}`, `${name}=${value}&${name}=${value}`, `${value}=1&${name}=1`]) {
            const url = `${pathOf(route.url)}?${query}`;
            const response = await t.inject({ method: route.method, url, ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }) });
            if (response.statusCode >= 500) failures.push(`${route.method} ${url.slice(0, 160)} → ${response.statusCode}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('names the parameter that holds a character PostgreSQL cannot store, in German and English', async () => {
    const german = await t.inject({ method: 'GET', url: '/api/cases?state=%00' });
    expect(german.statusCode).toBe(400);
    expect(german.json()).toMatchObject({ code: 'REQUEST_INVALID', errors: [{ path: '/querystring/state', code: 'character', message: expect.stringContaining('„state“') as unknown }] });
    const english = await t.inject({ method: 'GET', url: '/api/cases?q=a%00', headers: { 'accept-language': 'en' } });
    expect(english.statusCode).toBe(400);
    expect(english.json<{ message: string }>().message).toBe('The address contains characters that are not allowed.');
  });

  it('refuses a paging cursor the server never wrote, and still pages with the ones it writes', async () => {
    for (const cursor of [base64url(JSON.stringify(['12', ZERO_UUID])), base64url(JSON.stringify(['+275760-09-13T00:00:00.000Z', ZERO_UUID]))]) {
      const response = await t.inject({ method: 'GET', url: `/api/cases?cursor=${cursor}` });
      expect(response.statusCode, cursor).toBe(400);
      expect(response.json()).toMatchObject({ message: 'Der Blätter-Cursor ist ungültig.' });
    }
    const written = base64url(JSON.stringify([new Date().toISOString(), ZERO_UUID]));
    expect((await t.inject({ method: 'GET', url: `/api/cases?cursor=${written}` })).statusCode).toBe(200);
  });
});
