import Ajv2020 from 'ajv/dist/2020';
import type { DataValidationCxt } from 'ajv/dist/types';
import addFormats from 'ajv-formats';
import {
  fullYearsBetween,
  isConditionTrue,
  isEmptyValue,
  parseIsoDate,
  roundHalfAwayFromZero,
  type DateField,
  type EvaluationScope,
  type FileField,
} from '@amtsweg/definitions';
import type { RequiredRule } from './compile-form-schema';
import { isIban, PHONE, POSTAL_CODE_DE } from './field-formats';
import type { SubmissionErrorCode } from './submission-error';

/**
 * The date "today" for the validation running now. Ajv keywords cannot take per-call arguments, and
 * validation is synchronous, so the validator sets this just before it calls Ajv.
 */
export const validationClock = { today: '1970-01-01', todayParts: [1970, 1, 1] as [number, number, number] };

/** Sets the reference date of the validation about to run. */
export function setValidationDate(today: string): void {
  if (today === validationClock.today) return;
  const parts = parseIsoDate(today);
  if (!parts) throw new RangeError(`today must be a date YYYY-MM-DD, got ${today}`);
  validationClock.today = today;
  validationClock.todayParts = parts;
}

interface KeywordError {
  keyword: string;
  instancePath?: string;
  params: { code: SubmissionErrorCode; limit?: string | number; file?: string; allowed?: readonly string[] };
}

type KeywordValidate<TSchema, TData> = ((
  schema: TSchema,
  data: TData,
  parentSchema: unknown,
  context?: DataValidationCxt,
) => boolean) & { errors?: KeywordError[] };

/**
 * Creates the Ajv instance that understands compiled form schemas: draft 2020-12, all errors, strict,
 * the standard date and email formats, German postal codes, phone numbers, IBAN with checksum, and the
 * Amtsweg keywords for conditional requiredness, relative dates, money and file constraints.
 */
export function createFormAjv(): Ajv2020 {
  // ownProperties: a field keyed `constructor` or `toString` must not find Object.prototype's.
  const ajv = new Ajv2020({ allErrors: true, strict: true, messages: false, ownProperties: true });
  addFormats(ajv, ['date', 'email']);
  ajv.addFormat('postalCode', POSTAL_CODE_DE);
  ajv.addFormat('phone', PHONE);
  ajv.addFormat('iban', { type: 'string', validate: isIban });

  ajv.addKeyword({ keyword: 'amtswegRequired', type: 'object', schemaType: 'array', errors: true, validate: validateRequired });
  ajv.addKeyword({ keyword: 'amtswegDate', type: 'string', schemaType: 'object', errors: true, validate: validateDate });
  ajv.addKeyword({ keyword: 'amtswegDecimals', type: 'number', schemaType: 'number', errors: true, validate: validateDecimals });
  ajv.addKeyword({ keyword: 'amtswegFile', type: 'object', schemaType: 'object', errors: true, validate: validateFile });
  ajv.addKeyword({ keyword: 'amtswegIban', type: 'string', schemaType: 'array', errors: true, validate: validateIbanCountry });
  return ajv;
}

const validateRequired: KeywordValidate<RequiredRule[], Record<string, unknown>> = function (
  rules,
  data,
  _parentSchema,
  context,
) {
  const instancePath = context?.instancePath ?? '';
  const errors: KeywordError[] = [];
  const scope: EvaluationScope = {
    data: (context?.rootData ?? data) as Record<string, unknown>,
    items: itemsFromPointer(instancePath),
    today: validationClock.today,
  };
  for (const rule of rules) {
    if (rule.visibleIf && !rule.visibleIf.every((condition) => isConditionTrue(condition, scope))) continue;
    if (!rule.required && !isConditionTrue(rule.requiredIf, scope)) continue;
    const present = Object.prototype.hasOwnProperty.call(data, rule.key) && !isEmptyValue(data[rule.key]);
    const path = `${instancePath}/${rule.key}`;
    if (!present) errors.push({ keyword: 'amtswegRequired', instancePath: path, params: { code: 'required' } });
  }
  validateRequired.errors = errors;
  return errors.length === 0;
};

