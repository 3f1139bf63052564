/** One side of a comparison: a published version by number, or the draft being edited. */
export type VersionChoice = number | 'draft';

/** The value of a choice in a `<select>`. */
export function formatChoice(choice: VersionChoice): string {
  return choice === 'draft' ? 'draft' : String(choice);
}

/** Reads a `<select>` value back; anything unknown is the draft. */
export function parseChoice(value: string): VersionChoice {
  return /^[1-9][0-9]*$/.test(value) ? Number(value) : 'draft';
}

/**
 * What is compared before the clerk chooses: the newest published version against the draft, i.e. what
 * publishing now would change; nothing while the service has never been published.
 *
 * @example
 * defaultComparison([3, 2, 1]) // { older: 3, newer: 'draft' }
 */
export function defaultComparison(versions: readonly number[]): { older: VersionChoice; newer: VersionChoice } | null {
  return versions.length === 0 ? null : { older: Math.max(...versions), newer: 'draft' };
}
