import type { DocumentKind, DocumentTemplate, LocalizedText, ServiceDefinition } from '@amtsweg/definitions';
import { keyFromLabel, type TemplateChanges, type TemplateTextPart } from '@amtsweg/editor';

/** The text parts below the title. */
export type BodyPart = Exclude<TemplateTextPart, 'title'>;

export const TEMPLATE_KINDS = ['receipt', 'decision', 'letter'] as const satisfies readonly DocumentKind[];

const DECISION_PARTS: readonly BodyPart[] = ['authority', 'addressee', 'subject', 'operative', 'reasoning', 'legalRemedy'];
const LETTER_PARTS: readonly BodyPart[] = ['authority', 'addressee', 'subject', 'body'];
const ALL_PARTS: readonly BodyPart[] = ['authority', 'addressee', 'subject', 'operative', 'reasoning', 'legalRemedy', 'body'];

/**
 * The parts a template of its kind is edited with, in the order they stand on the letter: a decision notice
 * has sender, address, subject, operative part, reasoning and legal remedies; a receipt or letter a text. Parts
 * a template has beyond its kind's are shown too, so nothing is hidden.
 */
export function listTemplateParts(template: Pick<DocumentTemplate, 'kind'> & Partial<DocumentTemplate>): BodyPart[] {
  const standard = template.kind === 'decision' ? DECISION_PARTS : LETTER_PARTS;
  return ALL_PARTS.filter((part) => standard.includes(part) || template[part] !== undefined);
}

/** The parts a template of a kind must have (a decision notice all of its parts, the others a text). */
export function isRequiredPart(kind: DocumentKind, part: BodyPart): boolean {
  return kind === 'decision' ? DECISION_PARTS.includes(part) : part === 'body';
}

const LEGAL_REMEDY = {
  de: 'Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist schriftlich oder zur Niederschrift bei {{organisation.name}}, {{organisation.address}}, einzulegen.',
  en: 'An objection to this notice may be lodged within one month of its notification, in writing or for the record at {{organisation.name}}, {{organisation.address}}.',
};
const SUBJECT = {
  de: 'Ihr Antrag „{{case.serviceTitle}}“ vom {{case.receivedAt}} – Az. {{case.reference}}',
  en: 'Your application “{{case.serviceTitle}}” of {{case.receivedAt}} – ref. {{case.reference}}',
};
const RECEIPT_BODY = {
  de: 'Guten Tag,\n\nIhr Antrag „{{case.serviceTitle}}“ ist am {{case.receivedAt}} bei uns eingegangen. Ihr Aktenzeichen lautet {{case.reference}}. Bitte geben Sie es bei Rückfragen an.\n\nMit freundlichen Grüßen\n{{organisation.name}}',
  en: 'Hello,\n\nwe received your application “{{case.serviceTitle}}” on {{case.receivedAt}}. Your reference is {{case.reference}}. Please quote it in any enquiry.\n\nKind regards\n{{organisation.name}}',
};
const LETTER_BODY = {
  de: 'Guten Tag,\n\nzu Ihrem Antrag „{{case.serviceTitle}}“ teilen wir Ihnen mit:\n\n\n\nMit freundlichen Grüßen\n{{organisation.name}}',
  en: 'Hello,\n\nregarding your application “{{case.serviceTitle}}” we inform you:\n\n\n\nKind regards\n{{organisation.name}}',
};
const NOTICE_NOTE = {
  de: 'Dieser Bescheid wurde maschinell erstellt und ist ohne Unterschrift gültig.',
  en: 'This notice was produced automatically and is valid without a signature.',
};

/** A text in German, and in English when the service offers it. */
function inLanguages(definition: ServiceDefinition, text: { de: string; en: string }): LocalizedText {
  return definition.settings.languages.includes('en') ? { de: text.de, en: text.en } : { de: text.de };
}

