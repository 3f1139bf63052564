import { describe, expect, it } from 'vitest';
import { isPatternSafe } from './check-pattern-safety';

describe('isPatternSafe', () => {
  it.each([
    '^[0-9]{15}$',
    '^[0-9]{1,4}[ ]?[a-zA-Z]?(-[0-9]{1,4}[a-zA-Z]?)?$',
    '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$',
    '^(?!00)\\d{5}$',
    '^(Herr|Frau|divers)$',
    '^[ab]+$',
    '^\\(\\d+\\)$',
    '^[(+]*$',
    '^[a-z]+[a-z0-9]*$',
    '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
    '^[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} [0-9]{1,4}$',
  ])('accepts %s', (pattern) => {
    expect(isPatternSafe(pattern)).toBe(true);
  });

  it.each(['^(a+)+$', '^(a|a)+$', '^(a|b)*$', '^([a-z0-9]+\\.)*[a-z]+$', '^(\\d{2,}){3,}$', '^((ab)*)+$', '^(a+?)+?$', '^a*a*a*$', '^\\d+\\s*\\d*x$', '(x|[a-z]+[a-z]*[a-z]+)'])(
    'refuses %s',
    (pattern) => {
      expect(isPatternSafe(pattern)).toBe(false);
    },
  );
});
