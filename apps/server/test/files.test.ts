import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, exampleSubmission, PDF_BYTES, publishService, uploadFile, withUploadedFiles, type TestApp } from './helper';

describe.each(DATABASE_KINDS)('file uploads on %s', (kind) => {
  let t: TestApp;
  let serviceId: string;
  const certificate = () => ({ serviceId, field: 'dogs.certificate' });

  beforeAll(async () => {
    t = await buildTestApp(kind);
    serviceId = await publishService(t, 'hundeanmeldung');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores an uploaded PDF with its size and checksum', async () => {
    const response = await uploadFile(t.app, certificate(), { name: '../../Wesenstest Kira.pdf', mediaType: 'application/pdf', content: PDF_BYTES });
    expect(response.statusCode).toBe(201);
    const file = response.json<{ id: string; name: string; mediaType: string; size: number }>();
    expect(file).toMatchObject({ name: 'Wesenstest Kira.pdf', mediaType: 'application/pdf', size: PDF_BYTES.length });
    const row = await t.database.db.selectFrom('files').select(['sha256', 'case_id']).where('id', '=', file.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, case_id: null });
  });

  it('refuses a file whose content does not match its claimed type, a type the field does not take, and one too large', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const disguised = await uploadFile(t.app, certificate(), { name: 'zeugnis.pdf', mediaType: 'application/pdf', content: exe });
    expect(disguised.statusCode).toBe(400);
    expect(disguised.json()).toMatchObject({ errors: [{ path: '/file', code: 'fileContent' }] });

    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(100, 0)]);
    const wrongType = await uploadFile(t.app, certificate(), { name: 'foto.gif', mediaType: 'image/gif', content: gif });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json()).toMatchObject({ errors: [{ path: '/file', code: 'fileType', message: expect.stringContaining('PDF') as unknown }] });

    const huge = Buffer.concat([PDF_BYTES, Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
    const tooLarge = await uploadFile(t.app, certificate(), { name: 'gross.pdf', mediaType: 'application/pdf', content: huge });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ errors: [{ path: '/file', code: 'fileSize' }] });

    const notAFileField = await uploadFile(t.app, { serviceId, field: 'holder.lastName' }, { name: 'a.pdf', mediaType: 'application/pdf', content: PDF_BYTES });
    expect(notAFileField.statusCode).toBe(400);
    const files = await t.database.db.selectFrom('files').select('name').execute();
    expect(files.map((f) => f.name)).not.toContain('zeugnis.pdf');
  });

  it('takes a submission only with files really uploaded for it, and attaches them to the case', async () => {
    const invented = await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: exampleSubmission('valid.json').data });
    expect(invented.statusCode).toBe(400);
    expect(invented.json()).toMatchObject({ errors: [{ path: '/dogs/1/certificate/0', code: 'fileUnknown' }] });

    const data = await withUploadedFiles(t.app, serviceId, exampleSubmission('valid.json').data);
    const accepted = await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: data });
    expect(accepted.statusCode).toBe(201);
    const { caseId } = accepted.json<{ caseId: string }>();
    const fileId = (data as { dogs: { certificate: { id: string }[] }[] }).dogs[1]!.certificate[0]!.id;
    const file = await t.database.db.selectFrom('files').select('case_id').where('id', '=', fileId).executeTakeFirstOrThrow();
    expect(file.case_id).toBe(caseId);

    const before = await countRows(t.database);
    const reused = await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: data });
    expect(reused.statusCode).toBe(400);
    expect(reused.json()).toMatchObject({ errors: [{ path: '/dogs/1/certificate/0', code: 'fileUnknown' }] });
    expect(await countRows(t.database)).toEqual(before);
  });
});
