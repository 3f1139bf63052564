import { deleteDraft, findDraft, listDrafts, saveDraft } from '@amtsweg/db';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../app-error';
import type { UserPrincipal } from '../auth/principal';
import { ERROR_RESPONSE, LOCALIZED, uuidParams } from './shared-schemas';

const ERROR = ERROR_RESPONSE;
const SERVICE_ID_PARAMS = uuidParams('serviceId');

/** Largest body of a saved draft: the answers of a long form with room to spare (files are uploaded on their own). */
export const DRAFT_BODY_LIMIT = 512 * 1024;
/** Answers nest a few levels (groups inside repeating groups); anything far deeper is not a form's answers. */
const MAX_ANSWERS_DEPTH = 32;

const DRAFT_NOT_FOUND = { de: 'Für diesen Dienst ist kein Entwurf gespeichert.', en: 'There is no saved draft for this service.' };
const SERVICE_NOT_FOUND = { de: 'Diesen Dienst gibt es nicht.', en: 'There is no such service.' };
const SERVICE_NOT_PUBLISHED = { de: 'Dieser Dienst ist noch nicht veröffentlicht.', en: 'This service is not published yet.' };
const DRAFT_TOO_LARGE = {
  de: `Der Entwurf ist zu groß: Die Angaben dürfen höchstens ${DRAFT_BODY_LIMIT / 1024} KB umfassen.`,
  en: `The draft is too large: the answers may take at most ${DRAFT_BODY_LIMIT / 1024} KB.`,
};
const DRAFT_CHANGED = {
  de: 'Der Entwurf wurde inzwischen auf einem anderen Gerät gespeichert. Bitte laden Sie ihn neu.',
  en: 'The draft was saved on another device in the meantime. Please load it again.',
};
const DRAFT_GONE = {
  de: 'Der Entwurf wurde inzwischen gelöscht oder der Antrag abgeschickt.',
  en: 'The draft was deleted or the application submitted in the meantime.',
};

const DRAFT_SUMMARY = {
  type: 'object',
  required: ['serviceId', 'serviceVersion', 'serviceTitle', 'pageId', 'updatedAt', 'revision'],
  properties: {
    serviceId: { type: 'string' },
    serviceVersion: { type: 'integer' },
    serviceTitle: LOCALIZED,
    pageId: { type: ['string', 'null'] },
    updatedAt: { type: 'string', format: 'date-time' },
    revision: { type: 'integer' },
  },
} as const;

/**
 * Drafts of logged-in citizens: the answers of a form not yet submitted, one per citizen and service, saved on the
 * server so the citizen can resume on another device. Never validated against the form (a draft is unfinished);
 * deleted when the citizen submits.
 */
