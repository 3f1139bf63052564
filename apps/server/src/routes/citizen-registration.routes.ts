import { randomBytes, randomUUID } from 'node:crypto';
import {
  appendAuditEvent,
  enqueueJobs,
  findCitizenRegistrationForUpdate,
  findUserByEmail,
  insertCitizenRegistration,
  insertUser,
  OPEN_REGISTRATIONS_PER_ADDRESS,
  pruneCitizenRegistrations,
  useCitizenRegistrations,
  type UserRow,
} from '@amtsweg/db';
import type { FastifyInstance } from 'fastify';
import { AppError, pickLanguage, type AppMessage } from '../app-error';
import { hashToken } from '../auth/hash-token';
import { startSession } from '../auth/log-in';
import { checkPasswordStrength, hashPassword } from '../auth/password';
import { ACCOUNT_MAIL_JOB, CONFIRMATION_HOURS, confirmationTokenContext, type AccountMailPayload } from '../jobs/send-account-mail';
import { EMAIL, NEW_PASSWORD, SESSION_ANSWER, sessionAnswer } from './account.routes';
import { ERROR_RESPONSE } from './shared-schemas';

/** The one answer to every registration, whether the address has an account or not. */
const MAIL_SENT: AppMessage = {
  de: 'Wir haben Ihnen eine E-Mail geschickt. Bitte öffnen Sie den Link darin, um Ihre E-Mail-Adresse zu bestätigen; er gilt 24 Stunden. Erst danach können Sie sich anmelden.',
  en: 'We have sent you an email. Please open the link in it to confirm your email address; it works for 24 hours. Only then can you log in.',
};

const LINK_EXPIRED: AppMessage = {
  de: 'Dieser Bestätigungslink ist abgelaufen oder ungültig. Registrieren Sie sich bitte noch einmal mit derselben E-Mail-Adresse; Sie bekommen dann einen neuen Link.',
  en: 'This confirmation link has expired or is not valid. Please register again with the same email address; you will get a new link.',
};

const LINK_USED: AppMessage = {
  de: 'Dieser Bestätigungslink wurde schon verwendet: Die E-Mail-Adresse ist bereits bestätigt. Bitte melden Sie sich mit Ihrer E-Mail-Adresse und Ihrem Passwort an.',
  en: 'This confirmation link has been used already: the email address is confirmed. Please log in with your email address and password.',
};

/** Tokens are 256 random bits, base64url: 43 characters. */
const TOKEN = { type: 'string', minLength: 43, maxLength: 43, pattern: '^[A-Za-z0-9_-]+$', description: 'The token from the confirmation link (the part after #)' } as const;

/**
 * Citizens open an account themselves (staff accounts are created by an administrator) by confirming their
 * address. Registering answers the same whether the address has an account or not — the mailbox learns which.
 */