type DateRules = Pick<DateField, 'minDate' | 'maxDate' | 'notInFuture' | 'notInPast' | 'minAgeYears' | 'maxAgeYears'>;

const validateDate: KeywordValidate<DateRules, string> = function (rules, value) {
  // An impossible date is reported by the `date` format; nothing more to say about it here.
  if (!ISO_DATE_SHAPE.test(value)) return true;
  const fail = (code: SubmissionErrorCode, limit?: string | number): boolean => {
    validateDate.errors = [{ keyword: 'amtswegDate', params: { code, ...(limit === undefined ? {} : { limit }) } }];
    return false;
  };
  if (rules.notInFuture && value > validationClock.today) return fail('dateInFuture');
  if (rules.notInPast && value < validationClock.today) return fail('dateInPast');
  if (rules.minDate !== undefined && value < rules.minDate) return fail('dateTooEarly', rules.minDate);
  if (rules.maxDate !== undefined && value > rules.maxDate) return fail('dateTooLate', rules.maxDate);
  if (rules.minAgeYears === undefined && rules.maxAgeYears === undefined) return true;
  const date = parseIsoDate(value);
  if (!date) return true;
  const age = fullYearsBetween(date, validationClock.todayParts);
  if (rules.minAgeYears !== undefined && age < rules.minAgeYears) return fail('minAge', rules.minAgeYears);
  if (rules.maxAgeYears !== undefined && age > rules.maxAgeYears) return fail('maxAge', rules.maxAgeYears);
  return true;
};

const ISO_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

const validateDecimals: KeywordValidate<number, number> = function (decimals, value) {
  // Exact on the decimal value: 19.99 passes, 1.005 and 10.000000001 do not.
  if (roundHalfAwayFromZero(value, decimals) === value) return true;
  validateDecimals.errors = [{ keyword: 'amtswegDecimals', params: { code: 'decimals', limit: decimals } }];
  return false;
};

type FileRules = Pick<FileField, 'accept' | 'maxSizeBytes'>;

const validateFile: KeywordValidate<FileRules, Record<string, unknown>> = function (rules, file) {
  const errors: KeywordError[] = [];
  const name = typeof file.name === 'string' ? file.name : '';
  if (typeof file.mediaType === 'string' && !rules.accept.includes(file.mediaType)) {
    errors.push({ keyword: 'amtswegFile', params: { code: 'fileType', file: name, allowed: rules.accept } });
  }
  if (typeof file.size === 'number' && file.size > rules.maxSizeBytes) {
    errors.push({ keyword: 'amtswegFile', params: { code: 'fileSize', file: name, limit: rules.maxSizeBytes } });
  }
  validateFile.errors = errors;
  return errors.length === 0;
};

const validateIbanCountry: KeywordValidate<string[], string> = function (countries, value) {
  if (!isIban(value) || countries.includes(value.slice(0, 2))) return true;
  validateIbanCountry.errors = [{ keyword: 'amtswegIban', params: { code: 'ibanCountry', allowed: countries } }];
  return false;
};

const itemsCache = new Map<string, Record<string, number>>();

/** `/dogs/1/vaccinations/0` → `{ dogs: 1, 'dogs.vaccinations': 0 }`: the repeating-group items in scope. */
export function itemsFromPointer(pointer: string): Record<string, number> {
  const cached = itemsCache.get(pointer);
  if (cached) return cached;
  const items: Record<string, number> = {};
  // Object pointers are few (one per group and item), so the cache stays small; bound it all the same.
  if (itemsCache.size < 10_000) itemsCache.set(pointer, items);
  if (pointer === '') return items;
  let path = '';
  for (const segment of pointer.slice(1).split('/')) {
    if (/^\d+$/.test(segment)) items[path] = Number(segment);
    else path = path === '' ? segment : `${path}.${segment}`;
  }
  return items;
}
