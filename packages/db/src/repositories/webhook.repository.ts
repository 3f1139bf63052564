import { sql } from 'kysely';
import { toJsonColumn } from '../json-column';
import type { WebhookAttemptRow, WebhookDeliveryRow } from '../tables/webhook-delivery.table';
import type { WebhookEndpointRow } from '../tables/webhook-endpoint.table';
import type { Executor } from './executor';

export interface NewWebhookEndpoint {
  id: string;
  organisation_id: string;
  service_id: string;
  url: string;
  events: readonly string[];
  /** Sealed signing secret. */
  secret: string;
  description: string;
  created_by: string | null;
}

export async function insertWebhookEndpoint(db: Executor, endpoint: NewWebhookEndpoint): Promise<WebhookEndpointRow> {
  return db
    .insertInto('webhook_endpoints')
    .values({ ...endpoint, events: toJsonColumn(endpoint.events) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The organisation's endpoints (of one service, or all), oldest first. */
export async function listWebhookEndpoints(db: Executor, organisationId: string, serviceId?: string): Promise<WebhookEndpointRow[]> {
  let query = db.selectFrom('webhook_endpoints').selectAll().where('organisation_id', '=', organisationId);
  if (serviceId) query = query.where('service_id', '=', serviceId);
  return query.orderBy('created_at').orderBy('id').execute();
}

export async function findWebhookEndpoint(db: Executor, organisationId: string, endpointId: string): Promise<WebhookEndpointRow | undefined> {
  return db.selectFrom('webhook_endpoints').selectAll().where('organisation_id', '=', organisationId).where('id', '=', endpointId).executeTakeFirst();
}

export async function updateWebhookEndpoint(
  db: Executor,
  organisationId: string,
  endpointId: string,
  update: { url?: string; events?: readonly string[]; description?: string; active?: boolean },
): Promise<WebhookEndpointRow | undefined> {
  const { events, ...rest } = update;
  return db
    .updateTable('webhook_endpoints')
    .set({ ...rest, ...(events ? { events: toJsonColumn(events) } : {}) })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', endpointId)
    .returningAll()
    .executeTakeFirst();
}

/** Removes an endpoint with its deliveries and their attempts. */
export async function deleteWebhookEndpoint(db: Executor, organisationId: string, endpointId: string): Promise<boolean> {
  const result = await db.deleteFrom('webhook_endpoints').where('organisation_id', '=', organisationId).where('id', '=', endpointId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Active endpoints of the service that asked for this event. */
export async function findEndpointsForEvent(db: Executor, organisationId: string, serviceId: string, event: string): Promise<WebhookEndpointRow[]> {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('service_id', '=', serviceId)
    .where('active', '=', true)
    .where(sql<boolean>`events @> ${JSON.stringify([event])}::jsonb`)
    .execute();
}

export interface NewWebhookDelivery {
  id: string;
  organisation_id: string;
  endpoint_id: string;
  event: string;
  source: string;
  payload: unknown;
  created_at: Date;
}

/** Records deliveries; one already made from the same source for the same endpoint is kept as it is. Returns the ids written. */
export async function insertWebhookDeliveries(db: Executor, deliveries: readonly NewWebhookDelivery[]): Promise<string[]> {
  if (deliveries.length === 0) return [];
  const rows = await db
    .insertInto('webhook_deliveries')
    .values(deliveries.map((d) => ({ ...d, payload: toJsonColumn(d.payload), next_attempt_at: d.created_at })))
    .onConflict((c) => c.columns(['endpoint_id', 'source']).doNothing())
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

export async function findWebhookDelivery(db: Executor, organisationId: string, deliveryId: string): Promise<WebhookDeliveryRow | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('organisation_id', '=', organisationId).where('id', '=', deliveryId).executeTakeFirst();
}

/** Records one try and what became of the delivery. */
export async function recordWebhookAttempt(
  db: Executor,
  attempt: WebhookAttemptRow,
  outcome: { status: 'pending' | 'delivered' | 'failed'; nextAttemptAt: Date | null },
): Promise<void> {
  await db.insertInto('webhook_attempts').values(attempt).execute();
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      status: outcome.status,
      attempts: eb('attempts', '+', 1),
      next_attempt_at: outcome.nextAttemptAt,
      ...(outcome.status === 'delivered' ? { delivered_at: attempt.at } : {}),
    }))
    .where('id', '=', attempt.delivery_id)
    .execute();
}

/** Puts a delivery back to pending (retried by hand). */
export async function reopenWebhookDelivery(db: Executor, organisationId: string, deliveryId: string, now: Date): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: now })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', deliveryId)
    .execute();
}

export interface WebhookDeliveryView extends Omit<WebhookDeliveryRow, 'payload' | 'source'> {
  attemptList: Omit<WebhookAttemptRow, 'delivery_id'>[];
}

/** An endpoint's deliveries, newest first, each with its attempts (oldest first). */
export async function listWebhookDeliveries(
  db: Executor,
  organisationId: string,
  endpointId: string,
  options: { limit: number; status?: 'pending' | 'delivered' | 'failed' },
): Promise<WebhookDeliveryView[]> {
  let query = db
    .selectFrom('webhook_deliveries')
    .select(['id', 'organisation_id', 'endpoint_id', 'event', 'status', 'attempts', 'created_at', 'delivered_at', 'next_attempt_at'])
    .where('organisation_id', '=', organisationId)
    .where('endpoint_id', '=', endpointId);
  if (options.status) query = query.where('status', '=', options.status);
  const deliveries = await query.orderBy('created_at', 'desc').orderBy('id').limit(options.limit).execute();
  if (deliveries.length === 0) return [];
  const attempts = await db
    .selectFrom('webhook_attempts')
    .select(['delivery_id', 'at', 'status_code', 'duration_ms', 'error'])
    .where(
      'delivery_id',
      'in',
      deliveries.map((d) => d.id),
    )
    .orderBy('at')
    .execute();
  return deliveries.map((delivery) => ({
    ...delivery,
    attemptList: attempts.filter((a) => a.delivery_id === delivery.id).map(({ delivery_id: _omit, ...rest }) => rest),
  }));
}
