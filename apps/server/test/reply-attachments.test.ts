import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, exampleSubmission, PDF_BYTES, publishService, type TestApp } from './helper';

/** A multipart body with one file, as a browser's FormData sends it. */
function multipart(file: { name: string; mediaType: string; content: Buffer }) {
  const boundary = `----amtsweg${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.mediaType}\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload };
}

const PDF = { name: 'Versicherungsschein.pdf', mediaType: 'application/pdf', content: PDF_BYTES };

/**
 * An applicant answers a request for information with text and files: the files are uploaded to the case,
 * wait there, and are attached by the reply in the same transaction as the state change, or not at all.
 */
describe.each(DATABASE_KINDS)('reply attachments on %s', (kind) => {
  let t: TestApp;
  let serviceId: string;

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const open = async () => (await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: exampleSubmission('valid-without-files.json').data })).json<{ caseId: string; accessToken: string }>();
  const staffView = async (caseId: string) =>
    (await t.inject({ method: 'GET', url: `/api/cases/${caseId}` })).json<{ version: number; state: { id: string }; history: { action: string | null; inputs: Record<string, unknown>; files: { id: string; name: string }[] }[] }>();
  const askForMore = async (caseId: string) => {
    const asked = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/actions/requestInformation`, payload: { expectedVersion: (await staffView(caseId)).version, inputs: { missing: 'Versicherungsschein' } } });
    expect(asked.statusCode, asked.body).toBe(200);
  };
  const upload = (caseId: string, token: string, file = PDF) => {
    const body = multipart(file);
    return t.inject({ method: 'POST', url: `/api/applicant/cases/${caseId}/files`, headers: { ...body.headers, ...bearer(token) }, payload: body.payload }, null);
  };
  const reply = (caseId: string, token: string, body: Record<string, unknown>) =>
    t.inject({ method: 'POST', url: `/api/applicant/cases/${caseId}/reply`, headers: bearer(token), payload: body }, null);

  beforeAll(async () => {
    t = await buildTestApp(kind);
    serviceId = await publishService(t, 'hundeanmeldung');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('attaches the uploaded files with the reply; the caseworker sees the text and downloads the file', async () => {
    const { caseId, accessToken } = await open();
    await askForMore(caseId);
    const uploaded = await upload(caseId, accessToken);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const file = uploaded.json<{ id: string; name: string; size: number }>();
    expect(file).toMatchObject({ name: 'Versicherungsschein.pdf', size: PDF_BYTES.length });
    // Waiting for the reply, the file is not yet part of the case.
    expect((await t.inject({ method: 'GET', url: `/api/cases/${caseId}/files/${file.id}` })).statusCode).toBe(404);

    const version = (await t.inject({ method: 'GET', url: `/api/applicant/cases/${caseId}`, headers: bearer(accessToken) }, null)).json<{ version: number }>().version;
    const answered = await reply(caseId, accessToken, { actionId: 'answer', expectedVersion: version, inputs: { answer: 'Anbei.' }, files: [file.id] });
    expect(answered.statusCode, answered.body).toBe(200);

    const view = await staffView(caseId);
    expect(view.state.id).toBe('inReview');
    const replyEvent = view.history.find((event) => event.action === 'answer');
    expect(replyEvent).toMatchObject({ inputs: { answer: 'Anbei.' }, files: [{ id: file.id, name: 'Versicherungsschein.pdf' }] });
    // Once sent with the reply, an attachment belongs to the case and can no longer be removed.
    expect((await t.inject({ method: 'DELETE', url: `/api/applicant/cases/${caseId}/attachments/${file.id}`, headers: bearer(accessToken) }, null)).statusCode).toBe(404);
    const download = await t.inject({ method: 'GET', url: `/api/cases/${caseId}/files/${file.id}` });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF_BYTES)).toBe(true);
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);
    // The caseworker may look at it in the browser instead (PDF, JPEG and PNG only).
    const viewed = await t.inject({ method: 'GET', url: `/api/cases/${caseId}/files/${file.id}?ansicht=true` });
    expect(viewed.headers['content-disposition']).toMatch(/^inline; filename="Versicherungsschein.pdf"/);
    expect((await t.inject({ method: 'GET', url: `/api/cases/${caseId}/files/${file.id}?ansicht=vielleicht` })).statusCode).toBe(400);
    const ownCopy = await t.inject({ method: 'GET', url: `/api/applicant/cases/${caseId}/files/${file.id}`, headers: bearer(accessToken) }, null);
    expect(ownCopy.statusCode).toBe(200);
  });

  it('refuses a reply naming a file of another case, and changes nothing', async () => {
    const first = await open();
    const second = await open();
    await askForMore(first.caseId);
    await askForMore(second.caseId);
    const foreign = (await upload(second.caseId, second.accessToken)).json<{ id: string }>();
    const own = (await upload(first.caseId, first.accessToken)).json<{ id: string }>();
    const before = await staffView(first.caseId);
    const rows = await countRows(t.database);

    const refused = await reply(first.caseId, first.accessToken, { actionId: 'answer', expectedVersion: before.version, inputs: { answer: 'Anbei.' }, files: [own.id, foreign.id] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ errors: { path: string; code: string; message: string }[] }>().errors).toEqual([
      { path: '/body/files/1', code: 'fileUnknown', message: 'Eine Anlage liegt uns nicht (mehr) vor. Bitte laden Sie sie erneut hoch.' },
    ]);
    const english = await t.inject(
      { method: 'POST', url: `/api/applicant/cases/${first.caseId}/reply`, headers: { ...bearer(first.accessToken), 'accept-language': 'en' }, payload: { actionId: 'answer', expectedVersion: before.version, inputs: { answer: 'x' }, files: [foreign.id] } },
      null,
    );
    expect(english.json<{ errors: { message: string }[] }>().errors[0]!.message).toBe('We do not have an attachment (any more). Please upload it again.');
    const after = await staffView(first.caseId);
    expect(after.version).toBe(before.version);
    expect(after.state.id).toBe('awaitingApplicant');
    expect(await countRows(t.database)).toEqual(rows);
    // The own file still waits and can go with the next reply.
    const retried = await reply(first.caseId, first.accessToken, { actionId: 'answer', expectedVersion: before.version, inputs: { answer: 'Anbei.' }, files: [own.id] });
    expect(retried.statusCode, retried.body).toBe(200);
  });

  it('takes attachments only while the authority waits, only of allowed types, only from the applicant, and lets them be removed', async () => {
    const { caseId, accessToken } = await open();
    const notWaiting = await upload(caseId, accessToken);
    expect(notWaiting.statusCode).toBe(409);
    await askForMore(caseId);

    const disguised = await upload(caseId, accessToken, { name: 'virus.pdf', mediaType: 'application/pdf', content: Buffer.from('MZ\x90\x00 not a pdf') });
    expect(disguised.statusCode).toBe(400);
    expect(disguised.json<{ errors: { path: string; code: string }[] }>().errors[0]).toMatchObject({ path: '/file', code: 'fileContent' });
    const wrongType = await upload(caseId, accessToken, { name: 'notiz.txt', mediaType: 'text/plain', content: Buffer.from('Hallo') });
    expect(wrongType.json<{ errors: { code: string; message: string }[] }>().errors[0]).toMatchObject({ code: 'fileType', message: expect.stringContaining('notiz.txt') as unknown });
    const tooLarge = await upload(caseId, accessToken, { name: 'gross.pdf', mediaType: 'application/pdf', content: Buffer.concat([PDF_BYTES, Buffer.alloc(10 * 1024 * 1024)]) });
    expect(tooLarge.statusCode).toBe(413);

    const wrongToken = await upload(caseId, 'x'.repeat(43));
    expect(wrongToken.statusCode).toBe(404);
    const other = await open();
    const foreignToken = await upload(caseId, other.accessToken);
    expect(foreignToken.statusCode).toBe(404);
    const staffUpload = multipart(PDF);
    const asStaff = await t.inject({ method: 'POST', url: `/api/applicant/cases/${caseId}/files`, headers: staffUpload.headers, payload: staffUpload.payload });
    expect(asStaff.statusCode).toBe(404);

    const uploadedIds: string[] = [];
    for (let i = 0; i < 10; i++) {
      const uploaded = await upload(caseId, accessToken);
      expect(uploaded.statusCode).toBe(201);
      uploadedIds.push(uploaded.json<{ id: string }>().id);
    }
    const eleventh = await upload(caseId, accessToken);
    expect(eleventh.statusCode).toBe(400);
    expect(eleventh.json<{ errors: { code: string }[] }>().errors[0]!.code).toBe('maxFiles');

    // Removing one that waits makes room; others cannot remove it, and it is gone for good.
    const removeAs = (token: string, fileId: string) => t.inject({ method: 'DELETE', url: `/api/applicant/cases/${caseId}/attachments/${fileId}`, headers: bearer(token) }, null);
    expect((await removeAs(other.accessToken, uploadedIds[0]!)).statusCode).toBe(404);
    expect((await removeAs(accessToken, uploadedIds[0]!)).statusCode).toBe(204);
    expect((await removeAs(accessToken, uploadedIds[0]!)).statusCode).toBe(404);
    expect((await upload(caseId, accessToken)).statusCode).toBe(201);
  });
});
