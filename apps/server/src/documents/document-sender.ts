import { findOrganisationLogo, type Executor, type Organisation } from '@amtsweg/db';
import type { DocumentPdfFacts } from './render-document-pdf';

/**
 * What a letter says about its sender: the organisation's name, address, letterhead and logo. The logo's bytes
 * are read here, only for a PDF, never with the organisation a request carries.
 *
 * @example
 *   const pdf = await renderDocumentPdf(document, { reference: caseRow.reference, ...(await loadDocumentSender(db, organisation)) });
 */
export async function loadDocumentSender(
  db: Executor,
  organisation: Pick<Organisation, 'id' | 'name' | 'address'> & Partial<Pick<Organisation, 'letterhead' | 'logo_type'>>,
): Promise<Omit<DocumentPdfFacts, 'reference'>> {
  const logo = organisation.logo_type ? await findOrganisationLogo(db, organisation.id) : undefined;
  return {
    organisationName: organisation.name,
    organisationAddress: organisation.address,
    ...(organisation.letterhead ? { letterhead: organisation.letterhead } : {}),
    ...(logo ? { logo: { bytes: logo.bytes, type: logo.type } } : {}),
  };
}
