import { describe, expect, it } from 'vitest';
import { formatReference, referenceYear } from './format-reference';
import { toOfficeDate } from './office-date';

describe('formatReference', () => {
  it('fills year, month and the padded number', () => {
    expect(formatReference('HUND-{YYYY}-{SEQ:5}', 42, new Date('2026-11-23T10:00:00Z'))).toBe('HUND-2026-00042');
    expect(formatReference('GEW/{YY}/{MM}/{SEQ}', 7, new Date('2026-03-05T10:00:00Z'))).toBe('GEW/26/03/7');
  });

  it('counts New Year’s night in Germany to the new year, although UTC is still in the old one', () => {
    const newYearsNight = new Date('2026-12-31T23:30:00Z'); // 00:30 on 1 January 2027 in Berlin
    expect(referenceYear(newYearsNight)).toBe(2027);
    expect(formatReference('HUND-{YYYY}-{MM}-{SEQ:3}', 1, newYearsNight)).toBe('HUND-2027-01-001');
    expect(toOfficeDate(newYearsNight)).toBe('2027-01-01');
  });

  it('follows summer time: 23:30 UTC in July is already the next day in Berlin, 21:30 UTC is not', () => {
    expect(toOfficeDate(new Date('2026-07-14T22:30:00Z'))).toBe('2026-07-15');
    expect(toOfficeDate(new Date('2026-07-14T21:30:00Z'))).toBe('2026-07-14');
  });
});
