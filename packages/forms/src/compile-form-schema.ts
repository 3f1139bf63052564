import type { Expression, FieldElement, FormDefinition, FormElement } from '@amtsweg/definitions';

/** A JSON Schema (draft 2020-12) object as produced by the compiler. */
export type JsonSchema = { [keyword: string]: unknown };

/**
 * When a child of an object must be present, if that depends on answers: evaluated by the `amtswegRequired`
 * keyword against the whole (normalized) submission, so it can read any field. Unconditionally required
 * children use the standard `required` keyword instead.
 */
export interface RequiredRule {
  key: string;
  required?: true;
  requiredIf?: Expression;
  /** The child and, for top-level fields, its page must be visible for the rule to apply. */
  visibleIf?: Expression[];
}

/** Default bounds so that no string or list is unbounded, whatever the designer set. */
export const DEFAULT_LIMITS = {
  text: 500,
  textarea: 10_000,
  email: 254,
  phone: 30,
  iban: 42,
  fileName: 255,
} as const;

/**
 * Compiles a form into the JSON Schema of its submission data: plain JSON Schema 2020-12 for types, bounds,
 * formats and options; the conditions travel as Amtsweg keywords (`amtswegRequired`, `amtswegDate`,
 * `amtswegDecimals`, `amtswegFile`, `amtswegIban`) that the forms package's Ajv implements.
 *
 * @example
 * const schema = compileFormSchema(definition.form);
 * // schema.properties.holder.properties.lastName → { type: 'string', maxLength: 100 }
 */
export function compileFormSchema(form: FormDefinition, title = 'Submission'): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const rules: RequiredRule[] = [];
  for (const page of form.pages) {
    const pageVisibility = page.visibleIf === undefined ? [] : [page.visibleIf];
    addElements(page.elements, properties, rules, pageVisibility);
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title,
    ...objectSchema(properties, rules),
  };
}

function objectSchema(properties: Record<string, JsonSchema>, rules: RequiredRule[]): JsonSchema {
  // Empty answers are removed before validation, so "present" is all that `required` has to check.
  const always = rules.filter((r) => r.required && r.visibleIf === undefined).map((r) => r.key);
  const conditional = rules.filter((r) => !(r.required && r.visibleIf === undefined));
  return {
    type: 'object',
    ...(always.length > 0 ? { required: always } : {}),
    properties,
    additionalProperties: false,
    ...(conditional.length > 0 ? { amtswegRequired: conditional } : {}),
  };
}

function addElements(
  elements: FormElement[],
  properties: Record<string, JsonSchema>,
  rules: RequiredRule[],
  inheritedVisibility: Expression[],
): void {
  for (const element of elements) {
    if (element.type === 'staticText') continue;
    const visibleIf = element.visibleIf === undefined ? inheritedVisibility : [...inheritedVisibility, element.visibleIf];
    const rule: RequiredRule = { key: element.key };
    if (visibleIf.length > 0) rule.visibleIf = visibleIf;

    if (element.type === 'group') {
      const childProperties: Record<string, JsonSchema> = {};
      const childRules: RequiredRule[] = [];
      addElements(element.elements, childProperties, childRules, []);
      properties[element.key] = objectSchema(childProperties, childRules);
      continue;
    }
    if (element.type === 'repeat') {
      const childProperties: Record<string, JsonSchema> = {};
      const childRules: RequiredRule[] = [];
      addElements(element.elements, childProperties, childRules, []);
      properties[element.key] = {
        type: 'array',
        ...(element.minItems ? { minItems: element.minItems } : {}),
        maxItems: element.maxItems,
        items: objectSchema(childProperties, childRules),
      };
      continue;
    }
    properties[element.key] = fieldSchema(element);
    if (element.type === 'calculated') continue;
    if (element.required) rule.required = true;
    if (element.requiredIf !== undefined) rule.requiredIf = element.requiredIf;
    if (element.type === 'yesNo' && element.mustBeYes) rule.required = true;
    if (rule.required || rule.requiredIf !== undefined) rules.push(rule);
  }
}

function fieldSchema(field: FieldElement): JsonSchema {
  switch (field.type) {
    case 'text': {
      const maxLength = field.maxLength ?? DEFAULT_LIMITS.text;
      return compact({
        type: 'string',
        minLength: field.minLength,
        maxLength,
        // A regular expression backtracks in time that grows with the input; a text longer than allowed is
        // refused by `maxLength` and never given to it.
        ...(field.pattern === undefined ? {} : { if: { maxLength }, then: { pattern: field.pattern } }),
      });
    }
    case 'textarea':
      return compact({ type: 'string', minLength: field.minLength, maxLength: field.maxLength ?? DEFAULT_LIMITS.textarea });
    case 'number':
      return compact({ type: 'number', minimum: field.minimum, maximum: field.maximum });
    case 'integer':
      return compact({ type: 'integer', minimum: field.minimum, maximum: field.maximum });
    case 'money':
      return compact({ type: 'number', minimum: field.minimum, maximum: field.maximum, amtswegDecimals: 2 });
    case 'date':
      return {
        type: 'string',
        format: 'date',
        amtswegDate: compact({
          minDate: field.minDate,
          maxDate: field.maxDate,
          notInFuture: field.notInFuture,
          notInPast: field.notInPast,
          minAgeYears: field.minAgeYears,
          maxAgeYears: field.maxAgeYears,
        }),
      };
    case 'email':
      return { type: 'string', maxLength: field.maxLength ?? DEFAULT_LIMITS.email, format: 'email' };
    case 'phone':
      return { type: 'string', maxLength: DEFAULT_LIMITS.phone, format: 'phone' };
    case 'postalCode':
      return { type: 'string', maxLength: 5, format: 'postalCode' };
    case 'iban':
      return compact({ type: 'string', maxLength: DEFAULT_LIMITS.iban, format: 'iban', amtswegIban: field.countries });
    case 'select':
    case 'radio':
      return { type: 'string', enum: field.options.map((o) => o.value) };
    case 'checkboxes':
      return compact({
        type: 'array',
        items: { type: 'string', enum: field.options.map((o) => o.value) },
        uniqueItems: true,
        minItems: field.minItems,
        maxItems: field.maxItems ?? field.options.length,
      });
    case 'yesNo':
      return field.mustBeYes ? { type: 'boolean', const: true } : { type: 'boolean' };
    case 'file':
      return {
        type: 'array',
        maxItems: field.maxFiles,
        items: {
          type: 'object',
          required: ['id', 'name', 'mediaType', 'size'],
          additionalProperties: false,
          properties: {
            id: { type: 'string', pattern: '^[A-Za-z0-9-]{8,64}$' },
            name: { type: 'string', minLength: 1, maxLength: DEFAULT_LIMITS.fileName },
            mediaType: { type: 'string', maxLength: 255 },
            size: { type: 'integer', minimum: 0 },
          },
          amtswegFile: { accept: field.accept, maxSizeBytes: field.maxSizeBytes },
        },
      };
    case 'calculated':
      // Set by the server from the expression; whatever the client sent is replaced before validation.
      return {};
  }
}

/** Leaves out keywords whose value is undefined, so the schema stays readable. */
function compact(schema: Record<string, unknown>): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([, value]) => value !== undefined));
}
