import { createHmac, randomBytes } from 'node:crypto';

/** Header names of a delivery. */
export const WEBHOOK_HEADERS = {
  delivery: 'amtsweg-delivery',
  event: 'amtsweg-event',
  timestamp: 'amtsweg-timestamp',
  signature: 'amtsweg-signature',
} as const;

/** A new signing secret, shown once to the administrator who registers the endpoint. */
export function createWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * The signature of a delivery: `v1=` + hex HMAC-SHA256 over `<timestamp>.<body>` with the endpoint's secret.
 * The receiver recomputes it over the raw body and the `Amtsweg-Timestamp` header, compares in constant time,
 * and refuses timestamps older than a few minutes (replays).
 *
 * @example
 * signWebhook('whsec_…', 1765000000, '{"id":"…"}') // 'v1=5d41402abc4b2a76b9719d911017c592…'
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
