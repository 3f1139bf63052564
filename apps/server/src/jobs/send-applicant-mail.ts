import { findCaseById, findOrganisationById, type JobRow } from '@amtsweg/db';
import { composeApplicantMail, type LocalizedText, type MailOccasion } from '@amtsweg/definitions';
import { formatDateForPeople } from '@amtsweg/forms';
import { toOfficeDate } from '../cases/office-date';
import { createValueFormatter } from '../cases/render-document';
import { loadVersion } from '../services/load-version';
import { organisationAddress } from './organisation-address';
import type { JobContext } from './job-context';

/** An e-mail to the applicant of a case, composed when it is sent (in the language they applied in). */
export interface ApplicantMailPayload {
  caseId: string;
  occasion: MailOccasion;
  /** The `notifyApplicant` messages of the move, joined into the mail. */
  messages?: LocalizedText[];
  /** The deadline the mail names (ISO). */
  dueAt?: string;
}

/**
 * Sends one e-mail to the applicant. A case without an e-mail address, or a service that turned this mail off,
 * sends nothing. The job's id is the Message-ID, so a mail sent again after a crash is recognisably the same.
 */
export async function sendApplicantMail(context: JobContext, job: JobRow): Promise<void> {
  const payload = job.payload as ApplicantMailPayload;
  const caseRow = await findCaseById(context.db, job.organisation_id, payload.caseId);
  if (!caseRow?.applicant_email) return;
  const [organisation, version] = await Promise.all([
    findOrganisationById(context.db, job.organisation_id),
    loadVersion(context, caseRow.organisation_id, caseRow.service_id, caseRow.service_version),
  ]);
  if (!organisation) return;
  const address = await organisationAddress(context, organisation);
  const { definition } = version;
  const language = caseRow.language === 'en' && definition.settings.languages.includes('en') ? 'en' : 'de';
  const mail = composeApplicantMail(definition, payload.occasion, language, {
    data: caseRow.data as Record<string, unknown>,
    formatValue: createValueFormatter(version.fields, language),
    facts: {
      case: {
        reference: caseRow.reference,
        receivedAt: formatDateForPeople(toOfficeDate(caseRow.received_at), language),
        date: formatDateForPeople(toOfficeDate(context.now()), language),
        outcome: caseRow.outcome ?? '',
        serviceTitle: definition.title[language] ?? definition.title.de,
        // The access code never travels by e-mail: the link opens the case page, which asks for it or the account.
        statusLink: `${address.portal}/antraege/${caseRow.id}`,
        deadline: payload.dueAt ? formatDateForPeople(toOfficeDate(new Date(payload.dueAt)), language) : '',
      },
      organisation: { name: organisation.name, address: organisation.address },
      message: (payload.messages ?? []).map((message) => message[language] ?? message.de).join('\n\n'),
    },
  });
  if (!mail) return;
  await context.mailer.send({ id: job.id, to: caseRow.applicant_email, subject: mail.subject, text: mail.text, language });
}
