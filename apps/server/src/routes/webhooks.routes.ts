import { randomUUID } from 'node:crypto';
import {
  appendAuditEvent,
  deleteWebhookEndpoint,
  enqueueJobs,
  findServiceById,
  findWebhookDelivery,
  findWebhookEndpoint,
  insertWebhookDeliveries,
  insertWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  reopenWebhookDelivery,
  requeueJob,
  updateWebhookEndpoint,
  type Organisation,
  type WebhookEndpointRow,
} from '@amtsweg/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type AppMessage } from '../app-error';
import type { UserPrincipal } from '../auth/principal';
import { WEBHOOK_EVENTS, WEBHOOK_MAX_ATTEMPTS } from '../jobs/fan-out-case-event';
import { createWebhookSecret } from '../webhooks/sign-webhook';
import { isHostAllowed } from '../webhooks/webhook-hosts';
import { ERROR_RESPONSE, uuidParams } from './shared-schemas';

const ERROR = ERROR_RESPONSE;
const ENDPOINT_NOT_FOUND: AppMessage = { de: 'Diesen Webhook gibt es nicht.', en: 'There is no such webhook.' };
const DELIVERY_NOT_FOUND: AppMessage = { de: 'Diese Zustellung gibt es nicht.', en: 'There is no such delivery.' };

const URL_SCHEMA = { type: 'string', minLength: 8, maxLength: 2000, pattern: '^https?://', description: 'http(s) address on a host of the organisation’s allow-list' } as const;
const EVENTS_SCHEMA = { type: 'array', minItems: 1, maxItems: WEBHOOK_EVENTS.length, uniqueItems: true, items: { enum: WEBHOOK_EVENTS } } as const;
const DESCRIPTION_SCHEMA = { type: 'string', maxLength: 200 } as const;

const ENDPOINT_VIEW = {
  type: 'object',
  required: ['id', 'serviceId', 'url', 'events', 'description', 'active', 'createdAt'],
  properties: {
    id: { type: 'string' },
    serviceId: { type: 'string' },
    url: { type: 'string' },
    events: { type: 'array', items: { type: 'string' } },
    description: { type: 'string' },
    active: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' },
    secret: { type: 'string', description: 'The signing secret: only in the answer that creates it or rotates it' },
  },
} as const;

const DELIVERY_VIEW = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'The delivery id (header Amtsweg-Delivery), the same on every attempt: receivers deduplicate on it' },
    event: { type: 'string' },
    status: { enum: ['pending', 'delivered', 'failed'] },
    attempts: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    deliveredAt: { type: ['string', 'null'], format: 'date-time' },
    nextAttemptAt: { type: ['string', 'null'], format: 'date-time' },
    attemptList: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: { type: 'string', format: 'date-time' },
          statusCode: { type: ['integer', 'null'] },
          durationMs: { type: 'integer' },
          error: {
            type: ['string', 'null'],
            description: 'Why there is no status code: ENDPOINT_SWITCHED_OFF, HOST_NOT_ALLOWED <host>, or the network error (refused, timed out)',
          },
        },
      },
    },
  },
} as const;

/**
 * Webhooks (administrators): endpoints per service that hear of its cases' events, signed with HMAC-SHA256,
 * retried with a doubling wait for more than a day; every delivery and attempt visible, failed ones retried by
 * hand. Only hosts on the organisation's allow-list can be registered (`PATCH /api/organisation {webhookHosts}`).
 */
