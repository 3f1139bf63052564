import { describe, expect, it } from 'vitest';
import { addIsoDuration, parseIsoDuration, subtractIsoDuration } from './add-iso-duration';

describe('adding an ISO-8601 duration', () => {
  it.each([
    ['2025-05-05T08:00:00.000Z', 'P14D', '2025-05-19T08:00:00.000Z'],
    ['2025-05-05T08:00:00.000Z', 'PT12H', '2025-05-05T20:00:00.000Z'],
    ['2025-05-05T23:30:00.000Z', 'PT90M', '2025-05-06T01:00:00.000Z'],
    ['2025-05-05T08:00:00.000Z', 'PT45S', '2025-05-05T08:00:45.000Z'],
    ['2025-05-05T08:00:00.000Z', 'P2W', '2025-05-19T08:00:00.000Z'],
    ['2025-05-05T08:00:00.000Z', 'P1DT1H30M', '2025-05-06T09:30:00.000Z'],
    ['2025-01-31T09:00:00.000Z', 'P1M', '2025-02-28T09:00:00.000Z'],
    ['2024-01-31T09:00:00.000Z', 'P1M', '2024-02-29T09:00:00.000Z'],
    ['2025-03-31T09:00:00.000Z', 'P1M', '2025-04-30T09:00:00.000Z'],
    ['2025-12-31T09:00:00.000Z', 'P2M', '2026-02-28T09:00:00.000Z'],
    ['2025-12-15T09:00:00.000Z', 'P1M', '2026-01-15T09:00:00.000Z'],
    ['2024-02-29T09:00:00.000Z', 'P1Y', '2025-02-28T09:00:00.000Z'],
    ['2025-01-31T09:00:00.000Z', 'P1M1D', '2025-03-01T09:00:00.000Z'],
    ['2025-12-20T09:00:00.000Z', 'P20D', '2026-01-09T09:00:00.000Z'],
    ['2015-05-05T08:00:00.000Z', 'P10Y', '2025-05-05T08:00:00.000Z'],
    // Across the German change to summer time a calendar day is still a day in UTC.
    ['2025-03-29T12:00:00.000Z', 'P1D', '2025-03-30T12:00:00.000Z'],
  ])('%s plus %s is %s', (from, duration, expected) => {
    expect(addIsoDuration(new Date(from), duration)?.toISOString()).toBe(expected);
  });

  it('does not change the moment it was given', () => {
    const from = new Date('2025-01-31T09:00:00.000Z');
    addIsoDuration(from, 'P1M');
    expect(from.toISOString()).toBe('2025-01-31T09:00:00.000Z');
  });

  it.each(['', 'P', 'PT', '14D', 'P1.5D', 'P-1D', 'PT1D', 'P1H', 'p14d', 'P14D '])('refuses the malformed duration %j', (duration) => {
    expect(parseIsoDuration(duration)).toBeNull();
    expect(addIsoDuration(new Date('2025-05-05T08:00:00.000Z'), duration)).toBeNull();
  });

  it('returns null for an invalid moment', () => {
    expect(addIsoDuration(new Date('not a date'), 'P1D')).toBeNull();
  });

  it('splits a duration into its parts, telling months from minutes', () => {
    expect(parseIsoDuration('P1Y2M3W4DT5H6M7S')).toEqual({ years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 });
    expect(parseIsoDuration('PT6M')).toEqual({ years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 6, seconds: 0 });
  });
});

describe('subtractIsoDuration', () => {
  it.each([
    ['2025-03-31T21:59:59.999Z', 'P3D', '2025-03-28T21:59:59.999Z'],
    ['2025-03-31T09:00:00Z', 'P1M', '2025-02-28T09:00:00.000Z'],
    ['2025-01-15T09:00:00Z', 'P1M', '2024-12-15T09:00:00.000Z'],
    ['2025-01-01T01:00:00Z', 'PT2H', '2024-12-31T23:00:00.000Z'],
    ['2025-05-19T12:00:00Z', 'P1W', '2025-05-12T12:00:00.000Z'],
  ])('goes back from %s by %s to %s', (from, duration, expected) => {
    expect(subtractIsoDuration(new Date(from), duration)?.toISOString()).toBe(expected);
  });
});
