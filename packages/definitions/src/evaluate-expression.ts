import type { EvaluationScope, Expression, Value } from './expression';

/**
 * Evaluates an expression against answers. Pure and total: it never throws on data; an operation on
 * values of the wrong kind yields `null` (and a condition that is `null` counts as false), so a half-filled
 * form never breaks the page. Runs unchanged in Node and the browser.
 *
 * @example
 * evaluateExpression({ gte: [{ age: [{ var: 'birthDate' }] }, 18] }, { data: { birthDate: '2000-01-31' } }) // true
 */
export function evaluateExpression(expression: Expression, scope: EvaluationScope): Value {
  if (expression === null || typeof expression !== 'object') return expression;
  const operator = Object.keys(expression)[0] as keyof typeof OPERATORS | undefined;
  if (operator === undefined || !(operator in OPERATORS)) return null;
  const args = (expression as Record<string, unknown>)[operator];
  return OPERATORS[operator](args as never, scope);
}

/** Evaluates a condition: true only when the expression yields `true`. */
export function isConditionTrue(expression: Expression | undefined, scope: EvaluationScope): boolean {
  if (expression === undefined) return false;
  return evaluateExpression(expression, scope) === true;
}

type Operator<TArgs> = (args: TArgs, scope: EvaluationScope) => Value;
type Pair = [Expression, Expression];

const OPERATORS = {
  var: ((path, scope) => toValue(resolvePath(path, scope))) as Operator<string>,
  eq: ((args, scope) => isEqual(...evalPair(args, scope))) as Operator<Pair>,
  ne: ((args, scope) => !isEqual(...evalPair(args, scope))) as Operator<Pair>,
  lt: ((args, scope) => compare(args, scope, (c) => c < 0)) as Operator<Pair>,
  lte: ((args, scope) => compare(args, scope, (c) => c <= 0)) as Operator<Pair>,
  gt: ((args, scope) => compare(args, scope, (c) => c > 0)) as Operator<Pair>,
  gte: ((args, scope) => compare(args, scope, (c) => c >= 0)) as Operator<Pair>,
  and: ((args, scope) => args.every((a) => evaluateExpression(a, scope) === true)) as Operator<Expression[]>,
  or: ((args, scope) => args.some((a) => evaluateExpression(a, scope) === true)) as Operator<Expression[]>,
  not: ((arg, scope) => evaluateExpression(arg, scope) !== true) as Operator<Expression>,
  in: (([needle, haystack], scope) => {
    const value = evaluateExpression(needle, scope);
    const list = Array.isArray(haystack) ? haystack : evaluateExpression(haystack, scope);
    if (!Array.isArray(list)) return typeof list === 'string' && typeof value === 'string' ? list.includes(value) : false;
    return list.some((item) => isEqual(item, value));
  }) as Operator<[Expression, Expression | Value[]]>,
  empty: ((arg, scope) => isEmptyValue(evaluateExpression(arg, scope))) as Operator<Expression>,
  notEmpty: ((arg, scope) => !isEmptyValue(evaluateExpression(arg, scope))) as Operator<Expression>,
  add: ((args, scope) => reduceNumbers(args, scope, (a, b) => a + b)) as Operator<Expression[]>,
  sub: ((args, scope) => reduceNumbers(args, scope, (a, b) => a - b)) as Operator<Pair>,
  mul: ((args, scope) => reduceNumbers(args, scope, (a, b) => a * b)) as Operator<Expression[]>,
  div: ((args, scope) => {
    const [a, b] = evalPair(args, scope);
    return typeof a === 'number' && typeof b === 'number' && b !== 0 ? a / b : null;
  }) as Operator<Pair>,
  round: (([arg, digits], scope) => {
    const value = evaluateExpression(arg, scope);
    return typeof value === 'number' ? roundHalfAwayFromZero(value, digits) : null;
  }) as Operator<[Expression, number]>,
  if: (([condition, then, otherwise], scope) =>
    evaluateExpression(isConditionTrue(condition, scope) ? then : otherwise, scope)) as Operator<
    [Expression, Expression, Expression]
  >,
  today: ((_args, scope) => scope.today ?? formatLocalDate(new Date())) as Operator<[]>,
  age: (([birth, at], scope) => {
    const from = parseIsoDate(evaluateExpression(birth, scope));
    const to = parseIsoDate(at === undefined ? OPERATORS.today([], scope) : evaluateExpression(at, scope));
    return from && to ? fullYearsBetween(from, to) : null;
  }) as Operator<[Expression] | [Expression, Expression]>,
  daysBetween: ((args, scope) => {
    const [a, b] = evalPair(args, scope).map(parseIsoDate);
    return a && b ? Math.round((toUtcDay(b) - toUtcDay(a)) / DAY_MS) : null;
  }) as Operator<Pair>,
  addDays: ((args, scope) => {
    const [dateValue, daysValue] = evalPair(args, scope);
    const date = parseIsoDate(dateValue);
    if (!date || typeof daysValue !== 'number' || !Number.isInteger(daysValue)) return null;
    return new Date(toUtcDay(date) + daysValue * DAY_MS).toISOString().slice(0, 10);
  }) as Operator<Pair>,
  count: ((args, scope) => {
    const [group, condition] = typeof args === 'string' ? [args, undefined] : args;
    const items = itemScopes(group, scope);
    return condition === undefined ? items.length : items.filter((s) => isConditionTrue(condition, s)).length;
  }) as Operator<string | [string, Expression]>,
  sum: (([group, value], scope) =>
    itemScopes(group, scope).reduce((total, s) => {
      const v = evaluateExpression(value, s);
      return typeof v === 'number' ? total + v : total;
    }, 0)) as Operator<[string, Expression]>,
  any: (([group, condition], scope) => itemScopes(group, scope).some((s) => isConditionTrue(condition, s))) as Operator<
    [string, Expression]
  >,
  all: (([group, condition], scope) => itemScopes(group, scope).every((s) => isConditionTrue(condition, s))) as Operator<
    [string, Expression]
  >,
} satisfies Record<string, Operator<never>>;

