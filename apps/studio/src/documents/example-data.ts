import {
  indexFormElements,
  renderTemplate,
  TEMPLATE_TEXT_PARTS,
  type ActionInput,
  type DocumentTemplate,
  type ServiceDefinition,
} from '@amtsweg/definitions';
import type { TemplateTextPart } from '@amtsweg/editor';
import { exampleData } from '@amtsweg/forms/example-answers';
import { formatReferenceExample } from '../area-controls/reference-example';

// Example facts for the letter preview in the browser; the answers are `exampleData` from @amtsweg/forms, the
// same the server's PDF preview uses.

/** Example organisation; the PDF preview uses the caller's own. */
export const EXAMPLE_ORGANISATION = { name: 'Stadt Musterstadt', address: 'Rathausplatz 1, 12345 Musterstadt' } as const;

/** A date as a letter shows it: 24.11.2026 in German, 24/11/2026 otherwise (as the server renders it). */
export function formatLetterDate(isoDate: string, language: string): string {
  const [year, month, day] = isoDate.split('-');
  return language === 'de' ? `${day}.${month}.${year}` : `${day}/${month}/${year}`;
}

function addDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The first action that issues the template: as an effect, or by leading into the final state whose notice it is. */
function findIssuingAction(definition: ServiceDefinition, templateId: string) {
  const noticeStates = new Set(definition.process.states.filter((state) => state.decisionTemplate === templateId).map((state) => state.id));
  return definition.process.states
    .flatMap((state) => state.actions ?? [])
    .find((action) => noticeStates.has(action.target) || (action.effects ?? []).some((effect) => effect.type === 'issueDocument' && effect.template === templateId));
}

function exampleInput(input: ActionInput, today: string, language: string): string {
  if (input.type === 'date') return formatLetterDate(addDays(today, 14), language);
  if (input.type === 'choice' && input.options?.[0]) return input.options[0].value;
  return input.label[language] ?? input.label.de;
}

/**
 * The facts a template is previewed with, as the server fills them for its PDF preview: an example reference
 * number after the service's pattern, today as the day received and of the letter, the outcome of the final
 * state whose notice it is, an example organisation, and example inputs of the first action issuing it.
 */
export function createExampleFacts(definition: ServiceDefinition, templateId: string, today: string, language = 'de'): Record<string, unknown> {
  const action = findIssuingAction(definition, templateId);
  const outcome = definition.process.states.find((state) => state.kind === 'final' && state.decisionTemplate === templateId)?.outcome ?? '';
  return {
    case: {
      reference: formatReferenceExample(definition.settings.referencePattern, today),
      receivedAt: formatLetterDate(today, language),
      date: formatLetterDate(today, language),
      outcome,
      serviceTitle: definition.title[language] ?? definition.title.de,
    },
    organisation: { ...EXAMPLE_ORGANISATION },
    action: Object.fromEntries((action?.inputs ?? []).map((input) => [input.key, exampleInput(input, today, language)])),
  };
}

const MONEY = {
  de: new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

/** Turns an answer into letter text: option labels, dates, Ja/Nein, money with two decimals, file names. */
export function createValueFormatter(definition: ServiceDefinition, language: string): (path: string, value: unknown) => string {
  const fields = indexFormElements(definition.form);
  const isGerman = language !== 'en';
  return (path, value) => {
    const element = fields.get(path)?.element;
    const optionLabel = (v: unknown) => {
      const options = element && 'options' in element ? element.options : [];
      const option = options.find((o) => o.value === v);
      return option ? (option.label[language] ?? option.label.de) : String(v);
    };
    if (element && (element.type === 'select' || element.type === 'radio')) return optionLabel(value);
    if (element?.type === 'checkboxes' && Array.isArray(value)) return value.map(optionLabel).join(', ');
    if (element?.type === 'date' && typeof value === 'string') return formatLetterDate(value, language);
    if (typeof value === 'boolean') return value ? (isGerman ? 'Ja' : 'Yes') : isGerman ? 'Nein' : 'No';
    if (typeof value === 'number') {
      const money = element?.type === 'money' || (element?.type === 'calculated' && element.valueType === 'money');
      return money ? MONEY[isGerman ? 'de' : 'en'].format(value) : String(value);
    }
    if (Array.isArray(value)) return value.map((v) => (v && typeof v === 'object' && 'name' in v ? String((v as { name: unknown }).name) : String(v))).join(', ');
    return typeof value === 'string' ? value : '';
  };
}

/** A template rendered for the preview: each text part, and the signature as it is printed. */
export interface PreviewLetter {
  parts: Partial<Record<TemplateTextPart, string>>;
  signature?: { mode: 'signed'; name: string; position: string } | { mode: 'automatic'; note: string };
}

/**
 * Renders a template in one language with example answers and facts (see `exampleData` in @amtsweg/forms,
 * `createExampleFacts`); a missing translation falls back to German as on a real letter.
 */
export function renderTemplatePreview(definition: ServiceDefinition, template: DocumentTemplate, language: string, today: string): PreviewLetter {
  const context = {
    data: exampleData(definition.form, { today }),
    facts: createExampleFacts(definition, template.id, today, language),
    formatValue: createValueFormatter(definition, language),
  };
  const parts: PreviewLetter['parts'] = {};
  for (const part of TEMPLATE_TEXT_PARTS) {
    const text = template[part];
    if (text) parts[part] = renderTemplate(text[language] ?? text.de, context);
  }
  const signature = template.signature;
  if (!signature) return { parts };
  return {
    parts,
    signature:
      signature.mode === 'signed'
        ? { mode: 'signed', name: signature.name, position: signature.position[language] ?? signature.position.de }
        : { mode: 'automatic', note: signature.note[language] ?? signature.note.de },
  };
}
