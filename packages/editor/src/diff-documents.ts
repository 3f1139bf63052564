import { TEMPLATE_TEXT_PARTS, type DocumentTemplate } from '@amtsweg/definitions';
import type { DefinitionChange } from './definition-diff';
import { diffListById } from './diff-by-id';
import type { NameBooks } from './diff-name-book';
import { compareProperties, type PropertySpecs } from './diff-properties';
import { formatFromTable, inBothLanguages, quote, shorten } from './diff-wording';
import type { EditText } from './element-names';

const TEMPLATE_KIND_NAMES: Readonly<Record<string, EditText>> = {
  receipt: { de: 'Eingangsbestätigung', en: 'receipt' },
  decision: { de: 'Bescheid', en: 'decision notice' },
  letter: { de: 'Schreiben', en: 'letter' },
};

const SIGNATURE_MODE_NAMES: Readonly<Record<string, EditText>> = {
  signed: { de: 'Mit Unterschrift', en: 'signed' },
  automatic: { de: 'Maschinell (ohne Unterschrift)', en: 'automatic (without signature)' },
};

const TEXT_PART_NAMES: Readonly<Record<(typeof TEMPLATE_TEXT_PARTS)[number], EditText>> = {
  title: { de: 'Titel', en: 'title' },
  authority: { de: 'Briefkopf', en: 'letterhead' },
  addressee: { de: 'Anschrift', en: 'address' },
  subject: { de: 'Betreff', en: 'subject line' },
  operative: { de: 'Tenor', en: 'operative part' },
  reasoning: { de: 'Begründung', en: 'reasoning' },
  legalRemedy: { de: 'Rechtsbehelfsbelehrung', en: 'notice of legal remedies' },
  body: { de: 'Text', en: 'body' },
};

const TEMPLATE_PROPERTIES: PropertySpecs = {
  kind: { kind: 'value', name: { de: 'Art', en: 'kind' }, format: formatFromTable(TEMPLATE_KIND_NAMES) },
  ...Object.fromEntries(TEMPLATE_TEXT_PARTS.map((part) => [part, { kind: 'text' as const, name: TEXT_PART_NAMES[part] }])),
  signature: {
    kind: 'object',
    name: { de: 'Unterschrift', en: 'signature' },
    discriminator: 'mode',
    properties: {
      mode: { kind: 'value', name: { de: 'Art', en: 'kind' }, format: formatFromTable(SIGNATURE_MODE_NAMES) },
      name: { kind: 'value', name: { de: 'Name', en: 'name' } },
      position: { kind: 'text', name: { de: 'Funktion', en: 'position' } },
      note: { kind: 'text', name: { de: 'Hinweis', en: 'note' } },
    },
  },
};

/**
 * The changes to the document templates, matched by id: which text parts changed in which language (long texts
 * are named, not quoted), the kind, the signature.
 */
export function diffDocuments(
  older: readonly DocumentTemplate[],
  newer: readonly DocumentTemplate[],
  names: NameBooks,
): DefinitionChange[] {
  return diffListById(older, newer, {
    area: 'template',
    pointerAt: (position) => `/documents/${position}`,
    describe: (template) => {
      const title = shorten(template.title.de || template.id);
      return inBothLanguages((language) => `${language === 'de' ? 'Vorlage' : 'Template'} ${quote(title, language)}`);
    },
    compare: (was, is) => compareProperties(was, is, TEMPLATE_PROPERTIES, names, ['id']),
  });
}
