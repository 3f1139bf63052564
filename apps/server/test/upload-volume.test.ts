import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config';
import { buildTestApp, createAccount, logIn, PDF_BYTES, publishService, type TestApp } from './helper';

// Issue 18, finding 8: anonymous uploads filled the disk (120 files of up to 10 MB per minute and address, none
// ever deleted). Now every client address has a byte budget per time window on top of the count limit, unused
// uploads go in the housekeeping, and PGlite gets the content in parts so one upload cannot stall the others.

const BUDGET_BYTES = 1024 * 1024;

/** A PDF of `size` bytes (a real PDF header, then padding), as the certificate field takes. */
function pdfOf(size: number): Buffer {
  return Buffer.concat([PDF_BYTES, Buffer.alloc(size - PDF_BYTES.length, 0x20)]);
}

/** POST /api/files for the Hundeanmeldung's certificate field, from the given client address. */
function uploadFrom(t: TestApp, serviceId: string, remoteAddress: string, content: Buffer, name = 'nachweis.pdf', headers: Record<string, string> = {}) {
  const boundary = `----amtsweg${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="serviceId"\r\n\r\n${serviceId}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="field"\r\n\r\ndogs.certificate\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/files',
    remoteAddress,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'accept-language': 'de', ...headers },
    payload,
  });
}

describe.each(DATABASE_KINDS)('upload volume on %s', (kind) => {
  let t: TestApp;
  let serviceId: string;
  let mailDir: string;
  const countFiles = async () => Number((await t.database.db.selectFrom('files').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    mailDir = mkdtempSync(join(tmpdir(), 'amtsweg-upload-volume-mail-'));
    t = await buildTestApp(kind, {
      rateLimits: { uploadBytes: BUDGET_BYTES, uploadWindowMinutes: 60 },
      jobs: { mail: { smtpUrl: undefined, from: 'Amtsweg <amtsweg@localhost>', mailDir }, publicUrl: 'http://localhost', pollMs: 60_000, autoStart: false },
    });
    serviceId = await publishService(t, 'hundeanmeldung');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(mailDir, { recursive: true, force: true });
  });

  it('refuses a client over its byte budget with 429 and Retry-After, while another client still uploads', async () => {
    const greedy = '203.0.113.10';
    const first = await uploadFrom(t, serviceId, greedy, pdfOf(400 * 1024));
    const second = await uploadFrom(t, serviceId, greedy, pdfOf(400 * 1024));
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    const before = await countFiles();

    // The third would pass the budget: refused while it streams, nothing stored.
    const third = await uploadFrom(t, serviceId, greedy, pdfOf(400 * 1024));
    expect(third.statusCode).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    // Within the hour's window, counted in minutes (the bytes of one minute leave the window together).
    expect(Number(third.headers['retry-after'])).toBeLessThanOrEqual(3600 + 60);
    expect(third.json()).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/Datenmenge.*Minuten/) as unknown,
      errors: [{ path: '/file', code: 'uploadVolume' }],
    });
    // Once over, even a small file is refused at once.
    const small = await uploadFrom(t, serviceId, greedy, PDF_BYTES);
    expect(small.statusCode).toBe(429);
    expect(small.json()).toMatchObject({ errors: [{ path: '/file', code: 'uploadVolume' }] });
    expect(await countFiles()).toBe(before);

    // Another client is not affected.
    const other = await uploadFrom(t, serviceId, '203.0.113.11', pdfOf(400 * 1024));
    expect(other.statusCode).toBe(201);
    expect(await countFiles()).toBe(before + 1);
  });

  it('counts the addresses of one IPv6 network (/64) as one client, and an IPv4 address mapped into IPv6 as that address (review of issue 18)', async () => {
    expect((await uploadFrom(t, serviceId, '2001:db8:77:1::1', pdfOf(600 * 1024))).statusCode).toBe(201);
    // The next address of the same network gets no fresh budget.
    const stepped = await uploadFrom(t, serviceId, '2001:db8:77:1::2', pdfOf(600 * 1024));
    expect(stepped.statusCode).toBe(429);
    expect(stepped.json()).toMatchObject({ errors: [{ path: '/file', code: 'uploadVolume' }] });
    expect((await uploadFrom(t, serviceId, '2001:db8:77:1:ffff::9', PDF_BYTES)).statusCode).toBe(429);
    // Another network has its own.
    expect((await uploadFrom(t, serviceId, '2001:db8:77:2::1', pdfOf(600 * 1024))).statusCode).toBe(201);
    expect((await uploadFrom(t, serviceId, '203.0.113.40', pdfOf(600 * 1024))).statusCode).toBe(201);
    expect((await uploadFrom(t, serviceId, '::ffff:203.0.113.40', pdfOf(600 * 1024))).statusCode).toBe(429);
  });

  it('answers in English when asked, naming the field', async () => {
    const client = '203.0.113.20';
    expect((await uploadFrom(t, serviceId, client, pdfOf(900 * 1024))).statusCode).toBe(201);
    const boundary = 'b0undary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="serviceId"\r\n\r\n${serviceId}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="field"\r\n\r\ndogs.certificate\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdfOf(200 * 1024),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/files',
      remoteAddress: client,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'accept-language': 'en' },
      payload,
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ errors: [{ path: '/file', code: 'uploadVolume', message: expect.stringMatching(/Negativzeugnis|Certificate/) as unknown }] });
    expect(refused.json<{ message: string }>().message).toMatch(/uploaded.*minutes/);
  });

  it('deletes uploads unused for a day in the housekeeping, but keeps those the uploader’s own saved draft refers to', async () => {
    type Upload = { id: string; name: string; mediaType: string; size: number };
    const client = '203.0.113.30';
    await createAccount(t.app, { email: 'entwurf@upload-volume.example', kind: 'citizen' });
    const citizen = await logIn(t.app, 'entwurf@upload-volume.example', { kind: 'citizen' });
    const upload = async (name: string, caller?: { headers: Record<string, string> }) => {
      const response = await uploadFrom(t, serviceId, client, PDF_BYTES, name, caller?.headers);
      expect(response.statusCode, response.body).toBe(201);
      return response.json<Upload>();
    };
    const unused = await upload('liegen-gelassen.pdf', citizen);
    const drafted = await upload('im-entwurf.pdf', citizen);
    // Review of issue 18, finding 8: naming ids in a draft kept anybody's uploads alive. Uploaded anonymously
    // or by another citizen, a file is not kept by this citizen's draft naming it.
    const anonymous = await upload('anonym.pdf');
    await createAccount(t.app, { email: 'fremd@upload-volume.example', kind: 'citizen' });
    const stranger = await logIn(t.app, 'fremd@upload-volume.example', { kind: 'citizen' });
    const strangers = await upload('fremd.pdf', stranger);
    const saved = await t.inject(
      { method: 'PUT', url: `/api/drafts/${serviceId}`, payload: { serviceVersion: 1, answers: { dogs: [{ name: 'Kira', certificate: [drafted, anonymous, strangers] }] }, pageId: 'dogsPage' } },
      citizen,
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const ids = [unused.id, drafted.id, anonymous.id, strangers.id];
    // A part of an upload that never finished (a process stopped while writing it).
    await sql`insert into file_parts (file_id, seq, content, created_at) values (gen_random_uuid(), 0, '\\x00'::bytea, now() - interval '2 hours')`.execute(t.database.db);
    await sql`update files set created_at = now() - interval '25 hours' where id in (${sql.join(ids)})`.execute(t.database.db);

    await t.database.db.updateTable('job_schedules').set({ next_run_at: new Date(Date.now() - 1000) }).where('name', '=', 'housekeeping').execute();
    await t.app.worker!.runOnce();

    const left = await t.database.db.selectFrom('files').select('id').where('id', 'in', ids).execute();
    expect(left.map((f) => f.id)).toEqual([drafted.id]);
    const parts = await t.database.db.selectFrom('file_parts').select('file_id').execute();
    expect(parts).toEqual([]);
  });
});

describe('upload volume behind a proxy', () => {
  const PROXY = '10.0.0.2';
  let t: TestApp;
  let serviceId: string;
  beforeAll(async () => {
    t = await buildTestApp('pglite', { trustProxy: readConfig({ TRUST_PROXY: PROXY }).trustProxy, rateLimits: { uploadBytes: BUDGET_BYTES, uploadWindowMinutes: 60 } });
    serviceId = await publishService(t, 'hundeanmeldung');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** An upload through the proxy, which appends the client's address to the X-Forwarded-For the client sent. */
  const uploadVia = (client: string, sentByClient: string | undefined, content: Buffer) =>
    uploadFrom(t, serviceId, PROXY, content, 'nachweis.pdf', { 'x-forwarded-for': sentByClient === undefined ? client : `${sentByClient}, ${client}` });

  it('gives a client no fresh budget for an X-Forwarded-For entry of its own (review of issue 18)', async () => {
    const greedy = '203.0.113.50';
    expect((await uploadVia(greedy, '192.0.2.1', pdfOf(600 * 1024))).statusCode).toBe(201);
    const again = await uploadVia(greedy, '192.0.2.2', pdfOf(600 * 1024));
    expect(again.statusCode).toBe(429);
    expect(again.json()).toMatchObject({ errors: [{ path: '/file', code: 'uploadVolume' }] });
    // Another client behind the same proxy has its own budget.
    expect((await uploadVia('198.51.100.50', '192.0.2.1', pdfOf(600 * 1024))).statusCode).toBe(201);
  });
});
