import { describe, expect, it } from 'vitest';
import { followLabel } from './follow-label';
import { daysOf, parseWholeNumber, yearsOf } from './iso-duration';
import { listLanguages, withLanguage, withOptionalLanguage } from './localized-text';
import { createStableKeys, makeKeysUnique } from './stable-keys';

describe('followLabel', () => {
  it('follows a label the id was made from, avoiding ids taken by others', () => {
    expect(followLabel('neueAktion', 'Neue Aktion', 'Ablehnen', new Set(['ablehnen']))).toBe('ablehnen2');
  });
  it('keeps an id chosen by hand, and keeps the id for a blank label', () => {
    expect(followLabel('reject', 'Ablehnen', 'Zurückweisen', new Set())).toBeUndefined();
    expect(followLabel('ablehnen', 'Ablehnen', '  ', new Set())).toBeUndefined();
  });
});

describe('localized texts', () => {
  it('removes an emptied translation but keeps an empty German text', () => {
    expect(withLanguage({ de: 'A', en: 'B' }, 'en', '')).toEqual({ de: 'A' });
    expect(withLanguage({ de: 'A' }, 'de', '')).toEqual({ de: '' });
    expect(withLanguage(undefined, 'en', 'B')).toEqual({ de: '', en: 'B' });
  });
  it('drops an optional text once nothing is left', () => {
    expect(withOptionalLanguage({ de: 'A' }, 'de', '')).toBeUndefined();
    expect(withOptionalLanguage({ de: 'A', en: 'B' }, 'de', '')).toEqual({ de: '', en: 'B' });
    expect(withOptionalLanguage({ de: 'A', en: 'B' }, 'de', '', ['de'])).toBeUndefined();
  });
  it('lists German first', () => {
    expect(listLanguages(['en', 'de'])).toEqual(['de', 'en']);
  });
});

describe('durations and numbers', () => {
  it('reads whole days and years only', () => {
    expect(daysOf('P14D')).toBe(14);
    expect(daysOf('P2W')).toBeUndefined();
    expect(yearsOf('P10Y')).toBe(10);
    expect(yearsOf('P10Y6M')).toBeUndefined();
  });
  it('accepts whole numbers within bounds only', () => {
    expect(parseWholeNumber(' 7 ', 1, 10)).toBe(7);
    for (const text of ['', '0', '11', '1,5', '-1', 'abc']) expect(parseWholeNumber(text, 1, 10)).toBeUndefined();
  });
});

describe('stable keys', () => {
  it('keeps a key through a rename and gives new ids new keys', () => {
    const keys = createStableKeys();
    const first = keys.keyOf('states', 'a');
    keys.rename('states', 'a', 'b');
    expect(keys.keyOf('states', 'b')).toBe(first);
    expect(keys.keyOf('states', 'a')).not.toBe(first);
    expect(keys.keyOf('actions:k1', 'b')).not.toBe(first);
  });
  it('makes repeated keys unique', () => {
    expect(makeKeysUnique(['k1', 'k2', 'k1'])).toEqual(['k1', 'k2', 'k1-2']);
  });
});