/**
 * Commercial rounding (half away from zero) on the decimal value as written: 1.005 → 1.01, -2.5 → -3.
 * Shifting by exponent notation avoids the binary error of `x * 100` (1.005 * 100 = 100.49999…).
 */
export function roundHalfAwayFromZero(value: number, digits: number): number {
  const shifted = Math.round(Number(`${Math.abs(value)}e${digits}`));
  return Math.sign(value) * Number(`${shifted}e-${digits}`) || 0;
}

/** True for what a person would call "not filled in": null, undefined, "", whitespace, [] and {}. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/**
 * Reads a data path. Segments that name a repeating group step into the item whose index the scope holds;
 * a `$`-prefixed path reads the scope's facts.
 */
function resolvePath(path: string, scope: EvaluationScope): unknown {
  if (path.startsWith('$')) return readObjectPath(scope.facts, path.slice(1).split('.'));
  const segments = path.split('.');
  let current: unknown = scope.data;
  let prefix = '';
  for (const segment of segments) {
    current = readOwn(current, segment);
    prefix = prefix === '' ? segment : `${prefix}.${segment}`;
    if (Array.isArray(current)) {
      const index = scope.items?.[prefix];
      // A list that is not a repeating group in scope (a multiple choice answer, or a group read from
      // outside) is returned whole only at the end of the path.
      if (index !== undefined) current = current[index];
      else if (segment !== segments[segments.length - 1]) return undefined;
    }
  }
  return current;
}

function readObjectPath(root: unknown, segments: string[]): unknown {
  return segments.reduce<unknown>((current, segment) => readOwn(current, segment), root);
}

function readOwn(container: unknown, key: string): unknown {
  if (container === null || typeof container !== 'object' || Array.isArray(container)) return undefined;
  // Own properties only: a path such as `constructor` or `__proto__` never reaches the prototype.
  return Object.prototype.hasOwnProperty.call(container, key) ? (container as Record<string, unknown>)[key] : undefined;
}

/** One scope per item of the repeating group at `groupPath`, relative to the items already in scope. */
function itemScopes(groupPath: string, scope: EvaluationScope): EvaluationScope[] {
  const list = resolvePath(groupPath, withoutItem(scope, groupPath));
  if (!Array.isArray(list)) return [];
  return list.map((_, index) => ({ ...scope, items: { ...scope.items, [groupPath]: index } }));
}

function withoutItem(scope: EvaluationScope, groupPath: string): EvaluationScope {
  if (scope.items?.[groupPath] === undefined) return scope;
  const items = { ...scope.items };
  delete items[groupPath];
  return { ...scope, items };
}

function toValue(value: unknown): Value {
  return value === undefined ? null : (value as Value);
}

function evalPair(args: Pair, scope: EvaluationScope): [Value, Value] {
  return [evaluateExpression(args[0], scope), evaluateExpression(args[1], scope)];
}

function isEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (isEmptyValue(a) && isEmptyValue(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => isEqual(v, b[i] ?? null));
  return false;
}

function compare(args: Pair, scope: EvaluationScope, test: (comparison: number) => boolean): boolean | null {
  const [a, b] = evalPair(args, scope);
  if (typeof a === 'number' && typeof b === 'number') return test(a - b);
  // ISO dates (and other strings) compare in code-point order, which is date order for YYYY-MM-DD.
  if (typeof a === 'string' && typeof b === 'string') return test(a < b ? -1 : a > b ? 1 : 0);
  return null;
}

function reduceNumbers(args: Expression[], scope: EvaluationScope, combine: (a: number, b: number) => number): Value {
  let result: number | undefined;
  for (const arg of args) {
    const value = evaluateExpression(arg, scope);
    if (typeof value !== 'number') return null;
    result = result === undefined ? value : combine(result, value);
  }
  return result ?? null;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` into [year, month, day], or null if it is not a real calendar date. */
export function parseIsoDate(value: unknown): [number, number, number] | null {
  if (typeof value !== 'string') return null;
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return [year, month, day];
}

function toUtcDay([year, month, day]: [number, number, number]): number {
  return Date.UTC(year, month - 1, day);
}

/** Completed years from `from` to `to`; someone born on 29 February turns a year older on 1 March. */
export function fullYearsBetween(from: [number, number, number], to: [number, number, number]): number {
  const years = to[0] - from[0];
  const beforeBirthday = to[1] < from[1] || (to[1] === from[1] && to[2] < from[2]);
  return beforeBirthday ? years - 1 : years;
}

/** Today's date in local time as `YYYY-MM-DD`. */
export function formatLocalDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}
