import { describe, expect, it } from 'vitest';
import type { ChoiceOption } from '@amtsweg/definitions';
import { linesFromOptions, optionsFromLines, translateOptions } from './option-lines';

const OPTIONS: ChoiceOption[] = [
  { value: 'dog', label: { de: 'Hund', en: 'Dog' } },
  { value: 'cat', label: { de: 'Katze', en: 'Cat' } },
  { value: 'bird', label: { de: 'Vogel' } },
];

describe('choices typed one per line', () => {
  it('makes a pasted list into choices with values from the labels', () => {
    expect(optionsFromLines('Ja, sofort\n\n  Später \nNie', [])).toEqual([
      { value: 'jaSofort', label: { de: 'Ja, sofort' } },
      { value: 'spaeter', label: { de: 'Später' } },
      { value: 'nie', label: { de: 'Nie' } },
    ]);
  });

  it('keeps values and translations when lines are reordered', () => {
    expect(optionsFromLines('Vogel\nHund\nKatze', OPTIONS)).toEqual([OPTIONS[2], OPTIONS[0], OPTIONS[1]]);
  });

  it('keeps the value of a choice whose label was edited in place', () => {
    expect(optionsFromLines('Hund\nKatzen\nVogel', OPTIONS)[1]).toEqual({ value: 'cat', label: { de: 'Katzen', en: 'Cat' } });
  });

  it('gives an inserted line a new value that no other choice has', () => {
    const options = optionsFromLines('Hund\nDog\nKatze\nVogel', OPTIONS);
    expect(options.map((option) => option.value)).toEqual(['dog', 'dog2', 'cat', 'bird']);
  });

  it('makes the value of a choice being typed anew from its whole text', () => {
    const typed = optionsFromLines('Hund\nKatze\nVogel\nM', OPTIONS);
    expect(typed[3]!.value).toBe('m');
    const finished = optionsFromLines('Hund\nKatze\nVogel\nMonatlich', typed, new Set(['m']));
    expect(finished.map((option) => option.value)).toEqual(['dog', 'cat', 'bird', 'monatlich']);
  });

  it('drops removed lines', () => {
    expect(optionsFromLines('Katze', OPTIONS)).toEqual([OPTIONS[1]]);
  });

  it('writes and reads translations line by line', () => {
    expect(linesFromOptions(OPTIONS, 'en')).toBe('Dog\nCat\n');
    const translated = translateOptions('Dog\n\nBird', OPTIONS, 'en');
    expect(translated.map((option) => option.label)).toEqual([{ de: 'Hund', en: 'Dog' }, { de: 'Katze' }, { de: 'Vogel', en: 'Bird' }]);
  });
});
