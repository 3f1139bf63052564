import type { FormElement, ServiceDefinition } from '@amtsweg/definitions';
import { refuse, succeed, type EditResult } from './edit-result';
import { checkKeyFits, checkNestedKeys } from './element-keys';
import { capitalize, describeElement } from './element-names';
import {
  findElement,
  isContainer,
  isIndexWithin,
  isSameOrInside,
  joinPath,
  listScopeElements,
  locateContainer,
  refuseIndex,
  refuseUnknownElement,
  replaceElements,
  type ElementPlace,
} from './element-paths';
import { renamePathPrefix, rewriteDefinitionPaths } from './field-references';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Properties to change on an element: anything but its key (see `renameKey`) and its children (added, moved
 * and deleted one by one). A property set to `undefined` is removed.
 */
export type ElementChanges = Partial<DistributiveOmit<FormElement, 'key' | 'elements'>>;

/**
 * Puts a new element (a field, a static text, or a group with its contents) at a place. Refused when its key
 * is malformed or already used in that data scope.
 *
 * @example
 * addElement(definition, { page: 'holderPage', parent: 'holder', index: 0 }, { type: 'text', key: 'title', label: { de: 'Titel' } })
 */
export function addElement(definition: ServiceDefinition, place: ElementPlace, element: FormElement): EditResult {
  const container = locateContainer(definition, place);
  if ('ok' in container) return container;
  if (!isIndexWithin(place.index, container.elements.length)) return refuseIndex(place.index, container.elements.length);
  const problem =
    checkKeyFits(element, element.key, listScopeElements(definition, place), container.owner) ?? checkNestedKeys(element);
  if (problem !== undefined) return problem;
  // A copy, so that the caller changing its object later cannot change the definition.
  const added = structuredClone(element);
  return succeed(replaceElements(definition, container.pageIndex, container.positions, (elements) => insertAt(elements, place.index, added)));
}

/**
 * Changes properties of an element: label, hint, conditions, limits, options, even the field type. The key is
 * changed with `renameKey`, the children of a group one by one.
 *
 * @example
 * updateElement(definition, 'holder.phone', { required: true, hint: undefined })
 */
export function updateElement(definition: ServiceDefinition, path: string, changes: ElementChanges): EditResult {
  const located = findElement(definition, path);
  if (located === undefined) return refuseUnknownElement(path);
  const { element } = located;
  const name = describeElement(element);
  if ('key' in changes) {
    return refuse(
      `Der Schlüssel von ${name.de} wird mit „Schlüssel umbenennen“ geändert, damit alle Verweise darauf mitgeändert werden.`,
      `The key of ${name.en} is changed with "rename key", so that every reference to it changes too.`,
    );
  }
  if ('elements' in changes) {
    return refuse(
      `Die Elemente in ${name.de} werden einzeln hinzugefügt, verschoben und gelöscht.`,
      `The elements in ${name.en} are added, moved and deleted one by one.`,
    );
  }
  if (changes.type !== undefined && isContainer(element) !== (changes.type === 'group' || changes.type === 'repeat')) {
    return refuse(
      `${capitalize(name.de)} kann nicht in ein Element dieser Art umgewandelt werden: Gruppen und Felder lassen sich nicht ineinander umwandeln.`,
      `${capitalize(name.en)} cannot be turned into an element of this kind: groups and fields cannot be turned into each other.`,
    );
  }
  const changed: Record<string, unknown> = { ...element, ...changes };
  for (const [property, value] of Object.entries(changed)) if (value === undefined) delete changed[property];
  const parentPositions = located.positions.slice(0, -1);
  return succeed(
    replaceElements(definition, located.pageIndex, parentPositions, (elements) =>
      elements.map((sibling, index) => (index === located.place.index ? (changed as unknown as FormElement) : sibling)),
    ),
  );
}

/**
 * Removes an element and everything inside it. References to it stay and are reported by `checkDefinition`;
 * ask `findUsages` first to warn the designer.
 */
export function deleteElement(definition: ServiceDefinition, path: string): EditResult {
  const located = findElement(definition, path);
  if (located === undefined) return refuseUnknownElement(path);
  return succeed(
    replaceElements(definition, located.pageIndex, located.positions.slice(0, -1), (elements) =>
      elements.filter((_, index) => index !== located.place.index),
    ),
  );
}

/**
 * Moves an element to a place: within its list, to another page, into or out of a group or repeating group.
 * `place.index` is the position the element has afterwards. When its data path changes, every reference to it
 * and to everything below it is updated, as renaming does; references that no longer fit (a field moved out of
 * reach of a condition) are reported by `checkDefinition`.
 *
 * @example
 * moveElement(definition, 'holder.phone', { page: 'paymentPage', index: 0 }) // 'holder.phone' becomes 'phone'
 */
export function moveElement(definition: ServiceDefinition, path: string, place: ElementPlace): EditResult {
  const located = findElement(definition, path);
  if (located === undefined) return refuseUnknownElement(path);
  const { element } = located;
  if (place.parent !== undefined && isSameOrInside(place.parent, path)) {
    const name = describeElement(element);
    return place.parent === path
      ? refuse(`${capitalize(name.de)} kann nicht in sich selbst verschoben werden.`, `${capitalize(name.en)} cannot be moved into itself.`)
      : refuse(
          `${capitalize(name.de)} kann nicht in eine Gruppe verschoben werden, die in ihr selbst liegt.`,
          `${capitalize(name.en)} cannot be moved into a group that lies inside it.`,
        );
  }
  const target = locateContainer(definition, place);
  if ('ok' in target) return target;
  const sameScope = place.parent === located.place.parent;
  if (!sameScope) {
    const problem = checkKeyFits(element, element.key, listScopeElements(definition, place), target.owner);
    if (problem !== undefined) return problem;
  }
  const removed = replaceElements(definition, located.pageIndex, located.positions.slice(0, -1), (elements) =>
    elements.filter((_, index) => index !== located.place.index),
  );
  // Removing the element may shift the target list's group; find it again in the definition without it.
  const container = locateContainer(removed, place);
  if ('ok' in container) return container;
  if (!isIndexWithin(place.index, container.elements.length)) return refuseIndex(place.index, container.elements.length);
  const moved = replaceElements(removed, container.pageIndex, container.positions, (elements) => insertAt(elements, place.index, element));
  const newPath = joinPath(place.parent, element.key);
  return succeed(newPath === path ? moved : rewriteDefinitionPaths(moved, renamePathPrefix(path, newPath)));
}

export function insertAt<T>(items: readonly T[], index: number, item: T): T[] {
  return [...items.slice(0, index), item, ...items.slice(index)];
}
