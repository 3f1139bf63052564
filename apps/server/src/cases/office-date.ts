/**
 * The time zone whose calendar days the authority works in. German municipalities keep German days: a case
 * filed at 00:30 on 1 January belongs to the new year and is dated 1 January on its receipt, although it is
 * still 31 December in UTC. (A per-organisation setting once Amtsweg serves authorities elsewhere.)
 */
export const OFFICE_TIME_ZONE = 'Europe/Berlin';

// Built once: constructing an Intl formatter costs far more than using one.
const DAY_FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: OFFICE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day of a moment in the authority's time zone, as `YYYY-MM-DD`. */
export function toOfficeDate(moment: Date): string {
  return DAY_FORMAT.format(moment);
}
