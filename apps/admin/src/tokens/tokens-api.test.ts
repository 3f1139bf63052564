import { describe, expect, it } from 'vitest';
import { endOfBerlinDay } from './tokens-api';

describe('endOfBerlinDay', () => {
  it('ends the day in winter and in summer time', () => {
    expect(endOfBerlinDay('2027-12-31')).toBe('2027-12-31T23:59:59+01:00');
    expect(new Date(endOfBerlinDay('2027-12-31')).toISOString()).toBe('2027-12-31T22:59:59.000Z');
    expect(endOfBerlinDay('2027-07-01')).toBe('2027-07-01T23:59:59+02:00');
    // The day the clocks go forward: 23 hours, but its evening is in summer time.
    expect(endOfBerlinDay('2027-03-28')).toBe('2027-03-28T23:59:59+02:00');
  });
});
