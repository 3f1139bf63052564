/**
 * The whole number of days of an ISO-8601 duration written in days only (`P14D`), else `undefined` (`P2W`, `P1M`
 * are left as they are until the clerk sets a number of days).
 *
 * @example
 * daysOf('P14D') // 14
 */
export function daysOf(duration: string): number | undefined {
  const match = /^P(\d+)D$/.exec(duration);
  return match ? Number(match[1]) : undefined;
}

/**
 * The whole number of years of an ISO-8601 duration written in years only (`P10Y`), else `undefined`.
 *
 * @example
 * yearsOf('P10Y') // 10
 */
export function yearsOf(duration: string): number | undefined {
  const match = /^P(\d+)Y$/.exec(duration);
  return match ? Number(match[1]) : undefined;
}

/**
 * A whole number typed by a person (digits only, surrounding blanks allowed) within `min` and `max`, else
 * `undefined`.
 *
 * @example
 * parseWholeNumber(' 14 ', 1, 365) // 14
 * parseWholeNumber('1,5', 1, 365) // undefined
 */
export function parseWholeNumber(text: string, min: number, max: number): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : undefined;
}
