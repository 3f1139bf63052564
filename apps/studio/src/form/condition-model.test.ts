import { describe, expect, it } from 'vitest';
import type { Expression, FormDefinition } from '@amtsweg/definitions';
import {
  conditionFromExpression,
  expressionFromCondition,
  listConditionFields,
  parseConditionJson,
  startRow,
  withOperator,
  type ConditionGroup,
} from './condition-model';

const FORM: FormDefinition = {
  pages: [
    {
      id: 'p1',
      title: { de: 'Halter' },
      elements: [
        { type: 'yesNo', key: 'sepaMandate', label: { de: 'SEPA-Lastschrift' } },
        {
          type: 'group',
          key: 'holder',
          label: { de: 'Halter' },
          elements: [{ type: 'text', key: 'name', label: { de: 'Name' } }],
        },
        {
          type: 'repeat',
          key: 'dogs',
          label: { de: 'Hunde' },
          itemLabel: { de: 'Hund' },
          maxItems: 5,
          elements: [
            {
              type: 'select',
              key: 'breed',
              label: { de: 'Rasse' },
              options: [
                { value: 'pitbull', label: { de: 'Pitbull' } },
                { value: 'other', label: { de: 'Andere' } },
              ],
            },
            { type: 'file', key: 'certificate', label: { de: 'Nachweis' }, accept: ['application/pdf'], maxSizeBytes: 1000, maxFiles: 1 },
          ],
        },
        { type: 'staticText', key: 'intro', content: { de: 'Hallo' } },
      ],
    },
  ],
};

describe('condition rows and expressions', () => {
  const representable: [string, Expression][] = [
    ['a yes/no comparison', { eq: [{ var: 'sepaMandate' }, true] }],
    ['a number comparison', { gte: [{ var: 'age' }, 18] }],
    ['a date comparison', { lt: [{ var: 'birthDate' }, '2000-01-01'] }],
    ['an emptiness test', { empty: { var: 'holder.name' } }],
    ['a choice ticked', { in: ['pitbull', { var: 'breeds' }] }],
    ['a choice not ticked', { not: { in: ['pitbull', { var: 'breeds' }] } }],
    ['an "and" of two', { and: [{ notEmpty: { var: 'a' } }, { ne: [{ var: 'b' }, 'x'] }] }],
    ['an "or" inside an "and"', { and: [{ eq: [{ var: 'a' }, 1] }, { or: [{ eq: [{ var: 'b' }, 2] }, { gt: [{ var: 'c' }, 3] }] }] }],
  ];
  for (const [name, expression] of representable) {
    it(`reads and writes back ${name} unchanged`, () => {
      const condition = conditionFromExpression(expression);
      expect(condition).not.toBeNull();
      expect(expressionFromCondition(condition!)).toEqual(expression);
    });
  }

  const tooComplex: [string, Expression][] = [
    ['arithmetic', { gt: [{ add: [{ var: 'a' }, 1] }, 3] }],
    ['an aggregate', { any: ['dogs', { eq: [{ var: 'dogs.breed' }, 'x'] }] }],
    ['a literal on the left', { eq: [1, { var: 'a' }] }],
    ['a case fact', { eq: [{ var: '$case.reference' }, 'x'] }],
    ['a plain literal', true],
    ['a "not" around a comparison', { not: { eq: [{ var: 'a' }, 1] } }],
  ];
  for (const [name, expression] of tooComplex) {
    it(`refuses to show ${name} as rows`, () => {
      expect(conditionFromExpression(expression)).toBeNull();
    });
  }

  it('reads no condition as an empty "and" group and writes it back as none', () => {
    const condition = conditionFromExpression(undefined);
    expect(condition).toEqual({ kind: 'group', combinator: 'and', items: [] });
    expect(expressionFromCondition(condition!)).toBeUndefined();
  });

  it('leaves out unfinished rows and unwraps a group of one', () => {
    const condition: ConditionGroup = {
      kind: 'group',
      combinator: 'or',
      items: [
        { kind: 'row', field: '', operator: 'notEmpty', value: null },
        { kind: 'row', field: 'a', operator: 'eq', value: '' },
        { kind: 'row', field: 'b', operator: 'eq', value: 'x' },
        { kind: 'group', combinator: 'and', items: [] },
      ],
    };
    expect(expressionFromCondition(condition)).toEqual({ eq: [{ var: 'b' }, 'x'] });
  });

  it('drops the value when the operator needs none', () => {
    expect(withOperator({ kind: 'row', field: 'a', operator: 'eq', value: 3 }, 'empty')).toEqual({ kind: 'row', field: 'a', operator: 'empty', value: null });
    expect(withOperator({ kind: 'row', field: 'a', operator: 'eq', value: 3 }, 'gt').value).toBe(3);
  });
});

describe('fields a condition may read', () => {
  it('offers fields outside repeating groups, not groups, texts or the element itself', () => {
    const paths = listConditionFields(FORM, 'holder.name', 'de').map((field) => field.path);
    expect(paths).toEqual(['sepaMandate', 'dogs']);
  });

  it('offers the fields of a repeating group to an element inside it', () => {
    const fields = listConditionFields(FORM, 'dogs.certificate', 'de');
    expect(fields.map((field) => field.path)).toEqual(['sepaMandate', 'holder.name', 'dogs', 'dogs.breed']);
    expect(fields.find((field) => field.path === 'dogs.breed')).toMatchObject({ name: 'Hunde › Rasse', kind: 'choice' });
  });

  it('offers nothing inside the group whose condition is edited', () => {
    expect(listConditionFields(FORM, 'dogs', 'de').map((field) => field.path)).toEqual(['sepaMandate', 'holder.name']);
  });

  it('starts a row complete: yes for yes/no, the first choice for a choice field', () => {
    const fields = listConditionFields(FORM, 'dogs.certificate', 'de');
    expect(startRow(fields[0]!)).toEqual({ kind: 'row', field: 'sepaMandate', operator: 'eq', value: true });
    expect(startRow(fields[3]!)).toEqual({ kind: 'row', field: 'dogs.breed', operator: 'eq', value: 'pitbull' });
    expect(startRow(fields[1]!)).toEqual({ kind: 'row', field: 'holder.name', operator: 'notEmpty', value: null });
  });
});

describe('condition JSON typed by experts', () => {
  it('accepts an expression and an empty text (no condition)', () => {
    expect(parseConditionJson(' {"eq": [{"var": "a"}, 1]} ')).toEqual({ ok: true, expression: { eq: [{ var: 'a' }, 1] } });
    expect(parseConditionJson('  ')).toEqual({ ok: true, expression: undefined });
  });

  it('refuses text that is not JSON', () => {
    expect(parseConditionJson('{eq: 1}')).toMatchObject({ ok: false, problem: 'json' });
  });

  it('names an unknown operator, also deep inside', () => {
    expect(parseConditionJson('{"and": [{"equals": [1, 1]}]}')).toEqual({ ok: false, problem: 'operator', detail: 'equals' });
    expect(parseConditionJson('{"eq": [1, 1], "ne": [1, 2]}')).toEqual({ ok: false, problem: 'operator', detail: 'eq, ne' });
  });
});
