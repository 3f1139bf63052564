import {
  evaluateExpression,
  indexFormElements,
  renderTemplate,
  TEMPLATE_TEXT_PARTS,
  type ActionInput,
  type AutocompleteToken,
  type DateField,
  type DocumentTemplate,
  type EvaluationScope,
  type FieldElement,
  type FormDefinition,
  type FormElement,
  type NumberField,
  type ServiceDefinition,
} from '@amtsweg/definitions';
import type { TemplateTextPart } from '@amtsweg/editor';
import { formatReferenceExample } from '../area-controls/reference-example';

// Example answers and facts for the letter preview in the browser. The server's PDF preview fills its own
// examples (apps/server/src/studio/example-data.ts); these follow the same rules where a letter shows them.

/** Example organisation; the PDF preview uses the caller's own. */
export const EXAMPLE_ORGANISATION = { name: 'Stadt Musterstadt', address: 'Rathausplatz 1, 12345 Musterstadt' } as const;

const TEXT_BY_AUTOCOMPLETE: Readonly<Record<AutocompleteToken, string>> = {
  name: 'Erika Mustermann',
  'honorific-prefix': 'Frau',
  'given-name': 'Erika',
  'family-name': 'Mustermann',
  organization: 'Muster GmbH',
  'street-address': 'Musterstraße 1',
  'address-line1': 'Musterstraße',
  'address-line2': 'Hinterhaus',
  'postal-code': '12345',
  'address-level2': 'Musterstadt',
  'country-name': 'Deutschland',
  email: 'erika.mustermann@example.org',
  tel: '+49 30 1234567',
  bday: '1980-05-17',
};

/** Repeating groups get two items, so a `{{#each}}` block shows how it repeats. */
const EXAMPLE_ITEMS = 2;

/**
 * Example answers for every field of a form, by type: names and addresses after the field's autocomplete
 * token, otherwise the label in brackets („[Rasse]“); numbers at their minimum, dates today (birth dates in
 * 1980), the first option, „Ja“, a file „beispiel.pdf“; repeating groups with two items; calculated fields
 * computed from the rest. Pure for a given day.
 *
 * @example
 * createExampleAnswers(form, '2026-11-24') // { holder: { firstName: 'Erika', … }, dogs: [{ name: '[Name]', … }, …] }
 */
export function createExampleAnswers(form: FormDefinition, today: string, language = 'de'): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const page of form.pages) fillElements(page.elements, data, today, language);
  const scope: EvaluationScope = { data, items: {}, today };
  for (const page of form.pages) computeCalculated(page.elements, data, scope, '', {});
  return data;
}

function fillElements(elements: readonly FormElement[], target: Record<string, unknown>, today: string, language: string): void {
  for (const element of elements) {
    if (element.type === 'staticText' || element.type === 'calculated') continue;
    if (element.type === 'group') {
      const group: Record<string, unknown> = {};
      fillElements(element.elements, group, today, language);
      target[element.key] = group;
    } else if (element.type === 'repeat') {
      const count = Math.max(1, Math.min(element.maxItems, Math.max(element.minItems ?? 0, EXAMPLE_ITEMS)));
      target[element.key] = Array.from({ length: count }, () => {
        const item: Record<string, unknown> = {};
        fillElements(element.elements, item, today, language);
        return item;
      });
    } else {
      const value = exampleValue(element, today, language);
      if (value !== undefined) target[element.key] = value;
    }
  }
}

function exampleValue(field: Exclude<FieldElement, { type: 'calculated' }>, today: string, language: string): unknown {
  const label = field.label[language] ?? field.label.de;
  switch (field.type) {
    case 'text':
    case 'textarea':
      return ('autocomplete' in field && field.autocomplete ? TEXT_BY_AUTOCOMPLETE[field.autocomplete] : undefined) ?? `[${label}]`;
    case 'number':
    case 'integer':
    case 'money':
      return exampleNumber(field);
    case 'date':
      return exampleDate(field, today);
    case 'email':
      return TEXT_BY_AUTOCOMPLETE.email;
    case 'phone':
      return TEXT_BY_AUTOCOMPLETE.tel;
    case 'postalCode':
      return TEXT_BY_AUTOCOMPLETE['postal-code'];
    case 'iban':
      return 'DE89370400440532013000';
    case 'select':
    case 'radio':
      return field.options[0]?.value;
    case 'checkboxes':
      return field.options.slice(0, 1).map((option) => option.value);
    case 'yesNo':
      return true;
    case 'file':
      return [{ id: '00000000-0000-4000-8000-000000000001', name: 'beispiel.pdf', mediaType: field.accept[0] ?? 'application/pdf', size: 120_000 }];
  }
}

function exampleNumber(field: NumberField): number {
  const wanted = field.minimum ?? (field.type === 'money' ? 25 : 1);
  return field.maximum !== undefined && field.maximum < wanted ? field.maximum : wanted;
}

function exampleDate(field: DateField, today: string): string {
  if (field.autocomplete === 'bday' || field.minAgeYears !== undefined) return TEXT_BY_AUTOCOMPLETE.bday;
  if (field.minDate !== undefined && field.minDate > today) return field.minDate;
  if (field.maxDate !== undefined && field.maxDate < today) return field.maxDate;
  return today;
}

function computeCalculated(
  elements: readonly FormElement[],
  target: Record<string, unknown>,
  scope: EvaluationScope,
  prefix: string,
  items: Record<string, number>,
): void {
  for (const element of elements) {
    const path = prefix === '' ? element.key : `${prefix}.${element.key}`;
    if (element.type === 'calculated') {
      const value = evaluateExpression(element.expression, { ...scope, items });
      if (value !== null) target[element.key] = value;
    } else if (element.type === 'group') {
      const group = target[element.key];
      if (group && typeof group === 'object') computeCalculated(element.elements, group as Record<string, unknown>, scope, path, items);
    } else if (element.type === 'repeat') {
      const list = target[element.key];
      if (Array.isArray(list)) {
        list.forEach((item: unknown, index) => {
          if (item && typeof item === 'object') computeCalculated(element.elements, item as Record<string, unknown>, scope, path, { ...items, [path]: index });
        });
      }
    }
  }
}

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
 * Renders a template in one language with example answers and facts (see `createExampleAnswers`,
 * `createExampleFacts`); a missing translation falls back to German as on a real letter.
 */
export function renderTemplatePreview(definition: ServiceDefinition, template: DocumentTemplate, language: string, today: string): PreviewLetter {
  const context = {
    data: createExampleAnswers(definition.form, today, language),
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
