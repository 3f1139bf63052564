import type { FormElement, GroupElement, RepeatElement, ServiceDefinition } from '@amtsweg/definitions';
import { refuse, type EditResult } from './edit-result';
import { capitalize, describeElement, type EditText } from './element-names';

/**
 * Where an element sits or is to be put: a page, the group or repeating group inside it (by data path; absent
 * for the page's top level), and the position in that list.
 */
export interface ElementPlace {
  /** Page id. */
  page: string;
  /** Data path of the enclosing group or repeating group; absent for the page's top level. */
  parent?: string;
  index: number;
}

/** The list an element sits in: a page's top level or the elements of a group. */
export type ElementScope = Pick<ElementPlace, 'page' | 'parent'>;

/** An element of the form with where it is, as the data sees it and as the definition holds it. */
export interface LocatedElement {
  element: FormElement;
  /** Data path, dot-separated: `holder.firstName`. */
  path: string;
  place: ElementPlace;
  /** JSON pointer into the service definition: `/form/pages/0/elements/1/elements/0`. */
  pointer: string;
  pageIndex: number;
  /** Positions from the page's top level down to the element: `[1, 0]` is the first child of the second element. */
  positions: number[];
}

export type ContainerElement = GroupElement | RepeatElement;

/** A refusal, as every operation returns it. */
export type Refusal = Extract<EditResult, { ok: false }>;

/** True for groups and repeating groups, the elements that hold elements and open a data scope. */
export function isContainer(element: FormElement): element is ContainerElement {
  return element.type === 'group' || element.type === 'repeat';
}

/** The data path of `key` inside `parent`: `joinPath('holder', 'city')` is `holder.city`. */
export function joinPath(parent: string | undefined, key: string): string {
  return parent === undefined || parent === '' ? key : `${parent}.${key}`;
}