export function citizenRegistrationRoutes(app: FastifyInstance): void {
  const db = () => app.database.db;
  const limit = () => ({ max: app.rateLimits.login, timeWindow: 60_000 });

  app.post(
    '/api/auth/register',
    {
      config: { access: 'public', csrf: false, rateLimit: limit() },
      schema: {
        tags: ['auth'],
        summary: 'Register a citizen account: always 202, a link to confirm the address comes by e-mail',
        description: [
          'The answer is the same whether the address has a citizen account in this organisation or not, so it does not tell which addresses have accounts.',
          `A new address gets an e-mail with a link to confirm it (valid ${CONFIRMATION_HOURS} hours, once); following it (POST /api/auth/register/confirm) creates the account with this password and name and logs in. Until then the address cannot log in.`,
          'An address with an account gets an e-mail saying someone tried to register with it, with a link to the login (at most one such mail an hour); the account is not changed.',
          'Registering an address again before it is confirmed sends a new link; each link carries the password and name given with its own registration, and the first link followed decides.',
          'The e-mails are in the language of the request (Accept-Language: de or en). A password too short or too easy to guess is refused alike for every address.',
        ].join('\n\n'),
        body: {
          type: 'object',
          required: ['email', 'password', 'displayName'],
          additionalProperties: false,
          properties: { email: EMAIL, password: NEW_PASSWORD, displayName: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' } },
        },
        response: {
          202: { type: 'object', required: ['message'], properties: { message: { type: 'string', description: 'What to do next, in the caller’s language' } } },
          400: ERROR_RESPONSE,
          422: ERROR_RESPONSE,
          429: ERROR_RESPONSE,
        },
      },
    },
    async (request, reply) => {
      const body = request.body as { email: string; password: string; displayName: string };
      const { organisation } = request;
      const language = pickLanguage(request.headers['accept-language']);
      checkPasswordStrength(body.password, body.email, '/body/password');
      // Hashed on both paths, so answering a known address is not measurably faster than a new one.
      const passwordHash = await hashPassword(body.password);
      const token = randomBytes(32).toString('base64url');
      const jobId = randomUUID();
      const now = new Date();
      await db()
        .transaction()
        .execute(async (trx) => {
          const existing = await findUserByEmail(trx, organisation.id, 'citizen', body.email);
          // Both paths write alike (the registration or the audit entry, the pruning, the mail job).
          if (existing) {
            await pruneCitizenRegistrations(trx, organisation.id, body.email, 0);
            const payload: AccountMailPayload = { occasion: 'registration-attempt', userId: existing.id, language };
            // At most one notice an hour: registering someone's address over and over does not flood their mailbox.
            const hour = now.toISOString().slice(0, 13);
            await enqueueJobs(trx, [{ id: jobId, organisation_id: organisation.id, kind: ACCOUNT_MAIL_JOB, payload, dedupeKey: `registration-attempt:${existing.id}:${hour}` }]);
            await appendAuditEvent(trx, { organisationId: organisation.id, kind: 'registration-attempted', actorId: null, subjectId: existing.id, ip: request.ip });
            return;
          }
          await insertCitizenRegistration(trx, {
            token_hash: hashToken(token),
            organisation_id: organisation.id,
            email: body.email,
            display_name: body.displayName.trim(),
            password_hash: passwordHash,
            language,
            expires_at: new Date(now.getTime() + CONFIRMATION_HOURS * 60 * 60 * 1000),
          });
          await pruneCitizenRegistrations(trx, organisation.id, body.email, OPEN_REGISTRATIONS_PER_ADDRESS);
          const payload: AccountMailPayload = { occasion: 'confirm-registration', sealedToken: app.secrets.seal(token, confirmationTokenContext(jobId)) };
          await enqueueJobs(trx, [{ id: jobId, organisation_id: organisation.id, kind: ACCOUNT_MAIL_JOB, payload }]);
        });
      app.worker?.wake();
      return reply.status(202).send({ message: MAIL_SENT[language] });
    },
  );

  app.post(
    '/api/auth/register/confirm',
    {
      config: { access: 'public', csrf: false, rateLimit: limit() },
      schema: {
        tags: ['auth'],
        summary: 'Confirm the address with the token of the mailed link: creates the citizen account and logs in',
        description: [
          'The link in the e-mail opens the portal’s page /registrieren/bestaetigen#<token>, which sends the token here (a mail scanner following the link confirms nothing).',
          'A link works once and for 24 hours, and only on the portal of the organisation it was sent for. 410 CONFIRMATION_LINK_EXPIRED: expired or unknown — register again for a new link. 409 CONFIRMATION_LINK_USED: the address is confirmed already — log in.',
        ].join('\n\n'),
        body: { type: 'object', required: ['token'], additionalProperties: false, properties: { token: TOKEN } },
        response: { 200: SESSION_ANSWER, 400: ERROR_RESPONSE, 409: ERROR_RESPONSE, 410: ERROR_RESPONSE, 429: ERROR_RESPONSE },
      },
    },
    async (request, reply) => {
      const { token } = request.body as { token: string };
      const { organisation } = request;
      const now = new Date();
      const user = await db()
        .transaction()
        .execute(async (trx): Promise<UserRow> => {
          const registration = await findCitizenRegistrationForUpdate(trx, organisation.id, hashToken(token));
          if (!registration || (!registration.used_at && registration.expires_at <= now)) throw new AppError('CONFIRMATION_LINK_EXPIRED', LINK_EXPIRED);
          // Used, or the address got its account another way meanwhile (another of its links, a provider login).
          if (registration.used_at || (await findUserByEmail(trx, organisation.id, 'citizen', registration.email))) throw new AppError('CONFIRMATION_LINK_USED', LINK_USED);
          await useCitizenRegistrations(trx, registration, now);
          const created = await insertUser(trx, {
            id: randomUUID(),
            organisation_id: organisation.id,
            kind: 'citizen',
            email: registration.email,
            display_name: registration.display_name,
            password_hash: registration.password_hash,
          });
          await appendAuditEvent(trx, { organisationId: organisation.id, kind: 'account-registered', actorId: created.id, subjectId: created.id, ip: request.ip });
          return created;
        })
        .catch((error: unknown) => {
          // Two links of one address followed at the same moment: the account exists once, the later one is "used".
          if ((error as { code?: string }).code === '23505') throw new AppError('CONFIRMATION_LINK_USED', LINK_USED);
          throw error;
        });
      await startSession(app, request, user, 'complete', 'registration');
      return sessionAnswer(app, request, reply, user);
    },
  );
}
