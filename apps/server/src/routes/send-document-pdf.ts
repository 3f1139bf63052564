import { findDocumentPdf, storeDocumentPdf, type Database, type DocumentSummary } from '@amtsweg/db';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { RenderedDocument } from '../cases/render-document';
import { attachmentDisposition } from './attachment-disposition';
import { loadDocumentSender } from '../documents/document-sender';
import { renderDocumentPdf } from '../documents/render-document-pdf';

/**
 * Sends a document of a case the caller may see as a PDF download, never cached by shared caches. The bytes
 * are the stored ones: a notice's PDF is stored when it is issued; a document without one (a receipt, written
 * in the submission's hot path) is rendered once, stored, and served from storage from then on. The caller has
 * checked access to the case and found the document under it.
 */
export async function sendDocumentPdf(
  reply: FastifyReply,
  db: Kysely<Database>,
  caseRow: { reference: string },
  document: Pick<DocumentSummary, 'id' | 'title' | 'created_at' | 'content'>,
  organisation: Parameters<typeof loadDocumentSender>[1],
) {
  const stored = await findDocumentPdf(db, organisation.id, document.id);
  const pdf =
    stored ??
    (await storeDocumentPdf(
      db,
      organisation.id,
      document.id,
      await renderDocumentPdf(
        { title: document.title, createdAt: document.created_at, content: document.content as RenderedDocument },
        { reference: caseRow.reference, ...(await loadDocumentSender(db, organisation)) },
      ),
    ));
  return sendPdf(reply, documentPdfFileName(caseRow.reference, document.title), pdf);
}

/** Sends PDF bytes as a download named `fileName` (or, `inline`, to show in the browser), never cached by shared caches. */
export function sendPdf(reply: FastifyReply, fileName: string, pdf: Uint8Array, disposition: 'attachment' | 'inline' = 'attachment') {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', attachmentDisposition(fileName, disposition))
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
}

/**
 * The download name of a document: its Aktenzeichen (slashes and other characters file systems refuse become
 * "-") and its title as a lower-case slug, which keeps letters such as ä (the header carries them as UTF-8).
 *
 * @example documentPdfFileName('HUND/2025/00001', 'Eingangsbestätigung') // "HUND-2025-00001-eingangsbestätigung.pdf"
 */
export function documentPdfFileName(reference: string, title: string): string {
  const safeReference = reference.replace(/[\\/:*?"<>|\p{Cc}]/gu, '-');
  const slug = title
    .normalize('NFC')
    .toLocaleLowerCase('de-DE')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .slice(0, 80)
    .replace(/^-+|-+$/g, '');
  return `${[safeReference, slug].filter((part) => part !== '').join('-') || 'dokument'}.pdf`;
}
