import { renderTemplate, TEMPLATE_TEXT_PARTS, type ActionInput, type DocumentTemplate } from '@amtsweg/definitions';
import { formatDateForPeople } from '@amtsweg/forms';
import type { CompiledVersion } from '../services/version-cache';
import { toOfficeDate } from './office-date';

/** A document as stored with the case: its rendered parts in one language, immutable from then on. */
export interface RenderedDocument {
  language: 'de' | 'en';
  parts: Partial<Record<(typeof TEMPLATE_TEXT_PARTS)[number], string>>;
  signature?: { mode: 'signed'; name: string; position: string } | { mode: 'automatic'; note: string };
}

/** Case facts a template can use besides the form fields (see TEMPLATE_FACTS in @amtsweg/definitions). */
export interface DocumentFacts {
  reference: string;
  receivedAt: Date;
  date: Date;
  outcome?: string | null;
  organisationName: string;
  organisationAddress: string;
  /** What the person entered with the action that issues the document, and the action's declared inputs. */
  action?: { inputs: Readonly<Record<string, string>>; declared: readonly ActionInput[] };
}

/**
 * Renders a document template for a case: placeholders filled from the case data (option labels instead of
 * values, German dates, Ja/Nein) and the case facts. The result is plain text per part; PDF comes later.
 */
export function renderDocument(
  { definition, fields }: Pick<CompiledVersion, 'definition' | 'fields'>,
  template: DocumentTemplate,
  data: Record<string, unknown>,
  facts: DocumentFacts,
  language: 'de' | 'en' = 'de',
): RenderedDocument {
  const factValues = {
    case: {
      reference: facts.reference,
      receivedAt: formatDateForPeople(toOfficeDate(facts.receivedAt), language),
      date: formatDateForPeople(toOfficeDate(facts.date), language),
      outcome: facts.outcome ?? '',
      serviceTitle: definition.title[language] ?? definition.title.de,
    },
    organisation: { name: facts.organisationName, address: facts.organisationAddress },
    action: formatActionInputs(facts.action, language),
  };

  const formatValue = createValueFormatter(fields, language);
  const parts: RenderedDocument['parts'] = {};
  for (const part of TEMPLATE_TEXT_PARTS) {
    const text = template[part];
    if (text) parts[part] = renderTemplate(text[language] ?? text.de, { data, facts: factValues, formatValue });
  }
  const signature = template.signature;
  return {
    language,
    parts,
    ...(signature === undefined
      ? {}
      : {
          signature:
            signature.mode === 'signed'
              ? { mode: 'signed', name: signature.name, position: signature.position[language] ?? signature.position.de }
              : { mode: 'automatic', note: signature.note[language] ?? signature.note.de },
        }),
  };
}

/**
 * How an answer reads in a letter or an e-mail: option labels instead of values, dates the German (or English)
 * way, Ja/Nein, money with two decimals, file names.
 */
export function createValueFormatter(fields: CompiledVersion['fields'], language: 'de' | 'en'): (path: string, value: unknown) => string {
  return (path, value) => {
    const element = fields.get(path)?.element;
    if (element && (element.type === 'select' || element.type === 'radio') && typeof value === 'string') {
      const option = element.options.find((o) => o.value === value);
      return option ? (option.label[language] ?? option.label.de) : value;
    }
    if (element?.type === 'checkboxes' && Array.isArray(value)) {
      return value.map((v) => element.options.find((o) => o.value === v)?.label.de ?? String(v)).join(', ');
    }
    if (element?.type === 'date' && typeof value === 'string') return formatDateForPeople(value, language);
    if (typeof value === 'boolean') return value ? (language === 'de' ? 'Ja' : 'Yes') : language === 'de' ? 'Nein' : 'No';
    if (typeof value === 'number') return element?.type === 'money' || (element?.type === 'calculated' && element.valueType === 'money') ? formatMoney(value, language) : String(value);
    if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v && 'name' in v ? String((v as { name: unknown }).name) : String(v))).join(', ');
    return typeof value === 'string' ? value : '';
  };
}

/** The action's inputs as a letter shows them: dates the German (or English) way, everything else as entered. */
function formatActionInputs(action: DocumentFacts['action'], language: 'de' | 'en'): Record<string, string> {
  if (action === undefined) return {};
  const dates = new Set(action.declared.filter((input) => input.type === 'date').map((input) => input.key));
  return Object.fromEntries(
    Object.entries(action.inputs).map(([key, value]) => [key, dates.has(key) ? formatDateForPeople(value, language) : value]),
  );
}

// Building a NumberFormat is costly; one per language serves every document.
const MONEY_FORMATS = {
  de: new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

function formatMoney(value: number, language: 'de' | 'en'): string {
  return MONEY_FORMATS[language].format(value);
}

/** The rendered document as readable text (the printable receipt until PDFs arrive). */
export function documentAsText(document: RenderedDocument): string {
  const p = document.parts;
  const signature = document.signature
    ? document.signature.mode === 'signed'
      ? `${document.signature.position}\n${document.signature.name}`
      : document.signature.note
    : undefined;
  return [p.authority, p.addressee, p.title, p.subject, p.body, p.operative, p.reasoning, p.legalRemedy, signature]
    .filter((text): text is string => typeof text === 'string' && text.trim() !== '')
    .join('\n\n');
}
