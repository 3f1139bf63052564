import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, createAccount, exampleSubmission, grantServiceRoles, logIn, publishService, type Caller, type TestApp } from './helper';

const run = promisify(execFile);

interface CaseView {
  id: string;
  reference: string;
  version: number;
  state: { id: string };
  documents: { kind: string; templateId: string }[];
}

interface Preview {
  documents: { templateId: string; kind: string; title: string; text: string }[];
}

describe.each(DATABASE_KINDS)('decision preview on %s', (kind) => {
  let t: TestApp;
  let serviceId: string;
  let teamLead: Caller;
  let scratch = '';

  const pdfText = async (pdf: Buffer) => {
    const file = join(scratch, `${Math.random().toString(16).slice(2)}.pdf`);
    await writeFile(file, pdf);
    return (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout.replace(/\s+/g, ' ');
  };
  const openCase = async (): Promise<CaseView> => {
    const submitted = await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: exampleSubmission('valid-without-files.json').data }, null);
    expect(submitted.statusCode).toBe(201);
    return (await t.inject({ method: 'GET', url: `/api/cases/${submitted.json<{ caseId: string }>().caseId}` })).json<CaseView>();
  };
  const preview = (caseId: string, action: string, payload: Record<string, unknown>, caller?: Caller, headers: Record<string, string> = {}) =>
    t.inject({ method: 'POST', url: `/api/cases/${caseId}/actions/${action}/preview`, payload, headers }, caller);
  const act = (caseId: string, action: string, payload: Record<string, unknown>, caller?: Caller, headers: Record<string, string> = {}) =>
    t.inject({ method: 'POST', url: `/api/cases/${caseId}/actions/${action}`, payload, headers }, caller);
  /** Everything an action could write to: a preview must leave all of it as it was. */
  const snapshotOf = async (caseId: string) => ({
    rows: await countRows(t.database),
    jobs: (await t.database.db.selectFrom('jobs').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n,
    case: await t.database.db.selectFrom('cases').select(['version', 'state', 'status', 'due_at']).where('id', '=', caseId).executeTakeFirstOrThrow(),
  });

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'amtsweg-preview-'));
    t = await buildTestApp(kind);
    serviceId = await publishService(t, 'hundeanmeldung');
    const lead = await createAccount(t.app, { email: 'teamleitung@test.example', kind: 'staff', roles: ['caseworker'] });
    await grantServiceRoles(t, lead.id, serviceId, ['teamLead']);
    teamLead = await logIn(t.app, 'teamleitung@test.example');
  });
  afterAll(async () => {
    await t?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('renders the notice an approval would issue, exactly as issued, and writes nothing', async () => {
    const opened = await openCase();
    const before = await snapshotOf(opened.id);
    const response = await preview(opened.id, 'approve', { expectedVersion: opened.version, comment: 'Alles da.' });
    expect(response.statusCode).toBe(200);
    const { documents } = response.json<Preview>();
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ templateId: 'approvalNotice', kind: 'decision', title: 'Bescheid über die Anmeldung zur Hundesteuer' });
    expect(documents[0]!.text).toContain(opened.reference);
    expect(documents[0]!.text).toContain('Die folgenden Hunde werden zur Hundesteuer angemeldet:');
    expect(await snapshotOf(opened.id)).toEqual(before);

    // Taking the action issues the very text the preview showed.
    const approved = await act(opened.id, 'approve', { expectedVersion: opened.version });
    const notice = approved.json<{ documents: { id: string; kind: string }[] }>().documents.find((d) => d.kind === 'decision')!;
    const issued = await t.inject({ method: 'GET', url: `/api/cases/${opened.id}/documents/${notice.id}` });
    expect(issued.json<{ text: string }>().text).toBe(documents[0]!.text);
  });

  it('fills the action’s inputs into the documents: the reason of a rejection, what a request asks for', async () => {
    const opened = await openCase();
    const rejection = await preview(opened.id, 'reject', { expectedVersion: opened.version, inputs: { reason: '  Der Hund wird nicht im Gemeindegebiet gehalten.  ' } });
    expect(rejection.statusCode).toBe(200);
    expect(rejection.json<Preview>().documents).toEqual([
      expect.objectContaining({ templateId: 'rejectionNotice', kind: 'decision', title: 'Ablehnungsbescheid', text: expect.stringContaining('Der Hund wird nicht im Gemeindegebiet gehalten.') as unknown }),
    ]);
    const request = await preview(opened.id, 'requestInformation', { expectedVersion: opened.version, inputs: { missing: 'Impfpass' } }, teamLead);
    // The team lead may not request information: the same 403 as taking the action.
    expect(request.statusCode).toBe(403);
    const asCaseworker = await preview(opened.id, 'requestInformation', { expectedVersion: opened.version, inputs: { missing: 'Impfpass von Bello' } });
    expect(asCaseworker.json<Preview>().documents).toEqual([expect.objectContaining({ templateId: 'informationRequest', kind: 'letter', text: expect.stringContaining('Impfpass von Bello') as unknown })]);
  });

  it('answers a failing guard, bad inputs, a stale version and a missing role exactly as taking the action would, and changes nothing', async () => {
    const data = exampleSubmission('valid-without-files.json').data;
    const opened = await openCase();
    const stored = structuredClone(data) as { dogs: { listedBreed: boolean }[] };
    stored.dogs[0]!.listedBreed = true;
    await t.database.db.updateTable('cases').set({ data: JSON.stringify(stored) }).where('id', '=', opened.id).execute();
    const before = await snapshotOf(opened.id);
    const attempts: { action: string; payload: Record<string, unknown>; caller?: Caller; status: number; body: Record<string, unknown> }[] = [
      { action: 'approve', payload: { expectedVersion: opened.version }, status: 422, body: { code: 'ACTION_REFUSED', reason: 'GUARD_FAILED', message: expect.stringContaining('Negativzeugnis') as unknown } },
      {
        action: 'reject',
        payload: { expectedVersion: opened.version, inputs: { reason: '   ' } },
        status: 422,
        body: { reason: 'INPUT_MISSING', message: 'Bitte füllen Sie „Begründung“ aus.', errors: [{ path: '/body/inputs/reason', code: 'required', message: 'Bitte füllen Sie „Begründung“ aus.' }] },
      },
      {
        action: 'reject',
        payload: { expectedVersion: opened.version, inputs: { reason: 'x'.repeat(5001) } },
        status: 422,
        body: { reason: 'INPUT_INVALID', errors: [{ path: '/body/inputs/reason', code: 'maxLength', message: expect.stringContaining('„Begründung“') as unknown }] },
      },
      {
        action: 'reject',
        payload: { expectedVersion: opened.version, inputs: { reason: 'Zu spät', amount: '12' } },
        status: 422,
        body: { reason: 'INPUT_INVALID', errors: [{ path: '/body/inputs/amount', code: 'unknown', message: expect.stringContaining('„amount“') as unknown }] },
      },
      { action: 'reject', payload: { expectedVersion: opened.version, inputs: 'Zu spät' }, status: 400, body: { code: 'REQUEST_INVALID', errors: [expect.objectContaining({ path: '/body/inputs' })] } },
      { action: 'reject', payload: { inputs: { reason: 'Zu spät' } }, status: 400, body: { errors: [expect.objectContaining({ path: '/body/expectedVersion', code: 'required' })] } },
      { action: 'reject', payload: { expectedVersion: opened.version + 4, inputs: { reason: 'Zu spät' } }, status: 409, body: { code: 'CASE_CONFLICT', currentVersion: opened.version } },
      { action: 'approve', payload: { expectedVersion: opened.version }, caller: teamLead, status: 403, body: { code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' } },
      { action: 'withdraw', payload: { expectedVersion: opened.version }, status: 403, body: { code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' } },
      { action: 'answer', payload: { expectedVersion: opened.version }, status: 404, body: { code: 'NOT_FOUND', reason: 'UNKNOWN_ACTION' } },
    ];
    for (const attempt of attempts) {
      const previewed = await preview(opened.id, attempt.action, attempt.payload, attempt.caller);
      const taken = await act(opened.id, attempt.action, attempt.payload, attempt.caller);
      const label = `${attempt.action} ${JSON.stringify(attempt.payload).slice(0, 80)}`;
      expect(previewed.statusCode, label).toBe(attempt.status);
      expect(previewed.json(), label).toMatchObject(attempt.body);
      expect(taken.statusCode, label).toBe(previewed.statusCode);
      const { requestId: _a, ...previewAnswer } = previewed.json<Record<string, unknown>>();
      const { requestId: _b, ...actionAnswer } = taken.json<Record<string, unknown>>();
      expect(previewAnswer, label).toEqual(actionAnswer);
    }
    const english = await preview(opened.id, 'reject', { expectedVersion: opened.version, inputs: {} }, undefined, { 'accept-language': 'en' });
    expect(english.json()).toMatchObject({ message: 'Please fill in “Reason”.', errors: [{ path: '/body/inputs/reason', message: 'Please fill in “Reason”.' }] });
    expect(await snapshotOf(opened.id)).toEqual(before);
  });

  it('renders the preview as a PDF marked as a draft: the notice by default, another document by its template id', async () => {
    const opened = await openCase();
    const before = await snapshotOf(opened.id);
    const url = `/api/cases/${opened.id}/actions/reject/preview/pdf`;
    const response = await t.inject({ method: 'POST', url, payload: { expectedVersion: opened.version, inputs: { reason: 'Der Hund wird nicht hier gehalten.' } } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers['content-disposition']).toContain('-ablehnungsbescheid-entwurf.pdf');
    const text = await pdfText(response.rawPayload);
    for (const expected of [opened.reference, 'Ablehnungsbescheid', 'Begründung Der Hund wird nicht hier gehalten.', 'Rechtsbehelfsbelehrung']) expect(text).toContain(expected);
    // The mark runs diagonally across the page, so the text tool reads it in pieces.
    expect(text.replace(/\s/g, '')).toContain('ENTWURF');

    const letter = await t.inject({ method: 'POST', url: `/api/cases/${opened.id}/actions/requestInformation/preview/pdf?templateId=informationRequest`, payload: { expectedVersion: opened.version, inputs: { missing: 'Impfpass' } } });
    expect(letter.statusCode).toBe(200);
    expect(await pdfText(letter.rawPayload)).toContain('Impfpass');
    const none = await t.inject({ method: 'POST', url: `/api/cases/${opened.id}/actions/requestInformation/preview/pdf?templateId=approvalNotice`, payload: { expectedVersion: opened.version, inputs: { missing: 'Impfpass' } } });
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ code: 'DOCUMENT_NOT_FOUND' });
    const refused = await t.inject({ method: 'POST', url, payload: { expectedVersion: opened.version } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ reason: 'INPUT_MISSING', errors: [{ path: '/body/inputs/reason' }] });
    const stale = await t.inject({ method: 'POST', url, payload: { expectedVersion: opened.version + 1, inputs: { reason: 'x' } } });
    expect(stale.statusCode).toBe(409);
    expect(await snapshotOf(opened.id)).toEqual(before);
  });

  it('answers 404 for a case of a service the caller holds no role for', async () => {
    const opened = await openCase();
    await createAccount(t.app, { email: 'fremd@test.example', kind: 'staff', roles: ['caseworker'] });
    const stranger = await logIn(t.app, 'fremd@test.example');
    const response = await preview(opened.id, 'approve', { expectedVersion: opened.version }, stranger);
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain(opened.reference);
  });
});
