import { describe, expect, it } from 'vitest';
import { evaluateExpression, isConditionTrue } from './evaluate-expression';
import { EXPRESSION_OPERATORS, type EvaluationScope, type Expression, type Value } from './expression';

const data = {
  name: 'Erika',
  blank: '   ',
  count: 3,
  price: 2.5,
  yes: true,
  no: false,
  birth: '2000-02-29',
  start: '2026-01-01',
  end: '2026-03-01',
  colours: ['red', 'green'],
  holder: { city: 'Köln' },
  dogs: [
    { name: 'Bello', listed: false, fee: 120, vaccinations: [{ year: 2024 }, { year: 2025 }] },
    { name: 'Kira', listed: true, fee: 600, certificate: [{ id: 'f1' }], vaccinations: [] },
  ],
};
const scope: EvaluationScope = { data, today: '2026-11-23', facts: { case: { reference: 'HUND-2026-00001' } } };
const v = (path: string): Expression => ({ var: path });

/** Each operator with inputs that must give a known result; together they cover every operator. */
const CASES: { operator: string; expression: Expression; expected: Value; scope?: EvaluationScope }[] = [
  { operator: 'var', expression: v('name'), expected: 'Erika' },
  { operator: 'var', expression: v('holder.city'), expected: 'Köln' },
  { operator: 'var', expression: v('missing.deep.path'), expected: null },
  { operator: 'var', expression: v('$case.reference'), expected: 'HUND-2026-00001' },
  { operator: 'var', expression: v('dogs.name'), expected: 'Kira', scope: { ...scope, items: { dogs: 1 } } },
  { operator: 'var', expression: v('dogs.name'), expected: null },
  { operator: 'eq', expression: { eq: [v('name'), 'Erika'] }, expected: true },
  { operator: 'eq', expression: { eq: [v('missing'), ''] }, expected: true },
  // A bare array is no expression (only `in` takes a literal list), so it compares as no value.
  { operator: 'eq', expression: { eq: [v('colours'), ['red', 'green'] as unknown as Expression] }, expected: false },
  { operator: 'ne', expression: { ne: [v('count'), 4] }, expected: true },
  { operator: 'lt', expression: { lt: [v('count'), 4] }, expected: true },
  { operator: 'lt', expression: { lt: [v('start'), v('end')] }, expected: true },
  { operator: 'lt', expression: { lt: [v('name'), 4] }, expected: null },
  { operator: 'lte', expression: { lte: [v('count'), 3] }, expected: true },
  { operator: 'gt', expression: { gt: [v('price'), 3] }, expected: false },
  { operator: 'gte', expression: { gte: [v('price'), 2.5] }, expected: true },
  { operator: 'and', expression: { and: [v('yes'), { eq: [v('count'), 3] }] }, expected: true },
  { operator: 'and', expression: { and: [v('yes'), v('no')] }, expected: false },
  { operator: 'or', expression: { or: [v('no'), v('yes')] }, expected: true },
  { operator: 'or', expression: { or: [v('no'), v('missing')] }, expected: false },
  { operator: 'not', expression: { not: v('no') }, expected: true },
  { operator: 'not', expression: { not: v('missing') }, expected: true },
  { operator: 'in', expression: { in: [v('name'), ['Erika', 'Max']] }, expected: true },
  { operator: 'in', expression: { in: ['green', v('colours')] }, expected: true },
  { operator: 'in', expression: { in: ['blue', v('colours')] }, expected: false },
  { operator: 'in', expression: { in: ['rik', v('name')] }, expected: true },
  { operator: 'empty', expression: { empty: v('blank') }, expected: true },
  { operator: 'empty', expression: { empty: v('no') }, expected: false },
  { operator: 'notEmpty', expression: { notEmpty: v('colours') }, expected: true },
  { operator: 'add', expression: { add: [v('count'), v('price'), 1] }, expected: 6.5 },
  { operator: 'add', expression: { add: [v('count'), v('name')] }, expected: null },
  { operator: 'sub', expression: { sub: [v('count'), 1] }, expected: 2 },
  { operator: 'mul', expression: { mul: [v('count'), v('price')] }, expected: 7.5 },
  { operator: 'div', expression: { div: [v('count'), 2] }, expected: 1.5 },
  { operator: 'div', expression: { div: [v('count'), 0] }, expected: null },
  { operator: 'round', expression: { round: [{ div: [10, 3] }, 2] }, expected: 3.33 },
  { operator: 'round', expression: { round: [1.005, 2] }, expected: 1.01 },
  { operator: 'round', expression: { round: [-2.5, 0] }, expected: -3 },
  { operator: 'round', expression: { round: [2.675, 2] }, expected: 2.68 },
  { operator: 'if', expression: { if: [v('yes'), 'a', 'b'] }, expected: 'a' },
  { operator: 'if', expression: { if: [v('missing'), 'a', 'b'] }, expected: 'b' },
  { operator: 'today', expression: { today: [] }, expected: '2026-11-23' },
  { operator: 'age', expression: { age: [v('birth')] }, expected: 26 },
  { operator: 'age', expression: { age: [v('birth'), '2026-02-28'] }, expected: 25 },
  { operator: 'age', expression: { age: [v('birth'), '2026-03-01'] }, expected: 26 },
  { operator: 'age', expression: { age: ['2000-02-30'] }, expected: null },
  { operator: 'daysBetween', expression: { daysBetween: [v('start'), v('end')] }, expected: 59 },
  { operator: 'daysBetween', expression: { daysBetween: ['2026-03-28', '2026-03-30'] }, expected: 2 },
  { operator: 'addDays', expression: { addDays: [v('start'), 14] }, expected: '2026-01-15' },
  { operator: 'addDays', expression: { addDays: ['2024-02-28', 1] }, expected: '2024-02-29' },
  { operator: 'count', expression: { count: 'dogs' }, expected: 2 },
  { operator: 'count', expression: { count: ['dogs', v('dogs.listed')] }, expected: 1 },
  { operator: 'count', expression: { count: 'colours' }, expected: 2 },
  { operator: 'sum', expression: { sum: ['dogs', v('dogs.fee')] }, expected: 720 },
  { operator: 'sum', expression: { sum: ['dogs', { if: [v('dogs.listed'), 600, 120] }] }, expected: 720 },
  { operator: 'any', expression: { any: ['dogs', v('dogs.listed')] }, expected: true },
  { operator: 'any', expression: { any: ['missing', true] }, expected: false },
  { operator: 'all', expression: { all: ['dogs', { or: [{ not: v('dogs.listed') }, { notEmpty: v('dogs.certificate') }] }] }, expected: true },
  { operator: 'all', expression: { all: ['dogs', v('dogs.listed')] }, expected: false },
];