/** The first text a part gets in a new template; the operative part and reasoning are left to the clerk. */
function defaultPart(definition: ServiceDefinition, kind: DocumentKind, part: BodyPart): LocalizedText {
  switch (part) {
    case 'authority':
      return inLanguages(definition, { de: '{{organisation.name}}\n{{organisation.address}}', en: '{{organisation.name}}\n{{organisation.address}}' });
    case 'addressee': {
      const names = (definition.settings.applicant?.nameFields ?? []).map((path) => `{{${path}}}`).join(' ');
      return inLanguages(definition, { de: names, en: names });
    }
    case 'subject':
      return inLanguages(definition, SUBJECT);
    case 'legalRemedy':
      return inLanguages(definition, LEGAL_REMEDY);
    case 'body':
      return inLanguages(definition, kind === 'receipt' ? RECEIPT_BODY : LETTER_BODY);
    case 'operative':
    case 'reasoning':
      return { de: '' };
  }
}

/**
 * A new template of a kind with its id made from its title. A decision notice starts with the authority, a
 * subject naming the reference number, the usual information on legal remedies and the note that it was made
 * automatically; its operative part and reasoning are left empty for the clerk (the checks point to them).
 *
 * @example
 * createTemplate(definition, 'decision', 'Genehmigungsbescheid').subject // { de: 'Ihr Antrag „{{case.serviceTitle}}“ vom … – Az. {{case.reference}}' }
 */
export function createTemplate(definition: ServiceDefinition, kind: DocumentKind, title: string): DocumentTemplate {
  const id = keyFromLabel(title, new Set(definition.documents.map((template) => template.id)));
  const template: DocumentTemplate = { id, kind, title: { de: title } };
  const parts: readonly BodyPart[] = kind === 'decision' ? DECISION_PARTS : kind === 'receipt' ? ['body'] : ['addressee', 'subject', 'body'];
  for (const part of parts) template[part] = defaultPart(definition, kind, part);
  if (kind === 'decision') template.signature = { mode: 'automatic', note: inLanguages(definition, NOTICE_NOTE) };
  return template;
}

/**
 * What changing a template's kind takes: the parts the new kind needs and the template lacks, with their
 * first texts, and for a decision notice a signature if it has none. Existing texts stay.
 */
export function changeTemplateKind(definition: ServiceDefinition, template: DocumentTemplate, kind: DocumentKind): TemplateChanges {
  const texts: NonNullable<TemplateChanges['texts']> = {};
  for (const part of ALL_PARTS) {
    if (isRequiredPart(kind, part) && template[part] === undefined) texts[part] = { ...defaultPart(definition, kind, part) };
  }
  return {
    kind,
    texts,
    ...(kind === 'decision' && template.signature === undefined ? { signature: { mode: 'automatic' as const, note: inLanguages(definition, NOTICE_NOTE) } } : {}),
  };
}

/**
 * The change for typing into one language of a part. An emptied translation is removed; an emptied German text
 * removes a part the kind does not need (when no translation in an `offered` language is left), else stays empty
 * for the checks to report.
 *
 * @example
 * changeTemplateText(template, 'body', 'en', '') // { texts: { body: { en: null } } }
 */
export function changeTemplateText(
  template: DocumentTemplate,
  part: TemplateTextPart,
  language: string,
  value: string,
  offered?: readonly string[],
): TemplateChanges {
  if (value !== '') return { texts: { [part]: { [language]: value } } };
  if (language !== 'de') return { texts: { [part]: { [language]: null } } };
  if (part === 'title' || isRequiredPart(template.kind, part)) return { texts: { [part]: { de: '' } } };
  const translated = Object.entries(template[part] ?? {}).some(
    ([key, text]) => key !== 'de' && typeof text === 'string' && text !== '' && (offered === undefined || offered.includes(key)),
  );
  return { texts: { [part]: translated ? { de: '' } : null } };
}

/**
 * Puts a placeholder into a text in place of the selection (or at the cursor), and answers where the cursor goes.
 *
 * @example
 * insertAtCursor('Az. ', 4, 4, '{{case.reference}}') // { text: 'Az. {{case.reference}}', cursor: 22 }
 */
export function insertAtCursor(text: string, start: number, end: number, token: string): { text: string; cursor: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + token + text.slice(to), cursor: from + token.length };
}
