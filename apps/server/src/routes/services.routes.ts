import { randomUUID } from 'node:crypto';
import { checkDefinition, isPublishable, RESERVED_ROLE_IDS, type Diagnostic, type ServiceDefinition } from '@amtsweg/definitions';
import {
  findServiceById,
  findServiceBySlug,
  findServiceVersion,
  insertService,
  listPublishedServices,
  publishServiceVersion,
  updateServiceDraft,
  type Database,
  type Service,
} from '@amtsweg/db';
import { compileFormSchema } from '@amtsweg/forms';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { AppError } from '../app-error';
import { DIAGNOSTICS, DRAFT_DEFINITION, ERROR_RESPONSE, LOCALIZED, uuidParams } from './shared-schemas';

const ERROR = ERROR_RESPONSE;
const ANY_OBJECT = { type: 'object', additionalProperties: true } as const;
const SERVICE_ID_PARAMS = uuidParams('serviceId');
const PUBLISHED = {
  type: 'object',
  required: ['version', 'publishedAt', 'warnings'],
  properties: { version: { type: 'integer' }, publishedAt: { type: 'string', format: 'date-time' }, warnings: DIAGNOSTICS },
} as const;
const NOT_FOUND = { de: 'Diesen Dienst gibt es nicht.', en: 'There is no such service.' };

/** A service of the organisation, or 404 (another organisation's service is as unknown as a missing one). */
export async function loadService(db: Kysely<Database>, organisationId: string, serviceId: string): Promise<Service> {
  const service = await findServiceById(db, organisationId, serviceId);
  if (!service) throw new AppError('SERVICE_NOT_FOUND', NOT_FOUND);
  return service;
}

/**
 * The diagnostics of a definition about to be stored as a draft. A draft may be unfinished in any way, but one
 * nested beyond the limits is refused (422) before it reaches the database: neither PostgreSQL's `jsonb` nor
 * any check could read it back safely. So is one declaring a built-in actor (`applicant`, `system`) as a
 * process role (issue 18): the Studio never makes one, and no draft should carry it towards a grant.
 */
export function checkStorableDraft(definition: unknown): Diagnostic[] {
  const diagnostics = checkDefinition(definition);
  if (diagnostics.some((diagnostic) => diagnostic.code === 'DEFINITION_TOO_DEEP')) {
    throw new AppError(
      'DEFINITION_INVALID',
      { de: 'Die Definition ist zu tief verschachtelt und wird nicht gespeichert.', en: 'The definition is nested too deeply and is not saved.' },
      { diagnostics },
    );
  }
  if (diagnostics.some((diagnostic) => diagnostic.code === 'RESERVED_ROLE')) {
    throw new AppError(
      'DEFINITION_INVALID',
      {
        de: `Die Definition verwendet die Kennung eines eingebauten Beteiligten (${RESERVED_ROLE_IDS.join(', ')}) als Rolle und wird nicht gespeichert.`,
        en: `The definition uses the identifier of a built-in actor (${RESERVED_ROLE_IDS.join(', ')}) as a role and is not saved.`,
      },
      { diagnostics },
    );
  }
  return diagnostics;
}

/**
 * Replaces the draft unless someone saved it since `expectedRevision`; then 409 `DRAFT_CONFLICT` with the
 * revision it has now, and nothing is written. Returns the new revision.
 */
export async function replaceDraft(db: Kysely<Database>, organisationId: string, serviceId: string, definition: unknown, expectedRevision: number): Promise<number> {
  const revision = await updateServiceDraft(db, organisationId, serviceId, definition, expectedRevision);
  if (revision !== undefined) return revision;
  const current = await findServiceById(db, organisationId, serviceId);
  throw new AppError(
    'DRAFT_CONFLICT',
    { de: 'Der Entwurf wurde inzwischen von jemand anderem gespeichert.', en: 'Someone else saved the draft in the meantime.' },
    { currentVersion: current?.draft_revision },
  );
}

/**
 * Each service draws its reference numbers from its own sequence, so two services of one organisation with the
 * same pattern would hand out the same Aktenzeichen. Publishing is refused while another service's published
 * version has the pattern (compared trimmed and case-insensitively).
 */
