import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderedDocument } from '../src/cases/render-document';
import { renderDocumentPdf } from '../src/documents/render-document-pdf';
import { attachmentDisposition } from '../src/routes/attachment-disposition';
import { documentPdfFileName } from '../src/routes/send-document-pdf';
import { buildTestApp, createAccount, exampleSubmission, logIn, publishService, type TestApp } from './helper';

const run = promisify(execFile);
let scratch = '';

/** The text of a PDF as Debian's poppler-utils reads it (real, extractable text, not drawn glyphs). */
async function pdfText(pdf: Buffer): Promise<string> {
  const file = join(scratch, `${Math.random().toString(16).slice(2)}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout;
}

/** The document information dictionary as `pdfinfo` prints it. */
async function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  const file = join(scratch, `${Math.random().toString(16).slice(2)}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await run('pdfinfo', ['-enc', 'UTF-8', '-isodates', file]);
  return Object.fromEntries(stdout.split('\n').flatMap((line) => {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    return match ? [[match[1]!, match[2]!]] : [];
  }));
}

/** pdftotext breaks lines where the layout does; compare words, not line breaks. */
function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'amtsweg-pdf-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('renderDocumentPdf', () => {
  const facts = { reference: 'HUND-2025-00042', organisationName: 'Stadt Musterstadt', organisationAddress: 'Rathausplatz 1, 12345 Musterstadt' };
  const letter = (parts: RenderedDocument['parts'], signature?: RenderedDocument['signature']) => ({
    title: parts.title ?? 'Schreiben',
    createdAt: new Date('2025-03-12T23:30:00Z'),
    content: { language: 'de' as const, parts, ...(signature ? { signature } : {}) },
  });

  it('lays out a decision notice as an A4 letter with real text, metadata and page numbers', async () => {
    const pdf = await renderDocumentPdf(
      letter(
        {
          title: 'Bescheid über die Anmeldung zur Hundesteuer',
          authority: 'Stadt Musterstadt\nSteueramt – Hundesteuer\nRathausplatz 1, 12345 Musterstadt',
          addressee: 'Jürgen Größe-Weiß\nHeidestraße 17a\n51147 Köln',
          subject: 'Anmeldung zur Hundesteuer',
          operative: 'Der Hund Bello wird angemeldet.',
          reasoning: 'Sie halten den Hund in unserem Gemeindegebiet.',
          legalRemedy: 'Gegen diesen Bescheid kann Widerspruch erhoben werden.',
        },
        { mode: 'signed', name: 'Erika Beispiel', position: 'Im Auftrag' },
      ),
      facts,
    );
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = words(await pdfText(pdf));
    for (const expected of [
      'Steueramt – Hundesteuer',
      'Stadt Musterstadt · Rathausplatz 1, 12345 Musterstadt',
      'Jürgen Größe-Weiß Heidestraße 17a 51147 Köln',
      'Aktenzeichen HUND-2025-00042',
      // Dated by the authority's calendar: 23:30 UTC on 12 March is 13 March in Germany.
      'Datum 13.03.2025',
      'Bescheid über die Anmeldung zur Hundesteuer',
      'Begründung Sie halten den Hund in unserem Gemeindegebiet.',
      'Rechtsbehelfsbelehrung Gegen diesen Bescheid kann Widerspruch erhoben werden.',
      'Im Auftrag Erika Beispiel',
      'Seite 1 von 1',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('maschinell erstellt');
    const info = await pdfInfo(pdf);
    expect(info).toMatchObject({
      Title: 'Bescheid über die Anmeldung zur Hundesteuer',
      Author: 'Stadt Musterstadt',
      CreationDate: '2025-03-12T23:30:00Z',
      Pages: '1',
    });
    expect(info['Page size']).toContain('(A4)');
  });

  it('says the letter is valid without a signature when it has none, and numbers every page', async () => {
    const long = Array.from({ length: 120 }, (_, i) => `Absatz ${i + 1}: Die Hundesteuer wird jährlich zum 1. Juli fällig.`).join('\n\n');
    const text = await pdfText(await renderDocumentPdf(letter({ title: 'Eingangsbestätigung', body: long }), facts));
    expect(words(text)).toContain('Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.');
    const pages = Number(/Seite 1 von (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Seite ${page} von ${pages}`);
    expect(words(text)).toContain('Absatz 120: Die Hundesteuer wird jährlich zum 1. Juli fällig.');
  });

  it('prints document text literally: markup and layout-looking JSON are text, non-text parts are left out', async () => {
    const content = {
      language: 'de',
      parts: {
        title: 'Eingangsbestätigung',
        body: '<script>alert(1)</script>\n\n{"text":"versteckt","image":"/etc/passwd"}',
        // Not text: a stored object must never reach pdfmake as a layout instruction.
        subject: { text: 'EINGESCHLEUST', image: '/etc/passwd' },
        reasoning: ['EINGESCHLEUST'],
      },
      signature: { mode: 'signed', name: { text: 'EINGESCHLEUST' }, position: 'x' },
    } as unknown as RenderedDocument;
    const text = words(await pdfText(await renderDocumentPdf({ title: 'Eingangsbestätigung', createdAt: new Date('2025-03-12T10:00:00Z'), content }, facts)));
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('{"text":"versteckt","image":"/etc/passwd"}');
    expect(text).not.toContain('EINGESCHLEUST');
    expect(text).not.toContain('Begründung');
    expect(text).toContain('ohne Unterschrift gültig');
  });

  it('gives the same bytes for the same document', async () => {
    const document = letter({ title: 'Eingangsbestätigung', body: 'Guten Tag Jürgen Größe-Weiß,\n\nIhr Antrag ist eingegangen.' });
    const first = await renderDocumentPdf(document, facts);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await renderDocumentPdf(structuredClone(document), facts);
    expect(second.equals(first)).toBe(true);
  });

  it('writes English labels for an English document', async () => {
    const parts = { title: 'Notice of rejection', reasoning: 'Too late.', legalRemedy: 'You may object.' };
    const document = { ...letter(parts), content: { language: 'en' as const, parts } };
    const text = words(await pdfText(await renderDocumentPdf(document, facts)));
    for (const expected of ['Reference HUND-2025-00042', 'Date 13/03/2025', 'Reasons Too late.', 'Information on legal remedies You may object.', 'Page 1 of 1']) {
      expect(text).toContain(expected);
    }
  });
});

describe('download names', () => {
  it('joins the reference (slashes as dashes) and a slug of the title, with an ASCII fallback', () => {
    expect(documentPdfFileName('HUND/2025/00042', 'Bescheid über die Anmeldung zur Hundesteuer')).toBe('HUND-2025-00042-bescheid-über-die-anmeldung-zur-hundesteuer.pdf');
    expect(documentPdfFileName('A:B\\C', '  ')).toBe('A-B-C.pdf');
    expect(attachmentDisposition('HUND-2025-00042-eingangsbestätigung.pdf')).toBe(
      `attachment; filename="HUND-2025-00042-eingangsbestaetigung.pdf"; filename*=UTF-8''HUND-2025-00042-eingangsbest%C3%A4tigung.pdf`,
    );
    expect(attachmentDisposition('Bericht "final" (2)\r\n.pdf')).toBe(`attachment; filename="Bericht _final_ (2)__.pdf"; filename*=UTF-8''Bericht%20%22final%22%20%282%29%0D%0A.pdf`);
  });
});

describe.each(DATABASE_KINDS)('document PDFs through the API on %s', (kind) => {
  let t: TestApp;
  let serviceId: string;

  const asApplicant = (token: string) => ({ authorization: `Bearer ${token}` });
  const submit = async (holder: Record<string, string> = {}) => {
    const data = structuredClone(exampleSubmission('valid-without-files.json').data) as { holder: Record<string, string> };
    Object.assign(data.holder, holder);
    const response = await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: data }, null);
    expect(response.statusCode).toBe(201);
    return response.json<{ caseId: string; reference: string; accessToken: string; receipt: { documentId: string; title: string } }>();
  };

  beforeAll(async () => {
    t = await buildTestApp(kind);
    serviceId = await publishService(t, 'hundeanmeldung');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets the applicant download the receipt of the submission answer as a PDF', async () => {
    const submitted = await submit({ firstName: 'Jürgen', lastName: 'Größe-Weiß' });
    const url = `/api/applicant/cases/${submitted.caseId}/documents/${submitted.receipt.documentId}/pdf`;
    const response = await t.inject({ method: 'GET', url, headers: asApplicant(submitted.accessToken) }, null);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['cache-control']).toBe('private, no-store');
    const fileName = `${submitted.reference.replaceAll('/', '-')}-eingangsbestaetigung.pdf`;
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(submitted.reference.replaceAll('/', '-'))}-eingangsbest%C3%A4tigung.pdf`,
    );
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const text = words(await pdfText(response.rawPayload));
    expect(text).toContain(submitted.reference);
    expect(text).toContain('Jürgen Größe-Weiß');
    expect(text).toContain('Eingangsbestätigung');
    expect(text).toContain('ohne Unterschrift gültig');

    const again = await t.inject({ method: 'GET', url, headers: asApplicant(submitted.accessToken) }, null);
    expect(again.rawPayload.equals(response.rawPayload)).toBe(true);
  });

  it('answers 404 for a wrong token, another case’s token and another case’s document', async () => {
    const mine = await submit();
    const other = await submit();
    const pdfUrl = (caseId: string, documentId: string) => `/api/applicant/cases/${caseId}/documents/${documentId}/pdf`;
    const attempts = [
      { url: pdfUrl(mine.caseId, mine.receipt.documentId), headers: asApplicant('x'.repeat(43)) },
      { url: pdfUrl(other.caseId, other.receipt.documentId), headers: asApplicant(mine.accessToken) },
      { url: pdfUrl(mine.caseId, other.receipt.documentId), headers: asApplicant(mine.accessToken) },
      { url: pdfUrl(mine.caseId, mine.receipt.documentId), headers: {} },
    ];
    for (const attempt of attempts) {
      const response = await t.inject({ method: 'GET', ...attempt }, null);
      expect(response.statusCode, attempt.url).toBe(404);
      expect(response.headers['content-type']).toContain('application/json');
      expect(response.body).not.toContain(mine.reference);
    }
    const staffForeignDocument = await t.inject({ method: 'GET', url: `/api/cases/${mine.caseId}/documents/${other.receipt.documentId}/pdf` });
    expect(staffForeignDocument.statusCode).toBe(404);
  });

  it('issues a decision notice whose PDF carries the reference, the operative part and the legal remedy', async () => {
    const submitted = await submit({ firstName: 'Jürgen', lastName: 'Größe-Weiß' });
    const opened = (await t.inject({ method: 'GET', url: `/api/cases/${submitted.caseId}` })).json<{ version: number }>();
    const approved = await t.inject({ method: 'POST', url: `/api/cases/${submitted.caseId}/actions/approve`, payload: { expectedVersion: opened.version } });
    expect(approved.statusCode).toBe(200);
    const documents = approved.json<{ documents: { id: string; kind: string; title: string }[] }>().documents;
    const notice = documents.find((d) => d.kind === 'decision');
    expect(notice?.title).toBe('Bescheid über die Anmeldung zur Hundesteuer');

    const asStaff = await t.inject({ method: 'GET', url: `/api/cases/${submitted.caseId}/documents/${notice!.id}/pdf` });
    expect(asStaff.statusCode).toBe(200);
    expect(asStaff.headers['content-disposition']).toContain(`filename*=UTF-8''${submitted.reference.replaceAll('/', '-')}-bescheid-%C3%BCber-die-anmeldung-zur-hundesteuer.pdf`);
    const text = words(await pdfText(asStaff.rawPayload));
    expect(text).toContain(submitted.reference);
    expect(text).toContain('Jürgen Größe-Weiß');
    expect(text).toContain('Die folgenden Hunde werden zur Hundesteuer angemeldet:');
    expect(text).toContain('Die Hundesteuer beträgt');
    expect(text).toContain('Rechtsbehelfsbelehrung Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden.');
    expect(text).toContain('Dieser Bescheid wurde maschinell erstellt und ist ohne Unterschrift gültig.');

    // The applicant gets the very same file.
    const asApplicantPdf = await t.inject(
      { method: 'GET', url: `/api/applicant/cases/${submitted.caseId}/documents/${notice!.id}/pdf`, headers: asApplicant(submitted.accessToken) },
      null,
    );
    expect(asApplicantPdf.statusCode).toBe(200);
    expect(asApplicantPdf.rawPayload.equals(asStaff.rawPayload)).toBe(true);
  });

  it('stores a notice’s PDF when it is issued, a receipt’s on its first download, and serves those bytes ever after', async () => {
    const storedPdf = async (documentId: string) =>
      (await t.database.db.selectFrom('documents').select('pdf').where('id', '=', documentId).executeTakeFirstOrThrow()).pdf;
    const submitted = await submit({ firstName: 'Jürgen', lastName: 'Größe-Weiß' });
    // The receipt is written in the submission's hot path, without rendering a PDF.
    expect(await storedPdf(submitted.receipt.documentId)).toBeNull();
    const opened = (await t.inject({ method: 'GET', url: `/api/cases/${submitted.caseId}` })).json<{ version: number }>();
    const approved = await t.inject({ method: 'POST', url: `/api/cases/${submitted.caseId}/actions/approve`, payload: { expectedVersion: opened.version } });
    const notice = approved.json<{ documents: { id: string; kind: string }[] }>().documents.find((d) => d.kind === 'decision')!;
    const issuedBytes = await storedPdf(notice.id);
    expect(issuedBytes).not.toBeNull();
    expect(words(await pdfText(Buffer.from(issuedBytes!)))).toContain('Stadt Musterstadt · Rathausplatz 1, 12345 Musterstadt');

    const download = async (documentId: string) => {
      const response = await t.inject({ method: 'GET', url: `/api/cases/${submitted.caseId}/documents/${documentId}/pdf` });
      expect(response.statusCode).toBe(200);
      return response.rawPayload;
    };
    const noticeBefore = await download(notice.id);
    expect(noticeBefore.equals(Buffer.from(issuedBytes!))).toBe(true);
    const receiptBefore = await download(submitted.receipt.documentId);
    expect(Buffer.from((await storedPdf(submitted.receipt.documentId))!).equals(receiptBefore)).toBe(true);

    // The authority renames itself and moves: what was issued stays as it was issued.
    const renamed = await t.inject({ method: 'PATCH', url: '/api/organisation', payload: { name: 'Stadt Neustadt', address: 'Marktplatz 2, 54321 Neustadt' } });
    expect(renamed.statusCode).toBe(200);
    try {
      expect((await download(notice.id)).equals(noticeBefore)).toBe(true);
      expect((await download(submitted.receipt.documentId)).equals(receiptBefore)).toBe(true);
      const applicantCopy = await t.inject(
        { method: 'GET', url: `/api/applicant/cases/${submitted.caseId}/documents/${notice.id}/pdf`, headers: asApplicant(submitted.accessToken) },
        null,
      );
      expect(applicantCopy.rawPayload.equals(noticeBefore)).toBe(true);
      // A notice issued after the change carries the new name.
      const later = await submit();
      const laterCase = (await t.inject({ method: 'GET', url: `/api/cases/${later.caseId}` })).json<{ version: number }>();
      const laterApproved = await t.inject({ method: 'POST', url: `/api/cases/${later.caseId}/actions/approve`, payload: { expectedVersion: laterCase.version } });
      const laterNotice = laterApproved.json<{ documents: { id: string; kind: string }[] }>().documents.find((d) => d.kind === 'decision')!;
      const laterPdf = await t.inject({ method: 'GET', url: `/api/cases/${later.caseId}/documents/${laterNotice.id}/pdf` });
      const laterText = words(await pdfText(laterPdf.rawPayload));
      expect(laterText).toContain('Stadt Neustadt · Marktplatz 2, 54321 Neustadt');
    } finally {
      await t.inject({ method: 'PATCH', url: '/api/organisation', payload: { name: 'Stadt Musterstadt', address: 'Rathausplatz 1, 12345 Musterstadt' } });
    }
  });

  it('answers 404 to staff who hold no role for the service, and for a case that does not exist', async () => {
    const submitted = await submit();
    const url = `/api/cases/${submitted.caseId}/documents/${submitted.receipt.documentId}/pdf`;
    await createAccount(t.app, { email: 'ohne.rolle@test.example', kind: 'staff', roles: ['caseworker'] });
    const withoutRole = await t.inject({ method: 'GET', url }, await logIn(t.app, 'ohne.rolle@test.example'));
    expect(withoutRole.statusCode).toBe(404);
    expect(withoutRole.body).not.toContain(submitted.reference);
    const missingCase = await t.inject({ method: 'GET', url: url.replace(submitted.caseId, '00000000-0000-4000-8000-000000000000') });
    expect(missingCase.statusCode).toBe(404);
  });
});
