import {
  evaluateExpression,
  formatLocalDate,
  isPatternSafe,
  roundHalfAwayFromZero,
  type AutocompleteToken,
  type DateField,
  type EvaluationScope,
  type FieldElement,
  type FileReference,
  type FormDefinition,
  type FormElement,
  type IbanField,
  type NumberField,
  type TextField,
} from '@amtsweg/definitions';

/**
 * Answers for every field of a form, each a plausible value of its type and within its constraints (lengths,
 * bounds, dates, ages, patterns where a simple candidate fits, allowed IBAN countries), then the calculated
 * fields computed from them as a submission would. For previewing document templates in the Studio: the
 * answers are filled whether or not a condition would hide the field. Pure: the same form and day give the
 * same answers.
 *
 * @example
 *   exampleData(definition.form, { today: '2026-11-24' })
 *   // { holder: { firstName: 'Erika', lastName: 'Mustermann', birthDate: '1986-11-24', … }, dogs: [ … ], … }
 */
export function exampleData(form: FormDefinition, options: { today?: string } = {}): Record<string, unknown> {
  const today = options.today ?? formatLocalDate(new Date());
  const data: Record<string, unknown> = {};
  for (const page of form.pages) fillElements(page.elements, data, today);
  const scope: EvaluationScope = { data, items: {}, today };
  for (const page of form.pages) computeCalculated(page.elements, data, scope, '');
  return data;
}

/** Repeating groups get two items (within their bounds), so a template's `{{#each}}` shows how it repeats. */
const PREFERRED_ITEMS = 2;

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
  bday: '1980-01-01',
};

/** Texts tried, in order, against a field's pattern (house numbers, postal codes, chip and file numbers, …). */
const PATTERN_CANDIDATES = [
  '12',
  '12345',
  ...Array.from({ length: 20 }, (_, i) => '12345678901234567890'.slice(0, i + 1)),
  'AB-1234',
  'AB1234',
  'A',
];

/** Example IBANs with valid check digits, by country (the banks' own published examples). */
const EXAMPLE_IBANS: Readonly<Record<string, string>> = {
  DE: 'DE89370400440532013000',
  AT: 'AT611904300234573201',
  BE: 'BE68539007547034',
  CH: 'CH9300762011623852957',
  CZ: 'CZ6508000000192000145399',
  DK: 'DK5000400440116243',
  ES: 'ES9121000418450200051332',
  FR: 'FR1420041010050500013M02606',
  IT: 'IT60X0542811101000000123456',
  LU: 'LU280019400644750000',
  NL: 'NL91ABNA0417164300',
  PL: 'PL61109010140000071219812874',
};

const FILE_NAMES: Readonly<Record<string, string>> = {
  'application/pdf': 'beispiel.pdf',
  'image/jpeg': 'beispiel.jpg',
  'image/png': 'beispiel.png',
};

function fillElements(elements: readonly FormElement[], target: Record<string, unknown>, today: string): void {
  for (const element of elements) {
    if (element.type === 'staticText' || element.type === 'calculated') continue;
    if (element.type === 'group') {
      const group: Record<string, unknown> = {};
      fillElements(element.elements, group, today);
      target[element.key] = group;
    } else if (element.type === 'repeat') {
      const count = Math.min(element.maxItems, Math.max(element.minItems ?? 0, PREFERRED_ITEMS));
      target[element.key] = Array.from({ length: count }, () => {
        const item: Record<string, unknown> = {};
        fillElements(element.elements, item, today);
        return item;
      });
    } else {
      const value = exampleValue(element, today);
      if (value !== undefined) target[element.key] = value;
    }
  }
}

function exampleValue(field: Exclude<FieldElement, { type: 'calculated' }>, today: string): unknown {
  switch (field.type) {
    case 'text':
      return exampleText(field);
    case 'textarea':
      return fitLength(`Beispieltext für „${field.label.de}“.`, field.minLength, field.maxLength);
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
      return exampleIban(field);
    case 'select':
    case 'radio':
      return field.options[0]?.value;
    case 'checkboxes': {
      const count = Math.min(field.options.length, field.maxItems ?? Infinity, Math.max(field.minItems ?? 1, 1));
      return field.options.slice(0, count).map((option) => option.value);
    }
    case 'yesNo':
      return true;
    case 'file': {
      const mediaType = field.accept[0] ?? 'application/pdf';
      const file: FileReference = {
        id: '00000000-0000-4000-8000-000000000001',
        name: FILE_NAMES[mediaType] ?? 'beispiel',
        mediaType,
        size: Math.min(120_000, field.maxSizeBytes),
      };
      return field.maxFiles > 0 ? [file] : undefined;
    }
  }
}

