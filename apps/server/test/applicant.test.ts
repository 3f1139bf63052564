import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createAccount, exampleSubmission, grantServiceRoles, publishService, type TestApp } from './helper';

interface ApplicantView {
  reference: string;
  version: number;
  status: string;
  statusText: { de: string };
  dueAt: string | null;
  openRequest: { message: string | null; actions: { id: string }[] } | null;
  timeline: { statusText: { de: string } }[];
  documents: { id: string; kind: string; title: string }[];
}

describe.each(DATABASE_KINDS)('applicant and caseworker side routes on %s', (kind) => {
  let t: TestApp;
  let serviceId: string;

  const open = async () => {
    const response = await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: exampleSubmission('valid-without-files.json').data });
    return response.json<{ caseId: string; accessToken: string; reference: string }>();
  };
  const asApplicant = (token: string) => ({ authorization: `Bearer ${token}` });
  const staffVersion = async (caseId: string) =>
    (await t.inject({ method: 'GET', url: `/api/cases/${caseId}` })).json<{ version: number; history: { kind: string; comment: string | null; internal: boolean }[]; assigneeId: string | null }>();

  beforeAll(async () => {
    t = await buildTestApp(kind);
    serviceId = await publishService(t, 'hundeanmeldung');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the applicant their case with the access token, and nothing without it', async () => {
    const { caseId, accessToken, reference } = await open();
    const view = await t.inject({ method: 'GET', url: `/api/applicant/cases/${caseId}`, headers: asApplicant(accessToken) });
    expect(view.statusCode).toBe(200);
    expect(view.json<ApplicantView>()).toMatchObject({
      reference,
      status: 'active',
      statusText: { de: 'Ihre Anmeldung wird geprüft.' },
      openRequest: null,
      documents: [{ kind: 'receipt', title: 'Eingangsbestätigung' }],
    });

    const wrongToken = await t.inject({ method: 'GET', url: `/api/applicant/cases/${caseId}`, headers: asApplicant('x'.repeat(43)) });
    expect(wrongToken.statusCode).toBe(404);
    const other = await open();
    const foreignCase = await t.inject({ method: 'GET', url: `/api/applicant/cases/${other.caseId}`, headers: asApplicant(accessToken) });
    expect(foreignCase.statusCode).toBe(404);
    const noToken = await t.inject({ method: 'GET', url: `/api/applicant/cases/${caseId}` }, null);
    expect(noToken.statusCode).toBe(404);
    const malformedToken = await t.inject({ method: 'GET', url: `/api/applicant/cases/${caseId}`, headers: { authorization: 'Bearer <script>' } }, null);
    expect(malformedToken.statusCode).toBe(400);
  });

  it('carries a request for information to the applicant and their answer back into the case', async () => {
    const { caseId, accessToken } = await open();
    const staff = await staffVersion(caseId);
    const requested = await t.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/actions/requestInformation`,
      payload: { expectedVersion: staff.version, inputs: { missing: 'Bitte senden Sie den Versicherungsschein.' } },
    });
    expect(requested.statusCode).toBe(200);

    const waiting = (await t.inject({ method: 'GET', url: `/api/applicant/cases/${caseId}`, headers: asApplicant(accessToken) })).json<ApplicantView>();
    expect(waiting.openRequest).toEqual({ message: 'Bitte senden Sie den Versicherungsschein.', actions: [{ id: 'answer', label: expect.anything() as unknown, inputs: expect.anything() as unknown }, expect.objectContaining({ id: 'withdraw' })] });
    expect(waiting.dueAt).not.toBeNull();
    expect(waiting.documents.map((d) => d.kind)).toEqual(['receipt', 'letter']);

    const missingInput = await t.inject({
      method: 'POST',
      url: `/api/applicant/cases/${caseId}/reply`,
      headers: asApplicant(accessToken),
      payload: { actionId: 'answer', expectedVersion: waiting.version, inputs: {} },
    });
    expect(missingInput.statusCode).toBe(422);
    expect(missingInput.json()).toMatchObject({ reason: 'INPUT_MISSING' });

    const staffOnly = await t.inject({
      method: 'POST',
      url: `/api/applicant/cases/${caseId}/reply`,
      headers: asApplicant(accessToken),
      payload: { actionId: 'answerOverdue', expectedVersion: waiting.version },
    });
    expect(staffOnly.statusCode).toBe(403);

    const answered = await t.inject({
      method: 'POST',
      url: `/api/applicant/cases/${caseId}/reply`,
      headers: asApplicant(accessToken),
      payload: { actionId: 'answer', expectedVersion: waiting.version, inputs: { answer: 'Anbei, Police 4711.' } },
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json<ApplicantView>()).toMatchObject({ statusText: { de: 'Ihre Anmeldung wird geprüft.' }, openRequest: null, dueAt: null });
    const history = (await t.inject({ method: 'GET', url: `/api/cases/${caseId}` })).json<{ state: { id: string }; history: { action: string | null; actorRole: string }[] }>();
    expect(history.state.id).toBe('inReview');
    expect(history.history.at(-1)).toMatchObject({ action: 'answer', actorRole: 'applicant' });

    const decided = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/actions/approve`, payload: { expectedVersion: waiting.version + 1 } });
    expect(decided.statusCode).toBe(200);
    const final = (await t.inject({ method: 'GET', url: `/api/applicant/cases/${caseId}`, headers: asApplicant(accessToken) })).json<ApplicantView>();
    const notice = final.documents.find((d) => d.kind === 'decision')!;
    const document = await t.inject({ method: 'GET', url: `/api/applicant/cases/${caseId}/documents/${notice.id}`, headers: asApplicant(accessToken) });
    expect(document.statusCode).toBe(200);
    const text = document.json<{ text: string }>().text;
    expect(text).toContain('Stadt Musterstadt');
    expect(text).toContain('Widerspruch');
    expect(text).toContain('Bello, Chip 276098106123456');
    expect(text).toContain('120,00 EUR');
    expect(final.timeline.map((e) => e.statusText.de)).toEqual([
      'Ihre Anmeldung wird geprüft.',
      'Wir brauchen noch Angaben von Ihnen. Bitte antworten Sie bis zu dem Tag, den wir Ihnen nennen.',
      'Ihre Anmeldung wird geprüft.',
      'Ihr Hund ist angemeldet. Den Bescheid können Sie herunterladen.',
    ]);
  });

  it('assigns a case with optimistic locking and keeps internal notes from the applicant', async () => {
    const { caseId, accessToken } = await open();
    const before = await staffVersion(caseId);
    const anna = await createAccount(t.app, { email: `anna.berg.${kind}.${Date.now()}@test.example`, kind: 'staff', roles: ['caseworker'] });
    const outsider = await createAccount(t.app, { email: `ohne.rolle.${kind}.${Date.now()}@test.example`, kind: 'staff', roles: ['caseworker'] });
    const noRole = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/assign`, payload: { assigneeId: outsider.id, expectedVersion: before.version } });
    expect(noRole.statusCode).toBe(400);
    expect(noRole.json()).toMatchObject({ errors: [{ path: '/body/assigneeId' }] });
    await grantServiceRoles(t, anna.id, serviceId, ['dogTax']);
    const assigned = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/assign`, payload: { assigneeId: anna.id, expectedVersion: before.version } });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ assigneeId: anna.id, version: before.version + 1 });
    const stale = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/assign`, payload: { assigneeId: null, expectedVersion: before.version } });
    expect(stale.statusCode).toBe(409);

    const note = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/comments`, payload: { text: 'Halterin hat angerufen, Versicherung folgt.' } });
    expect(note.statusCode).toBe(201);
    const blank = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/comments`, payload: { text: '   ' } });
    expect(blank.statusCode).toBe(400);
    const staff = await staffVersion(caseId);
    expect(staff.history.filter((e) => e.kind === 'note')).toEqual([expect.objectContaining({ comment: 'Halterin hat angerufen, Versicherung folgt.', internal: true })]);

    const applicantView = await t.inject({ method: 'GET', url: `/api/applicant/cases/${caseId}`, headers: asApplicant(accessToken) });
    expect(applicantView.body).not.toContain('Halterin hat angerufen');
    expect(applicantView.body).not.toContain(anna.id);

    const mine = (await t.inject({ method: 'GET', url: `/api/cases?assignee=${anna.id}` })).json<{ cases: { id: string }[] }>();
    expect(mine.cases.map((c) => c.id)).toEqual([caseId]);
  });

  it('hides server errors behind a generic message with the request id', async () => {
    const failing = await buildTestApp(kind);
    await failing.database.close();
    const response = await failing.app.inject({ method: 'GET', url: '/api/health', headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(500);
    const body = response.json<{ code: string; message: string; requestId: string }>();
    expect(body).toEqual({ code: 'INTERNAL', message: 'Something went wrong on our side. Please try again later.', requestId: response.headers['x-request-id'] });
    expect(response.body).not.toMatch(/pool|postgres|pglite|stack|Error:/i);
    await failing.app.close();
    await failing.database.dispose();
  });
});
