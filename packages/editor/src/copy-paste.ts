import type { FormElement, ServiceDefinition } from '@amtsweg/definitions';
import { succeed, type EditResult } from './edit-result';
import { makeKeyUnique } from './element-keys';
import {
  findElement,
  isContainer,
  isIndexWithin,
  isSameOrInside,
  joinPath,
  listScopeElements,
  locateContainer,
  refuseIndex,
  replaceElements,
  type ElementPlace,
} from './element-paths';
import { rewriteElementPaths, type PathRename } from './field-references';
import { insertAt } from './form-operations';

/** A copied element with the data path it had, so that references inside it can follow it when pasted. */
export interface ElementClipboard {
  element: FormElement;
  /** Data path of the element where it was copied. */
  path: string;
}

/**
 * Copies an element and everything inside it; undefined when there is no element at `path`. The clipboard is
 * a deep copy: later edits of the definition do not change it.
 *
 * @example
 * const clipboard = copyElement(definition, 'holder');
 */
export function copyElement(definition: ServiceDefinition, path: string): ElementClipboard | undefined {
  const located = findElement(definition, path);
  return located === undefined ? undefined : { element: structuredClone(located.element), path };
}

/**
 * Pastes a copied element at a place. It keeps its key when that is free in the target scope and gets the
 * next free one otherwise (`name` → `name2`, `name2` → `name3`); keys inside it that collide with each other are
 * made unique too. References inside the pasted element to itself or its contents (a condition inside a copied
 * group reading a field of that group) are rewritten to the pasted copy; references to other fields stay.
 *
 * @example
 * const clipboard = copyElement(definition, 'holder')!;
 * pasteElement(definition, clipboard, { page: 'holderPage', index: 2 }) // a second group 'holder2'
 */
export function pasteElement(definition: ServiceDefinition, clipboard: ElementClipboard, place: ElementPlace): EditResult {
  const container = locateContainer(definition, place);
  if ('ok' in container) return container;
  if (!isIndexWithin(place.index, container.elements.length)) return refuseIndex(place.index, container.elements.length);
  const taken = new Set(listScopeElements(definition, place).map((element) => element.key));
  const source = clipboard.element;
  // A copy of `name2` is `name3`, not `name22`.
  const key = taken.has(source.key) ? makeKeyUnique(source.key.replace(/(?<=[A-Za-z_])\d+$/, ''), taken) : source.key;
  const renames: [string, string][] = [];
  const pasted = withFreshKeys(structuredClone(source), key, clipboard.path, joinPath(place.parent, key), renames);
  const rewritten = rewriteElementPaths(pasted, renameByLongestMatch(renames));
  return succeed(
    replaceElements(definition, container.pageIndex, container.positions, (elements) => insertAt(elements, place.index, rewritten)),
  );
}

/** Gives an element its new key, makes the keys of its children unique, and records old → new data paths. */
function withFreshKeys(element: FormElement, key: string, oldPath: string, newPath: string, renames: [string, string][]): FormElement {
  renames.push([oldPath, newPath]);
  if (!isContainer(element)) return { ...element, key };
  const taken = new Set<string>();
  const elements = element.elements.map((child) => {
    const childKey = makeKeyUnique(child.key, taken);
    taken.add(childKey);
    return withFreshKeys(child, childKey, joinPath(oldPath, child.key), joinPath(newPath, childKey), renames);
  });
  return { ...element, key, elements };
}

function renameByLongestMatch(renames: readonly [string, string][]): PathRename {
  return (path) => {
    let best: [string, string] | undefined;
    for (const rename of renames) {
      if (isSameOrInside(path, rename[0]) && (best === undefined || rename[0].length > best[0].length)) best = rename;
    }
    return best === undefined ? undefined : best[1] + path.slice(best[0].length);
  };
}