export function webhooksRoutes(app: FastifyInstance): void {
  const db = () => app.database.db;
  const toView = (endpoint: WebhookEndpointRow, secret?: string) => ({
    id: endpoint.id,
    serviceId: endpoint.service_id,
    url: endpoint.url,
    events: endpoint.events,
    description: endpoint.description,
    active: endpoint.active,
    createdAt: endpoint.created_at.toISOString(),
    ...(secret ? { secret } : {}),
  });
  const findEndpoint = async (request: FastifyRequest, endpointId: string) => {
    const endpoint = await findWebhookEndpoint(db(), request.organisation.id, endpointId);
    if (!endpoint) throw new AppError('WEBHOOK_NOT_FOUND', ENDPOINT_NOT_FOUND);
    return endpoint;
  };
  const audit = (request: FastifyRequest, kind: string, subjectId: string, details: Record<string, unknown>) =>
    appendAuditEvent(db(), { organisationId: request.organisation.id, kind, actorId: (request.principal as UserPrincipal).user.id, subjectId, ip: request.ip, details });

  app.get(
    '/api/webhooks',
    {
      config: { access: 'organisation:manage' },
      schema: {
        tags: ['webhooks'],
        summary: 'The organisation’s webhook endpoints (never their secrets), of one service or all',
        querystring: { type: 'object', additionalProperties: false, properties: { serviceId: { type: 'string', format: 'uuid' } } },
        response: {
          200: {
            type: 'object',
            required: ['endpoints', 'events', 'allowedHosts'],
            properties: {
              endpoints: { type: 'array', items: ENDPOINT_VIEW },
              events: { type: 'array', items: { type: 'string' }, description: 'Events an endpoint can ask for' },
              allowedHosts: { type: 'array', items: { type: 'string' } },
            },
          },
          400: ERROR,
          401: ERROR,
          403: ERROR,
        },
      },
    },
    async (request) => {
      const { serviceId } = request.query as { serviceId?: string };
      const endpoints = await listWebhookEndpoints(db(), request.organisation.id, serviceId);
      return { endpoints: endpoints.map((e) => toView(e)), events: [...WEBHOOK_EVENTS], allowedHosts: request.organisation.webhook_hosts };
    },
  );

  app.post(
    '/api/webhooks',
    {
      config: { access: 'organisation:manage' },
      schema: {
        tags: ['webhooks'],
        summary: 'Register an endpoint for a service’s case events; the answer holds its signing secret, shown this once',
        body: {
          type: 'object',
          required: ['serviceId', 'url', 'events'],
          additionalProperties: false,
          properties: { serviceId: { type: 'string', format: 'uuid' }, url: URL_SCHEMA, events: EVENTS_SCHEMA, description: DESCRIPTION_SCHEMA },
        },
        response: { 201: ENDPOINT_VIEW, 400: ERROR, 401: ERROR, 403: ERROR, 422: ERROR },
      },
    },
    async (request, reply) => {
      const body = request.body as { serviceId: string; url: string; events: string[]; description?: string };
      const url = checkEndpointUrl(body.url, request.organisation);
      if (!(await findServiceById(db(), request.organisation.id, body.serviceId))) {
        throw new AppError('REQUEST_INVALID', { de: 'Diesen Dienst gibt es nicht.', en: 'There is no such service.' }, {
          errors: [{ path: '/body/serviceId', code: 'unknown', message: { de: 'Diesen Dienst gibt es nicht.', en: 'There is no such service.' } }],
        });
      }
      const id = randomUUID();
      const secret = createWebhookSecret();
      const endpoint = await insertWebhookEndpoint(db(), {
        id,
        organisation_id: request.organisation.id,
        service_id: body.serviceId,
        url,
        events: body.events,
        secret: app.secrets.seal(secret, id),
        description: body.description?.trim() ?? '',
        created_by: (request.principal as UserPrincipal).user.id,
      });
      await audit(request, 'webhook-created', id, { serviceId: body.serviceId, url, events: body.events });
      return reply.status(201).send(toView(endpoint, secret));
    },
  );

  app.patch(
    '/api/webhooks/:endpointId',
    {
      config: { access: 'organisation:manage' },
      schema: {
        tags: ['webhooks'],
        summary: 'Change an endpoint’s address, events, description, or switch it off and on',
        params: uuidParams('endpointId'),
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { url: URL_SCHEMA, events: EVENTS_SCHEMA, description: DESCRIPTION_SCHEMA, active: { type: 'boolean' } },
        },
        response: { 200: ENDPOINT_VIEW, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR, 422: ERROR },
      },
    },
    async (request) => {
      const { endpointId } = request.params as { endpointId: string };
      const body = request.body as { url?: string; events?: string[]; description?: string; active?: boolean };
      await findEndpoint(request, endpointId);
      const url = body.url === undefined ? undefined : checkEndpointUrl(body.url, request.organisation);
      const updated = await updateWebhookEndpoint(db(), request.organisation.id, endpointId, {
        ...body,
        ...(url ? { url } : {}),
        ...(body.description !== undefined ? { description: body.description.trim() } : {}),
      });
      if (!updated) throw new AppError('WEBHOOK_NOT_FOUND', ENDPOINT_NOT_FOUND);
      await audit(request, 'webhook-changed', endpointId, body);
      return toView(updated);
    },
  );

  app.delete(
    '/api/webhooks/:endpointId',
    {
      config: { access: 'organisation:manage' },
      schema: { tags: ['webhooks'], summary: 'Remove an endpoint with its deliveries', params: uuidParams('endpointId'), response: { 204: { type: 'null' }, 401: ERROR, 403: ERROR, 404: ERROR } },
    },
    async (request, reply) => {
      const { endpointId } = request.params as { endpointId: string };
      if (!(await deleteWebhookEndpoint(db(), request.organisation.id, endpointId))) throw new AppError('WEBHOOK_NOT_FOUND', ENDPOINT_NOT_FOUND);
      await audit(request, 'webhook-deleted', endpointId, {});
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/webhooks/:endpointId/secret',
    {
      config: { access: 'organisation:manage' },
      schema: {
        tags: ['webhooks'],
        summary: 'Replace the signing secret; the answer holds the new one, shown this once',
        params: uuidParams('endpointId'),
        response: { 200: ENDPOINT_VIEW, 401: ERROR, 403: ERROR, 404: ERROR },
      },
    },
    async (request) => {
      const { endpointId } = request.params as { endpointId: string };
      const endpoint = await findEndpoint(request, endpointId);
      const secret = createWebhookSecret();
      await db().updateTable('webhook_endpoints').set({ secret: app.secrets.seal(secret, endpoint.id) }).where('id', '=', endpoint.id).execute();
      await audit(request, 'webhook-secret-rotated', endpointId, {});
      return toView(endpoint, secret);
    },
  );

  app.post(
    '/api/webhooks/:endpointId/test',
    {
      config: { access: 'organisation:manage' },
      schema: {
        tags: ['webhooks'],
        summary: 'Send a test event (`ping`) to the endpoint; it appears among the deliveries',
        params: uuidParams('endpointId'),
        response: { 202: { type: 'object', properties: { deliveryId: { type: 'string' } } }, 401: ERROR, 403: ERROR, 404: ERROR },
      },
    },
    async (request, reply) => {
      const { endpointId } = request.params as { endpointId: string };
      const endpoint = await findEndpoint(request, endpointId);
      const id = randomUUID();
      const now = new Date();
      await db()
        .transaction()
        .execute(async (trx) => {
          const payload = { id, event: 'ping', occurredAt: now.toISOString(), createdAt: now.toISOString(), organisation: request.organisation.slug, service: { id: endpoint.service_id } };
          await insertWebhookDeliveries(trx, [{ id, organisation_id: request.organisation.id, endpoint_id: endpoint.id, event: 'ping', source: `ping:${id}`, payload, created_at: now }]);
          await enqueueJobs(trx, [{ id, organisation_id: request.organisation.id, kind: 'deliverWebhook', payload: { deliveryId: id }, maxAttempts: WEBHOOK_MAX_ATTEMPTS }]);
        });
      return reply.status(202).send({ deliveryId: id });
    },
  );

  app.get(
    '/api/webhooks/:endpointId/deliveries',
    {
      config: { access: 'organisation:manage' },
      schema: {
        tags: ['webhooks'],
        summary: 'An endpoint’s deliveries, newest first, each with its attempts (status code, time, error)',
        params: uuidParams('endpointId'),
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { status: { enum: ['pending', 'delivered', 'failed'] }, limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        },
        response: { 200: { type: 'object', required: ['deliveries'], properties: { deliveries: { type: 'array', items: DELIVERY_VIEW } } }, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR },
      },
    },
    async (request) => {
      const { endpointId } = request.params as { endpointId: string };
      const query = request.query as { status?: 'pending' | 'delivered' | 'failed'; limit: number };
      await findEndpoint(request, endpointId);
      const deliveries = await listWebhookDeliveries(db(), request.organisation.id, endpointId, { limit: query.limit, ...(query.status ? { status: query.status } : {}) });
      return {
        deliveries: deliveries.map((d) => ({
          id: d.id,
          event: d.event,
          status: d.status,
          attempts: d.attempts,
          createdAt: d.created_at.toISOString(),
          deliveredAt: d.delivered_at?.toISOString() ?? null,
          nextAttemptAt: d.next_attempt_at?.toISOString() ?? null,
          attemptList: d.attemptList.map((a) => ({ at: a.at.toISOString(), statusCode: a.status_code, durationMs: a.duration_ms, error: a.error })),
        })),
      };
    },
  );

  app.post(
    '/api/webhooks/:endpointId/deliveries/:deliveryId/retry',
    {
      config: { access: 'organisation:manage' },
      schema: {
        tags: ['webhooks'],
        summary: 'Try a delivery again now (with the same delivery id), with a fresh round of attempts',
        params: uuidParams('endpointId', 'deliveryId'),
        response: { 202: { type: 'null' }, 401: ERROR, 403: ERROR, 404: ERROR },
      },
    },
    async (request, reply) => {
      const { endpointId, deliveryId } = request.params as { endpointId: string; deliveryId: string };
      const delivery = await findWebhookDelivery(db(), request.organisation.id, deliveryId);
      if (!delivery || delivery.endpoint_id !== endpointId) throw new AppError('WEBHOOK_NOT_FOUND', DELIVERY_NOT_FOUND);
      const now = new Date();
      await db()
        .transaction()
        .execute(async (trx) => {
          await reopenWebhookDelivery(trx, request.organisation.id, deliveryId, now);
          // The delivery's job may have been cleared away by housekeeping: then it gets a new one under its id. One a
          // worker is running right now is left to it (it is being tried already).
          if ((await requeueJob(trx, request.organisation.id, deliveryId, now)) === 'missing') {
            await enqueueJobs(trx, [{ id: deliveryId, organisation_id: request.organisation.id, kind: 'deliverWebhook', payload: { deliveryId }, maxAttempts: WEBHOOK_MAX_ATTEMPTS }]);
          }
        });
      await audit(request, 'webhook-delivery-retried', deliveryId, { endpointId });
      app.worker?.wake();
      return reply.status(202).send();
    },
  );
}

/** The endpoint's address, if it is http(s) on a host the organisation allows; otherwise 422 naming `/body/url`. */
function checkEndpointUrl(value: string, organisation: Organisation): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    const message = { de: 'Geben Sie eine http(s)-Adresse ohne Zugangsdaten an.', en: 'Enter an http(s) address without credentials.' };
    throw new AppError('REQUEST_INVALID', message, { errors: [{ path: '/body/url', code: 'format', message }] });
  }
  if (!isHostAllowed(url, organisation.webhook_hosts)) {
    const message = {
      de: `Der Host „${url.host}“ steht nicht auf der Liste der erlaubten Ziele Ihrer Organisation. Eine Administratorin oder ein Administrator kann ihn dort eintragen.`,
      en: `The host "${url.host}" is not on your organisation's list of allowed destinations. An administrator can add it there.`,
    };
    throw new AppError('WEBHOOK_HOST_NOT_ALLOWED', message, { errors: [{ path: '/body/url', code: 'hostNotAllowed', message }] });
  }
  return url.toString();
}
