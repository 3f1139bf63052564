import type { FileRow, NewFile } from '../tables/file.table';
import type { Executor } from './executor';

export type FileInfo = Pick<FileRow, 'id' | 'service_id' | 'case_id' | 'name' | 'media_type' | 'size' | 'sha256'>;

export async function insertFile(db: Executor, file: NewFile): Promise<void> {
  await db.insertInto('files').values(file).execute();
}

/** Uploaded files of a service by id, without their content. */
export async function findFilesByIds(db: Executor, organisationId: string, ids: readonly string[]): Promise<FileInfo[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('files')
    .select(['id', 'service_id', 'case_id', 'name', 'media_type', 'size', 'sha256'])
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', ids)
    .execute();
}

/** Attaches still-unattached files to a case; returns how many it attached (fewer means another case took one). */
export async function attachFilesToCase(db: Executor, organisationId: string, ids: readonly string[], caseId: string): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('files')
    .set({ case_id: caseId })
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', ids)
    .where('case_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Attaches reply attachments that wait for this case (uploaded to it, taken by no reply yet); returns how
 * many it attached, so the caller can refuse a reply naming a file that is not (or no longer) waiting.
 */
export async function attachPendingFiles(db: Executor, organisationId: string, caseId: string, ids: readonly string[]): Promise<FileInfo[]> {
  if (ids.length === 0) return [];
  return db
    .updateTable('files')
    .set({ case_id: caseId, pending_case_id: null })
    .where('organisation_id', '=', organisationId)
    .where('pending_case_id', '=', caseId)
    .where('case_id', 'is', null)
    .where('id', 'in', ids)
    .returning(['id', 'service_id', 'case_id', 'name', 'media_type', 'size', 'sha256'])
    .execute();
}

/** Deletes a reply attachment that still waits for its reply; returns whether there was one. */
export async function deletePendingFile(db: Executor, organisationId: string, caseId: string, fileId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('files')
    .where('organisation_id', '=', organisationId)
    .where('pending_case_id', '=', caseId)
    .where('case_id', 'is', null)
    .where('id', '=', fileId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** How many reply attachments wait for the case. */
export async function countPendingFiles(db: Executor, organisationId: string, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('files')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('organisation_id', '=', organisationId)
    .where('pending_case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A file attached to the case, with its content; undefined for a file of another case or organisation. */
export async function findCaseFile(db: Executor, organisationId: string, caseId: string, fileId: string): Promise<FileRow | undefined> {
  return db
    .selectFrom('files')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('case_id', '=', caseId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

/**
 * Housekeeping: deletes uploads that never reached a case — form uploads older than `unusedBefore`, and reply
 * attachments still waiting for their reply older than `pendingBefore`. Returns how many went.
 */
export async function deleteOrphanedFiles(db: Executor, unusedBefore: Date, pendingBefore: Date): Promise<number> {
  const result = await db
    .deleteFrom('files')
    .where('case_id', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('pending_case_id', 'is', null), eb('created_at', '<', unusedBefore)]),
        eb.and([eb('pending_case_id', 'is not', null), eb('created_at', '<', pendingBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
