import { toJsonColumn } from '../json-column';
import type { DocumentRow, NewDocument } from '../tables/document.table';
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

export async function listCaseDocuments(db: Executor, organisationId: string, caseId: string): Promise<DocumentRow[]> {
  return db
    .selectFrom('documents')
    .selectAll()
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
): Promise<DocumentRow | undefined> {
  return db
    .selectFrom('documents')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('case_id', '=', caseId)
    .where('id', '=', documentId)
    .executeTakeFirst();
}
