import { randomBytes, randomUUID } from 'node:crypto';
import {
  appendAuditEvent,
  countRecentCitizenRegistrations,
  enqueueJobs,
  findCitizenRegistration,
  findCitizenRegistrationForUpdate,
  findUserByEmail,
  insertCitizenRegistration,
  insertUser,
  lockCitizenAddress,
  OPEN_REGISTRATIONS_PER_ADDRESS,
  pruneCitizenRegistrations,
  useCitizenRegistrations,
  type CitizenRegistrationRow,
  type UserRow,
} from '@amtsweg/db';
import type { FastifyInstance } from 'fastify';
import { AppError, pickLanguage, type AppMessage } from '../app-error';
import { hashToken } from '../auth/hash-token';
import { checkRegistrationPassword, rememberBrowser, startSession } from '../auth/log-in';
import { checkPasswordStrength, hashPassword, MAX_PASSWORD_LENGTH } from '../auth/password';
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

const PASSWORD_WRONG: AppMessage = {
  de: 'Das Passwort passt nicht zu dieser Registrierung. Geben Sie das Passwort ein, das Sie bei der Registrierung gewählt haben. Wissen Sie es nicht mehr, registrieren Sie sich bitte noch einmal; Sie bekommen dann einen neuen Link.',
  en: 'The password does not match this registration. Enter the password you chose when you registered. If you no longer know it, please register again; you will get a new link.',
};

/**
 * At most this many confirmation mails an hour go to one address, whoever asks: more registrations are answered
 * alike but neither stored nor mailed, so no one can flood a mailbox through the registration (as the "someone
 * tried to register" notice to a known address goes at most once an hour).
 */
export const CONFIRMATION_MAILS_PER_HOUR = 3;

/** Tokens are 256 random bits, base64url: 43 characters. */
const TOKEN = { type: 'string', minLength: 43, maxLength: 43, pattern: '^[A-Za-z0-9_-]+$', description: 'The token from the confirmation link (the part after #)' } as const;

/** The password chosen at registration, as typed again on the confirmation page. */
const PASSWORD = { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH, description: 'The password chosen at registration' } as const;

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
          `A new address gets an e-mail with a link to confirm it (valid ${CONFIRMATION_HOURS} hours, once); confirming it with this password (the portal page the link opens asks for it; POST /api/auth/register/confirm) creates the account with this password and name and logs in. Until then the address cannot log in.`,
          'An address with an account gets an e-mail saying someone tried to register with it, with a link to the login (at most one such mail an hour); the account is not changed.',
          `Registering an address again before it is confirmed sends a new link (at most ${CONFIRMATION_MAILS_PER_HOUR} links an hour to one address; further registrations within the hour are answered alike but neither stored nor mailed). Each link confirms only with the password given with its own registration, so a link of a registration someone else made for the address is of no use without their password.`,
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
          await lockCitizenAddress(trx, organisation.id, body.email);
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
          if ((await countRecentCitizenRegistrations(trx, organisation.id, body.email, 3600)) >= CONFIRMATION_MAILS_PER_HOUR) {
            request.log.info({ organisationId: organisation.id }, 'registration not mailed: the address had its confirmation mails for this hour');
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
        summary: 'Confirm the address with the token of the mailed link and the password chosen at registration: creates the citizen account and logs in',
        description: [
          'The link in the e-mail opens the portal’s page /registrieren/bestaetigen#<token>, which asks for the password chosen at registration and sends both here; it sends nothing on its own, so a mail scanner following the link confirms nothing.',
          'The password must be the one given with this link’s registration: a link of a registration someone else made for the address is of no use without their password. 401 INVALID_CREDENTIALS (errors at /body/password): another password — the link stays valid. Wrong passwords count like failed logins of the address from this client: after five the client waits (429 LOGIN_THROTTLED with Retry-After).',
          `A link works once and for ${CONFIRMATION_HOURS} hours, and only on the portal of the organisation it was sent for. 410 CONFIRMATION_LINK_EXPIRED (errors at /body/token): expired or unknown — register again for a new link. 409 CONFIRMATION_LINK_USED (errors at /body/token): the address is confirmed already (also when two of its links are confirmed at the same moment: one wins) — log in.`,
        ].join('\n\n'),
        body: { type: 'object', required: ['token', 'password'], additionalProperties: false, properties: { token: TOKEN, password: PASSWORD } },
        response: { 200: SESSION_ANSWER, 400: ERROR_RESPONSE, 401: ERROR_RESPONSE, 409: ERROR_RESPONSE, 410: ERROR_RESPONSE, 429: ERROR_RESPONSE },
      },
    },
    async (request, reply) => {
      const { token, password } = request.body as { token: string; password: string };
      const { organisation } = request;
      const tokenHash = hashToken(token);
      const expired = new AppError('CONFIRMATION_LINK_EXPIRED', LINK_EXPIRED, { errors: [{ path: '/body/token', code: 'expired', message: LINK_EXPIRED }] });
      const used = new AppError('CONFIRMATION_LINK_USED', LINK_USED, { errors: [{ path: '/body/token', code: 'used', message: LINK_USED }] });
      const isExpired = (registration: CitizenRegistrationRow | undefined): registration is undefined =>
        !registration || registration.organisation_id !== organisation.id || (!registration.used_at && registration.expires_at <= new Date());

      const pending = await findCitizenRegistration(db(), tokenHash);
      if (isExpired(pending)) throw expired;
      if (pending.used_at) throw used;
      // The link alone proves only access to the mailbox (or to a scanner reading it): the password proves that
      // whoever confirms is who registered. Checked outside the transaction, so no lock waits for Argon2.
      const address = { organisationId: organisation.id, kind: 'citizen' as const, email: pending.email };
      if (!(await checkRegistrationPassword(app, request, address, pending.password_hash, password))) {
        throw new AppError('INVALID_CREDENTIALS', PASSWORD_WRONG, { errors: [{ path: '/body/password', code: 'wrong', message: PASSWORD_WRONG }] });
      }
      const user = await db()
        .transaction()
        .execute(async (trx): Promise<UserRow> => {
          // One confirmation of an address at a time: the one waiting finds the address confirmed (409), no deadlock.
          await lockCitizenAddress(trx, organisation.id, pending.email);
          const registration = await findCitizenRegistrationForUpdate(trx, organisation.id, tokenHash);
          if (isExpired(registration)) throw expired;
          // Used, or the address got its account another way meanwhile (another of its links, a provider login).
          if (registration.used_at || (await findUserByEmail(trx, organisation.id, 'citizen', registration.email))) throw used;
          await useCitizenRegistrations(trx, registration, new Date());
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
          // The address got its account another way at the same moment (a provider login): the link is "used".
          if ((error as { code?: string }).code === '23505') throw used;
          throw error;
        });
      rememberBrowser(app, request, reply, address);
      await startSession(app, request, user, 'complete', 'registration');
      return sessionAnswer(app, request, reply, user);
    },
  );
}
