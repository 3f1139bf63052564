import { findCitizenRegistration, findOrganisationById, findUserById, type JobRow } from '@amtsweg/db';
import { hashToken } from '../auth/hash-token';
import { composeAccountMail, type AccountMailOccasion } from '../mail/account-mail';
import type { JobContext } from './job-context';
import { organisationAddress } from './organisation-address';

/** The job kind of e-mails about a citizen's account. */
export const ACCOUNT_MAIL_JOB = 'accountMail';

/** How long a confirmation link lives. */
export const CONFIRMATION_HOURS = 24;

/**
 * An e-mail about a citizen's account. The confirmation link's token travels sealed (secret box, bound to the
 * job's id): the database holds only its hash and this sealed copy, which no one without the server secret opens.
 */
export type AccountMailPayload =
  | { occasion: Extract<AccountMailOccasion, 'confirm-registration'>; sealedToken: string }
  | { occasion: Extract<AccountMailOccasion, 'registration-attempt'>; userId: string; language: 'de' | 'en' };

/** What the token is sealed for: this job, so a sealed token copied into another job does not open. */
export function confirmationTokenContext(jobId: string): string {
  return `registration-confirmation:${jobId}`;
}

/** Where a confirmation link leads: the portal's confirmation page, the token in the fragment (never sent to a server). */
export function confirmationLink(portal: string, token: string): string {
  return `${portal}/registrieren/bestaetigen#${token}`;
}

/**
 * Sends one account e-mail. A confirmation whose registration is gone, used or expired meanwhile, and a notice
 * to an account that is gone or disabled, send nothing.
 */
export async function sendAccountMail(context: JobContext, job: JobRow): Promise<void> {
  const payload = job.payload as AccountMailPayload;
  const organisation = await findOrganisationById(context.db, job.organisation_id);
  if (!organisation) return;
  const address = await organisationAddress(context, organisation);
  if (payload.occasion === 'confirm-registration') {
    const token = openToken(context, job, payload.sealedToken);
    const registration = token ? await findCitizenRegistration(context.db, hashToken(token)) : undefined;
    if (!token || !registration || registration.used_at || registration.expires_at <= context.now()) return;
    const mail = composeAccountMail(payload.occasion, registration.language, {
      organisation: organisation.name,
      link: confirmationLink(address.portal, token),
      hours: CONFIRMATION_HOURS,
      imprint: `${address.portal}/impressum`,
    });
    await context.mailer.send({ id: job.id, to: registration.email, ...mail, language: registration.language });
    return;
  }
  const user = await findUserById(context.db, job.organisation_id, payload.userId);
  if (!user || user.disabled_at) return;
  const mail = composeAccountMail(payload.occasion, payload.language, {
    organisation: organisation.name,
    link: `${address.portal}/anmelden`,
    hours: CONFIRMATION_HOURS,
    imprint: `${address.portal}/impressum`,
  });
  await context.mailer.send({ id: job.id, to: user.email, ...mail, language: payload.language });
}

/** The token, or undefined (logged) when it cannot be opened: the server secret changed since it was sealed. */
function openToken(context: JobContext, job: JobRow, sealed: string): string | undefined {
  const token = context.secrets.tryOpen(sealed, confirmationTokenContext(job.id));
  if (token === undefined) context.log.warn({ jobId: job.id }, 'confirmation link cannot be opened: was SERVER_SECRET changed? The citizen registers again');
  return token;
}
