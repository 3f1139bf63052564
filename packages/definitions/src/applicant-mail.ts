import { renderTemplate } from './document-template';
import type { LocalizedText, MailOccasion, ServiceDefinition } from './service-definition';

type Language = 'de' | 'en';

/** Every occasion of the applicant's e-mails, in the order a case meets them. */
export const MAIL_OCCASIONS: readonly MailOccasion[] = ['received', 'informationRequested', 'reminder', 'decided', 'notice'];
type DefaultText = { subject: Record<Language, string>; body: Record<Language, string> };

const CLOSING: Record<Language, string> = {
  de: 'Mit freundlichen Grüßen\n{{organisation.name}}\n\nDiese Nachricht wurde automatisch versandt. Bitte antworten Sie nicht auf diese E-Mail.',
  en: 'Kind regards\n{{organisation.name}}\n\nThis message was sent automatically. Please do not reply to this e-mail.',
};

/** What a request for information says when the process gives no message of its own. */
const STANDARD_REQUEST: Record<Language, string> = {
  de: 'für Ihren Antrag brauchen wir noch Angaben oder Unterlagen von Ihnen.',
  en: 'we need more information or documents for your application.',
};

const ACCESS: Record<Language, string> = {
  de: 'Sie brauchen dazu Ihr Konto oder den Zugangscode, der Ihnen nach dem Absenden Ihres Antrags angezeigt wurde.',
  en: 'You need your account or the access code you were shown after sending your application.',
};

/**
 * The applicant's e-mails when a service says nothing else. A decision never travels by e-mail: the mail says
 * that a document is ready in the portal (§ 41 (2a) VwVfG, notification by making it available for retrieval).
 */
export const DEFAULT_APPLICANT_MAILS: Record<MailOccasion | 'informationRequestedOpenEnded', DefaultText> = {
  received: {
    subject: { de: 'Ihr Antrag ist eingegangen – {{case.reference}}', en: 'Your application has been received – {{case.reference}}' },
    body: {
      de: `Guten Tag,\n\nIhr Antrag „{{case.serviceTitle}}“ ist am {{case.receivedAt}} bei {{organisation.name}} eingegangen. Ihr Aktenzeichen ist {{case.reference}}.\n\nWie es um Ihren Antrag steht, sehen Sie hier:\n{{case.statusLink}}\n${ACCESS.de}\n\n${CLOSING.de}`,
      en: `Hello,\n\nyour application "{{case.serviceTitle}}" reached {{organisation.name}} on {{case.receivedAt}}. Your reference number is {{case.reference}}.\n\nYou can follow your application here:\n{{case.statusLink}}\n${ACCESS.en}\n\n${CLOSING.en}`,
    },
  },
  informationRequested: {
    subject: { de: 'Wir brauchen noch Angaben von Ihnen – {{case.reference}}', en: 'We need more information from you – {{case.reference}}' },
    body: {
      de: `Guten Tag,\n\n{{message}}\n\nEs geht um Ihren Antrag „{{case.serviceTitle}}“ (Aktenzeichen {{case.reference}}). Bitte antworten Sie bis zum {{case.deadline}}. Was genau fehlt und wie Sie antworten, steht hier:\n{{case.statusLink}}\n${ACCESS.de}\n\n${CLOSING.de}`,
      en: `Hello,\n\n{{message}}\n\nThis is about your application "{{case.serviceTitle}}" (reference {{case.reference}}). Please reply by {{case.deadline}}. What is missing and how to reply:\n{{case.statusLink}}\n${ACCESS.en}\n\n${CLOSING.en}`,
    },
  },
  informationRequestedOpenEnded: {
    subject: { de: 'Wir brauchen noch Angaben von Ihnen – {{case.reference}}', en: 'We need more information from you – {{case.reference}}' },
    body: {
      de: `Guten Tag,\n\n{{message}}\n\nEs geht um Ihren Antrag „{{case.serviceTitle}}“ (Aktenzeichen {{case.reference}}). Was genau fehlt und wie Sie antworten, steht hier:\n{{case.statusLink}}\n${ACCESS.de}\n\n${CLOSING.de}`,
      en: `Hello,\n\n{{message}}\n\nThis is about your application "{{case.serviceTitle}}" (reference {{case.reference}}). What is missing and how to reply:\n{{case.statusLink}}\n${ACCESS.en}\n\n${CLOSING.en}`,
    },
  },
  reminder: {
    subject: { de: 'Erinnerung: Bitte antworten Sie bis zum {{case.deadline}} – {{case.reference}}', en: 'Reminder: please reply by {{case.deadline}} – {{case.reference}}' },
    body: {
      de: `Guten Tag,\n\nwir warten noch auf Ihre Antwort zu Ihrem Antrag „{{case.serviceTitle}}“ (Aktenzeichen {{case.reference}}). Die Frist endet am {{case.deadline}}.\n\nHier können Sie antworten:\n{{case.statusLink}}\n${ACCESS.de}\n\nHaben Sie schon geantwortet, betrachten Sie diese Nachricht bitte als gegenstandslos.\n\n${CLOSING.de}`,
      en: `Hello,\n\nwe are still waiting for your reply about your application "{{case.serviceTitle}}" (reference {{case.reference}}). The deadline ends on {{case.deadline}}.\n\nYou can reply here:\n{{case.statusLink}}\n${ACCESS.en}\n\nIf you have already replied, please ignore this message.\n\n${CLOSING.en}`,
    },
  },
  decided: {
    subject: { de: 'Ein Schreiben zu Ihrem Antrag liegt für Sie bereit – {{case.reference}}', en: 'A letter about your application is ready for you – {{case.reference}}' },
    body: {
      de: `Guten Tag,\n\nüber Ihren Antrag „{{case.serviceTitle}}“ (Aktenzeichen {{case.reference}}) ist entschieden. Das Schreiben dazu liegt für Sie zum Abruf bereit:\n{{case.statusLink}}\n${ACCESS.de}\n\nDas Schreiben selbst senden wir aus Gründen des Datenschutzes nicht per E-Mail.\n\n${CLOSING.de}`,
      en: `Hello,\n\na decision has been made on your application "{{case.serviceTitle}}" (reference {{case.reference}}). The letter is ready for you to download:\n{{case.statusLink}}\n${ACCESS.en}\n\nTo protect your data we do not send the letter itself by e-mail.\n\n${CLOSING.en}`,
    },
  },
  notice: {
    subject: { de: 'Neues zu Ihrem Antrag – {{case.reference}}', en: 'News about your application – {{case.reference}}' },
    body: {
      de: `Guten Tag,\n\n{{message}}\n\nIhr Antrag „{{case.serviceTitle}}“ (Aktenzeichen {{case.reference}}):\n{{case.statusLink}}\n${ACCESS.de}\n\n${CLOSING.de}`,
      en: `Hello,\n\n{{message}}\n\nYour application "{{case.serviceTitle}}" (reference {{case.reference}}):\n{{case.statusLink}}\n${ACCESS.en}\n\n${CLOSING.en}`,
    },
  },
};

