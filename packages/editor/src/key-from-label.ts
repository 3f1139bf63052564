import { KEY_MAX_LENGTH, makeKeyUnique } from './element-keys';

const GERMAN_LETTERS: Readonly<Record<string, string>> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  Ä: 'Ae',
  Ö: 'Oe',
  Ü: 'Ue',
  ß: 'ss',
  ẞ: 'SS',
};

/** Prefix for a key whose label does not start with a letter. */
const KEY_PREFIX = 'feld';

/**
 * Proposes a data key for a label: camelCase, German umlauts and ß spelled out, other accents removed, every
 * other character dropped, starting with a letter (`feld…` otherwise), at most 63 characters, and not one of
 * `taken` (`…2`, `…3`, … appended).
 *
 * @example
 * keyFromLabel('Vorname des Halters', new Set()) // 'vornameDesHalters'
 * keyFromLabel('Größe', new Set(['groesse'])) // 'groesse2'
 */
export function keyFromLabel(label: string, taken: ReadonlySet<string>): string {
  const ascii = label
    .replace(/[äöüÄÖÜßẞ]/g, (letter) => GERMAN_LETTERS[letter] ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  const words = ascii.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  let key = words
    .map((word, index) => {
      // "IBAN" or "PLZ" become "iban"/"Plz" rather than "iBAN".
      const normal = word.length > 1 && word === word.toUpperCase() ? word.toLowerCase() : word;
      return index === 0 ? normal.charAt(0).toLowerCase() + normal.slice(1) : normal.charAt(0).toUpperCase() + normal.slice(1);
    })
    .join('');
  if (!/^[A-Za-z]/.test(key)) key = KEY_PREFIX + key.charAt(0).toUpperCase() + key.slice(1);
  return makeKeyUnique(key.slice(0, KEY_MAX_LENGTH), taken);
}
