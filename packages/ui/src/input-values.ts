import { parseIsoDate } from '@amtsweg/definitions';

/**
 * What people type for a date: 27.03.1985, 27.3.1985, 27/03/1985, 27-03-1985 or 1985-03-27. Returns the ISO
 * date the submission carries, or null when the text is not a real date (the text then stays as typed, and the
 * server's validation names the mistake). Two-digit years are refused: a birth year "85" is ambiguous.
 */
export function parseDateInput(text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const local = /^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})$/.exec(trimmed);
  const parts = iso ? [iso[1], iso[2], iso[3]] : local ? [local[3], local[2], local[1]] : null;
  if (!parts) return null;
  const candidate = `${parts[0]}-${parts[1]!.padStart(2, '0')}-${parts[2]!.padStart(2, '0')}`;
  return parseIsoDate(candidate) ? candidate : null;
}

/** An ISO date as people in the language write it; anything else is shown as it is. */
export function formatDateForInput(value: unknown, language: string): string {
  if (typeof value !== 'string') return '';
  const parts = parseIsoDate(value);
  if (!parts) return value;
  const [year, month, day] = parts.map((n) => String(n).padStart(2, '0'));
  return language === 'de' ? `${day}.${month}.${year}` : `${day}/${month}/${year}`;
}

/**
 * A typed number as people in the language write it. German: "1.234,50", "12,5" (comma for decimals, dots
 * between thousands); a plain "1234.5" is read too. English: "1,234.50", "12.5" (the other way round). Returns
 * null for anything else (it then stays as typed, and validation names it).
 */
export function parseNumberInput(text: string, language: string): number | null {
  const compact = text.trim().replace(/\s/g, '');
  if (compact === '') return null;
  const [thousands, decimal] = language === 'de' ? ['.', ','] : [',', '.'];
  const grouped = new RegExp(`^-?\\d{1,3}(\\${thousands}\\d{3})+(\\${decimal}\\d+)?$`);
  let normalized = compact;
  if (grouped.test(compact)) normalized = compact.split(thousands).join('').replace(decimal, '.');
  else if (!compact.includes(thousands) || (language === 'de' && !compact.includes(','))) normalized = compact.replace(decimal, '.');
  if (!/^-?\d+(\.\d+)?$/.test(normalized)) return null;
  return Number(normalized);
}

export function formatNumberForInput(value: unknown, language: string): string {
  if (typeof value === 'number') return language === 'de' ? String(value).replace('.', ',') : String(value);
  return typeof value === 'string' ? value : '';
}

/** A money or number value for reading (check your answers, calculated fields). */
export function formatNumberForPeople(value: number, language: string, money: boolean): string {
  const formatted = new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-GB', money ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : {}).format(value);
  return money ? `${formatted} €` : formatted;
}

export function formatFileSize(bytes: number, language: string): string {
  const megabytes = bytes / (1024 * 1024);
  if (megabytes >= 1) return `${formatNumberForPeople(Math.round(megabytes * 10) / 10, language, false)} MB`;
  return `${formatNumberForPeople(Math.max(1, Math.round(bytes / 1024)), language, false)} KB`;
}

/** Any answer as text for reading: what was typed, or the value written out (never "[object Object]"). */
export function displayText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
