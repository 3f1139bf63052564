import { deleteDraft } from '@amtsweg/db';
import type { FastifyInstance } from 'fastify';
import { AppError, pickLanguage } from '../app-error';
import { toOfficeDate } from '../cases/office-date';
import { REPLAY_WINDOW_DAYS, submitApplication } from '../cases/submit-application';
import { loadVersion } from '../services/load-version';
import { uuidParams } from './shared-schemas';

export function submissionsRoutes(app: FastifyInstance): void {
  app.post(
    '/api/services/:serviceId/submissions',
    {
      config: { access: 'public', rateLimit: { max: app.rateLimits.submission, timeWindow: 60_000 } },
      schema: {
        tags: ['submissions'],
        summary: 'Apply: validate the answers with the published version and open a case',
        description:
          'The body is the answers object; it is validated with the JSON Schema of the published version (GET …/versions/:version). ' +
          'With the same Idempotency-Key a retried request returns the first answer and creates no second case. ' +
          'The first answer is repeated only to the same caller: the same account, or anonymous again, with the same answers ' +
          '(the order of object keys does not matter, the order of arrays does).',
        params: uuidParams('serviceId'),
        headers: {
          type: 'object',
          properties: {
            'idempotency-key': {
              type: 'string',
              minLength: 8,
              maxLength: 200,
              pattern: '^[\\x21-\\x7E]+$',
              description:
                'A random value chosen by the client (e.g. a UUID), kept secret like a password: for an anonymous applicant it is what ' +
                'fetches the first answer again. A retry with the same key, the same answers and the same caller (the logged-in account ' +
                'that sent the first request, or anonymous if it was anonymous) gets the first answer again, with the same access ' +
                'token, which stays valid. Another caller or other answers get 422 IDEMPOTENCY_KEY_REUSED, which names nothing of the ' +
                `first case. After ${REPLAY_WINDOW_DAYS} days the access token is no longer repeated: 409 IDEMPOTENCY_KEY_EXPIRED (and no second case is filed).`,
            },
          },
        },
        body: { type: 'object', description: 'The answers, as described by the version’s submissionSchema' },
        response: {
          201: {
            type: 'object',
            required: ['caseId', 'reference', 'accessToken', 'receipt'],
            properties: {
              caseId: { type: 'string' },
              reference: { type: 'string' },
              accessToken: { type: 'string', description: `Lets the applicant follow the case; repeated only to a retry of the same caller within ${REPLAY_WINDOW_DAYS} days` },
              receipt: {
                type: ['object', 'null'],
                properties: { documentId: { type: 'string' }, title: { type: 'string' }, text: { type: 'string' } },
              },
            },
          },
          400: { $ref: 'Error#' },
          404: { $ref: 'Error#' },
          409: { $ref: 'Error#' },
          413: { $ref: 'Error#' },
          415: { $ref: 'Error#' },
          422: { $ref: 'Error#' },
        },
      },
    },
    async (request, reply) => {
      const { serviceId } = request.params as { serviceId: string };
      const { organisation, principal } = request;
      const publishedVersion = await app.publishedVersions.find(app.database.db, organisation.id, serviceId);
      if (publishedVersion === undefined) throw new AppError('SERVICE_NOT_FOUND', { de: 'Diesen Dienst gibt es nicht.', en: 'There is no such service.' });
      if (publishedVersion === null) {
        throw new AppError('SERVICE_NOT_PUBLISHED', { de: 'Dieser Dienst ist noch nicht veröffentlicht.', en: 'This service is not published yet.' });
      }
      const version = await loadVersion(app, organisation.id, serviceId, publishedVersion);
      const applicantUserId = principal.kind === 'user' && principal.user.kind === 'citizen' && principal.stage === 'complete' ? principal.user.id : undefined;
      const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
      // The replay of a first answer is bound to whoever sent it: its account (staff too), or anonymous.
      const callerId = principal.kind === 'user' && principal.stage === 'complete' ? principal.user.id : null;
      const answer = await submitApplication(app.submissions, organisation, version, request.body, {
        ...(idempotencyKey ? { idempotency: { key: idempotencyKey, callerId, secrets: app.secrets } } : {}),
        language: pickLanguage(request.headers['accept-language']),
        ...(applicantUserId ? { applicantUserId } : {}),
      });
      // The case is committed; the citizen's draft of it has served its purpose. If it cannot be deleted now, the
      // application still stands (the draft expires on its own).
      if (applicantUserId) {
        await deleteDraft(app.database.db, organisation.id, applicantUserId, serviceId).catch((error: unknown) =>
          request.log.warn({ err: error, serviceId }, 'could not delete the draft of a submitted application'),
        );
      }
      return reply.status(201).send(answer);
    },
  );
  app.post(
    '/api/services/:serviceId/versions/:version/validation',
    {
      config: { access: 'public', rateLimit: { max: app.rateLimits.validation, timeWindow: 60_000 } },
      schema: {
        tags: ['submissions'],
        summary: 'Check answers with a version’s form without submitting them',
        description:
          'The body is the answers object, as for a submission. Answers 200 with every error (JSON pointer, code, message in the ' +
          'language of Accept-Language); nothing is stored. Uploaded files are checked only when the application is submitted.',
        params: {
          type: 'object',
          required: ['serviceId', 'version'],
          properties: { serviceId: { type: 'string', format: 'uuid' }, version: { type: 'integer', minimum: 1 } },
        },
        body: { type: 'object', description: 'The answers, as described by the version’s submissionSchema' },
        response: {
          200: {
            type: 'object',
            required: ['valid', 'errors'],
            properties: {
              valid: { type: 'boolean' },
              errors: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['path', 'code', 'message'],
                  properties: { path: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
                },
              },
            },
          },
          400: { $ref: 'Error#' },
          404: { $ref: 'Error#' },
          413: { $ref: 'Error#' },
          415: { $ref: 'Error#' },
        },
      },
    },
    async (request) => {
      const { serviceId, version: versionNumber } = request.params as { serviceId: string; version: number };
      const version = await loadVersion(app, request.organisation.id, serviceId, versionNumber);
      // The same date as a submission now would be judged by ("not in the future", ages).
      const result = version.form.validate(request.body, { language: pickLanguage(request.headers['accept-language']), today: toOfficeDate(new Date()) });
      return { valid: result.valid, errors: result.valid ? [] : result.errors };
    },
  );
}
