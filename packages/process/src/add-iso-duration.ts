/** An ISO-8601 duration split into its parts; only whole numbers, as the definition schema allows. */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

// Same pattern as `#/$defs/duration` in the service-definition schema.
const ISO_DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Splits `P1Y2M3W4DT5H6M7S` into its parts, or returns null when it is not such a duration. */
export function parseIsoDuration(duration: string): IsoDuration | null {
  const match = ISO_DURATION.exec(duration);
  if (!match) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { years, months, weeks, days, hours, minutes, seconds };
}

/**
 * Adds an ISO-8601 duration to a moment. Years, months, weeks and days count on the calendar (in UTC, so the
 * result does not depend on the server's time zone): a month from 31 January is the last day of February.
 * Hours, minutes and seconds are exact. Returns null for a malformed duration.
 *
 * @example
 * addIsoDuration(new Date('2025-01-31T09:00:00Z'), 'P1M')?.toISOString() // '2025-02-28T09:00:00.000Z'
 * addIsoDuration(new Date('2025-05-01T09:00:00Z'), 'PT12H')?.toISOString() // '2025-05-01T21:00:00.000Z'
 */
export function addIsoDuration(moment: Date, duration: string, direction: 1 | -1 = 1): Date | null {
  const parts = parseIsoDuration(duration);
  if (!parts || Number.isNaN(moment.getTime())) return null;
  const result = new Date(moment.getTime());
  const totalMonths = result.getUTCMonth() + direction * (parts.years * 12 + parts.months);
  const year = result.getUTCFullYear() + Math.floor(totalMonths / 12);
  const month = ((totalMonths % 12) + 12) % 12;
  // Clamp instead of overflowing: 31 January plus one month is 28/29 February, not 3 March.
  const day = Math.min(result.getUTCDate(), daysInMonth(year, month));
  result.setUTCFullYear(year, month, day + direction * (parts.weeks * 7 + parts.days));
  result.setTime(result.getTime() + direction * ((parts.hours * 60 + parts.minutes) * 60 + parts.seconds) * 1000);
  return result;
}

/**
 * Goes back an ISO-8601 duration from a moment, on the calendar like `addIsoDuration`: the reminder of a
 * deadline three days before it ends.
 *
 * @example
 * subtractIsoDuration(new Date('2025-03-31T21:59:59Z'), 'P3D')?.toISOString() // '2025-03-28T21:59:59.000Z'
 */
export function subtractIsoDuration(moment: Date, duration: string): Date | null {
  return addIsoDuration(moment, duration, -1);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}
