import { toOfficeDate } from './office-date';

/**
 * Fills a reference pattern such as `HUND-{YYYY}-{SEQ:5}`: `{YYYY}` the year, `{YY}` its last two digits,
 * `{MM}` the month (of the authority's calendar), `{SEQ:n}` the sequence number padded to n digits.
 */
export function formatReference(pattern: string, sequence: number, moment: Date): string {
  const [year, month] = toOfficeDate(moment).split('-') as [string, string];
  return pattern
    .replace('{YYYY}', year)
    .replace('{YY}', year.slice(2))
    .replace('{MM}', month)
    .replace(/\{SEQ(?::(\d))?\}/, (_match, width: string | undefined) => String(sequence).padStart(Number(width ?? 1), '0'));
}

/** The year whose sequence numbers a reference drawn at `moment` takes (the authority's calendar year). */
export function referenceYear(moment: Date): number {
  return Number(toOfficeDate(moment).slice(0, 4));
}
