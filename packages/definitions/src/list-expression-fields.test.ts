import { describe, expect, it } from 'vitest';
import { listExpressionFields } from './list-expression-fields';

describe('listExpressionFields', () => {
  it('lists every field an expression reads, once, in order of appearance', () => {
    expect(
      listExpressionFields({
        and: [
          { eq: [{ var: 'holder.city' }, 'Köln'] },
          { any: ['dogs', { notEmpty: { var: 'dogs.certificate' } }] },
          { gte: [{ age: [{ var: 'holder.birthDate' }] }, 18] },
          { eq: [{ var: 'holder.city' }, { var: '$case.reference' }] },
          { in: [{ var: 'colour' }, ['holder.city', 'x']] },
          { gt: [{ count: 'cats' }, { sum: ['dogs', { var: 'dogs.fee' }] }] },
        ],
      }),
    ).toEqual(['holder.city', 'dogs', 'dogs.certificate', 'holder.birthDate', 'colour', 'cats', 'dogs.fee']);
  });

  it('lists nothing for literals and for no expression', () => {
    expect(listExpressionFields(true)).toEqual([]);
    expect(listExpressionFields(undefined)).toEqual([]);
    expect(listExpressionFields({ today: [] })).toEqual([]);
  });
});
