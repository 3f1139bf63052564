import type { DocumentRow } from '@amtsweg/db';
import type { FastifyReply } from 'fastify';
import type { RenderedDocument } from '../cases/render-document';
import { attachmentDisposition } from './attachment-disposition';
import { renderDocumentPdf } from '../documents/render-document-pdf';

/**
 * Renders a document of a case the caller may see and sends it as a PDF download, never cached by shared
 * caches. The caller has checked access to the case and found the document under it.
 */
export async function sendDocumentPdf(
  reply: FastifyReply,
  caseRow: { reference: string },
  document: Pick<DocumentRow, 'title' | 'created_at' | 'content'>,
  organisation: { name: string; address: string },
) {
  const pdf = await renderDocumentPdf(
    { title: document.title, createdAt: document.created_at, content: document.content as RenderedDocument },
    { reference: caseRow.reference, organisationName: organisation.name, organisationAddress: organisation.address },
  );
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', attachmentDisposition(documentPdfFileName(caseRow.reference, document.title)))
    .header('cache-control', 'private, no-store')
    .send(pdf);
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
