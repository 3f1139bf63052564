/**
 * An example reference number for a pattern, as the server would draw the first one of the year:
 * `{YYYY}` the year, `{YY}` its last two digits, `{MM}` the month, `{SEQ:n}` the number 1 padded to n digits.
 *
 * @example
 * formatReferenceExample('HUND-{YYYY}-{SEQ:5}', '2026-11-24') // 'HUND-2026-00001'
 */
export function formatReferenceExample(pattern: string, today: string): string {
  const [year = '2026', month = '01'] = today.split('-');
  return pattern
    .replace('{YYYY}', year)
    .replace('{YY}', year.slice(2))
    .replace('{MM}', month)
    .replace(/\{SEQ(?::(\d))?\}/, (_match, width: string | undefined) => '1'.padStart(Number(width ?? 1), '0'));
}

/** Today as `YYYY-MM-DD` in the browser's time zone. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
