import {
  evaluateExpression,
  isConditionTrue,
  type EvaluationScope,
  type FieldElement,
  type FormDefinition,
  type FormElement,
  type FormPage,
  type GroupElement,
  type RepeatElement,
} from '@amtsweg/definitions';

/** The answers as the form keeps them while it is filled: the submission's shape, possibly unfinished. */
export type Answers = Record<string, unknown>;

/** Where an element's answer lives: its JSON pointer (`/dogs/1/name`) and the repeating-group items around it. */
export interface Location {
  pointer: string;
  /** Dotted data path without item numbers (`dogs.name`), as conditions name it. */
  path: string;
  items: Record<string, number>;
}

export const ROOT: Location = { pointer: '', path: '', items: {} };

export function childLocation(parent: Location, key: string): Location {
  return { pointer: `${parent.pointer}/${escapePointer(key)}`, path: parent.path === '' ? key : `${parent.path}.${key}`, items: parent.items };
}

export function itemLocation(repeat: Location, index: number): Location {
  return { pointer: `${repeat.pointer}/${index}`, path: repeat.path, items: { ...repeat.items, [repeat.path]: index } };
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A DOM id for the input of an answer; the same pointer always gives the same id. */
export function fieldId(pointer: string): string {
  return `f${pointer.replace(/[^A-Za-z0-9_-]/g, (c) => (c === '/' ? '-' : `_${c.charCodeAt(0).toString(16)}`))}`;
}

export function scopeAt(data: Answers, at: Location, today?: string): EvaluationScope {
  return { data, items: at.items, ...(today ? { today } : {}) };
}

/** Whether an element shows: its own condition, evaluated for the repeating-group items it sits in. */
export function isShown(element: FormElement, data: Answers, at: Location, today?: string): boolean {
  return element.visibleIf === undefined || isConditionTrue(element.visibleIf, scopeAt(data, at, today));
}

/** Whether a field must be answered now (`required`, or `requiredIf` true for its items). */
export function isRequiredNow(element: FieldElement, data: Answers, at: Location, today?: string): boolean {
  if (element.type === 'calculated') return false;
  return element.required === true || (element.requiredIf !== undefined && isConditionTrue(element.requiredIf, scopeAt(data, at, today)));
}

export function isPageShown(page: FormPage, data: Answers, today?: string): boolean {
  return page.visibleIf === undefined || isConditionTrue(page.visibleIf, { data, items: {}, ...(today ? { today } : {}) });
}

export function visiblePages(form: FormDefinition, data: Answers, today?: string): FormPage[] {
  return form.pages.filter((page) => isPageShown(page, data, today));
}

/** The value at a location (undefined when any step is missing or of the wrong kind). */
export function readAnswer(data: Answers, at: Location): unknown {
  let value: unknown = data;
  for (const step of splitPointer(at.pointer)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Object.prototype.hasOwnProperty.call(value, step) ? (value as Record<string, unknown>)[step] : undefined;
  }
  return value;
}

/** A copy of the answers with one value replaced (undefined removes it); creates groups and items on the way. */
export function writeAnswer(data: Answers, pointer: string, value: unknown): Answers {
  const steps = splitPointer(pointer);
  const write = (target: unknown, index: number): unknown => {
    const step = steps[index]!;
    const last = index === steps.length - 1;
    if (Array.isArray(target)) {
      const copy = [...(target as unknown[])];
      const position = Number(step);
      copy[position] = last ? value : write(copy[position] ?? {}, index + 1);
      return copy;
    }
    const copy: Record<string, unknown> = { ...(target !== null && typeof target === 'object' ? (target as Record<string, unknown>) : {}) };
    if (last) {
      if (value === undefined) delete copy[step];
      else copy[step] = value;
    } else {
      copy[step] = write(copy[step], index + 1);
    }
    return copy;
  };
  return write(data, 0) as Answers;
}

function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The items of a repeating group at a location, as a list (an absent or broken value is an empty list). */
export function repeatItems(data: Answers, at: Location): Answers[] {
  const value = readAnswer(data, at);
  return Array.isArray(value) ? value.map((item) => (item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as Answers) : {})) : [];
}

export type Visit =
  | { kind: 'field'; element: FieldElement; at: Location }
  | { kind: 'group'; element: GroupElement; at: Location }
  | { kind: 'repeat'; element: RepeatElement; at: Location; items: number };

/**
 * Visits the shown elements of a list in form order, descending into groups and into each item of a
 * repeating group. The same walk serves the page, the check-your-answers list and mapping errors to pages.
 */
export function walkShown(elements: FormElement[], data: Answers, at: Location, visit: (node: Visit) => void, today?: string): void {
  for (const element of elements) {
    if (element.type === 'staticText' || !isShown(element, data, at, today)) continue;
    const here = childLocation(at, element.key);
    if (element.type === 'group') {
      visit({ kind: 'group', element, at: here });
      walkShown(element.elements, data, here, visit, today);
    } else if (element.type === 'repeat') {
      const items = repeatItems(data, here);
      visit({ kind: 'repeat', element, at: here, items: items.length });
      items.forEach((_item, index) => walkShown(element.elements, data, itemLocation(here, index), visit, today));
    } else {
      visit({ kind: 'field', element, at: here });
    }
  }
}

/** The page an answer (or an error's JSON pointer) belongs to: the page holding its top-level element. */
export function pageOfPointer(form: FormDefinition, pointer: string): FormPage | undefined {
  const top = splitPointer(pointer)[0];
  return form.pages.find((page) => page.elements.some((element) => element.type !== 'staticText' && element.key === top));
}

/** A calculated field's value for display, computed with the shared evaluator. */
export function calculate(expression: Parameters<typeof evaluateExpression>[0], data: Answers, at: Location, today?: string): unknown {
  return evaluateExpression(expression, scopeAt(data, at, today));
}