describe('evaluateExpression', () => {
  it.each(CASES)('$operator: $expression → $expected', ({ expression, expected, scope: caseScope }) => {
    expect(evaluateExpression(expression, caseScope ?? scope)).toEqual(expected);
  });

  it('has a case for every operator of the language', () => {
    expect(new Set(CASES.map((c) => c.operator))).toEqual(new Set(EXPRESSION_OPERATORS));
  });

  it('evaluates a per-item condition against the sibling in the same item', () => {
    const condition: Expression = { notEmpty: v('dogs.certificate') };
    expect(isConditionTrue(condition, { data, items: { dogs: 0 } })).toBe(false);
    expect(isConditionTrue(condition, { data, items: { dogs: 1 } })).toBe(true);
  });

  it('aggregates over a nested repeating group inside the current item', () => {
    const vaccinations: Expression = { count: 'dogs.vaccinations' };
    expect(evaluateExpression(vaccinations, { data, items: { dogs: 0 } })).toBe(2);
    expect(evaluateExpression(vaccinations, { data, items: { dogs: 1 } })).toBe(0);
    const total: Expression = { sum: ['dogs', { count: 'dogs.vaccinations' }] };
    expect(evaluateExpression(total, { data })).toBe(2);
    const recent: Expression = { any: ['dogs', { any: ['dogs.vaccinations', { gte: [v('dogs.vaccinations.year'), 2025] }] }] };
    expect(evaluateExpression(recent, { data })).toBe(true);
  });

  it('never reads through the prototype chain', () => {
    const hostile = JSON.parse('{"a": {}}') as Record<string, unknown>;
    expect(evaluateExpression(v('a.constructor'), { data: hostile })).toBeNull();
    expect(evaluateExpression(v('__proto__'), { data: hostile })).toBeNull();
    expect(evaluateExpression(v('toString'), { data: hostile })).toBeNull();
  });

  it('treats unknown operators and wrong argument kinds as no value instead of throwing', () => {
    expect(evaluateExpression({ nope: 1 } as unknown as Expression, scope)).toBeNull();
    expect(evaluateExpression({ age: [v('count')] }, scope)).toBeNull();
    expect(evaluateExpression({ addDays: [v('start'), 1.5] }, scope)).toBeNull();
    expect(isConditionTrue({ gt: [v('name'), 1] }, scope)).toBe(false);
  });

  it('uses the current local date when the scope gives none', () => {
    const today = evaluateExpression({ today: [] }, { data: {} });
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const now = new Date();
    expect(today).toBe(
      `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`,
    );
  });
});
