import { DEFAULT_APPLICANT_MAILS, MAIL_OCCASIONS } from '@amtsweg/definitions';
import type { LocalizedText, MailOccasion, MailText, ServiceDefinition } from '@amtsweg/definitions';
import { refuse, succeed, type EditResult, type Refusal } from './edit-result';

/** The two texts of an applicant's e-mail. */
export type MailTextPart = 'subject' | 'body';

/** The languages an e-mail to the applicant can be written in; the server sends German or English. */
export type MailLanguage = 'de' | 'en';

// The schema's limits (`localizedShort`, `localizedLong`).
const MAX_LENGTH: Record<MailTextPart, number> = { subject: 500, body: 20_000 };

/**
 * The languages the service's e-mails to the applicant are written in: German, and English when the service
 * is offered in English (the applicant gets the language they applied in, else German).
 *
 * @example
 * listMailLanguages(definition) // ['de', 'en']
 */
export function listMailLanguages(definition: Pick<ServiceDefinition, 'settings'>): MailLanguage[] {
  return definition.settings.languages.includes('en') ? ['de', 'en'] : ['de'];
}

/** Whether the service words an e-mail itself (its subject, its text or both) instead of the default. */
export function hasOwnMailText(definition: Pick<ServiceDefinition, 'settings'>, occasion: MailOccasion): boolean {
  const mail = definition.settings.notifications?.[occasion];
  return mail?.subject !== undefined || mail?.body !== undefined;
}

/**
 * The default subject and text of an e-mail in the service's mail languages, with its placeholders. A request
 * for information has two defaults, with and without a deadline; a service's own text stands for both, so it
 * starts from the one without the deadline's date when some state waiting for the applicant has no deadline.
 *
 * @example
 * findDefaultMailText(definition, 'received').subject.de // 'Ihr Antrag ist eingegangen – {{case.reference}}'
 */
export function findDefaultMailText(definition: ServiceDefinition, occasion: MailOccasion): Record<MailTextPart, LocalizedText> {
  const openEnded =
    occasion === 'informationRequested' &&
    definition.process.states.some((state) => state.kind === 'waiting' && (state.deadlines ?? []).length === 0);
  const standard = DEFAULT_APPLICANT_MAILS[openEnded ? 'informationRequestedOpenEnded' : occasion];
  const languages = listMailLanguages(definition);
  const pick = (texts: Record<MailLanguage, string>): LocalizedText =>
    Object.fromEntries(languages.map((language) => [language, texts[language]])) as LocalizedText;
  return { subject: pick(standard.subject), body: pick(standard.body) };
}

/**
 * Starts the service's own wording of an e-mail from the default subject and text ("Text anpassen"), in every
 * mail language; what the service already words itself stays.
 *
 * @example
 * customizeMailText(definition, 'received') // settings.notifications.received: { subject: { de: 'Ihr Antrag …', en: … }, body: … }
 */
export function customizeMailText(definition: ServiceDefinition, occasion: MailOccasion): EditResult {
  const unknown = refuseUnknownOccasion(occasion);
  if (unknown) return unknown;
  const mail = definition.settings.notifications?.[occasion] ?? {};
  const standard = findDefaultMailText(definition, occasion);
  return succeed(withMail(definition, occasion, { ...mail, subject: { ...standard.subject, ...mail.subject }, body: { ...standard.body, ...mail.body } }));
}

/**
 * Changes one language of an e-mail's subject or text. A part the service did not word itself yet starts from
 * the default in every mail language, so the other language keeps its default wording. As with every text, an
 * emptied German text stays (the checks report it), an emptied translation is removed (German is sent instead).
 * Refused for a language the e-mails are not written in and beyond the schema's length.
 *
 * @example
 * setMailText(definition, 'received', 'subject', 'de', 'Eingang Ihrer Hundeanmeldung – {{case.reference}}')
 */
export function setMailText(definition: ServiceDefinition, occasion: MailOccasion, part: MailTextPart, language: string, text: string): EditResult {
  const unknown = refuseUnknownOccasion(occasion);
  if (unknown) return unknown;
  if (!(listMailLanguages(definition) as string[]).includes(language)) {
    return refuse(
      `E-Mails an Antragstellende gibt es auf Deutsch und, wenn der Dienst auf Englisch angeboten wird, auf Englisch – nicht in der Sprache „${language}“.`,
      `E-mails to applicants are written in German and, when the service is offered in English, in English – not in the language “${language}”.`,
    );
  }
  if (text.length > MAX_LENGTH[part]) {
    const limit = MAX_LENGTH[part];
    return part === 'subject'
      ? refuse(`Der Betreff darf höchstens ${limit} Zeichen haben.`, `The subject may have at most ${limit} characters.`)
      : refuse(`Der Text darf höchstens ${limit.toLocaleString('de-DE')} Zeichen haben.`, `The text may have at most ${limit.toLocaleString('en-GB')} characters.`);
  }
  const mail = definition.settings.notifications?.[occasion] ?? {};
  const changed: Partial<Record<string, string>> = { ...(mail[part] ?? findDefaultMailText(definition, occasion)[part]) };
  if (language !== 'de' && text === '') delete changed[language];
  else changed[language] = text;
  return succeed(withMail(definition, occasion, { ...mail, [part]: { de: '', ...changed } }));
}

/**
 * Goes back to the default subject and text of an e-mail ("Standardtext wiederherstellen"); whether it is sent
 * stays as it is.
 *
 * @example
 * resetMailText(definition, 'received')
 */
export function resetMailText(definition: ServiceDefinition, occasion: MailOccasion): EditResult {
  const unknown = refuseUnknownOccasion(occasion);
  if (unknown) return unknown;
  const { subject: _subject, body: _body, ...rest } = definition.settings.notifications?.[occasion] ?? {};
  return succeed(withMail(definition, occasion, rest));
}

/**
 * Turns an e-mail to the applicant off (`enabled: false`) or on again (the default, so the flag is removed);
 * the service's own wording stays either way.
 *
 * @example
 * setMailEnabled(definition, 'decided', false)
 */
export function setMailEnabled(definition: ServiceDefinition, occasion: MailOccasion, enabled: boolean): EditResult {
  const unknown = refuseUnknownOccasion(occasion);
  if (unknown) return unknown;
  const { enabled: _enabled, ...rest } = definition.settings.notifications?.[occasion] ?? {};
  return succeed(withMail(definition, occasion, enabled ? rest : { enabled: false, ...rest }));
}

/** The definition with an occasion's mail replaced; an empty one is removed, and so are empty notifications. */
function withMail(definition: ServiceDefinition, occasion: MailOccasion, mail: MailText): ServiceDefinition {
  const { [occasion]: _old, ...others } = definition.settings.notifications ?? {};
  const notifications: Partial<Record<MailOccasion, MailText>> = Object.keys(mail).length === 0 ? others : { ...others, [occasion]: mail };
  const { notifications: _notifications, ...settings } = definition.settings;
  return { ...definition, settings: Object.keys(notifications).length === 0 ? settings : { ...settings, notifications } };
}

function refuseUnknownOccasion(occasion: string): Refusal | undefined {
  if ((MAIL_OCCASIONS as readonly string[]).includes(occasion)) return undefined;
  return refuse(`Eine E-Mail für den Anlass „${occasion}“ gibt es nicht.`, `There is no e-mail for the occasion “${occasion}”.`);
}
