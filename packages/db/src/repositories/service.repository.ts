import { sql } from 'kysely';
import { toJsonColumn } from '../json-column';
import type { Service } from '../tables/service.table';
import type { ServiceVersion } from '../tables/service-version.table';
import type { Executor } from './executor';

export async function insertService(
  db: Executor,
  service: { id: string; organisationId: string; slug: string; draft: unknown },
): Promise<Service> {
  return db
    .insertInto('services')
    .values({ id: service.id, organisation_id: service.organisationId, slug: service.slug, draft: toJsonColumn(service.draft) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findServiceById(db: Executor, organisationId: string, serviceId: string): Promise<Service | undefined> {
  return db.selectFrom('services').selectAll().where('organisation_id', '=', organisationId).where('id', '=', serviceId).executeTakeFirst();
}

/** Just the published version number of a service (undefined: no such service; null: not published). */
export async function findPublishedVersionNumber(db: Executor, organisationId: string, serviceId: string): Promise<number | null | undefined> {
  const row = await db
    .selectFrom('services')
    .select('published_version')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', serviceId)
    .executeTakeFirst();
  return row?.published_version;
}

export async function findServiceBySlug(db: Executor, organisationId: string, slug: string): Promise<Service | undefined> {
  return db.selectFrom('services').selectAll().where('organisation_id', '=', organisationId).where('slug', '=', slug).executeTakeFirst();
}

/** The organisation's services with their published definition (catalog), ordered by slug. */
/** Every service of the organisation (drafts included), by slug. */
export async function listServices(db: Executor, organisationId: string): Promise<Service[]> {
  return db.selectFrom('services').selectAll().where('organisation_id', '=', organisationId).orderBy('slug').execute();
}

export async function listPublishedServices(
  db: Executor,
  organisationId: string,
): Promise<{ id: string; slug: string; version: number; definition: unknown }[]> {
  return db
    .selectFrom('services')
    .innerJoin('service_versions', (join) =>
      join.onRef('service_versions.service_id', '=', 'services.id').onRef('service_versions.version', '=', 'services.published_version'),
    )
    .select(['services.id', 'services.slug', 'service_versions.version', 'service_versions.definition'])
    .where('services.organisation_id', '=', organisationId)
    .orderBy('services.slug')
    .execute();
}

/**
 * Replaces a draft if nobody saved it since `expectedRevision`. Returns the new revision, or undefined when
 * the draft changed meanwhile (the caller answers 409).
 */
export async function updateServiceDraft(
  db: Executor,
  organisationId: string,
  serviceId: string,
  draft: unknown,
  expectedRevision: number,
): Promise<number | undefined> {
  const row = await db
    .updateTable('services')
    .set((eb) => ({ draft: toJsonColumn(draft), draft_revision: eb('draft_revision', '+', 1), updated_at: new Date() }))
    .where('organisation_id', '=', organisationId)
    .where('id', '=', serviceId)
    .where('draft_revision', '=', expectedRevision)
    .returning('draft_revision')
    .executeTakeFirst();
  return row?.draft_revision;
}

/**
 * Freezes the definition as the next immutable version. Locks the service row so two publishes in parallel
 * get consecutive numbers. Run inside a transaction.
 */
export async function insertServiceVersion(
  trx: Executor,
  organisationId: string,
  serviceId: string,
  definition: unknown,
  submissionSchema: unknown,
): Promise<ServiceVersion> {
  const service = await lockService(trx, organisationId, serviceId);
  const version = (service.published_version ?? 0) + 1;
  const row = await trx
    .insertInto('service_versions')
    .values({
      organisation_id: organisationId,
      service_id: serviceId,
      version,
      definition: toJsonColumn(definition),
      submission_schema: toJsonColumn(submissionSchema),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx.updateTable('services').set({ published_version: version, updated_at: new Date() }).where('id', '=', serviceId).execute();
  return row;
}

/**
 * Publishes `definition` as the service's next version — unless it is the published version already (a second
 * click on "publish", a retried request): then that version is returned with `created: false`. Decided under the
 * service row's lock, so two publishes of one draft at once make one version, not two identical ones.
 */
export async function publishServiceVersion(
  trx: Executor,
  organisationId: string,
  serviceId: string,
  definition: unknown,
  submissionSchema: unknown,
): Promise<{ version: ServiceVersion; created: boolean }> {
  const service = await lockService(trx, organisationId, serviceId);
  if (service.published_version !== null) {
    // jsonb equality ignores key order and spacing: the same definition, however it was serialised.
    const unchanged = await trx
      .selectFrom('service_versions')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('service_id', '=', serviceId)
      .where('version', '=', service.published_version)
      .where(sql<boolean>`definition = ${toJsonColumn(definition)}::jsonb`)
      .executeTakeFirst();
    if (unchanged) return { version: unchanged, created: false };
  }
  return { version: await insertServiceVersion(trx, organisationId, serviceId, definition, submissionSchema), created: true };
}

/** Locks the service row until the transaction ends (publishing is serialised per service) and reads its version. */
function lockService(trx: Executor, organisationId: string, serviceId: string): Promise<{ published_version: number | null }> {
  return trx
    .selectFrom('services')
    .select('published_version')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', serviceId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function findServiceVersion(
  db: Executor,
  organisationId: string,
  serviceId: string,
  version: number,
): Promise<ServiceVersion | undefined> {
  return db
    .selectFrom('service_versions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('service_id', '=', serviceId)
    .where('version', '=', version)
    .executeTakeFirst();
}

/**
 * The published versions of a service, newest first, each with its title (read from the definition in the
 * database, so the definitions themselves are not sent). Empty for an unpublished or unknown service.
 */
export async function listServiceVersions(
  db: Executor,
  organisationId: string,
  serviceId: string,
): Promise<{ version: number; published_at: Date; title: unknown }[]> {
  return db
    .selectFrom('service_versions')
    .select(['version', 'published_at', sql<unknown>`definition -> 'title'`.as('title')])
    .where('organisation_id', '=', organisationId)
    .where('service_id', '=', serviceId)
    .orderBy('version', 'desc')
    .execute();
}

/**
 * The process roles each published version of a service declares (`settings.roles`, read in the database so the
 * definitions themselves are not sent), newest version first. Empty for an unpublished or unknown service.
 */
export async function listPublishedServiceRoles(
  db: Executor,
  organisationId: string,
  serviceId: string,
): Promise<{ version: number; roles: unknown }[]> {
  return db
    .selectFrom('service_versions')
    .select(['version', sql<unknown>`definition -> 'settings' -> 'roles'`.as('roles')])
    .where('organisation_id', '=', organisationId)
    .where('service_id', '=', serviceId)
    .orderBy('version', 'desc')
    .execute();
}
