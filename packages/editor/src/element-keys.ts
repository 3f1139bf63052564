import type { FormElement } from '@amtsweg/definitions';
import { refuse } from './edit-result';
import { capitalize, describeElement } from './element-names';
import { describeScope, isContainer, type ContainerElement, type Refusal } from './element-paths';

/** What a key (and a page id) looks like: a letter, then letters, digits and `_`, at most 63 characters. */
export const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

export const KEY_MAX_LENGTH = 63;

/** True when `key` may be used as the data key of an element. */
export function isValidKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/**
 * Returns `key`, or when it is taken the first of `key2`, `key3`, … that is free (shortened to stay within
 * 63 characters).
 *
 * @example
 * makeKeyUnique('name', new Set(['name', 'name2'])) // 'name3'
 */
export function makeKeyUnique(key: string, taken: ReadonlySet<string>): string {
  if (!taken.has(key)) return key;
  for (let number = 2; ; number++) {
    const suffix = String(number);
    const candidate = key.slice(0, KEY_MAX_LENGTH - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

export function refuseInvalidKey(key: string): Refusal {
  return refuse(
    `„${key}“ ist als Schlüssel nicht möglich: Ein Schlüssel beginnt mit einem Buchstaben und enthält nur Buchstaben ohne Umlaute, Ziffern und „_“, höchstens 63 Zeichen.`,
    `"${key}" cannot be used as a key: a key starts with a letter and contains only letters without umlauts, digits and "_", at most 63 characters.`,
  );
}

/**
 * Says why `element` cannot stand among `siblings` (the elements of its future data scope, itself excluded),
 * or undefined when its key fits.
 */
export function checkKeyFits(
  element: FormElement,
  key: string,
  siblings: readonly FormElement[],
  owner: ContainerElement | undefined,
): Refusal | undefined {
  if (!isValidKey(key)) return refuseInvalidKey(key);
  const holder = siblings.find((sibling) => sibling.key === key);
  if (holder === undefined) return undefined;
  const scope = describeScope(owner);
  const name = describeElement(element);
  const other = describeElement(holder);
  return refuse(
    `${capitalize(name.de)} kann den Schlüssel „${key}“ nicht bekommen: Er ist ${scope.de} schon an ${other.de} vergeben. Bitte wählen Sie einen anderen Schlüssel.`,
    `${capitalize(name.en)} cannot get the key "${key}": it is already used ${scope.en} by ${other.en}. Please choose another key.`,
  );
}

/** Checks the keys inside a new group or repeating group: each valid, and unique among its siblings. */
export function checkNestedKeys(element: FormElement): Refusal | undefined {
  if (!isContainer(element)) return undefined;
  const seen: FormElement[] = [];
  for (const child of element.elements) {
    const problem = checkKeyFits(child, child.key, seen, element) ?? checkNestedKeys(child);
    if (problem !== undefined) return problem;
    seen.push(child);
  }
  return undefined;
}