/** What an e-mail's placeholders are filled with: the answers and the mail facts (`MAIL_FACTS`). */
export interface MailValues {
  data: Readonly<Record<string, unknown>>;
  facts: {
    case: { reference: string; receivedAt: string; date: string; outcome: string; serviceTitle: string; statusLink: string; deadline: string };
    organisation: { name: string; address: string };
    message: string;
  };
  formatValue: (path: string, value: unknown) => string;
}

/**
 * The applicant's e-mail for an occasion, in their language: the service's own text where it has one (German
 * where it lacks the language), else the default. Null when the service turned this e-mail off.
 *
 * @example
 * composeApplicantMail(definition, 'received', 'de', values)
 * // { subject: 'Ihr Antrag ist eingegangen – HUND-2026-00001', text: 'Guten Tag, …' }
 */
export function composeApplicantMail(
  definition: Pick<ServiceDefinition, 'settings'>,
  occasion: MailOccasion,
  language: Language,
  values: MailValues,
): { subject: string; text: string } | null {
  const own = definition.settings.notifications?.[occasion];
  if (own?.enabled === false) return null;
  const fallback = DEFAULT_APPLICANT_MAILS[occasion === 'informationRequested' && values.facts.case.deadline === '' ? 'informationRequestedOpenEnded' : occasion];
  const pick = (text: LocalizedText | undefined, standard: Record<Language, string>) => (text ? (text[language] ?? text.de) : standard[language]);
  const message = values.facts.message || (occasion === 'informationRequested' ? STANDARD_REQUEST[language] : '');
  const facts = { ...values.facts, message };
  const render = (text: string) => renderTemplate(text, { data: values.data, facts, formatValue: values.formatValue });
  return {
    // A subject is one line: a line break typed into it must not start a header.
    subject: render(pick(own?.subject, fallback.subject)).replace(/\s+/g, ' ').trim(),
    text: render(pick(own?.body, fallback.body)).replace(/\n{3,}/g, '\n\n'),
  };
}
