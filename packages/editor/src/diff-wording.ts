import type { EditText } from './element-names';

/** The two languages a difference is described in. Labels from the definition are always taken in German. */
export type DiffLanguage = keyof EditText;

const SHORT_TEXT_LENGTH = 80;
const JSON_LENGTH = 160;

/** Builds the German and the English form of one phrase from a function of the language. */
export function inBothLanguages(phrase: (language: DiffLanguage) => string): EditText {
  return { de: phrase('de'), en: phrase('en') };
}

/** Quotes a text the way each language does: „Rasse“ and "Rasse". */
export function quote(text: string, language: DiffLanguage): string {
  return language === 'de' ? `„${text}“` : `"${text}"`;
}

/** One line of at most `length` characters, for names in a summary. */
export function shorten(text: string, length = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1).trimEnd()}…`;
}

/** Whether a text is short enough to be shown whole in a one-line summary. */
export function isShortText(text: string): boolean {
  return text.length <= SHORT_TEXT_LENGTH && !text.includes('\n');
}

/** „hinzugefügt“/"added", „entfernt“/"removed". */
export function formatAddedOrRemoved(change: 'added' | 'removed', language: DiffLanguage): string {
  if (language === 'de') return change === 'added' ? 'hinzugefügt' : 'entfernt';
  return change;
}

/** Ja/Nein, Yes/No. */
export function formatYesNo(value: boolean, language: DiffLanguage): string {
  if (language === 'de') return value ? 'Ja' : 'Nein';
  return value ? 'Yes' : 'No';
}

/** A number with the decimal separator of the language. */
export function formatNumber(value: number, language: DiffLanguage): string {
  const text = String(value);
  return language === 'de' ? text.replace('.', ',') : text;
}

/**
 * Any value of a definition, compactly: yes/no, numbers, quoted texts, lists joined by commas, German texts of a
 * translated text, and anything else (expressions) as JSON.
 */
export function formatValue(value: unknown, language: DiffLanguage): string {
  if (value === undefined || value === null) return '–';
  if (typeof value === 'boolean') return formatYesNo(value, language);
  if (typeof value === 'number') return formatNumber(value, language);
  if (typeof value === 'string') return quote(shorten(value, SHORT_TEXT_LENGTH), language);
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) {
    return value.length === 0 ? '–' : value.map((item) => formatValue(item, language)).join(', ');
  }
  if (isLocalizedText(value)) return quote(shorten(value.de, SHORT_TEXT_LENGTH), language);
  return shorten(JSON.stringify(value), JSON_LENGTH);
}

function isLocalizedText(value: unknown): value is { de: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { de?: unknown }).de === 'string' &&
    Object.values(value).every((text) => typeof text === 'string')
  );
}

const DURATION_UNITS: readonly { de: [string, string]; en: [string, string] }[] = [
  { de: ['Jahr', 'Jahre'], en: ['year', 'years'] },
  { de: ['Monat', 'Monate'], en: ['month', 'months'] },
  { de: ['Woche', 'Wochen'], en: ['week', 'weeks'] },
  { de: ['Tag', 'Tage'], en: ['day', 'days'] },
  { de: ['Stunde', 'Stunden'], en: ['hour', 'hours'] },
  { de: ['Minute', 'Minuten'], en: ['minute', 'minutes'] },
  { de: ['Sekunde', 'Sekunden'], en: ['second', 'seconds'] },
];
const ISO_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** An ISO-8601 duration in words, quoted: `P10Y` → „10 Jahre“; anything else as it is. */
export function formatDuration(value: unknown, language: DiffLanguage): string {
  if (typeof value !== 'string') return formatValue(value, language);
  const match = ISO_DURATION.exec(value);
  if (match === null) return formatValue(value, language);
  const parts: string[] = [];
  DURATION_UNITS.forEach((unit, index) => {
    const amount = match[index + 1];
    if (amount === undefined) return;
    const [one, many] = unit[language];
    parts.push(`${amount} ${Number(amount) === 1 ? one : many}`);
  });
  // Quoted, so the German noun may stay in the nominative after „von“ and „zu“.
  return parts.length === 0 ? formatValue(value, language) : quote(parts.join(' '), language);
}

/** A size in bytes as a clerk reads it: 10485760 → "10 MB". */
export function formatBytes(value: unknown, language: DiffLanguage): string {
  if (typeof value !== 'number') return formatValue(value, language);
  const megabytes = value / (1024 * 1024);
  if (megabytes >= 1) return `${formatNumber(Math.round(megabytes * 100) / 100, language)} MB`;
  const kilobytes = value / 1024;
  if (kilobytes >= 1) return `${formatNumber(Math.round(kilobytes * 100) / 100, language)} KB`;
  return `${formatNumber(value, language)} Bytes`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An ISO date as the language writes it: `2026-03-01` → "01.03.2026"; anything else as it is. */
export function formatDate(value: unknown, language: DiffLanguage): string {
  if (typeof value !== 'string') return formatValue(value, language);
  const match = ISO_DATE.exec(value);
  if (match === null || language === 'en') return formatValue(value, language);
  return `${match[3]}.${match[2]}.${match[1]}`;
}

const LANGUAGE_NAMES: Readonly<Record<string, EditText>> = {
  de: { de: 'Deutsch', en: 'German' },
  en: { de: 'Englisch', en: 'English' },
  fr: { de: 'Französisch', en: 'French' },
  it: { de: 'Italienisch', en: 'Italian' },
  es: { de: 'Spanisch', en: 'Spanish' },
  nl: { de: 'Niederländisch', en: 'Dutch' },
  pl: { de: 'Polnisch', en: 'Polish' },
  cs: { de: 'Tschechisch', en: 'Czech' },
  ro: { de: 'Rumänisch', en: 'Romanian' },
  hr: { de: 'Kroatisch', en: 'Croatian' },
  el: { de: 'Griechisch', en: 'Greek' },
  tr: { de: 'Türkisch', en: 'Turkish' },
  ru: { de: 'Russisch', en: 'Russian' },
  uk: { de: 'Ukrainisch', en: 'Ukrainian' },
  ar: { de: 'Arabisch', en: 'Arabic' },
  fa: { de: 'Persisch', en: 'Persian' },
};

/** The name of a language given by its ISO 639-1 code; the code itself when it is not known. */
export function formatLanguage(code: unknown, language: DiffLanguage): string {
  if (typeof code !== 'string') return formatValue(code, language);
  return LANGUAGE_NAMES[code]?.[language] ?? code;
}

/** Looks a value up in a table of names (field types, state kinds, …); unknown values are shown as they are. */
export function formatFromTable(table: Readonly<Record<string, EditText>>): (value: unknown, language: DiffLanguage) => string {
  return (value, language) =>
    typeof value === 'string' && Object.hasOwn(table, value) ? (table[value]?.[language] ?? value) : formatValue(value, language);
}
