import { describe, expect, it } from 'vitest';
import { defaultComparison, formatChoice, parseChoice, type VersionChoice } from './version-choice';

describe('version choices', () => {
  for (const choice of ['draft', 1, 12] satisfies VersionChoice[]) {
    it(`reads back the select value of ${choice}`, () => {
      expect(parseChoice(formatChoice(choice))).toBe(choice);
    });
  }

  it('takes an unknown select value for the draft', () => {
    expect(parseChoice('0')).toBe('draft');
    expect(parseChoice('v2')).toBe('draft');
  });

  it('compares the newest version with the draft at first, whatever order the versions come in', () => {
    expect(defaultComparison([3, 2, 1])).toEqual({ older: 3, newer: 'draft' });
    expect(defaultComparison([1, 4, 2])).toEqual({ older: 4, newer: 'draft' });
  });

  it('compares nothing before the first publication', () => {
    expect(defaultComparison([])).toBeNull();
  });
});
