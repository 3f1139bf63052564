import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitApplication } from '../src/cases/submit-application';
import { loadVersion } from '../src/services/load-version';
import { buildTestApp, countRows, exampleSubmission, publishService, withUploadedFiles, type TestApp } from './helper';

describe.each(DATABASE_KINDS)('submissions on %s', (kind) => {
  let t: TestApp;
  let serviceId: string;
  const submit = (payload: unknown, headers: Record<string, string> = {}) =>
    t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: payload as object, headers });

  beforeAll(async () => {
    t = await buildTestApp(kind, { bodyLimit: 64 * 1024 });
    serviceId = await publishService(t, 'hundeanmeldung');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('opens a case with its first event and receipt in one go', async () => {
    const response = await submit(exampleSubmission('valid-without-files.json').data);
    expect(response.statusCode).toBe(201);
    const answer = response.json<{ caseId: string; reference: string; accessToken: string; receipt: { text: string } }>();
    expect(answer.reference).toMatch(/^HUND-\d{4}-\d{5}$/);
    expect(answer.accessToken.length).toBeGreaterThanOrEqual(40);
    expect(answer.receipt.text).toContain(answer.reference);
    expect(answer.receipt.text).toContain('Labrador Retriever');

    const view = (await t.inject({ method: 'GET', url: `/api/cases/${answer.caseId}` })).json<{
      state: { id: string };
      history: { kind: string; toState: string }[];
      documents: { kind: string }[];
      data: Record<string, unknown>;
    }>();
    expect(view.state.id).toBe('inReview');
    expect(view.history.map((e) => [e.kind, e.toState])).toEqual([
      ['submitted', 'received'],
      ['action', 'inReview'],
    ]);
    expect(view.documents.map((d) => d.kind)).toEqual(['receipt']);
    expect(view.data.annualTax).toBe(120);
  });

  it.each([
    'invalid-missing-required.json',
    'invalid-formats.json',
    'invalid-structure.json',
    'invalid-files.json',
    'invalid-listed-breed-without-certificate.json',
  ])('refuses %s with every bad field named and writes nothing', async (file) => {
    const submission = exampleSubmission(file);
    // Prototype-poisoning keys are refused by the JSON parser before validation (tested below).
    const expectedErrors = submission.expectedErrors!.filter((e) => e.path !== '/__proto__' && e.path !== '/holder/constructor');
    const data = structuredClone(submission.data) as Partial<Record<string, unknown>>;
    delete data['__proto__'];
    const holder = data.holder as Partial<Record<string, unknown>> | undefined;
    if (holder) Reflect.deleteProperty(holder, 'constructor');
    const before = await countRows(t.database);
    const response = await submit(data, { 'accept-language': 'de-DE,de;q=0.9,en;q=0.8' });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ code: string; errors: { path: string; code: string; message: string }[] }>();
    expect(body.code).toBe('SUBMISSION_INVALID');
    expect(new Set(body.errors.map(({ path, code }) => `${path} ${code}`))).toEqual(
      new Set(expectedErrors.map(({ path, code }) => `${path} ${code}`)),
    );
    expect(await countRows(t.database)).toEqual(before);
  });

  it('refuses prototype-poisoning keys, naming them, and writes nothing', async () => {
    const before = await countRows(t.database);
    for (const [key, body] of [
      ['__proto__', '{"__proto__": {"isAdmin": true}, "consent": true}'],
      ['constructor', '{"holder": {"constructor": {"prototype": {"isAdmin": true}}}}'],
    ] as const) {
      const response = await t.inject({
        method: 'POST',
        url: `/api/services/${serviceId}/submissions`,
        headers: { 'content-type': 'application/json' },
        payload: body,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain(key === '__proto__' ? '/__proto__' : '/holder/constructor');
    }
    expect(await countRows(t.database)).toEqual(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('answers in English when asked', async () => {
    const response = await submit(exampleSubmission('invalid-missing-required.json').data, { 'accept-language': 'en' });
    expect(response.json<{ errors: { message: string }[] }>().errors[0]!.message).toBe('Please fill in “Last name”.');
  });

  it('drops the values of fields that were hidden', async () => {
    const response = await submit(await withUploadedFiles(t.app, serviceId, exampleSubmission('valid-with-hidden-values.json').data));
    expect(response.statusCode).toBe(201);
    const { caseId } = response.json<{ caseId: string }>();
    const row = await t.database.db.selectFrom('cases').select('data').where('id', '=', caseId).executeTakeFirstOrThrow();
    const data = row.data as { iban?: string; accountHolder?: string; dogs: { breedOther?: string }[] };
    expect(data.iban).toBeUndefined();
    expect(data.accountHolder).toBeUndefined();
    expect(data.dogs[0]!.breedOther).toBeUndefined();
  });

  it('answers malformed JSON with 400, an oversized body with 413, a wrong content type with 415, an unknown service with 404', async () => {
    const before = await countRows(t.database);
    const malformed = await t.inject({
      method: 'POST',
      url: `/api/services/${serviceId}/submissions`,
      headers: { 'content-type': 'application/json' },
      payload: '{"holder": {',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'REQUEST_INVALID' });
    const oversized = await submit({ ...exampleSubmission('valid-without-files.json').data, remarks: 'x'.repeat(100_000) });
    expect(oversized.statusCode).toBe(413);
    const wrongType = await t.inject({
      method: 'POST',
      url: `/api/services/${serviceId}/submissions`,
      headers: { 'content-type': 'application/xml' },
      payload: '<antrag/>',
    });
    expect(wrongType.statusCode).toBe(415);
    const unknown = await t.inject({ method: 'POST', url: '/api/services/00000000-0000-4000-8000-000000000000/submissions', payload: {} });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'SERVICE_NOT_FOUND' });
    expect(await countRows(t.database)).toEqual(before);
  });

  it('creates one case for a retried submission with the same Idempotency-Key, and refuses the key for other answers', async () => {
    const data = exampleSubmission('valid-without-files.json').data;
    const before = await countRows(t.database);
    const responses = await Promise.all([1, 2, 3].map(() => submit(data, { 'idempotency-key': `retry-${kind}-0001` })));
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const answers = responses.map((r) => r.json<{ caseId: string; reference: string }>());
    expect(new Set(answers.map((a) => a.caseId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.reference)).size).toBe(1);
    const after = await countRows(t.database);
    expect(after.cases).toBe(before.cases! + 1);

    // No token is stored in clear; a replay carries the first answer's token, which opens the case (idempotent-replays.test.ts).
    const replay = (await submit(data, { 'idempotency-key': `retry-${kind}-0001` })).json<{ caseId: string; accessToken: string }>();
    const stored = await t.database.db.selectFrom('idempotency_keys').select('response').where('key', '=', `retry-${kind}-0001`).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.response)).not.toContain(replay.accessToken);
    expect(stored.response).not.toHaveProperty('accessToken');
    const view = await t.inject({ method: 'GET', url: `/api/applicant/cases/${replay.caseId}`, headers: { authorization: `Bearer ${replay.accessToken}` } });
    expect(view.statusCode).toBe(200);

    const other = await submit({ ...data, remarks: 'anders' }, { 'idempotency-key': `retry-${kind}-0001` });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });
  it('gives concurrent submissions consecutive references and writes each completely, also when they share a write', async () => {
    const data = exampleSubmission('valid-without-files.json').data;
    const before = await countRows(t.database);
    // Ten plain submissions, and five keys each sent twice at once: a key used twice in one shared write makes
    // that write fail, and its submissions must then be written one by one, each with the right answer.
    const plain = Array.from({ length: 10 }, () => submit(data));
    const keyed = Array.from({ length: 10 }, (_, i) => submit(data, { 'idempotency-key': `burst-${kind}-${Math.floor(i / 2)}` }));
    const responses = await Promise.all([...plain, ...keyed]);
    expect(responses.map((r) => r.statusCode)).toEqual(Array.from({ length: 20 }, () => 201));
    const answers = responses.map((r) => r.json<{ caseId: string; reference: string }>());
    for (let i = 0; i < 5; i++) expect(answers[10 + 2 * i]!.caseId).toBe(answers[11 + 2 * i]!.caseId);

    const cases = new Set(answers.map((a) => a.caseId));
    expect(cases.size).toBe(15);
    const after = await countRows(t.database);
    expect(after.cases).toBe(before.cases! + 15);
    expect(after.documents).toBe(before.documents! + 15);
    expect(after.idempotency_keys).toBe(before.idempotency_keys! + 5);
    const events = await t.database.db.selectFrom('case_events').select(['case_id']).where('case_id', 'in', [...cases]).execute();
    expect(events.length).toBe(15 * 2);

    // A number is drawn only for a submission that asked for one: the 20 requests drew 20 consecutive numbers
    // (the five duplicates' numbers were drawn too, and left unused — the accepted gap).
    const numbers = [...new Set(answers.map((a) => Number(a.reference.split('-').pop())))].sort((a, b) => a - b);
    expect(numbers.length).toBe(15);
    expect(numbers.at(-1)! - numbers[0]!).toBeLessThanOrEqual(19);
  });
  it('dates a submission of New Year’s night by the German calendar: new year’s reference, receipt dated 1 January', async () => {
    const newYearsNight = new Date('2030-12-31T23:30:00Z'); // 00:30 on 1 January 2031 in Berlin
    const version = await loadVersion(t.app, t.app.organisation.id, serviceId, 1);
    const data = exampleSubmission('valid-without-files.json').data;
    // A dog acquired "today" in Berlin is not in the future, although UTC is still on 31 December.
    const dogs = (data.dogs as Record<string, unknown>[]).map((dog) => ({ ...dog, acquiredOn: '2031-01-01' }));
    const answer = await submitApplication(t.app.submissions, t.app.organisation, version, { ...data, dogs }, { language: 'de', now: newYearsNight });
    expect(answer.reference).toMatch(/^HUND-2031-\d{5}$/);
    expect(answer.receipt?.text).toContain('ist am 01.01.2031 bei uns eingegangen');
  });
});
