import { describe, expect, it } from 'vitest';
import { deadlineDays, endOfDay } from './deadline-inputs';

describe('the end of a day in a time zone', () => {
  it.each([
    ['2026-12-08', 'Europe/Berlin', '2026-12-08T22:59:59.999Z'],
    ['2026-07-08', 'Europe/Berlin', '2026-07-08T21:59:59.999Z'],
    // The nights the clocks change: the day ends at the new offset.
    ['2026-03-28', 'Europe/Berlin', '2026-03-28T22:59:59.999Z'],
    ['2026-03-29', 'Europe/Berlin', '2026-03-29T21:59:59.999Z'],
    ['2026-10-24', 'Europe/Berlin', '2026-10-24T21:59:59.999Z'],
    ['2026-10-25', 'Europe/Berlin', '2026-10-25T22:59:59.999Z'],
    ['2026-12-31', 'UTC', '2026-12-31T23:59:59.999Z'],
    ['2026-06-30', 'America/New_York', '2026-07-01T03:59:59.999Z'],
  ])('%s in %s ends at %s', (day, zone, end) => {
    expect(endOfDay(day, zone).toISOString()).toBe(end);
  });

  it('uses the process’s own zone when none is given', () => {
    const end = endOfDay('2026-12-08');
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours(), end.getMinutes()]).toEqual([2026, 11, 8, 23, 59]);
  });
});

describe('the days a person may set a deadline to', () => {
  const deadline = { id: 'answerDeadline', after: 'P14D', action: 'answerOverdue', setBy: 'answerBy' };

  it('offers `after` from today, allows tomorrow up to a year on', () => {
    expect(deadlineDays(deadline, '2026-11-24')).toEqual({ offered: '2026-12-08', earliest: '2026-11-25', latest: '2027-11-24' });
  });

  it('counts months on the calendar and never offers today', () => {
    expect(deadlineDays({ ...deadline, after: 'P1M' }, '2027-01-31').offered).toBe('2027-02-28');
    expect(deadlineDays({ ...deadline, after: 'PT12H' }, '2026-11-24').offered).toBe('2026-11-25');
  });

  it('knows leap years', () => {
    expect(deadlineDays(deadline, '2028-02-28')).toMatchObject({ earliest: '2028-02-29', latest: '2029-02-28' });
  });
});