async function refuseSharedReferencePattern(db: Kysely<Database>, organisationId: string, serviceId: string, pattern: string): Promise<void> {
  const normalized = normalizeReferencePattern(pattern);
  const other = (await listPublishedServices(db, organisationId)).find(
    (row) => row.id !== serviceId && normalizeReferencePattern((row.definition as Partial<ServiceDefinition>).settings?.referencePattern) === normalized,
  );
  if (!other) return;
  const message = {
    de: `Das Muster des Aktenzeichens „${pattern}“ (settings.referencePattern) verwendet schon der Dienst „${other.slug}“; die Aktenzeichen beider Dienste wären gleich. Bitte wählen Sie ein eigenes Muster, z. B. mit einem anderen Kürzel.`,
    en: `The reference number pattern “${pattern}” (settings.referencePattern) is already used by the service “${other.slug}”; both services would issue the same references. Please choose a pattern of its own, e.g. with another prefix.`,
  };
  const diagnostic: Diagnostic = { code: 'REFERENCE_PATTERN_TAKEN', severity: 'error', path: '/settings/referencePattern', message: message.de, messageEn: message.en };
  throw new AppError('DEFINITION_INVALID', message, { diagnostics: [diagnostic] });
}

function normalizeReferencePattern(pattern: string | undefined): string | undefined {
  return pattern?.trim().toLowerCase();
}

