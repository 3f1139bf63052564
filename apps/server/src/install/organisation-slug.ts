import { InstallationError } from './installation-error';

/** What an organisation's slug may be: also what the login route accepts (`organisation`). */
export const ORGANISATION_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

const TRANSLITERATIONS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', å: 'a' };

/**
 * A slug derived from an organisation's name: lower case, German umlauts transliterated, other accents
 * dropped, everything else that is not a letter or digit becomes one '-'.
 *
 * @example
 * slugFromName('Verwaltungsgemeinschaft Südliche Weinstraße') // 'verwaltungsgemeinschaft-suedliche-weinstrasse'
 */
export function slugFromName(name: string): string {
  const transliterated = name
    .toLowerCase()
    .replace(/[äöüßæœøå]/g, (letter) => TRANSLITERATIONS[letter] ?? letter)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  return transliterated
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/** Refuses a slug the login route could not name; `source` is the variable or option it came from. */
export function checkOrganisationSlug(slug: string, source: string): string {
  if (!ORGANISATION_SLUG_PATTERN.test(slug)) {
    throw new InstallationError(`${source} must be 2 to 63 lower-case letters, digits and '-', starting with a letter or digit; got "${slug}"`);
  }
  return slug;
}
