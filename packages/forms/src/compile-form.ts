import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { escapeJsonPointer, formatLocalDate, indexFormElements, type FormDefinition, type IndexedElement } from '@amtsweg/definitions';
import { compileFormSchema, type JsonSchema } from './compile-form-schema';
import { createFormAjv, setValidationDate } from './create-form-ajv';
import { describeMediaTypes, formatBytes, formatDateForPeople, formatSubmissionMessage, type MessageParams } from './messages';
import { cloneSubmission, normalizeSubmission, TooDeepError } from './normalize-submission';
import type { MessageLanguage, SubmissionError, SubmissionErrorCode } from './submission-error';

export interface ValidateOptions {
  /** Language of the messages: an Accept-Language value or a code; anything but English gives German. */
  language?: string;
  /** Reference date `YYYY-MM-DD` for "not in the future" and ages; defaults to today (local time). */
  today?: string;
}

export type SubmissionResult =
  | {
      valid: true;
      /** The data to store: hidden answers dropped, texts trimmed, calculated values set. */
      data: Record<string, unknown>;
      /** JSON pointers of answers dropped because their field was hidden. */
      dropped: string[];
    }
  | { valid: false; errors: SubmissionError[] };

/** A form compiled once, validating any number of submissions. */
export interface CompiledForm {
  /** The JSON Schema (2020-12) of the submission data. */
  readonly schema: JsonSchema;
  /** Validates a submission without changing the argument. */
  validate(data: unknown, options?: ValidateOptions): SubmissionResult;
}

let sharedAjv: ReturnType<typeof createFormAjv> | undefined;

/**
 * Compiles a form into a reusable validator. Compile once per published version and keep it: validating is
 * then a normalisation walk plus one Ajv pass.
 *
 * @example
 * const form = compileForm(definition.form);
 * const result = form.validate(JSON.parse(body), { language: 'de' });
 * if (!result.valid) reply.code(400).send({ errors: result.errors });
 */
export function compileForm(form: FormDefinition): CompiledForm {
  sharedAjv ??= createFormAjv();
  const schema = compileFormSchema(form);
  const validateSchema = sharedAjv.compile(schema);
  // The compiled function keeps what it needs; without this, Ajv's cache would hold every form ever compiled.
  sharedAjv.removeSchema(schema);
  const fields = indexFormElements(form);
  const order = new Map([...fields.keys()].map((path, i) => [path, i]));
  return {
    schema,
    validate(input, options = {}) {
      const language = pickLanguage(options.language);
      const today = options.today ?? formatLocalDate(new Date());
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        return { valid: false, errors: [{ path: '', code: 'type', message: formatSubmissionMessage('type', language, { label: language === 'de' ? 'Antrag' : 'Application' }) }] };
      }
      let data: Record<string, unknown>;
      try {
        data = cloneSubmission(input) as Record<string, unknown>;
      } catch (error) {
        if (!(error instanceof TooDeepError)) throw error;
        return { valid: false, errors: [{ path: error.path, code: 'tooDeep', message: formatSubmissionMessage('tooDeep', language, { label: '' }) }] };
      }
      setValidationDate(today);
      const dropped = normalizeSubmission(form, data, today);
      if (validateSchema(data)) return { valid: true, data, dropped };
      return { valid: false, errors: toSubmissionErrors(validateSchema, fields, order, language) };
    },
  };
}

function pickLanguage(language: string | undefined): MessageLanguage {
  return language !== undefined && /^\s*en\b/i.test(language) ? 'en' : 'de';
}

function toSubmissionErrors(
  validate: ValidateFunction,
  fields: Map<string, IndexedElement>,
  order: Map<string, number>,
  language: MessageLanguage,
): SubmissionError[] {
  const byPath = new Map<string, SubmissionError[]>();
  for (const error of validate.errors ?? []) {
    // `if` only says that its `then` failed, which reports for itself.
    if (error.keyword === 'if') continue;
    const converted = toSubmissionError(error, fields, language);
    const list = byPath.get(converted.path) ?? [];
    if (!list.some((e) => e.code === converted.code)) list.push(converted);
    byPath.set(converted.path, list);
  }
  const errors = [...byPath.values()].flatMap((list) =>
    // A missing answer has nothing else wrong with it worth saying.
    list.some((e) => e.code === 'required') ? list.filter((e) => e.code === 'required') : list,
  );
  return errors.sort((a, b) => compareKeys(sortKey(a.path, order), sortKey(b.path, order)));
}