/** True when `path` is `ancestor` itself or lies below it (`dogs.breed` is inside `dogs`, `dogsOld` is not). */
export function isSameOrInside(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

/**
 * Lists every element of the form, static texts included, in form order (parents before their children).
 *
 * @example
 * listFormElements(definition).map((e) => e.path) // ['holderIntro', 'holder', 'holder.firstName', …]
 */
export function listFormElements(definition: ServiceDefinition): LocatedElement[] {
  const found: LocatedElement[] = [];
  const walk = (elements: FormElement[], parent: LocatedElement | undefined, pageIndex: number, pageId: string): void => {
    elements.forEach((element, index) => {
      const located: LocatedElement = {
        element,
        path: joinPath(parent?.path, element.key),
        place: parent === undefined ? { page: pageId, index } : { page: pageId, parent: parent.path, index },
        pointer: `${parent?.pointer ?? `/form/pages/${pageIndex}`}/elements/${index}`,
        pageIndex,
        positions: [...(parent?.positions ?? []), index],
      };
      found.push(located);
      if (isContainer(element)) walk(element.elements, located, pageIndex, pageId);
    });
  };
  definition.form.pages.forEach((page, pageIndex) => walk(page.elements, undefined, pageIndex, page.id));
  return found;
}

/**
 * Finds an element by its data path; the first one when a broken definition holds the path twice.
 *
 * @example
 * findElement(definition, 'dogs.breed')?.place // { page: 'dogsPage', parent: 'dogs', index: 1 }
 */
export function findElement(definition: ServiceDefinition, path: string): LocatedElement | undefined {
  const [first, ...rest] = path.split('.');
  for (const [pageIndex, page] of definition.form.pages.entries()) {
    const index = page.elements.findIndex((element) => element.key === first);
    if (index === -1) continue;
    let located: LocatedElement = {
      element: page.elements[index]!,
      path: first!,
      place: { page: page.id, index },
      pointer: `/form/pages/${pageIndex}/elements/${index}`,
      pageIndex,
      positions: [index],
    };
    for (const key of rest) {
      const { element } = located;
      if (!isContainer(element)) return undefined;
      const childIndex = element.elements.findIndex((child) => child.key === key);
      if (childIndex === -1) return undefined;
      located = {
        element: element.elements[childIndex]!,
        path: `${located.path}.${key}`,
        place: { page: page.id, parent: located.path, index: childIndex },
        pointer: `${located.pointer}/elements/${childIndex}`,
        pageIndex,
        positions: [...located.positions, childIndex],
      };
    }
    return located;
  }
  return undefined;
}

/** The place of the element with this data path, or undefined when there is none. */
export function findPlace(definition: ServiceDefinition, path: string): ElementPlace | undefined {
  return findElement(definition, path)?.place;
}

/** The element standing at a place, e.g. the one just added or pasted there. */
export function findElementAt(definition: ServiceDefinition, place: ElementPlace): LocatedElement | undefined {
  const container = locateContainer(definition, place);
  if ('ok' in container) return undefined;
  const element = container.elements[place.index];
  return element === undefined ? undefined : findElement(definition, joinPath(place.parent, element.key));
}

/**
 * The keys already used in a data scope: for the top level of a page, the top-level keys of every page (pages
 * share the root scope); inside a group or repeating group, the keys of its elements.
 *
 * @example
 * listTakenKeys(definition, { page: 'dogsPage', parent: 'dogs' }) // Set { 'name', 'breed', … }
 */
export function listTakenKeys(definition: ServiceDefinition, scope: ElementScope): Set<string> {
  return new Set(listScopeElements(definition, scope).map((element) => element.key));
}

/** The elements sharing a data scope (see {@link listTakenKeys}). */
export function listScopeElements(definition: ServiceDefinition, scope: Pick<ElementPlace, 'parent'>): FormElement[] {
  if (scope.parent === undefined) return definition.form.pages.flatMap((page) => page.elements);
  const parent = findElement(definition, scope.parent)?.element;
  return parent !== undefined && isContainer(parent) ? parent.elements : [];
}

/** The list a place points into, with what is needed to replace it. */
export interface ElementContainer {
  pageIndex: number;
  /** Positions of the enclosing group from the page's top level; empty for the top level. */
  positions: number[];
  elements: FormElement[];
  /** The enclosing group or repeating group; absent for the page's top level. */
  owner?: ContainerElement;
}

/** Finds the list a place points into, or says why there is none. */
export function locateContainer(definition: ServiceDefinition, scope: ElementScope): ElementContainer | Refusal {
  const pageIndex = definition.form.pages.findIndex((page) => page.id === scope.page);
  const page = definition.form.pages[pageIndex];
  if (page === undefined) return refuseUnknownPage(scope.page);
  if (scope.parent === undefined) return { pageIndex, positions: [], elements: page.elements };
  const parent = findElement(definition, scope.parent);
  if (parent === undefined) return refuseUnknownElement(scope.parent);
  if (!isContainer(parent.element)) {
    const name = describeElement(parent.element);
    return refuse(
      `${capitalize(name.de)} ist keine Gruppe; darin können keine weiteren Elemente stehen.`,
      `${capitalize(name.en)} is not a group; it cannot hold other elements.`,
    );
  }
  if (parent.pageIndex !== pageIndex) {
    return refuse(
      `${capitalize(describeElement(parent.element).de)} liegt nicht auf der Seite „${page.title.de}“.`,
      `${capitalize(describeElement(parent.element).en)} is not on the page "${page.title.en ?? page.title.de}".`,
    );
  }
  return { pageIndex, positions: parent.positions, elements: parent.element.elements, owner: parent.element };
}

/** Returns a definition in which the list at `positions` of a page is replaced by `update(list)`. */
export function replaceElements(
  definition: ServiceDefinition,
  pageIndex: number,
  positions: readonly number[],
  update: (elements: FormElement[]) => FormElement[],
): ServiceDefinition {
  const pages = definition.form.pages.map((page, index) =>
    index === pageIndex ? { ...page, elements: replaceNested(page.elements, positions, update) } : page,
  );
  return { ...definition, form: { ...definition.form, pages } };
}

function replaceNested(
  elements: FormElement[],
  positions: readonly number[],
  update: (elements: FormElement[]) => FormElement[],
): FormElement[] {
  const [first, ...rest] = positions;
  if (first === undefined) return update(elements);
  const owner = elements[first];
  if (owner === undefined || !isContainer(owner)) return elements;
  const copy = elements.slice();
  copy[first] = { ...owner, elements: replaceNested(owner.elements, rest, update) };
  return copy;
}

/** Describes the data scope of a place for messages: „in Gruppe „Angaben zur Person““. */
export function describeScope(owner: ContainerElement | undefined): EditText {
  if (owner === undefined) {
    return { de: 'auf der obersten Ebene des Formulars (über alle Seiten)', en: 'at the top level of the form (across all pages)' };
  }
  const name = describeElement(owner, 'dative');
  return { de: `in ${name.de}`, en: `in ${name.en}` };
}

export function refuseUnknownElement(path: string): Refusal {
  return refuse(`Das Element „${path}“ gibt es im Formular nicht.`, `There is no element "${path}" in the form.`);
}

export function refuseUnknownPage(pageId: string): Refusal {
  return refuse(`Die Seite „${pageId}“ gibt es nicht.`, `There is no page "${pageId}".`);
}

export function refuseIndex(index: number, length: number): Refusal {
  return refuse(
    `Die Position ${index} gibt es hier nicht; möglich ist 0 bis ${length}.`,
    `There is no position ${index} here; possible are 0 to ${length}.`,
  );
}

/** True when `index` is a whole number from 0 to `length`. */
export function isIndexWithin(index: number, length: number): boolean {
  return Number.isInteger(index) && index >= 0 && index <= length;
}
