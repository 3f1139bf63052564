import {
  EXPRESSION_OPERATORS,
  indexFormElements,
  type CalculatedField,
  type Expression,
  type FormDefinition,
  type IndexedElement,
} from '@amtsweg/definitions';

/**
 * The condition editor's view of an expression: rows „Feld – Bedingung – Wert“ joined by „und“ or „oder“,
 * possibly with nested groups. Only expressions of this shape can be edited in rows; anything else stays
 * editable as JSON.
 */
export type ConditionOperator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'empty' | 'notEmpty' | 'contains' | 'notContains';

export type ConditionValue = string | number | boolean | null;

export interface ConditionRow {
  kind: 'row';
  /** Data path of the field read; empty while the designer has not chosen one. */
  field: string;
  operator: ConditionOperator;
  /** The value compared with; null while none is given (and for „ist leer“). */
  value: ConditionValue;
}

export interface ConditionGroup {
  kind: 'group';
  combinator: 'and' | 'or';
  items: ConditionItem[];
}

export type ConditionItem = ConditionRow | ConditionGroup;

/** How the editor treats a field's answers: which operators it offers and what value input it shows. */
export type ConditionFieldKind = 'boolean' | 'choice' | 'multiChoice' | 'number' | 'date' | 'text' | 'list';

const OPERATORS_BY_KIND: Record<ConditionFieldKind, readonly ConditionOperator[]> = {
  boolean: ['eq', 'ne', 'empty', 'notEmpty'],
  choice: ['eq', 'ne', 'empty', 'notEmpty'],
  multiChoice: ['contains', 'notContains', 'empty', 'notEmpty'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'],
  date: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'],
  text: ['eq', 'ne', 'empty', 'notEmpty'],
  list: ['empty', 'notEmpty'],
};

const COMPARISONS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const;
type Comparison = (typeof COMPARISONS)[number];

/** The operators offered for a kind of field, in the order the editor lists them. */
export function operatorsFor(kind: ConditionFieldKind): readonly ConditionOperator[] {
  return OPERATORS_BY_KIND[kind];
}

/** True when the operator compares with a value („ist gleich“), false when it needs none („ist leer“). */
export function needsValue(operator: ConditionOperator): boolean {
  return operator !== 'empty' && operator !== 'notEmpty';
}

export function emptyCondition(): ConditionGroup {
  return { kind: 'group', combinator: 'and', items: [] };
}

export function emptyRow(): ConditionRow {
  return { kind: 'row', field: '', operator: 'notEmpty', value: null };
}

/**
 * Reads an expression into editor rows; `undefined` (no condition) gives an empty group. Answers null when
 * the expression has a shape the rows cannot show (arithmetic, aggregates, `not` around anything but „enthält“).
 *
 * @example
 * conditionFromExpression({ eq: [{ var: 'sepaMandate' }, true] })
 * // { kind: 'group', combinator: 'and', items: [{ kind: 'row', field: 'sepaMandate', operator: 'eq', value: true }] }
 */
export function conditionFromExpression(expression: Expression | undefined): ConditionGroup | null {
  if (expression === undefined) return emptyCondition();
  const item = itemFromExpression(expression);
  if (item === null) return null;
  return item.kind === 'group' ? item : { kind: 'group', combinator: 'and', items: [item] };
}

function itemFromExpression(expression: Expression): ConditionItem | null {
  if (expression === null || typeof expression !== 'object' || Array.isArray(expression)) return null;
  if ('and' in expression || 'or' in expression) {
    const combinator = 'and' in expression ? 'and' : 'or';
    const list = 'and' in expression ? expression.and : expression.or;
    if (!Array.isArray(list)) return null;
    const items: ConditionItem[] = [];
    for (const part of list) {
      const item = itemFromExpression(part);
      if (item === null) return null;
      items.push(item);
    }
    return { kind: 'group', combinator, items };
  }
  return rowFromExpression(expression);
}

function rowFromExpression(expression: Exclude<Expression, string | number | boolean | null>): ConditionRow | null {
  for (const operator of COMPARISONS) {
    if (operator in expression) {
      const pair = (expression as Record<Comparison, unknown>)[operator];
      if (!Array.isArray(pair) || pair.length !== 2) return null;
      const field = fieldOf(pair[0]);
      const value: unknown = pair[1];
      if (field === null || !isLiteral(value) || value === null) return null;
      return { kind: 'row', field, operator, value };
    }
  }
  if ('empty' in expression || 'notEmpty' in expression) {
    const operator = 'empty' in expression ? 'empty' : 'notEmpty';
    const field = fieldOf((expression as Record<string, unknown>)[operator]);
    return field === null ? null : { kind: 'row', field, operator, value: null };
  }
  if ('in' in expression) return containsRow(expression.in, 'contains');
  if ('not' in expression) {
    const inner = expression.not;
    if (inner !== null && typeof inner === 'object' && 'in' in inner) return containsRow(inner.in, 'notContains');
  }
  return null;
}

function containsRow(args: unknown, operator: 'contains' | 'notContains'): ConditionRow | null {
  if (!Array.isArray(args) || args.length !== 2) return null;
  const value: unknown = args[0];
  const field = fieldOf(args[1]);
  if (field === null || !isLiteral(value) || value === null) return null;
  return { kind: 'row', field, operator, value };
}

function fieldOf(expression: unknown): string | null {
  if (expression === null || typeof expression !== 'object' || Array.isArray(expression)) return null;
  const keys = Object.keys(expression);
  const path = (expression as { var?: unknown }).var;
  return keys.length === 1 && typeof path === 'string' && path !== '' && !path.startsWith('$') ? path : null;
}

function isLiteral(value: unknown): value is ConditionValue {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** True when a row says everything its expression needs: a field, and a value where the operator takes one. */
export function isRowComplete(row: ConditionRow): boolean {
  if (row.field === '') return false;
  return !needsValue(row.operator) || (row.value !== null && row.value !== '');
}

/**
 * Writes editor rows back as an expression. Unfinished rows are left out, an empty group is dropped, a group
 * of one is that one; nothing left means no condition (`undefined`).
 *
 * @example
 * expressionFromCondition({ kind: 'group', combinator: 'or', items: [rowA, rowB] }) // { or: [exprA, exprB] }
 */
export function expressionFromCondition(group: ConditionGroup): Expression | undefined {
  return expressionFromItem(group);
}

function expressionFromItem(item: ConditionItem): Expression | undefined {
  if (item.kind === 'row') return isRowComplete(item) ? expressionFromRow(item) : undefined;
  const parts = item.items.map(expressionFromItem).filter((part): part is Expression => part !== undefined);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return item.combinator === 'and' ? { and: parts } : { or: parts };
}

function expressionFromRow(row: ConditionRow): Expression {
  const field = { var: row.field };
  const value = row.value ?? null;
  switch (row.operator) {
    case 'empty':
      return { empty: field };
    case 'notEmpty':
      return { notEmpty: field };
    case 'contains':
      return { in: [value, field] };
    case 'notContains':
      return { not: { in: [value, field] } };
    case 'eq':
      return { eq: [field, value] };
    case 'ne':
      return { ne: [field, value] };
    case 'gt':
      return { gt: [field, value] };
    case 'gte':
      return { gte: [field, value] };
    case 'lt':
      return { lt: [field, value] };
    case 'lte':
      return { lte: [field, value] };
  }
}

/** A field a condition may read, named as the clerk knows it. */
export interface ConditionField {
  path: string;
  /** The labels from the outermost group down: „Halter › Vorname“. */
  name: string;
  kind: ConditionFieldKind;
  element: IndexedElement['element'];
  /** The choices, for choice fields. */
  options: { value: string; label: string }[];
}

const CALCULATED_KINDS: Record<CalculatedField['valueType'], ConditionFieldKind> = {
  number: 'number',
  money: 'number',
  text: 'text',
  date: 'date',
  yesNo: 'boolean',
};

/** The editor's kind of a field, or null for a group (which a condition cannot compare). */
export function conditionKindOf(element: IndexedElement['element']): ConditionFieldKind | null {
  switch (element.type) {
    case 'yesNo':
      return 'boolean';
    case 'select':
    case 'radio':
      return 'choice';
    case 'checkboxes':
      return 'multiChoice';
    case 'number':
    case 'integer':
    case 'money':
      return 'number';
    case 'date':
      return 'date';
    case 'file':
    case 'repeat':
      return 'list';
    case 'group':
      return null;
    case 'calculated':
      return CALCULATED_KINDS[element.valueType];
    default:
      return 'text';
  }
}

/**
 * The fields a condition of the element at `ownerPath` may read: every answer of the form except the element
 * itself and what lies inside it, and except fields in repeating groups the element is not inside (a field of
 * „Hund“ can only be read within the same dog). With `ownerPath` undefined (a page's condition), only fields
 * outside repeating groups.
 *
 * @example
 * listConditionFields(form, 'dogs.certificate').map((f) => f.path) // ['holder', 'holder.name', …, 'dogs.breed', …]
 */
export function listConditionFields(form: FormDefinition, ownerPath: string | undefined, language: string): ConditionField[] {
  const index = indexFormElements(form);
  const fields: ConditionField[] = [];
  for (const entry of index.values()) {
    if (ownerPath !== undefined && (entry.path === ownerPath || entry.path.startsWith(`${ownerPath}.`))) continue;
    const inScope = entry.repeats.every((repeat) => ownerPath !== undefined && ownerPath.startsWith(`${repeat}.`));
    if (!inScope) continue;
    const kind = conditionKindOf(entry.element);
    if (kind === null) continue;
    fields.push({
      path: entry.path,
      name: nameAlongPath(index, entry.path, language),
      kind,
      element: entry.element,
      options: optionsOf(entry.element, language),
    });
  }
  return fields;
}

function nameAlongPath(index: Map<string, IndexedElement>, path: string, language: string): string {
  const segments = path.split('.');
  return segments
    .map((_, position) => {
      const prefix = segments.slice(0, position + 1).join('.');
      const element = index.get(prefix)?.element;
      const label = element?.label[language]?.trim() || element?.label.de.trim();
      return label || segments[position];
    })
    .join(' › ');
}

function optionsOf(element: IndexedElement['element'], language: string): ConditionField['options'] {
  if (element.type !== 'select' && element.type !== 'radio' && element.type !== 'checkboxes') return [];
  return element.options.map((option) => ({ value: option.value, label: option.label[language] ?? option.label.de }));
}

/**
 * The row a field starts with when the designer picks it: „ist Ja“ for a yes/no question, the first choice for
 * a choice field, „ist nicht leer“ otherwise, so the row is complete at once.
 */
export function startRow(field: ConditionField): ConditionRow {
  if (field.kind === 'boolean') return { kind: 'row', field: field.path, operator: 'eq', value: true };
  const first = field.options[0]?.value;
  if (field.kind === 'choice' && first !== undefined) return { kind: 'row', field: field.path, operator: 'eq', value: first };
  if (field.kind === 'multiChoice' && first !== undefined) return { kind: 'row', field: field.path, operator: 'contains', value: first };
  return { kind: 'row', field: field.path, operator: 'notEmpty', value: null };
}

/** A row after the designer picked another operator: the value is kept where it still fits. */
export function withOperator(row: ConditionRow, operator: ConditionOperator): ConditionRow {
  return { ...row, operator, value: needsValue(operator) ? row.value : null };
}

/**
 * Reads the JSON an expert typed into a condition: empty text is no condition; otherwise the JSON must be a
 * literal or an object with one known operator, all the way down. Says what is wrong in a few words.
 *
 * @example
 * parseConditionJson('{"eq": [{"var": "a"}, 1]}') // { ok: true, expression: { eq: [{ var: 'a' }, 1] } }
 * parseConditionJson('{"equals": 1}') // { ok: false, problem: 'operator', detail: 'equals' }
 */
export function parseConditionJson(
  text: string,
): { ok: true; expression: Expression | undefined } | { ok: false; problem: 'json' | 'operator'; detail: string } {
  if (text.trim() === '') return { ok: true, expression: undefined };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: 'json', detail: error instanceof Error ? error.message : String(error) };
  }
  const wrong = findUnknownOperator(value);
  if (wrong !== null) return { ok: false, problem: 'operator', detail: wrong };
  return { ok: true, expression: value as Expression };
}

const KNOWN_OPERATORS: ReadonlySet<string> = new Set(EXPRESSION_OPERATORS);

/** The first thing in a JSON value that is not an operator object or a literal, or null when there is none. */
function findUnknownOperator(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const wrong = findUnknownOperator(item);
      if (wrong !== null) return wrong;
    }
    return null;
  }
  const keys = Object.keys(value);
  if (keys.length !== 1) return keys.length === 0 ? '{}' : keys.join(', ');
  const operator = keys[0]!;
  if (!KNOWN_OPERATORS.has(operator)) return operator;
  return operator === 'var' ? null : findUnknownOperator((value as Record<string, unknown>)[operator]);
}
