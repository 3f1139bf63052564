import { describe, expect, it } from 'vitest';
import { isValidKey, makeKeyUnique } from './element-keys';
import { keyFromLabel } from './key-from-label';

describe('keyFromLabel', () => {
  const cases: [label: string, key: string][] = [
    ['Vorname des Halters', 'vornameDesHalters'],
    ['Straße', 'strasse'],
    ['Größe in Metern', 'groesseInMetern'],
    ['Übernahme', 'uebernahme'],
    ['Äpfel & Öl', 'aepfelOel'],
    ['E-Mail-Adresse', 'eMailAdresse'],
    ['IBAN', 'iban'],
    ['PLZ des Wohnorts', 'plzDesWohnorts'],
    ['Café für Gäste?', 'cafeFuerGaeste'],
    ['Welche Rasse?', 'welcheRasse'],
    ['1. Hund', 'feld1Hund'],
    ['2025', 'feld2025'],
    ['', 'feld'],
    ['???', 'feld'],
    ['  Name  ', 'name'],
    ['already_snake', 'alreadySnake'],
  ];

  it.each(cases)('makes %j into %j', (label, key) => {
    expect(keyFromLabel(label, new Set())).toBe(key);
    expect(isValidKey(key)).toBe(true);
  });

  it('appends 2, 3, … until the key is free', () => {
    expect(keyFromLabel('Name', new Set(['name']))).toBe('name2');
    expect(keyFromLabel('Name', new Set(['name', 'name2', 'name3']))).toBe('name4');
    expect(keyFromLabel('Name', new Set(['Name']))).toBe('name');
  });

  it('keeps keys within 63 characters, also with a number appended', () => {
    const label = 'Bestätigung über die Kenntnisnahme der Datenschutzhinweise und der Hundesteuersatzung der Gemeinde';
    const key = keyFromLabel(label, new Set());
    expect(key).toHaveLength(63);
    expect(key.startsWith('bestaetigungUeberDieKenntnisnahme')).toBe(true);
    const second = keyFromLabel(label, new Set([key]));
    expect(second).toHaveLength(63);
    expect(second.endsWith('2')).toBe(true);
    expect(isValidKey(second)).toBe(true);
  });
});

describe('makeKeyUnique', () => {
  it('keeps a free key and numbers a taken one', () => {
    expect(makeKeyUnique('breed', new Set(['name']))).toBe('breed');
    expect(makeKeyUnique('breed', new Set(['breed', 'breed2']))).toBe('breed3');
  });
});

describe('isValidKey', () => {
  it.each(['a', 'firstName', 'x_1', 'A'.repeat(63)])('accepts %j', (key) => expect(isValidKey(key)).toBe(true));
  it.each(['', '1a', '_a', 'a-b', 'a.b', 'straße', 'A'.repeat(64)])('refuses %j', (key) => expect(isValidKey(key)).toBe(false));
});
