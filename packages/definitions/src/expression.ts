/**
 * The one condition/expression language of Amtsweg: plain JSON, used for `visibleIf`, `requiredIf`,
 * calculated values and process guards.
 *
 * A value is a literal (string, number, boolean, null) or an operator object with exactly one key.
 * Field references name a field by its data path from the form root (`holder.lastName`). A path that
 * runs through a repeating group (`dogs.breed`) means "in the current item" and is valid only inside
 * that group or inside an aggregate over it.
 *
 * @example
 * // the certificate upload is required when the dog is of a listed breed
 * { "eq": [{ "var": "dogs.listedBreed" }, true] }
 * // at least one dog older than 6 months
 * { "any": ["dogs", { "gte": [{ "daysBetween": [{ "var": "dogs.birthDate" }, { "today": [] }] }, 183] }] }
 */
export type Expression =
  | string
  | number
  | boolean
  | null
  | { var: string }
  | { eq: [Expression, Expression] }
  | { ne: [Expression, Expression] }
  | { lt: [Expression, Expression] }
  | { lte: [Expression, Expression] }
  | { gt: [Expression, Expression] }
  | { gte: [Expression, Expression] }
  | { and: Expression[] }
  | { or: Expression[] }
  | { not: Expression }
  | { in: [Expression, Expression | LiteralList] }
  | { empty: Expression }
  | { notEmpty: Expression }
  | { add: Expression[] }
  | { sub: [Expression, Expression] }
  | { mul: Expression[] }
  | { div: [Expression, Expression] }
  | { round: [Expression, number] }
  | { if: [Expression, Expression, Expression] }
  | { today: [] }
  | { age: [Expression] | [Expression, Expression] }
  | { daysBetween: [Expression, Expression] }
  | { addDays: [Expression, Expression] }
  | { count: string | [string, Expression] }
  | { sum: [string, Expression] }
  | { any: [string, Expression] }
  | { all: [string, Expression] };

/** A literal list, only allowed as the right-hand side of `in`. */
export type LiteralList = (string | number | boolean)[];

/** Every operator name, in the order the Studio offers them. */
export const EXPRESSION_OPERATORS = [
  'var',
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'and',
  'or',
  'not',
  'in',
  'empty',
  'notEmpty',
  'add',
  'sub',
  'mul',
  'div',
  'round',
  'if',
  'today',
  'age',
  'daysBetween',
  'addDays',
  'count',
  'sum',
  'any',
  'all',
] as const;

export type ExpressionOperator = (typeof EXPRESSION_OPERATORS)[number];

/** The value a form answer or an expression can have at run time. */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/**
 * Where an expression is evaluated: the whole data, and for each repeating group path
 * (`dogs`, `dogs.vaccinations`) the index of the item in scope.
 */
export interface EvaluationScope {
  data: Readonly<Record<string, unknown>>;
  /** Index of the current item per repeating-group path. */
  items?: Readonly<Record<string, number>>;
  /** Reference date for `today`, `age`; ISO date `YYYY-MM-DD`. Defaults to the current local date. */
  today?: string;
  /**
   * Values outside the form (case facts such as `case.reference`), looked up by `$`-prefixed paths:
   * `{ "var": "$case.receivedAt" }`.
   */
  facts?: Readonly<Record<string, unknown>>;
}
