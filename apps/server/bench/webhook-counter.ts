import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A signature older or newer than this (by its timestamp header) counts as stale, as a receiver would refuse it. */
const TIMESTAMP_TOLERANCE_SECONDS = 300;

/** What the counter saw of the deliveries it was set up to count. */
export interface WebhookTally {
  /** Every request, counted or not. */
  requests: number;
  /** Distinct delivery ids of counted cases. */
  deliveries: number;
  /** Distinct cases among them. */
  cases: number;
  /** Requests for a delivery id already received (the same delivery again). */
  repeats: number;
  /** Signature did not match the body and timestamp, or the timestamp was stale. */
  badSignatures: number;
  /** Not JSON, without a case, or the delivery header not matching the body's id. */
  malformed: number;
  /** Deliveries for cases not counted (the demo's own cases). */
  others: number;
  /** Arrival of the first and last counted delivery (ms since the epoch). */
  firstAt: number | null;
  lastAt: number | null;
  /** Per counted delivery: arrival minus the event's `occurredAt`, in ms. */
  lagsMs: number[];
}

/** An HTTP receiver on 127.0.0.1 that answers 200 to every request and counts what arrives. */
export interface WebhookCounter {
  /** Where the endpoint points: `http://127.0.0.1:PORT/hooks/bench`. */
  url: string;
  /** `127.0.0.1:PORT`, for the organisation's allow-list of webhook hosts. */
  host: string;
  tally(): WebhookTally;
  close(): Promise<void>;
}

/**
 * Starts a receiver that checks the HMAC signature of every request with `secret` (independently of the
 * server's signing code) and counts deliveries of cases whose reference starts with `referencePrefix`; it keeps
 * ids and lags, not bodies, so a hundred thousand deliveries cost a few megabytes.
 *
 * @example
 * const counter = await startWebhookCounter({ secret: 'whsec_…', referencePrefix: 'JOBS-' });
 * // … point an endpoint at counter.url, let the server deliver …
 * counter.tally().deliveries;
 * await counter.close();
 */
export async function startWebhookCounter(options: { secret: string; referencePrefix: string }): Promise<WebhookCounter> {
  const deliveryIds = new Set<string>();
  const caseIds = new Set<string>();
  const counts = { requests: 0, repeats: 0, badSignatures: 0, malformed: 0, others: 0 };
  const lagsMs: number[] = [];
  let firstAt: number | null = null;
  let lastAt: number | null = null;

  const take = (headers: Record<string, string | string[] | undefined>, body: string, at: number): void => {
    counts.requests++;
    if (!hasValidSignature(options.secret, String(headers['amtsweg-timestamp'] ?? ''), String(headers['amtsweg-signature'] ?? ''), body, at)) {
      counts.badSignatures++;
    }
    let payload: { id?: unknown; occurredAt?: unknown; case?: { id?: unknown; reference?: unknown } };
    try {
      payload = JSON.parse(body) as typeof payload;
    } catch {
      counts.malformed++;
      return;
    }
    const { id, occurredAt } = payload;
    const caseId = payload.case?.id;
    const reference = payload.case?.reference;
    if (typeof id !== 'string' || typeof caseId !== 'string' || typeof reference !== 'string' || headers['amtsweg-delivery'] !== id) {
      counts.malformed++;
      return;
    }
    if (!reference.startsWith(options.referencePrefix)) {
      counts.others++;
      return;
    }
    if (deliveryIds.has(id)) {
      counts.repeats++;
      return;
    }
    deliveryIds.add(id);
    caseIds.add(caseId);
    firstAt ??= at;
    lastAt = at;
    if (typeof occurredAt === 'string') lagsMs.push(at - Date.parse(occurredAt));
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      take(request.headers, Buffer.concat(chunks).toString('utf8'), Date.now());
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks/bench`,
    host: `127.0.0.1:${port}`,
    tally: () => ({ ...counts, deliveries: deliveryIds.size, cases: caseIds.size, firstAt, lastAt, lagsMs: [...lagsMs] }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections of a server process that is already gone would hold close() open.
        server.closeAllConnections();
      }),
  };
}

function hasValidSignature(secret: string, timestamp: string, given: string, body: string, arrivedAt: number): boolean {
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds) || Math.abs(arrivedAt / 1000 - seconds) > TIMESTAMP_TOLERANCE_SECONDS) return false;
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
