import { checkDefinition, checkDefinitionLimits, isPublishable, validateDefinitionSchema, type ServiceDefinition } from '@amtsweg/definitions';
import { findServiceVersion, listServices, listServiceVersions } from '@amtsweg/db';
import { exampleData } from '@amtsweg/forms';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../app-error';
import { toOfficeDate } from '../cases/office-date';
import { loadDocumentSender } from '../documents/document-sender';
import { renderDocumentPdf } from '../documents/render-document-pdf';
import { exampleReference, renderTemplatePreview } from '../studio/render-template-preview';
import { loadService, replaceDraft } from './services.routes';
import { documentPdfFileName, sendPdf } from './send-document-pdf';
import { DIAGNOSTICS, DRAFT_DEFINITION, ERROR_RESPONSE, ID_PATTERN, LOCALIZED, uuidParams } from './shared-schemas';

const ERROR = ERROR_RESPONSE;
const SERVICE_ID_PARAMS = uuidParams('serviceId');

const STUDIO_SERVICE = {
  type: 'object',
  required: ['id', 'slug', 'title', 'draftRevision', 'publishedVersion', 'updatedAt', 'errorCount'],
  properties: {
    id: { type: 'string' },
    slug: { type: 'string' },
    title: { ...LOCALIZED, type: ['object', 'null'], description: 'The draft’s title; null while the draft has none' },
    draftRevision: { type: 'integer' },
    publishedVersion: { type: ['integer', 'null'] },
    updatedAt: { type: 'string', format: 'date-time', description: 'When the draft was last saved or the service last published' },
    errorCount: { type: 'integer', description: 'Diagnostics of severity error in the draft (0: publishable)' },
  },
} as const;

const PDF_INLINE_RESPONSE = {
  description: 'The document as PDF (Content-Disposition: inline), marked "ENTWURF"',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
} as const;

const VERSION_NOT_FOUND = { de: 'Diese Version gibt es nicht.', en: 'There is no such version.' };
const TEMPLATE_NOT_FOUND = { de: 'Diese Dokumentvorlage gibt es im Entwurf nicht.', en: 'The draft has no such document template.' };
const NOT_RENDERABLE = {
  de: 'Die Definition ist unvollständig; die Vorlage kann erst angezeigt werden, wenn ihr Aufbau stimmt.',
  en: 'The definition is incomplete; the template can be shown once its structure is sound.',
};

const TITLE_ORDER = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/**
 * What the Studio needs beyond saving and publishing: the organisation's services with the state of their
 * drafts, the published versions of a service, a new draft from any published version, checking a definition
 * without storing it, and a document template as PDF with example answers. Designers only
 * (`services:design`); every lookup is scoped to the caller's organisation.
 */
