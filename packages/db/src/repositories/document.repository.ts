import { toJsonColumn } from '../json-column';
import type { DocumentSummary, NewDocument } from '../tables/document.table';
import type { Executor } from './executor';

export type DocumentInput = Omit<NewDocument, 'content'> & { content: unknown };

export async function insertDocument(db: Executor, document: DocumentInput): Promise<void> {
  await insertDocuments(db, [document]);
}

/** Stores several issued documents in one statement. */
export async function insertDocuments(db: Executor, documents: readonly DocumentInput[]): Promise<void> {
  if (documents.length === 0) return;
  await db.insertInto('documents').values(toDocumentRows(documents)).execute();
}

/** Documents as rows of `documents`. */
export function toDocumentRows(documents: readonly DocumentInput[]): NewDocument[] {
  return documents.map((document) => ({ ...document, content: toJsonColumn(document.content) }));
}

// Everything but the PDF bytes, which only a download reads.
const SUMMARY_COLUMNS = ['id', 'organisation_id', 'case_id', 'template_id', 'kind', 'title', 'content', 'created_at'] as const;

export async function listCaseDocuments(db: Executor, organisationId: string, caseId: string): Promise<DocumentSummary[]> {
  return db
    .selectFrom('documents')
    .select(SUMMARY_COLUMNS)
    .where('organisation_id', '=', organisationId)
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
}

export async function findCaseDocument(
  db: Executor,
  organisationId: string,
  caseId: string,
  documentId: string,
): Promise<DocumentSummary | undefined> {
  return db
    .selectFrom('documents')
    .select(SUMMARY_COLUMNS)
    .where('organisation_id', '=', organisationId)
    .where('case_id', '=', caseId)
    .where('id', '=', documentId)
    .executeTakeFirst();
}

/** The stored PDF of a document, or null when none is stored yet (a receipt before its first download). */
export async function findDocumentPdf(db: Executor, organisationId: string, documentId: string): Promise<Uint8Array | null> {
  const row = await db
    .selectFrom('documents')
    .select('pdf')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', documentId)
    .executeTakeFirst();
  return row?.pdf ?? null;
}

/**
 * Stores the PDF of a document that has none yet and returns the bytes that are stored now: these, or the ones
 * a concurrent first download stored before. Stored bytes are never replaced.
 */
export async function storeDocumentPdf(db: Executor, organisationId: string, documentId: string, pdf: Uint8Array): Promise<Uint8Array> {
  const stored = await db
    .updateTable('documents')
    .set({ pdf })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', documentId)
    .where('pdf', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return stored ? pdf : ((await findDocumentPdf(db, organisationId, documentId)) ?? pdf);
}