export function draftsRoutes(app: FastifyInstance): void {
  const db = () => app.database.db;

  app.get(
    '/api/drafts',
    {
      config: { access: 'citizen' },
      schema: {
        tags: ['drafts'],
        summary: 'My drafts, most recently saved first',
        description: 'Drafts not saved for 30 days are gone (and deleted now).',
        response: {
          200: { type: 'object', required: ['drafts'], properties: { drafts: { type: 'array', items: DRAFT_SUMMARY } } },
          401: ERROR,
          403: ERROR,
        },
      },
    },
    async (request) => {
      const drafts = await listDrafts(db(), request.organisation.id, citizenOf(request));
      return { drafts: drafts.map((draft) => ({ ...draft, updatedAt: draft.updatedAt.toISOString() })) };
    },
  );

  app.get(
    '/api/drafts/:serviceId',
    {
      config: { access: 'citizen' },
      schema: {
        tags: ['drafts'],
        summary: 'My draft for a service: the answers so far and the page to resume on',
        params: SERVICE_ID_PARAMS,
        response: {
          200: {
            type: 'object',
            required: ['serviceId', 'serviceVersion', 'answers', 'pageId', 'updatedAt', 'revision'],
            properties: {
              serviceId: { type: 'string' },
              serviceVersion: { type: 'integer', description: 'The version the form was started on' },
              answers: { type: 'object', additionalProperties: true },
              pageId: { type: ['string', 'null'] },
              updatedAt: { type: 'string', format: 'date-time' },
              revision: { type: 'integer', description: 'Send it back as expectedRevision when saving' },
            },
          },
          401: ERROR,
          403: ERROR,
          404: ERROR,
        },
      },
    },
    async (request) => {
      const { serviceId } = request.params as { serviceId: string };
      const draft = await findDraft(db(), request.organisation.id, citizenOf(request), serviceId);
      if (!draft) throw new AppError('DRAFT_NOT_FOUND', DRAFT_NOT_FOUND);
      return {
        serviceId,
        serviceVersion: draft.service_version,
        answers: draft.answers,
        pageId: draft.page_id,
        updatedAt: draft.updated_at.toISOString(),
        revision: draft.revision,
      };
    },
  );

  app.put(
    '/api/drafts/:serviceId',
    {
      config: { access: 'citizen' },
      bodyLimit: DRAFT_BODY_LIMIT,
      // An oversized draft says what the limit is, rather than the general "too large".
      errorHandler(error: FastifyError) {
        if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', DRAFT_TOO_LARGE);
        throw error;
      },
      schema: {
        tags: ['drafts'],
        summary: 'Save my draft for a service',
        description:
          'The answers are stored as they are, not checked against the form. Without expectedRevision the last save wins; with it the ' +
          'save is refused (409, with when the stored draft was saved) unless the stored draft still has that revision — ' +
          '0 means "there is no draft yet". Drafts not saved for 30 days are gone.',
        params: SERVICE_ID_PARAMS,
        body: {
          type: 'object',
          required: ['serviceVersion', 'answers', 'pageId'],
          additionalProperties: false,
          properties: {
            serviceVersion: { type: 'integer', minimum: 1, description: 'The published version the form was started on' },
            answers: { type: 'object', description: `The answers so far; at most ${DRAFT_BODY_LIMIT / 1024} KB of JSON` },
            pageId: { type: ['string', 'null'], maxLength: 200, description: 'The page the citizen is on' },
            expectedRevision: { type: 'integer', minimum: 0, description: 'The revision this save replaces (0: none yet)' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['revision', 'updatedAt'],
            properties: { revision: { type: 'integer' }, updatedAt: { type: 'string', format: 'date-time' } },
          },
          400: ERROR,
          401: ERROR,
          403: ERROR,
          404: ERROR,
          409: ERROR,
          413: ERROR,
          415: ERROR,
        },
      },
    },
    async (request) => {
      const { serviceId } = request.params as { serviceId: string };
      const body = request.body as { serviceVersion: number; answers: Record<string, unknown>; pageId: string | null; expectedRevision?: number };
      const { organisation } = request;
      const userId = citizenOf(request);
      const tooDeep = findTooDeep(body.answers, '/body/answers', MAX_ANSWERS_DEPTH);
      if (tooDeep !== undefined) {
        throw new AppError(
          'REQUEST_INVALID',
          { de: 'Die Anfrage ist ungültig.', en: 'The request is invalid.' },
          {
            errors: [
              {
                path: tooDeep,
                code: 'tooDeep',
                message: { de: `„answers“ ist zu tief verschachtelt (höchstens ${MAX_ANSWERS_DEPTH} Ebenen).`, en: `“answers” is nested too deeply (at most ${MAX_ANSWERS_DEPTH} levels).` },
              },
            ],
          },
        );
      }
      const published = await app.publishedVersions.find(db(), organisation.id, serviceId);
      if (published === undefined) throw new AppError('SERVICE_NOT_FOUND', SERVICE_NOT_FOUND);
      if (published === null) throw new AppError('SERVICE_NOT_PUBLISHED', SERVICE_NOT_PUBLISHED);
      // Versions are numbered 1, 2, 3… and never removed, so every number up to the published one exists.
      if (body.serviceVersion > published) {
        throw new AppError('VERSION_NOT_FOUND', {
          de: `Version ${body.serviceVersion} dieses Dienstes gibt es nicht („serviceVersion“).`,
          en: `There is no version ${body.serviceVersion} of this service (“serviceVersion”).`,
        });
      }
      const saved = await saveDraft(
        db(),
        organisation.id,
        userId,
        { serviceId, serviceVersion: body.serviceVersion, answers: body.answers, pageId: body.pageId },
        body.expectedRevision,
      );
      if (!saved) {
        const current = await findDraft(db(), organisation.id, userId, serviceId);
        throw new AppError(
          'DRAFT_CONFLICT',
          current ? DRAFT_CHANGED : DRAFT_GONE,
          current ? { currentVersion: current.revision, updatedAt: current.updated_at.toISOString() } : { updatedAt: null },
        );
      }
      return { revision: saved.revision, updatedAt: saved.updatedAt.toISOString() };
    },
  );

  app.delete(
    '/api/drafts/:serviceId',
    {
      config: { access: 'citizen' },
      schema: {
        tags: ['drafts'],
        summary: 'Discard my draft for a service (also answers 204 if there is none)',
        params: SERVICE_ID_PARAMS,
        response: { 204: { type: 'null' }, 401: ERROR, 403: ERROR },
      },
    },
    async (request, reply) => {
      const { serviceId } = request.params as { serviceId: string };
      await deleteDraft(db(), request.organisation.id, citizenOf(request), serviceId);
      return reply.status(204).send();
    },
  );
}

/** The calling citizen's account id; the routes' `citizen` access let no one else through. */
function citizenOf(request: FastifyRequest): string {
  return (request.principal as UserPrincipal).user.id;
}

/** The JSON pointer of the first value nested deeper than `limit` below `value`, if any. */
function findTooDeep(value: unknown, path: string, limit: number): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (limit === 0) return path;
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  for (const [key, child] of entries) {
    const found = findTooDeep(child, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, limit - 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
