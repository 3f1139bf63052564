import { keyFromLabel } from '@amtsweg/editor';

/**
 * The id something should get when its German label changes, if its id was made from the old label (so ids of
 * new states, actions, letters and roles keep matching their labels while the clerk types); `undefined` when
 * the id was chosen otherwise, the new label is blank, or the id stays the same.
 *
 * @example
 * followLabel('neueAktion', 'Neue Aktion', 'Ablehnen', new Set(['approve'])) // 'ablehnen'
 * followLabel('reject', 'Ablehnen', 'Zurückweisen', new Set()) // undefined: 'reject' was chosen by hand
 */
export function followLabel(id: string, oldLabel: string, newLabel: string, takenByOthers: ReadonlySet<string>): string | undefined {
  if (newLabel.trim() === '') return undefined;
  if (keyFromLabel(oldLabel, takenByOthers) !== id) return undefined;
  const next = keyFromLabel(newLabel, takenByOthers);
  return next === id ? undefined : next;
}

/** The ids of a list without the one at `index` (what a renamed item must not collide with). */
export function idsOfOthers(items: readonly { id: string }[], index: number): Set<string> {
  return new Set(items.filter((_, i) => i !== index).map((item) => item.id));
}
