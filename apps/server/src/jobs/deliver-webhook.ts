import { findOrganisationById, findWebhookDelivery, findWebhookEndpoint, recordWebhookAttempt, retryDelayMs, type JobRow } from '@amtsweg/db';
import { signWebhook, WEBHOOK_HEADERS } from '../webhooks/sign-webhook';
import { isHostAllowed } from '../webhooks/webhook-hosts';
import { describeFailure, RetryLater, type JobContext } from './job-context';

/** A receiver that does not answer within this long counts as failed for this attempt. */
const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * One attempt to deliver a webhook: POST the JSON with its signature, delivery id and timestamp. A 2xx answer
 * delivers it; anything else is recorded and the job tried again later (30 s, doubling, up to 6 h between tries,
 * 15 tries: more than a day), then given up as failed. Redirects are not followed (they could lead past the
 * organisation's allow-list), and a host no longer on the list is not called at all.
 */
export async function deliverWebhook(context: JobContext, job: JobRow): Promise<void> {
  const { db } = context;
  const { deliveryId } = job.payload as { deliveryId: string };
  const delivery = await findWebhookDelivery(db, job.organisation_id, deliveryId);
  if (!delivery || delivery.status === 'delivered') return;
  const [endpoint, organisation] = await Promise.all([findWebhookEndpoint(db, job.organisation_id, delivery.endpoint_id), findOrganisationById(db, job.organisation_id)]);
  const at = context.now();
  const lastAttempt = job.attempts >= job.max_attempts;
  const record = (statusCode: number | null, durationMs: number, error: string | null, delivered: boolean, final = lastAttempt) =>
    recordWebhookAttempt(
      db,
      { delivery_id: delivery.id, at, status_code: statusCode, duration_ms: durationMs, error },
      { status: delivered ? 'delivered' : final ? 'failed' : 'pending', nextAttemptAt: delivered || final ? null : new Date(at.getTime() + retryDelayMs(job.attempts)) },
    );

  if (!endpoint?.active) {
    // Amtsweg's own reasons are codes (the administration says them in the reader's language).
    await record(null, 0, 'ENDPOINT_SWITCHED_OFF', false, true);
    return;
  }
  const url = new URL(endpoint.url);
  if (!isHostAllowed(url, organisation?.webhook_hosts ?? [])) {
    await record(null, 0, `HOST_NOT_ALLOWED ${url.host}`, false, true);
    return;
  }

  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(at.getTime() / 1000);
  const secret = context.secrets.open(endpoint.secret, endpoint.id);
  const started = performance.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Amtsweg-Webhooks/1',
        [WEBHOOK_HEADERS.delivery]: delivery.id,
        [WEBHOOK_HEADERS.event]: delivery.event,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, body),
      },
    });
    statusCode = response.status;
    // The answer's body is not needed; reading it off frees the connection.
    await response.arrayBuffer().catch(() => undefined);
  } catch (failure) {
    error = describeFailure(failure instanceof Error && failure.cause instanceof Error ? failure.cause : failure);
  }
  const durationMs = Math.round(performance.now() - started);
  const delivered = statusCode !== null && statusCode >= 200 && statusCode < 300;
  await record(statusCode, durationMs, error ?? (delivered ? null : `HTTP ${statusCode}`), delivered);
  if (!delivered) throw new RetryLater(error ?? `HTTP ${statusCode}`);
}