function toSubmissionError(error: ErrorObject, fields: Map<string, IndexedElement>, language: MessageLanguage): SubmissionError {
  const params = error.params as Record<string, unknown>;
  let path = error.instancePath;
  let code: SubmissionErrorCode;
  switch (error.keyword) {
    case 'additionalProperties': {
      path = `${path}/${escapeJsonPointer(String(params.additionalProperty))}`;
      const label = String(params.additionalProperty);
      return { path, code: 'unknownProperty', message: formatSubmissionMessage('unknownProperty', language, { label }) };
    }
    case 'required':
      path = `${path}/${escapeJsonPointer(String(params.missingProperty))}`;
      code = 'required';
      break;
    case 'const':
      code = 'mustBeYes';
      break;
    case 'amtswegRequired':
    case 'amtswegDate':
    case 'amtswegDecimals':
    case 'amtswegFile':
    case 'amtswegIban':
      code = params.code as SubmissionErrorCode;
      break;
    case 'type':
      code = params.type === 'integer' ? 'integer' : 'type';
      break;
    case 'format':
      code = (({ date: 'date', email: 'email', phone: 'phone', postalCode: 'postalCode', iban: 'iban' }) as const)[
        params.format as 'date'
      ] ?? 'invalid';
      break;
    case 'enum':
      code = 'option';
      break;
    case 'uniqueItems':
      code = 'duplicateOption';
      break;
    case 'minLength':
    case 'maxLength':
    case 'pattern':
    case 'minimum':
    case 'maximum':
    case 'minItems':
      code = error.keyword;
      break;
    case 'maxItems':
      code = findField(path, fields)?.element.type === 'file' ? 'maxFiles' : 'maxItems';
      break;
    default:
      code = 'invalid';
  }
  return { path, code, message: formatSubmissionMessage(code, language, messageParams(path, code, params, fields, language)) };
}

function messageParams(
  path: string,
  code: SubmissionErrorCode,
  params: Record<string, unknown>,
  fields: Map<string, IndexedElement>,
  language: MessageLanguage,
): MessageParams {
  const field = findField(path, fields);
  const label = field ? describeField(path, field, fields, language) : path.split('/').pop() ?? '';
  const result: MessageParams = { label };
  const limit = params.limit;
  if (code === 'dateTooEarly' || code === 'dateTooLate') result.limit = formatDateForPeople(String(limit), language);
  else if (code === 'fileSize') result.limit = formatBytes(Number(limit), language);
  else if (typeof limit === 'string' || typeof limit === 'number') result.limit = String(limit);
  if (typeof params.file === 'string') result.file = params.file;
  if (Array.isArray(params.allowed)) {
    result.allowed = code === 'fileType' ? describeMediaTypes(params.allowed as string[]) : (params.allowed as string[]).join(', ');
  }
  if (code === 'pattern' && field?.element.type === 'text' && field.element.patternMessage) {
    result.custom = field.element.patternMessage[language] ?? field.element.patternMessage.de;
  }
  return result;
}

/** The nearest form element a JSON pointer falls into: `/dogs/1/certificate/0/id` → `dogs.certificate`. */
function findField(pointer: string, fields: Map<string, IndexedElement>): IndexedElement | undefined {
  const segments = pointer.split('/').slice(1).filter((s) => !/^\d+$/.test(s));
  for (let length = segments.length; length > 0; length--) {
    const field = fields.get(segments.slice(0, length).join('.'));
    if (field) return field;
  }
  return undefined;
}

/** The field's label, prefixed with the repeating-group item it sits in: "Hund 2 – Rasse". */
function describeField(pointer: string, field: IndexedElement, fields: Map<string, IndexedElement>, language: MessageLanguage): string {
  // "…gelesen." reads badly inside quotes in the middle of a sentence.
  const label = (field.element.label[language] ?? field.element.label.de).replace(/\.$/, '');
  const prefixes: string[] = [];
  let path = '';
  for (const segment of pointer.split('/').slice(1)) {
    if (/^\d+$/.test(segment)) {
      const group = fields.get(path)?.element;
      if (group?.type === 'repeat' && group !== field.element) {
        prefixes.push(`${group.itemLabel[language] ?? group.itemLabel.de} ${Number(segment) + 1}`);
      }
    } else path = path === '' ? segment : `${path}.${segment}`;
  }
  return [...prefixes, label].join(' – ');
}

/** Sorts errors in form order: each segment by its field's position, item indices by number. */
function sortKey(pointer: string, order: Map<string, number>): number[] {
  const key: number[] = [];
  let path = '';
  for (const segment of pointer.split('/').slice(1)) {
    if (/^\d+$/.test(segment)) key.push(Number(segment));
    else {
      path = path === '' ? segment : `${path}.${segment}`;
      key.push(order.get(path) ?? Number.MAX_SAFE_INTEGER);
    }
  }
  return key;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}