export function servicesRoutes(app: FastifyInstance): void {
  const db = () => app.database.db;

  app.get(
    '/api/services',
    {
      config: { access: 'public' },
      schema: {
        tags: ['services'],
        summary: 'The catalog: every published service of the organisation',
        response: {
          200: {
            type: 'object',
            required: ['services'],
            properties: {
              services: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'slug', 'title', 'publishedVersion'],
                  properties: {
                    id: { type: 'string' },
                    slug: { type: 'string' },
                    title: LOCALIZED,
                    description: LOCALIZED,
                    preparation: LOCALIZED,
                    duration: LOCALIZED,
                    publishedVersion: { type: 'integer' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const rows = await listPublishedServices(db(), request.organisation.id);
      return {
        services: rows.map((row) => {
          const definition = row.definition as ServiceDefinition;
          return {
            id: row.id,
            slug: row.slug,
            title: definition.title,
            description: definition.description,
            preparation: definition.preparation,
            duration: definition.duration,
            publishedVersion: row.version,
          };
        }),
      };
    },
  );

  app.post(
    '/api/services',
    {
      config: { access: 'services:design' },
      schema: {
        tags: ['services'],
        summary: 'Create a service with a draft definition',
        description:
          'The draft may be unfinished (its problems come back as `diagnostics`), but 422 `DEFINITION_INVALID` refuses one nested beyond the limits or declaring a built-in actor (`applicant`, `system`) as a process role (`RESERVED_ROLE`).',
        body: {
          type: 'object',
          required: ['slug', 'definition'],
          additionalProperties: false,
          properties: { slug: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,62}$' }, definition: DRAFT_DEFINITION },
        },
        response: {
          201: {
            type: 'object',
            required: ['id', 'slug', 'draftRevision', 'diagnostics'],
            properties: { id: { type: 'string' }, slug: { type: 'string' }, draftRevision: { type: 'integer' }, diagnostics: DIAGNOSTICS },
          },
          400: ERROR,
          409: ERROR,
          422: ERROR,
        },
      },
    },
    async (request, reply) => {
      const { slug, definition } = request.body as { slug: string; definition: unknown };
      const diagnostics = checkStorableDraft(definition);
      if (await findServiceBySlug(db(), request.organisation.id, slug)) {
        throw new AppError('SERVICE_SLUG_TAKEN', { de: `Die Kurzbezeichnung „${slug}“ ist schon vergeben.`, en: `The slug “${slug}” is taken.` });
      }
      const service = await insertService(db(), { id: randomUUID(), organisationId: request.organisation.id, slug, draft: definition });
      return reply.status(201).send({ id: service.id, slug, draftRevision: service.draft_revision, diagnostics });
    },
  );

  app.put(
    '/api/services/:serviceId/draft',
    {
      config: { access: 'services:design' },
      schema: {
        tags: ['services'],
        summary: 'Save the draft; refused with 409 if someone else saved it since expectedRevision',
        description:
          'The draft may be unfinished (its problems come back as `diagnostics`), but 422 `DEFINITION_INVALID` refuses one nested beyond the limits or declaring a built-in actor (`applicant`, `system`) as a process role (`RESERVED_ROLE`).',
        params: SERVICE_ID_PARAMS,
        body: {
          type: 'object',
          required: ['definition', 'expectedRevision'],
          additionalProperties: false,
          properties: { definition: DRAFT_DEFINITION, expectedRevision: { type: 'integer', minimum: 1 } },
        },
        response: {
          200: { type: 'object', required: ['draftRevision', 'diagnostics'], properties: { draftRevision: { type: 'integer' }, diagnostics: DIAGNOSTICS } },
          400: ERROR,
          404: ERROR,
          409: ERROR,
          422: ERROR,
        },
      },
    },
    async (request) => {
      const { serviceId } = request.params as { serviceId: string };
      const { definition, expectedRevision } = request.body as { definition: unknown; expectedRevision: number };
      await loadService(db(), request.organisation.id, serviceId);
      const diagnostics = checkStorableDraft(definition);
      const revision = await replaceDraft(db(), request.organisation.id, serviceId, definition, expectedRevision);
      return { draftRevision: revision, diagnostics };
    },
  );

  app.post(
    '/api/services/:serviceId/publish',
    {
      config: { access: 'services:design' },
      schema: {
        tags: ['services'],
        summary: 'Run every check on the draft and freeze it as the next immutable version',
        description: 'A draft equal to the published version is not published again: the answer is 200 with that version.',
        params: SERVICE_ID_PARAMS,
        response: {
          201: PUBLISHED,
          200: PUBLISHED,
          404: ERROR,
          422: ERROR,
        },
      },
    },
    async (request, reply) => {
      const { serviceId } = request.params as { serviceId: string };
      const service = await loadService(db(), request.organisation.id, serviceId);
      const diagnostics = checkDefinition(service.draft);
      if (!isPublishable(diagnostics)) {
        throw new AppError(
          'DEFINITION_INVALID',
          { de: 'Der Entwurf hat Fehler und kann nicht veröffentlicht werden.', en: 'The draft has errors and cannot be published.' },
          { diagnostics },
        );
      }
      const definition = service.draft as ServiceDefinition;
      await refuseSharedReferencePattern(db(), request.organisation.id, serviceId, definition.settings.referencePattern);
      const { version, created } = await db()
        .transaction()
        .execute((trx) => publishServiceVersion(trx, request.organisation.id, serviceId, definition, compileFormSchema(definition.form, definition.title.de)));
      app.publishedVersions.forget(request.organisation.id, serviceId);
      // An unchanged draft (a second click, a retry) is the version already published: 200 with that version.
      return reply.status(created ? 201 : 200).send({ version: version.version, publishedAt: version.published_at.toISOString(), warnings: diagnostics });
    },
  );

  app.get(
    '/api/services/:serviceId',
    {
      config: { access: 'services:design' },
      schema: {
        tags: ['services'],
        summary: 'A service with its draft and the number of its published version',
        params: SERVICE_ID_PARAMS,
        response: {
          200: {
            type: 'object',
            required: ['id', 'slug', 'draft', 'draftRevision', 'publishedVersion', 'diagnostics'],
            properties: {
              id: { type: 'string' },
              slug: { type: 'string' },
              draft: ANY_OBJECT,
              draftRevision: { type: 'integer' },
              publishedVersion: { type: ['integer', 'null'] },
              diagnostics: DIAGNOSTICS,
            },
          },
          404: ERROR,
        },
      },
    },
    async (request) => {
      const { serviceId } = request.params as { serviceId: string };
      const service = await loadService(db(), request.organisation.id, serviceId);
      return {
        id: service.id,
        slug: service.slug,
        draft: service.draft,
        draftRevision: service.draft_revision,
        publishedVersion: service.published_version,
        diagnostics: checkDefinition(service.draft),
      };
    },
  );

  app.get(
    '/api/services/:serviceId/versions/:version',
    {
      config: { access: 'public' },
      schema: {
        tags: ['services'],
        summary: 'A published version: its definition and the JSON Schema of its submissions',
        params: {
          type: 'object',
          required: ['serviceId', 'version'],
          properties: { serviceId: { type: 'string', format: 'uuid' }, version: { type: 'integer', minimum: 1 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['serviceId', 'version', 'definition', 'submissionSchema', 'publishedAt'],
            properties: {
              serviceId: { type: 'string' },
              version: { type: 'integer' },
              definition: ANY_OBJECT,
              submissionSchema: ANY_OBJECT,
              publishedAt: { type: 'string', format: 'date-time' },
            },
          },
          404: ERROR,
        },
      },
    },
    async (request) => {
      const { serviceId, version } = request.params as { serviceId: string; version: number };
      const row = await findServiceVersion(db(), request.organisation.id, serviceId, version);
      if (!row) throw new AppError('VERSION_NOT_FOUND', { de: 'Diese Version gibt es nicht.', en: 'There is no such version.' });
      return {
        serviceId,
        version: row.version,
        definition: row.definition,
        submissionSchema: row.submission_schema,
        publishedAt: row.published_at.toISOString(),
      };
    },
  );
}
