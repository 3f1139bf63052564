import type { DefinitionChange, DiffArea, PropertyChange } from './definition-diff';
import { summarizePropertyChanges } from './diff-properties';
import { mergeKeepingRemoved } from './diff-sequence';
import { formatAddedOrRemoved, inBothLanguages } from './diff-wording';
import type { EditText } from './element-names';

/** How to compare one list of things with ids (templates, roles). */
export interface ListByIdOptions<TItem extends { id: string }> {
  area: DiffArea;
  /** JSON pointer of the item at a position of the list. */
  pointerAt: (position: number) => string;
  /** The change's identity; the item's id unless given. */
  identify?: (id: string) => string;
  /** The item's name at the start of a summary: „Vorlage „Eingangsbestätigung““. */
  describe: (item: TItem) => EditText;
  compare: (older: TItem, newer: TItem) => PropertyChange[];
}

/**
 * Compares two lists of things matched by id: each added, removed or changed one, in the newer order with
 * removed ones where they were. Order alone is not a change. The first of duplicate ids counts.
 */
export function diffListById<TItem extends { id: string }>(
  older: readonly TItem[],
  newer: readonly TItem[],
  options: ListByIdOptions<TItem>,
): DefinitionChange[] {
  const before = indexById(older);
  const after = indexById(newer);
  const identify = options.identify ?? ((id: string) => id);
  const changes: DefinitionChange[] = [];
  for (const id of mergeKeepingRemoved([...before.keys()], [...after.keys()])) {
    const was = before.get(id);
    const is = after.get(id);
    if (is !== undefined && was === undefined) {
      const subject = options.describe(is.item);
      changes.push({
        area: options.area,
        change: 'added',
        id: identify(id),
        newerPointer: options.pointerAt(is.position),
        properties: [],
        summary: inBothLanguages((language) => `${subject[language]} ${formatAddedOrRemoved('added', language)}`),
      });
    } else if (was !== undefined && is === undefined) {
      const subject = options.describe(was.item);
      changes.push({
        area: options.area,
        change: 'removed',
        id: identify(id),
        olderPointer: options.pointerAt(was.position),
        properties: [],
        summary: inBothLanguages((language) => `${subject[language]} ${formatAddedOrRemoved('removed', language)}`),
      });
    } else if (was !== undefined && is !== undefined) {
      const properties = options.compare(was.item, is.item);
      if (properties.length === 0) continue;
      changes.push({
        area: options.area,
        change: 'changed',
        id: identify(id),
        olderPointer: options.pointerAt(was.position),
        newerPointer: options.pointerAt(is.position),
        properties,
        summary: summarizePropertyChanges(options.describe(is.item), properties),
      });
    }
  }
  return changes;
}

function indexById<TItem extends { id: string }>(items: readonly TItem[]): Map<string, { item: TItem; position: number }> {
  const index = new Map<string, { item: TItem; position: number }>();
  items.forEach((item, position) => {
    if (!index.has(item.id)) index.set(item.id, { item, position });
  });
  return index;
}