/** The autocomplete's example, else the field's German label; a pattern is honoured where a simple candidate fits. */
function exampleText(field: TextField): string {
  const preferred = field.autocomplete ? TEXT_BY_AUTOCOMPLETE[field.autocomplete] : field.label.de;
  const fits = (text: string) => text.length >= (field.minLength ?? 0) && text.length <= (field.maxLength ?? Infinity);
  if (field.pattern !== undefined) {
    const pattern = compilePattern(field.pattern);
    if (pattern) {
      const match = [preferred, ...PATTERN_CANDIDATES].find((candidate) => fits(candidate) && pattern.test(candidate));
      if (match !== undefined) return match;
    }
  }
  return fitLength(preferred, field.minLength, field.maxLength);
}

// Only patterns that cannot backtrack catastrophically are run (an unsaved definition has not been checked).
function compilePattern(pattern: string): RegExp | undefined {
  if (!isPatternSafe(pattern)) return undefined;
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

function fitLength(text: string, minLength = 0, maxLength = Infinity): string {
  const long = text.length < minLength ? text.padEnd(minLength, ' Beispieltext') : text;
  return long.slice(0, maxLength);
}

function exampleNumber(field: NumberField): number {
  let value = field.type === 'money' ? 100 : field.type === 'integer' ? 3 : 10;
  if (field.minimum !== undefined && value < field.minimum) value = field.minimum;
  if (field.maximum !== undefined && value > field.maximum) value = field.maximum;
  if (field.type === 'integer') value = field.maximum !== undefined && Math.ceil(value) > field.maximum ? Math.floor(value) : Math.ceil(value);
  return value;
}

/** A birth date of an adult (or of the allowed ages), a past day, a coming day, or today — within the field's bounds. */
function exampleDate(field: DateField, today: string): string {
  let value: string;
  if (field.minAgeYears !== undefined || field.maxAgeYears !== undefined) {
    const minimum = field.minAgeYears ?? 0;
    let years = field.minAgeYears !== undefined ? minimum + 20 : Math.min(3, Math.floor((field.maxAgeYears ?? 6) / 2));
    if (field.maxAgeYears !== undefined && years > field.maxAgeYears) years = Math.floor((minimum + field.maxAgeYears) / 2);
    value = shiftDate(today, { years: -years });
  } else if (field.autocomplete === 'bday') {
    // A birth date without age bounds: an adult's.
    value = shiftDate(today, { years: -40 });
  } else if (field.notInPast) {
    value = shiftDate(today, { days: 14 });
  } else if (field.notInFuture) {
    value = shiftDate(today, { years: -1 });
  } else {
    value = today;
  }
  // ISO dates compare as text.
  if (field.minDate !== undefined && value < field.minDate) value = field.minDate;
  if (field.maxDate !== undefined && value > field.maxDate) value = field.maxDate;
  return value;
}

function shiftDate(day: string, by: { years?: number; days?: number }): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year + (by.years ?? 0), month - 1, date + (by.days ?? 0))).toISOString().slice(0, 10);
}

function exampleIban(field: IbanField): string {
  const allowed = field.countries?.map((country) => country.toUpperCase()) ?? ['DE'];
  const country = allowed.includes('DE') ? 'DE' : allowed.find((code) => EXAMPLE_IBANS[code] !== undefined);
  return EXAMPLE_IBANS[country ?? 'DE']!;
}

/** Calculated fields in form order, each item of a repeating group in its own scope, as a submission computes them. */
function computeCalculated(elements: readonly FormElement[], target: Record<string, unknown>, scope: EvaluationScope, pathPrefix: string): void {
  for (const element of elements) {
    if (element.type === 'staticText') continue;
    const path = pathPrefix === '' ? element.key : `${pathPrefix}.${element.key}`;
    const value = target[element.key];
    if (element.type === 'calculated') {
      const result = evaluateExpression(element.expression, scope);
      const rounded = element.valueType === 'money' && typeof result === 'number' ? roundHalfAwayFromZero(result, 2) : result;
      if (rounded !== null) target[element.key] = rounded;
    } else if (element.type === 'group' && isRecord(value)) {
      computeCalculated(element.elements, value, scope, path);
    } else if (element.type === 'repeat' && Array.isArray(value)) {
      value.forEach((item, index) => {
        if (isRecord(item)) computeCalculated(element.elements, item, { ...scope, items: { ...scope.items, [path]: index } }, path);
      });
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
