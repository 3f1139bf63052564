/**
 * Fills a reference pattern such as `HUND-{YYYY}-{SEQ:5}`: `{YYYY}` the year, `{YY}` its last two digits,
 * `{MM}` the month, `{SEQ:n}` the sequence number padded to n digits.
 */
export function formatReference(pattern: string, sequence: number, date: Date): string {
  return pattern
    .replace('{YYYY}', String(date.getUTCFullYear()))
    .replace('{YY}', String(date.getUTCFullYear()).slice(2))
    .replace('{MM}', String(date.getUTCMonth() + 1).padStart(2, '0'))
    .replace(/\{SEQ(?::(\d))?\}/, (_match, width: string | undefined) => String(sequence).padStart(Number(width ?? 1), '0'));
}
