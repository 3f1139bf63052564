import { sql, type Kysely } from 'kysely';
import type { Database } from '../database';
import type { FileRow, NewFile } from '../tables/file.table';
import type { Executor } from './executor';

export type FileInfo = Pick<FileRow, 'id' | 'service_id' | 'case_id' | 'name' | 'media_type' | 'size' | 'sha256'>;

/**
 * Stores an upload. With `partBytes` (PGlite, where every statement holds the one thread that answers all
 * requests) a larger content is written in parts of that size, each its own short statement so that other
 * requests are answered in between; one short transaction then puts them together into the file and deletes
 * them. Either way the file appears whole or not at all: before that transaction commits there is no `files`
 * row, and parts left by a failure are deleted here or, after a crash, by the housekeeping.
 *
 * @example
 * await insertFile(db, { id, organisation_id, service_id, name, media_type, size, sha256, content }, { partBytes: 1 << 20 });
 */
export async function insertFile(db: Kysely<Database>, file: NewFile, options: { partBytes?: number } = {}): Promise<void> {
  const { partBytes } = options;
  const content = file.content;
  if (partBytes === undefined || content.length <= partBytes) {
    await db.insertInto('files').values(file).execute();
    return;
  }
  try {
    for (let seq = 0; seq * partBytes < content.length; seq++) {
      const part = content.subarray(seq * partBytes, (seq + 1) * partBytes);
      await db.insertInto('file_parts').values({ file_id: file.id, seq, content: part }).execute();
    }
    await db.transaction().execute(async (trx) => {
      const whole = sql<Uint8Array>`(select string_agg(content, ''::bytea order by seq) from file_parts where file_id = ${file.id})`;
      await trx
        .insertInto('files')
        .values({ ...file, content: whole })
        .execute();
      await trx.deleteFrom('file_parts').where('file_id', '=', file.id).execute();
    });
  } catch (error) {
    await db.deleteFrom('file_parts').where('file_id', '=', file.id).execute().catch(() => undefined);
    throw error;
  }
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
 * Housekeeping: deletes uploads that never reached a case — form uploads older than `unusedBefore` unless their
 * uploader's own draft of the service, saved after `draftsSavedAfter`, refers to them (a citizen's draft keeps
 * the citizen's files as long as it lives; anonymous uploads and files only someone else's draft names go after
 * the day), and reply attachments still waiting for their reply older than `pendingBefore`. Returns how many went.
 */
export async function deleteOrphanedFiles(
  db: Executor,
  limits: { unusedBefore: Date; pendingBefore: Date; draftsSavedAfter: Date },
): Promise<number> {
  const result = await db
    .deleteFrom('files')
    .where('case_id', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('pending_case_id', 'is', null),
          eb('created_at', '<', limits.unusedBefore),
          eb.not(
            eb.exists(
              eb
                .selectFrom('drafts')
                .select(sql`1`.as('one'))
                .whereRef('drafts.organisation_id', '=', 'files.organisation_id')
                // Only the uploader's own draft: naming ids in a draft must not keep other people's uploads.
                .whereRef('drafts.user_id', '=', 'files.uploaded_by')
                .whereRef('drafts.service_id', '=', 'files.service_id')
                .where('drafts.updated_at', '>', limits.draftsSavedAfter)
                // A file answer is {id, name, mediaType, size}, at any depth (groups, repeating groups).
                .where(sql<boolean>`jsonb_path_exists(drafts.answers, '$.**.id ? (@ == $id)', jsonb_build_object('id', files.id::text))`),
            ),
          ),
        ]),
        eb.and([eb('pending_case_id', 'is not', null), eb('created_at', '<', limits.pendingBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Housekeeping: deletes parts of uploads that were never put together (the process stopped while writing). */
export async function deleteAbandonedFileParts(db: Executor, before: Date): Promise<number> {
  const result = await db.deleteFrom('file_parts').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
