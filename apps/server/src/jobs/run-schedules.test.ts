import { describe, expect, it } from 'vitest';
import { nextOfficeHour } from './run-schedules';

describe('nextOfficeHour', () => {
  it.each([
    ['a winter morning before seven', '2026-12-07T05:30:00Z', '2026-12-07T06:00:00.000Z'],
    ['a winter morning after seven', '2026-12-07T06:00:01Z', '2026-12-08T06:00:00.000Z'],
    ['a summer night', '2026-07-01T23:30:00Z', '2026-07-02T05:00:00.000Z'],
    ['the night the clocks go forward (29 March 2026)', '2026-03-28T23:30:00Z', '2026-03-29T05:00:00.000Z'],
    ['the night the clocks go back (25 October 2026)', '2026-10-24T23:30:00Z', '2026-10-25T06:00:00.000Z'],
  ])('finds 7:00 in Berlin on %s', (_when, now, expected) => {
    expect(nextOfficeHour(new Date(now), 7).toISOString()).toBe(expected);
  });
});
