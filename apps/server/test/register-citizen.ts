import { findCitizenRegistration } from '@amtsweg/db';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { hashToken } from '../src/auth/hash-token';
import { confirmationTokenContext } from '../src/jobs/send-account-mail';

/**
 * The token of the newest unused confirmation link queued for `email`, as the mail would carry it — for tests
 * without a mail server: opened from the queued mail job with the server's own secret box.
 */
export async function queuedConfirmationToken(app: FastifyInstance, email: string): Promise<string> {
  const jobs = await app.database.db
    .selectFrom('jobs')
    .select(['id', 'payload'])
    .where('kind', '=', 'accountMail')
    .where(sql<string>`payload->>'occasion'`, '=', 'confirm-registration')
    .orderBy('created_at', 'desc')
    .execute();
  for (const job of jobs) {
    const token = app.secrets.open((job.payload as { sealedToken: string }).sealedToken, confirmationTokenContext(job.id));
    const registration = await findCitizenRegistration(app.database.db, hashToken(token));
    if (registration?.email === email && !registration.used_at) return token;
  }
  throw new Error(`no confirmation mail queued for ${email}`);
}

/**
 * Registers a citizen through POST /api/auth/register and follows the confirmation link (see
 * queuedConfirmationToken). Answers the confirmation's response: the session cookie and the account.
 */
export async function registerCitizen(
  app: FastifyInstance,
  account: { email: string; password: string; displayName: string },
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const registered = await app.inject({ method: 'POST', url: '/api/auth/register', headers, payload: account });
  if (registered.statusCode !== 202) throw new Error(`registering ${account.email} failed: ${registered.body}`);
  const token = await queuedConfirmationToken(app, account.email);
  return app.inject({ method: 'POST', url: '/api/auth/register/confirm', headers, payload: { token, password: account.password } });
}
