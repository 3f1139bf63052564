import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, exampleSubmission, publishService, type TestApp } from './helper';

/** What of the demo applicant may never stand in a log line. */
const PERSONAL = ['Mustermann', 'Erika', 'erika.mustermann@example.org', 'Heidestraße', '1984-08-12', '221 1234567'];

/**
 * Issue 18, finding 6: the log at its most talkative (trace) with the server's own serializers, through what
 * touches an applicant's data — applying, a refused application, the inbox searching her name, a failed login
 * with her address, a database error carrying her data in its parameters and detail — holds none of it.
 */
describe.each(DATABASE_KINDS)('no personal data in the log on %s', (kind) => {
  let t: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await buildTestApp(kind, { logStream: { write: (line) => void lines.push(line) } });
  });
  afterAll(() => t?.close());

  it('keeps the applicant out of every line, while requests and errors are still logged', async () => {
    const serviceId = await publishService(t, 'hundeanmeldung');
    const data = exampleSubmission('valid-without-files.json').data;
    const submitted = await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: data }, null);
    expect(submitted.statusCode).toBe(201);
    const holder = data.holder as Record<string, unknown>;
    const refused = await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: { ...data, holder: { ...holder, postalCode: 'Mustermann' } } }, null);
    expect(refused.statusCode).toBe(400);
    for (const url of ['/api/cases?q=Mustermann', '/api/cases?q=erika.mustermann%40example.org', '/api/cases?state=Erika%00']) await t.inject({ method: 'GET', url });
    await t.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'erika.mustermann@example.org', password: 'Mustermann-1984-08-12', kind: 'citizen' } }, null);

    // A database error as pg and PGlite raise them: the value in the message, the row in `detail`, the parameters.
    const failure = Object.assign(new Error('invalid input syntax for type uuid: "Mustermann"'), {
      code: '22P02',
      detail: 'Key (email)=(erika.mustermann@example.org) already exists.',
      parameters: ['Erika', 'Mustermann'],
      query: "select * from cases where data->>'lastName' = 'Mustermann'",
    });
    t.app.log.error({ err: new Error('the insert failed: erika.mustermann@example.org', { cause: failure }) }, 'unexpected error');

    const log = lines.join('');
    expect(log).toContain('"path":"/api/cases"');
    expect(log).toContain('22P02');
    for (const text of PERSONAL) expect(log, text).not.toContain(text);
  });
});
