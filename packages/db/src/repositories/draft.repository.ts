import { sql } from 'kysely';
import { toJsonColumn } from '../json-column';
import type { DraftRow } from '../tables/draft.table';
import type { Executor } from './executor';

/** A draft not saved for this many days is treated as gone, and deleted when its citizen next saves or lists. */
export const DRAFT_LIFETIME_DAYS = 30;

export interface DraftInput {
  serviceId: string;
  serviceVersion: number;
  answers: unknown;
  pageId: string | null;
}

export interface DraftSummary {
  serviceId: string;
  serviceVersion: number;
  /** The `title` of the version's definition (localized text). */
  serviceTitle: unknown;
  pageId: string | null;
  updatedAt: Date;
  revision: number;
}

/** The oldest `updated_at` a live draft may have. */
function oldestLive(now: Date): Date {
  return new Date(now.getTime() - DRAFT_LIFETIME_DAYS * 24 * 60 * 60 * 1000);
}

/** The citizen's draft for a service, unless it expired. */
export async function findDraft(db: Executor, organisationId: string, userId: string, serviceId: string): Promise<DraftRow | undefined> {
  return db
    .selectFrom('drafts')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .where('service_id', '=', serviceId)
    .where('updated_at', '>', oldestLive(new Date()))
    .executeTakeFirst();
}

/** The citizen's drafts, most recently saved first, with the title of their service; deletes expired ones first. */
export async function listDrafts(db: Executor, organisationId: string, userId: string): Promise<DraftSummary[]> {
  const now = new Date();
  await deleteExpiredDrafts(db, organisationId, userId, now);
  const rows = await db
    .selectFrom('drafts')
    .innerJoin('service_versions', (join) =>
      join
        .onRef('service_versions.organisation_id', '=', 'drafts.organisation_id')
        .onRef('service_versions.service_id', '=', 'drafts.service_id')
        .onRef('service_versions.version', '=', 'drafts.service_version'),
    )
    .select([
      'drafts.service_id',
      'drafts.service_version',
      'drafts.page_id',
      'drafts.updated_at',
      'drafts.revision',
      sql<unknown>`service_versions.definition -> 'title'`.as('service_title'),
    ])
    .where('drafts.organisation_id', '=', organisationId)
    .where('drafts.user_id', '=', userId)
    .where('drafts.updated_at', '>', oldestLive(now))
    .orderBy('drafts.updated_at', 'desc')
    .execute();
  return rows.map((row) => ({
    serviceId: row.service_id,
    serviceVersion: row.service_version,
    serviceTitle: row.service_title,
    pageId: row.page_id,
    updatedAt: row.updated_at,
    revision: row.revision,
  }));
}

/**
 * Saves the citizen's draft for a service and deletes their expired drafts. Without `expectedRevision` the last
 * write wins; with it, the draft is saved only if the stored one still has that revision (0: there is none
 * yet), atomically. Answers the new revision, or undefined when the stored draft differs (the caller answers 409).
 */
export async function saveDraft(
  db: Executor,
  organisationId: string,
  userId: string,
  draft: DraftInput,
  expectedRevision?: number,
): Promise<{ revision: number; updatedAt: Date } | undefined> {
  const now = new Date();
  // An expired draft counts as none, also for expectedRevision 0.
  await deleteExpiredDrafts(db, organisationId, userId, now);
  const values = { service_version: draft.serviceVersion, answers: toJsonColumn(draft.answers), page_id: draft.pageId, updated_at: now };
  const key = { organisation_id: organisationId, user_id: userId, service_id: draft.serviceId };
  if (expectedRevision === undefined || expectedRevision === 0) {
    const row = await db
      .insertInto('drafts')
      .values({ ...key, ...values, revision: 1 })
      .onConflict((c) => {
        const conflict = c.columns(['organisation_id', 'user_id', 'service_id']);
        return expectedRevision === 0 ? conflict.doNothing() : conflict.doUpdateSet((eb) => ({ ...values, revision: eb('drafts.revision', '+', 1) }));
      })
      .returning(['revision', 'updated_at'])
      .executeTakeFirst();
    return row && { revision: row.revision, updatedAt: row.updated_at };
  }
  const row = await db
    .updateTable('drafts')
    .set((eb) => ({ ...values, revision: eb('revision', '+', 1) }))
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .where('service_id', '=', draft.serviceId)
    .where('revision', '=', expectedRevision)
    .returning(['revision', 'updated_at'])
    .executeTakeFirst();
  return row && { revision: row.revision, updatedAt: row.updated_at };
}

/** Deletes the citizen's draft for a service (nothing happens if there is none). */
export async function deleteDraft(db: Executor, organisationId: string, userId: string, serviceId: string): Promise<void> {
  await db
    .deleteFrom('drafts')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .where('service_id', '=', serviceId)
    .execute();
}

async function deleteExpiredDrafts(db: Executor, organisationId: string, userId: string, now: Date): Promise<void> {
  await db
    .deleteFrom('drafts')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .where('updated_at', '<=', oldestLive(now))
    .execute();
}

/** Housekeeping: deletes drafts not saved for `DRAFT_LIFETIME_DAYS` (reads already treat them as absent). */
export async function deleteStaleDrafts(db: Executor, now: Date): Promise<number> {
  const result = await db.deleteFrom('drafts').where('updated_at', '<', oldestLive(now)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
