import { toJsonColumn } from '../json-column';
import type { DocumentRow, NewDocument } from '../tables/document.table';
import type { Executor } from './executor';

export async function insertDocument(db: Executor, document: Omit<NewDocument, 'content'> & { content: unknown }): Promise<void> {
  await db.insertInto('documents').values({ ...document, content: toJsonColumn(document.content) }).execute();
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