export function studioRoutes(app: FastifyInstance): void {
  const db = () => app.database.db;

  app.get(
    '/api/studio/services',
    {
      config: { access: 'services:design' },
      schema: {
        tags: ['studio'],
        summary: 'Every service of the organisation, published or not, with its draft’s title, revision and error count; by title',
        response: {
          200: { type: 'object', required: ['services'], properties: { services: { type: 'array', items: STUDIO_SERVICE } } },
        },
      },
    },
    async (request) => {
      const rows = await listServices(db(), request.organisation.id);
      const services = rows.map((row) => ({
        id: row.id,
        slug: row.slug,
        title: draftTitle(row.draft),
        draftRevision: row.draft_revision,
        publishedVersion: row.published_version,
        updatedAt: row.updated_at.toISOString(),
        errorCount: checkDefinition(row.draft).filter((diagnostic) => diagnostic.severity === 'error').length,
      }));
      services.sort((a, b) => TITLE_ORDER.compare(a.title?.de ?? a.slug, b.title?.de ?? b.slug) || a.slug.localeCompare(b.slug));
      return { services };
    },
  );

  app.get(
    '/api/services/:serviceId/versions',
    {
      config: { access: 'services:design' },
      schema: {
        tags: ['services'],
        summary: 'The published versions of a service, newest first',
        params: SERVICE_ID_PARAMS,
        response: {
          200: {
            type: 'object',
            required: ['versions'],
            properties: {
              versions: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['version', 'publishedAt', 'title'],
                  properties: { version: { type: 'integer' }, publishedAt: { type: 'string', format: 'date-time' }, title: LOCALIZED },
                },
              },
            },
          },
          404: ERROR,
        },
      },
    },
    async (request) => {
      const { serviceId } = request.params as { serviceId: string };
      await loadService(db(), request.organisation.id, serviceId);
      const rows = await listServiceVersions(db(), request.organisation.id, serviceId);
      return { versions: rows.map((row) => ({ version: row.version, publishedAt: row.published_at.toISOString(), title: row.title })) };
    },
  );

  app.post(
    '/api/services/:serviceId/draft/from-version',
    {
      config: { access: 'services:design' },
      schema: {
        tags: ['services'],
        summary: 'Replace the draft by the definition of a published version; refused with 409 if someone else saved it since expectedRevision',
        params: SERVICE_ID_PARAMS,
        body: {
          type: 'object',
          required: ['version', 'expectedRevision'],
          additionalProperties: false,
          properties: { version: { type: 'integer', minimum: 1 }, expectedRevision: { type: 'integer', minimum: 1 } },
        },
        response: {
          200: { type: 'object', required: ['draftRevision', 'diagnostics'], properties: { draftRevision: { type: 'integer' }, diagnostics: DIAGNOSTICS } },
          400: ERROR,
          404: ERROR,
          409: ERROR,
        },
      },
    },
    async (request) => {
      const { serviceId } = request.params as { serviceId: string };
      const { version, expectedRevision } = request.body as { version: number; expectedRevision: number };
      await loadService(db(), request.organisation.id, serviceId);
      const published = await findServiceVersion(db(), request.organisation.id, serviceId, version);
      if (!published) throw new AppError('VERSION_NOT_FOUND', VERSION_NOT_FOUND);
      const draftRevision = await replaceDraft(db(), request.organisation.id, serviceId, published.definition, expectedRevision);
      return { draftRevision, diagnostics: checkDefinition(published.definition) };
    },
  );

  app.post(
    '/api/studio/check',
    {
      config: { access: 'services:design' },
      schema: {
        tags: ['studio'],
        summary: 'Run every check on a definition without storing it (an imported file, checking while editing)',
        body: { type: 'object', required: ['definition'], additionalProperties: false, properties: { definition: DRAFT_DEFINITION } },
        response: {
          200: {
            type: 'object',
            required: ['diagnostics', 'publishable'],
            properties: { diagnostics: DIAGNOSTICS, publishable: { type: 'boolean', description: 'No diagnostic of severity error' } },
          },
          400: ERROR,
        },
      },
    },
    (request) => {
      const { definition } = request.body as { definition: unknown };
      const diagnostics = checkDefinition(definition);
      return { diagnostics, publishable: isPublishable(diagnostics) };
    },
  );

  app.post(
    '/api/services/:serviceId/templates/:templateId/preview/pdf',
    {
      config: { access: 'services:design' },
      schema: {
        tags: ['studio'],
        summary: 'A document template of the draft (or of the definition sent) as PDF, filled with example answers; writes nothing',
        description:
          'Without data every field gets an example value of its type; the Aktenzeichen is MUSTER-<year>-00001 and the dates are today. 422 (with the diagnostics) while the definition’s structure is broken.',
        params: {
          type: 'object',
          required: ['serviceId', 'templateId'],
          properties: { serviceId: { type: 'string', format: 'uuid' }, templateId: { type: 'string', pattern: ID_PATTERN } },
        },
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            definition: { ...DRAFT_DEFINITION, description: 'An unsaved definition to render instead of the stored draft' },
            data: { type: 'object', maxProperties: 200, description: 'Answers to render with instead of the example answers' },
          },
        },
        response: { 200: PDF_INLINE_RESPONSE, 400: ERROR, 404: ERROR, 422: ERROR },
      },
    },
    async (request, reply) => {
      const { serviceId, templateId } = request.params as { serviceId: string; templateId: string };
      const body = (request.body ?? {}) as { definition?: unknown; data?: Record<string, unknown> };
      const service = await loadService(db(), request.organisation.id, serviceId);
      const candidate = body.definition ?? service.draft;
      // The limits first: the schema validator recurses, so it must not meet a definition nested without bound.
      const beyondLimits = checkDefinitionLimits(candidate);
      const structure = beyondLimits.length > 0 ? beyondLimits : validateDefinitionSchema(candidate);
      if (structure.length > 0) throw new AppError('DEFINITION_INVALID', NOT_RENDERABLE, { diagnostics: structure });
      const definition = candidate as ServiceDefinition;
      const template = definition.documents.find((document) => document.id === templateId);
      if (!template) throw new AppError('TEMPLATE_NOT_FOUND', TEMPLATE_NOT_FOUND);
      const now = new Date();
      const data = body.data ?? exampleData(definition.form, { today: toOfficeDate(now) });
      const { title, content } = renderTemplatePreview(definition, template, data, request.organisation, now);
      const pdf = await renderDocumentPdf({ title, createdAt: now, content }, { reference: exampleReference(now), ...(await loadDocumentSender(app.database.db, request.organisation)) }, { draft: true });
      return sendPdf(reply, documentPdfFileName(exampleReference(now), `${title} Entwurf`), pdf, 'inline');
    },
  );
}

/** The draft's title if it has one with a German text (a draft may be unfinished in any way). */
function draftTitle(draft: unknown): { de: string } | null {
  if (draft === null || typeof draft !== 'object' || !('title' in draft)) return null;
  const title = draft.title;
  if (title === null || typeof title !== 'object' || Array.isArray(title)) return null;
  const texts = Object.fromEntries(Object.entries(title).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return typeof texts.de === 'string' ? { ...texts, de: texts.de } : null;
}
