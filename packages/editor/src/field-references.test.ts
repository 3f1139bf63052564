import { describe, expect, it } from 'vitest';
import type { Expression } from '@amtsweg/definitions';
import {
  isMailFact,
  renamePathPrefix,
  rewriteDefinitionPaths,
  rewriteExpressionPaths,
  rewriteTemplatePaths,
} from './field-references';
import { createSmallDefinition } from './form-test-fixtures';

const dogsToPets = renamePathPrefix('dogs', 'pets');

describe('renamePathPrefix', () => {
  it('renames the path and paths below it, not paths that merely start alike', () => {
    expect(dogsToPets('dogs')).toBe('pets');
    expect(dogsToPets('dogs.breed')).toBe('pets.breed');
    expect(dogsToPets('dogsOld')).toBeUndefined();
    expect(dogsToPets('hotdogs.x')).toBeUndefined();
  });
});

describe('rewriteExpressionPaths', () => {
  const cases: [string, Expression, Expression][] = [
    ['var', { var: 'dogs.breed' }, { var: 'pets.breed' }],
    ['a $ fact', { var: '$case.reference' }, { var: '$case.reference' }],
    ['eq', { eq: [{ var: 'dogs.breed' }, 'dogs'] }, { eq: [{ var: 'pets.breed' }, 'dogs'] }],
    ['not', { not: { var: 'dogs.listed' } }, { not: { var: 'pets.listed' } }],
    ['empty', { empty: { var: 'dogs' } }, { empty: { var: 'pets' } }],
    ['count by name', { count: 'dogs' }, { count: 'pets' }],
    [
      'count with a condition',
      { count: ['dogs', { var: 'dogs.listed' }] },
      { count: ['pets', { var: 'pets.listed' }] },
    ],
    ['sum', { sum: ['dogs', { var: 'dogs.fee' }] }, { sum: ['pets', { var: 'pets.fee' }] }],
    ['any', { any: ['dogs', { var: 'dogs.listed' }] }, { any: ['pets', { var: 'pets.listed' }] }],
    ['all', { all: ['dogs', { notEmpty: { var: 'dogs.chip' } }] }, { all: ['pets', { notEmpty: { var: 'pets.chip' } }] }],
    [
      'in with a literal list (values stay)',
      { in: [{ var: 'dogs.breed' }, ['dogs', 'dogs.breed']] },
      { in: [{ var: 'pets.breed' }, ['dogs', 'dogs.breed']] },
    ],
    ['in with a field', { in: ['x', { var: 'dogs.tags' }] }, { in: ['x', { var: 'pets.tags' }] }],
    ['round', { round: [{ var: 'dogs.fee' }, 2] }, { round: [{ var: 'pets.fee' }, 2] }],
    [
      'if',
      { if: [{ var: 'dogs.listed' }, { var: 'dogs.fee' }, 0] },
      { if: [{ var: 'pets.listed' }, { var: 'pets.fee' }, 0] },
    ],
    [
      'dates',
      { daysBetween: [{ var: 'dogs.born' }, { addDays: [{ today: [] }, 3] }] },
      { daysBetween: [{ var: 'pets.born' }, { addDays: [{ today: [] }, 3] }] },
    ],
    ['age', { age: [{ var: 'dogs.born' }] }, { age: [{ var: 'pets.born' }] }],
    ['literals', 'dogs', 'dogs'],
  ];

  it.each(cases)('rewrites field paths in %s', (_, expression, expected) => {
    expect(rewriteExpressionPaths(expression, dogsToPets)).toEqual(expected);
  });

  it('returns the same object when nothing changes', () => {
    const expression: Expression = { and: [{ var: 'holder.city' }, { eq: [{ var: 'x' }, 1] }] };
    expect(rewriteExpressionPaths(expression, dogsToPets)).toBe(expression);
  });
});

describe('rewriteTemplatePaths', () => {
  it('rewrites placeholders, each blocks and placeholders inside them, keeping whitespace', () => {
    const text = 'Für {{ dogs.name }}:\n{{#each  dogs }}- {{dogs.breed}}{{/each}} {{dogsOld}}';
    expect(rewriteTemplatePaths(text, dogsToPets)).toBe('Für {{ pets.name }}:\n{{#each  pets }}- {{pets.breed}}{{/each}} {{dogsOld}}');
  });

  it('leaves case, organisation and action facts alone, even when a field has their first name', () => {
    const text = '{{case.reference}} {{organisation.name}} {{action.reason}} {{case.note}}';
    expect(rewriteTemplatePaths(text, renamePathPrefix('case', 'matter'))).toBe(
      '{{case.reference}} {{organisation.name}} {{action.reason}} {{matter.note}}',
    );
    expect(rewriteTemplatePaths(text, renamePathPrefix('action', 'step'))).toBe(text);
    expect(rewriteTemplatePaths(text, renamePathPrefix('organisation', 'org'))).toBe(text);
  });
});

describe('rewriteTemplatePaths in e-mails', () => {
  it('leaves the mail facts alone and reads {{action.…}} as a field, as the e-mail checks do', () => {
    const text = '{{message}} {{case.deadline}} {{case.statusLink}} {{action.note}}';
    expect(rewriteTemplatePaths(text, renamePathPrefix('message', 'note'), isMailFact)).toBe(text);
    expect(rewriteTemplatePaths(text, renamePathPrefix('action', 'step'), isMailFact)).toBe('{{message}} {{case.deadline}} {{case.statusLink}} {{step.note}}');
  });
});

describe('rewriteDefinitionPaths', () => {
  it('shares every part without a changed reference', () => {
    const definition = createSmallDefinition();
    expect(rewriteDefinitionPaths(definition, renamePathPrefix('nothing', 'else'))).toBe(definition);
    const renamed = rewriteDefinitionPaths(definition, renamePathPrefix('hasChildren', 'kids'));
    expect(renamed.process).toBe(definition.process);
    expect(renamed.documents).toBe(definition.documents);
    expect(renamed.form.pages[0]).toBe(definition.form.pages[0]);
    expect(renamed.form.pages[1]!.elements[1]!.visibleIf).toEqual({ eq: [{ var: 'kids' }, true] });
  });
});
