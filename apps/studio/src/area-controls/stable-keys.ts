/**
 * React keys and DOM ids for things the clerk can rename (states, actions, letters, roles): a key stays with the
 * thing when its id changes through the Studio, so the section being typed in is not remounted (and does not
 * lose the focus) while its id follows its label.
 */
export interface StableKeys {
  /** The key of `id` within `scope` (e.g. the actions of one state), made on first use. */
  keyOf: (scope: string, id: string) => string;
  /** Lets `to` keep the key `from` had, after a rename. */
  rename: (scope: string, from: string, to: string) => void;
}

/**
 * Creates an empty key book.
 *
 * @example
 * const keys = createStableKeys();
 * const key = keys.keyOf('states', 'neuerStatus');
 * keys.rename('states', 'neuerStatus', 'inPruefung');
 * keys.keyOf('states', 'inPruefung') === key // true
 */
export function createStableKeys(): StableKeys {
  const keys = new Map<string, string>();
  let next = 0;
  const entry = (scope: string, id: string) => `${scope}\u0000${id}`;
  return {
    keyOf(scope, id) {
      const name = entry(scope, id);
      let key = keys.get(name);
      if (key === undefined) {
        next += 1;
        key = `k${next}`;
        keys.set(name, key);
      }
      return key;
    },
    rename(scope, from, to) {
      const key = keys.get(entry(scope, from));
      if (key === undefined || from === to) return;
      keys.delete(entry(scope, from));
      keys.set(entry(scope, to), key);
    },
  };
}

/**
 * Makes repeated keys unique by their position (a broken definition may hold an id twice; React needs distinct
 * keys and the page distinct ids).
 *
 * @example
 * makeKeysUnique(['k1', 'k2', 'k1']) // ['k1', 'k2', 'k1-2']
 */
export function makeKeysUnique(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  return keys.map((key, index) => {
    const unique = seen.has(key) ? `${key}-${index}` : key;
    seen.add(unique);
    return unique;
  });
}
