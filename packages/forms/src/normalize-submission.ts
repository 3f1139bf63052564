import {
  escapeJsonPointer,
  evaluateExpression,
  isConditionTrue,
  roundHalfAwayFromZero,
  type CalculatedField,
  type EvaluationScope,
  type FormDefinition,
  type FormElement,
} from '@amtsweg/definitions';
import { normalizeIban } from './field-formats';

/** Deepest nesting a submission may have; a form nests far less, anything deeper is an attack or a bug. */
export const MAX_DEPTH = 32;

export class TooDeepError extends Error {
  constructor(readonly path: string) {
    super(`Nested deeper than ${MAX_DEPTH} levels at ${path}`);
  }
}

/**
 * Copies submitted JSON. Own keys only; a key named `__proto__` stays an ordinary own property (so it is
 * reported as unknown, never turned into a prototype).
 */
export function cloneSubmission(value: unknown, path = '', depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new TooDeepError(path);
  if (Array.isArray(value)) return value.map((item, i) => cloneSubmission(item, `${path}/${i}`, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const child = cloneSubmission((value as Record<string, unknown>)[key], `${path}/${escapeJsonPointer(key)}`, depth + 1);
    if (key === '__proto__') Object.defineProperty(copy, key, { value: child, enumerable: true, writable: true, configurable: true });
    else copy[key] = child;
  }
  return copy;
}

/**
 * Brings a copied submission into the shape that is validated and stored, in three steps:
 * 1. every answer is normalised on its own (texts trimmed, IBANs in electronic form, empty answers removed),
 *    so conditions never see a stray space;
 * 2. answers of hidden pages and fields are dropped (data minimisation; reported in `dropped` as JSON pointers)
 *    and calculated fields computed, repeated until a pass hides nothing more, so a field that depends on a
 *    hidden field is hidden too (each pass drops at least one answer, so it ends);
 * 3. the objects of visible groups and the lists of visible repeating groups are created, so validation can
 *    name each missing answer inside them.
 */
export function normalizeSubmission(form: FormDefinition, data: Record<string, unknown>, today: string): string[] {
  for (const page of form.pages) normalizeValues(page.elements, data);
  const dropped: string[] = [];
  const scope: EvaluationScope = { data, items: {}, today };
  for (;;) {
    const before = dropped.length;
    walkVisible(form, scope, (element, target, at, visible) => {
      if (!visible) {
        if (Object.prototype.hasOwnProperty.call(target, element.key)) {
          delete target[element.key];
          dropped.push(at);
        }
        return false;
      }
      if (element.type === 'calculated') setCalculated(element, target, scope);
      return true;
    });
    if (dropped.length === before) break;
  }
  walkVisible(form, scope, (element, target, _at, visible) => {
    if (visible && !Object.prototype.hasOwnProperty.call(target, element.key)) {
      if (element.type === 'group') target[element.key] = {};
      // An absent list is an empty one, so `minItems` names the problem.
      if (element.type === 'repeat') target[element.key] = [];
    }
    return visible;
  });
  return dropped;
}

type DataElement = Exclude<FormElement, { type: 'staticText' }>;

/** Step 1: each answer on its own. */
function normalizeValues(elements: FormElement[], target: Record<string, unknown>): void {
  for (const element of elements) {
    if (element.type === 'staticText' || !Object.prototype.hasOwnProperty.call(target, element.key)) continue;
    const value = target[element.key];
    if (element.type === 'group') {
      if (isPlainObject(value)) normalizeValues(element.elements, value);
    } else if (element.type === 'repeat') {
      if (Array.isArray(value)) for (const item of value) if (isPlainObject(item)) normalizeValues(element.elements, item);
    } else if (element.type !== 'calculated') {
      if (typeof value === 'string') {
        const trimmed = value.trim();
        target[element.key] = element.type === 'iban' ? normalizeIban(trimmed) : trimmed;
      }
      if (isUnanswered(element.type, target[element.key])) delete target[element.key];
    }
  }
}

/**
 * Visits every data element in form order with whether it is visible (its page, its own condition, and, via
 * `visit` returning false, its enclosing group). The scope carries the repeating-group items being visited.
 */
function walkVisible(
  form: FormDefinition,
  scope: EvaluationScope,
  visit: (element: DataElement, target: Record<string, unknown>, at: string, visible: boolean) => boolean,
): void {
  for (const page of form.pages) {
    const pageVisible = page.visibleIf === undefined || isConditionTrue(page.visibleIf, scope);
    walkElements(page.elements, scope.data, scope, '', '', pageVisible, visit);
  }
}

function walkElements(
  elements: FormElement[],
  target: Record<string, unknown>,
  scope: EvaluationScope,
  pointer: string,
  pathPrefix: string,
  parentVisible: boolean,
  visit: (element: DataElement, target: Record<string, unknown>, at: string, visible: boolean) => boolean,
): void {
  for (const element of elements) {
    if (element.type === 'staticText') continue;
    const at = `${pointer}/${element.key}`;
    const visible = parentVisible && (element.visibleIf === undefined || isConditionTrue(element.visibleIf, scope));
    if (!visit(element, target, at, visible)) continue;
    const path = pathPrefix === '' ? element.key : `${pathPrefix}.${element.key}`;
    const value = target[element.key];
    if (element.type === 'group' && isPlainObject(value)) {
      walkElements(element.elements, value, scope, at, path, true, visit);
    } else if (element.type === 'repeat' && Array.isArray(value)) {
      value.forEach((item, index) => {
        if (!isPlainObject(item)) return;
        const itemScope = { ...scope, items: { ...scope.items, [path]: index } };
        walkElements(element.elements, item, itemScope, `${at}/${index}`, path, true, visit);
      });
    }
  }
}

function setCalculated(element: CalculatedField, target: Record<string, unknown>, scope: EvaluationScope): void {
  const result = evaluateExpression(element.expression, scope);
  const value = element.valueType === 'money' && typeof result === 'number' ? roundHalfAwayFromZero(result, 2) : result;
  if (value === null) delete target[element.key];
  else target[element.key] = value;
}

/** An answer left empty. Anything else of the wrong kind stays, so validation can name the mistake. */
function isUnanswered(type: string, value: unknown): boolean {
  if (value === null || value === '') return true;
  return (type === 'checkboxes' || type === 'file') && Array.isArray(value) && value.length === 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
