import type { ChoiceOption } from '@amtsweg/definitions';
import { keyFromLabel } from '@amtsweg/editor';

/** The choices' labels in a language, one per line, as the options text area shows them. */
export function linesFromOptions(options: readonly ChoiceOption[], language: string): string {
  return options.map((option) => (language === 'de' ? option.label.de : (option.label[language] ?? ''))).join('\n');
}

/** The non-blank lines of a text, trimmed. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * Turns the German lines a clerk typed or pasted into choices, keeping the stored value of every choice that
 * is still there, so conditions and letters that compare with it keep working: a line equal to an old label
 * keeps that choice; a changed line keeps the value of the choice that stood at its position (an edited
 * label); a line that is new gets a value made from its text. Values in `renewable` (made while this list is
 * being typed, so nothing refers to them yet) are made anew from the line, so typing „Monatlich“ letter by
 * letter ends with the value `monatlich`, not `m`.
 *
 * @example
 * optionsFromLines('Hund\nKatze', [{ value: 'dog', label: { de: 'Hund' } }])
 * // [{ value: 'dog', label: { de: 'Hund' } }, { value: 'katze', label: { de: 'Katze' } }]
 */
export function optionsFromLines(text: string, options: readonly ChoiceOption[], renewable: ReadonlySet<string> = new Set()): ChoiceOption[] {
  const lines = splitLines(text);
  const used = new Set<number>();
  const matched: (ChoiceOption | undefined)[] = lines.map((line) => {
    const index = options.findIndex((option, position) => !used.has(position) && option.label.de.trim() === line);
    if (index === -1) return undefined;
    used.add(index);
    return options[index];
  });
  // A changed line takes over the choice at its position, when that one was not kept by its label.
  lines.forEach((line, position) => {
    const old = options[position];
    if (matched[position] === undefined && old !== undefined && !used.has(position) && !renewable.has(old.value)) {
      used.add(position);
      matched[position] = { ...old, label: { ...old.label, de: line } };
    }
  });
  const taken = new Set(matched.flatMap((option) => (option === undefined ? [] : [option.value])));
  return lines.map((line, position) => {
    const kept = matched[position];
    if (kept !== undefined) return kept;
    const value = keyFromLabel(line, taken);
    taken.add(value);
    return { value, label: { de: line } };
  });
}

/**
 * Sets the choices' labels in another language from lines in the same order as the choices (a blank line
 * removes that translation); extra lines are ignored.
 *
 * @example
 * translateOptions('Dog\nCat', options, 'en') // options with label.en 'Dog' and 'Cat'
 */
export function translateOptions(text: string, options: readonly ChoiceOption[], language: string): ChoiceOption[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  return options.map((option, position) => {
    const line = lines[position] ?? '';
    const label: ChoiceOption['label'] = { ...option.label };
    if (line === '') delete label[language];
    else label[language] = line;
    return { ...option, label };
  });
}

/** True when two lists of choices say the same (values and labels in every language), in the same order. */
export function sameOptions(a: readonly ChoiceOption[], b: readonly ChoiceOption[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
