import {
  evaluateExpression,
  isConditionTrue,
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
    const child = cloneSubmission((value as Record<string, unknown>)[key], `${path}/${key}`, depth + 1);
    if (key === '__proto__') Object.defineProperty(copy, key, { value: child, enumerable: true, writable: true, configurable: true });
    else copy[key] = child;
  }
  return copy;
}

/**
 * Brings a copied submission into the shape that is validated and stored: drops answers of hidden fields
 * (data minimisation; reported in `dropped` as JSON pointers), drops empty answers, trims texts, writes IBANs
 * in electronic form, creates the objects of visible groups, and computes calculated fields. Conditions are
 * re-evaluated until nothing more is hidden, so a field that depends on a hidden field is hidden too.
 */
export function normalizeSubmission(form: FormDefinition, data: Record<string, unknown>, today: string): string[] {
  const dropped: string[] = [];
  const scope: EvaluationScope = { data, items: {}, today };
  for (let pass = 0; pass < 5; pass++) {
    const before = dropped.length;
    for (const page of form.pages) {
      const pageVisible = page.visibleIf === undefined || isConditionTrue(page.visibleIf, scope);
      normalizeElements(page.elements, data, scope, '', '', pageVisible, dropped);
    }
    if (dropped.length === before) break;
  }
  return dropped;
}

function normalizeElements(
  elements: FormElement[],
  target: Record<string, unknown>,
  scope: EvaluationScope,
  pointer: string,
  pathPrefix: string,
  parentVisible: boolean,
  dropped: string[],
): void {
  for (const element of elements) {
    if (element.type === 'staticText') continue;
    const key = element.key;
    const present = Object.prototype.hasOwnProperty.call(target, key);
    const at = `${pointer}/${key}`;
    const visible = parentVisible && (element.visibleIf === undefined || isConditionTrue(element.visibleIf, scope));
    if (!visible) {
      if (present) {
        delete target[key];
        dropped.push(at);
      }
      continue;
    }
    const path = pathPrefix === '' ? key : `${pathPrefix}.${key}`;
    const value = target[key];
    switch (element.type) {
      case 'group':
        if (!present) target[key] = {};
        if (isPlainObject(target[key])) normalizeElements(element.elements, target[key], scope, at, path, true, dropped);
        break;
      case 'repeat':
        // An absent list is an empty one, so `minItems` names the problem.
        if (!present) target[key] = [];
        if (Array.isArray(value)) {
          value.forEach((item, index) => {
            if (!isPlainObject(item)) return;
            const itemScope = { ...scope, items: { ...scope.items, [path]: index } };
            normalizeElements(element.elements, item, itemScope, `${at}/${index}`, path, true, dropped);
          });
        }
        break;
      case 'calculated': {
        const result = evaluateExpression(element.expression, scope);
        const rounded = element.valueType === 'money' && typeof result === 'number' ? Math.round(result * 100) / 100 : result;
        if (rounded === null) delete target[key];
        else target[key] = rounded;
        break;
      }
      default:
        if (!present) break;
        if (typeof value === 'string') {
          const trimmed = value.trim();
          target[key] = element.type === 'iban' ? normalizeIban(trimmed) : trimmed;
        }
        if (isUnanswered(element.type, target[key])) delete target[key];
    }
  }
}

/** An answer left empty. Anything else of the wrong kind stays, so validation can name the mistake. */
function isUnanswered(type: string, value: unknown): boolean {
  if (value === null || value === '') return true;
  return (type === 'checkboxes' || type === 'file') && Array.isArray(value) && value.length === 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
