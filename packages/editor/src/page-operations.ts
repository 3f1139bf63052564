import type { Expression, FormElement, FormPage, LocalizedText, ServiceDefinition } from '@amtsweg/definitions';
import { refuse, succeed, type EditResult } from './edit-result';
import { checkKeyFits, checkNestedKeys, isValidKey } from './element-keys';
import { describePage } from './element-names';
import { isIndexWithin, refuseIndex, refuseUnknownPage } from './element-paths';
import { insertAt } from './form-operations';
import { keyFromLabel } from './key-from-label';

/** A page to add; without an id one is made from the German title, without elements it starts empty. */
export interface NewPage {
  id?: string;
  title: LocalizedText;
  visibleIf?: Expression;
  elements?: FormElement[];
}

/** What `updatePage` may change; a property set to `undefined` is removed (only `visibleIf` may be). */
export type PageChanges = Partial<Pick<FormPage, 'title' | 'visibleIf'>>;

/**
 * Inserts a page at `index` (0 is the first page). Refused when the id is malformed or taken, or when a key on
 * the page's top level is already used on another page (pages share the top level of the data).
 *
 * @example
 * addPage(definition, 1, { title: { de: 'Versicherung', en: 'Insurance' } }) // id 'versicherung'
 */
export function addPage(definition: ServiceDefinition, index: number, page: NewPage): EditResult {
  const { pages } = definition.form;
  if (!isIndexWithin(index, pages.length)) return refuseIndex(index, pages.length);
  const ids = new Set(pages.map((existing) => existing.id));
  const id = page.id ?? keyFromLabel(page.title.de, ids);
  if (!isValidKey(id)) {
    return refuse(
      `„${id}“ ist als Kennung einer Seite nicht möglich: Sie beginnt mit einem Buchstaben und enthält nur Buchstaben ohne Umlaute, Ziffern und „_“, höchstens 63 Zeichen.`,
      `"${id}" cannot be used as a page id: it starts with a letter and contains only letters without umlauts, digits and "_", at most 63 characters.`,
    );
  }
  if (ids.has(id)) {
    return refuse(`Eine Seite mit der Kennung „${id}“ gibt es schon.`, `There is already a page with the id "${id}".`);
  }
  const elements = structuredClone(page.elements ?? []);
  const siblings = pages.flatMap((existing) => existing.elements);
  for (const element of elements) {
    const problem = checkKeyFits(element, element.key, siblings, undefined) ?? checkNestedKeys(element);
    if (problem !== undefined) return problem;
    siblings.push(element);
  }
  const added: FormPage = { id, title: structuredClone(page.title), elements };
  if (page.visibleIf !== undefined) added.visibleIf = structuredClone(page.visibleIf);
  return withPages(definition, insertAt(pages, index, added));
}

/**
 * Changes a page's title (all languages at once) or its visibility condition.
 *
 * @example
 * updatePage(definition, 'dogsPage', { title: { de: 'Ihre Hunde', en: 'Your dogs' } })
 */
export function updatePage(definition: ServiceDefinition, pageId: string, changes: PageChanges): EditResult {
  const index = definition.form.pages.findIndex((page) => page.id === pageId);
  const page = definition.form.pages[index];
  if (page === undefined) return refuseUnknownPage(pageId);
  if ('id' in changes || 'elements' in changes) {
    return refuse(
      'An einer Seite lassen sich hier nur Titel und Sichtbarkeit ändern; Elemente werden einzeln hinzugefügt, verschoben und gelöscht.',
      'Only the title and the visibility of a page can be changed here; elements are added, moved and deleted one by one.',
    );
  }
  if ('title' in changes && changes.title?.de === undefined) {
    return refuse('Eine Seite braucht einen deutschen Titel.', 'A page needs a German title.');
  }
  const changed: Record<string, unknown> = { ...page, ...changes };
  for (const [property, value] of Object.entries(changed)) if (value === undefined) delete changed[property];
  return withPages(
    definition,
    definition.form.pages.map((existing, position) => (position === index ? (changed as unknown as FormPage) : existing)),
  );
}

/**
 * Moves a page so that it is at `index` afterwards. The data paths stay: every page's top level is one scope.
 *
 * @example
 * movePage(definition, 'paymentPage', 0) // the payment page comes first
 */
export function movePage(definition: ServiceDefinition, pageId: string, index: number): EditResult {
  const { pages } = definition.form;
  const from = pages.findIndex((page) => page.id === pageId);
  const page = pages[from];
  if (page === undefined) return refuseUnknownPage(pageId);
  if (!isIndexWithin(index, pages.length - 1)) return refuseIndex(index, pages.length - 1);
  const others = pages.filter((_, position) => position !== from);
  return withPages(definition, insertAt(others, index, page));
}

/**
 * Removes a page with its elements. Refused for the last page: a form needs one. References to its fields stay
 * and are reported by `checkDefinition`.
 */
export function deletePage(definition: ServiceDefinition, pageId: string): EditResult {
  const { pages } = definition.form;
  const index = pages.findIndex((existing) => existing.id === pageId);
  const page = pages[index];
  if (page === undefined) return refuseUnknownPage(pageId);
  if (pages.length === 1) {
    const name = describePage(page);
    return refuse(
      `${name.de.replace(/^Seite/, 'Die Seite')} ist die letzte Seite des Formulars und kann nicht gelöscht werden; ein Formular braucht mindestens eine Seite.`,
      `${name.en.replace(/^page/, 'The page')} is the last page of the form and cannot be deleted; a form needs at least one page.`,
    );
  }
  return withPages(
    definition,
    pages.filter((_, position) => position !== index),
  );
}

function withPages(definition: ServiceDefinition, pages: FormPage[]): EditResult {
  return succeed({ ...definition, form: { ...definition.form, pages } });
}
