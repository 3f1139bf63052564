import type { Diagnostic, ServiceDefinition } from '@amtsweg/definitions';
import { listFormElements, type LocatedElement } from '@amtsweg/editor';

/** A problem as the canvas shows it at an element or a page. */
export interface ElementProblem {
  severity: Diagnostic['severity'];
  message: string;
}

const ELEMENT_POINTER = /^\/form\/pages\/\d+(?:\/elements\/\d+)+/;
const PAGE_POINTER = /^\/form\/pages\/\d+/;

/**
 * The pointer of the innermost element a JSON pointer lies in (`/form/pages/1/elements/0/elements/2` for
 * `…/elements/2/visibleIf/eq/0`), or undefined when it does not point into an element.
 *
 * @example
 * elementPointerOf('/form/pages/0/elements/3/options/1/value') // '/form/pages/0/elements/3'
 */
export function elementPointerOf(pointer: string): string | undefined {
  return ELEMENT_POINTER.exec(pointer)?.[0];
}

/** The pointer of the page a JSON pointer lies in (`/form/pages/2`), or undefined outside the form's pages. */
export function pagePointerOf(pointer: string): string | undefined {
  return PAGE_POINTER.exec(pointer)?.[0];
}

/**
 * Sorts the form's diagnostics to the element they concern (the innermost one, so a problem in a field of a
 * group is shown at the field, not the group), errors before warnings. Problems of a page itself (its title,
 * its condition) are filed under the page's pointer.
 */
export function groupProblemsByElement(diagnostics: readonly Diagnostic[]): Map<string, ElementProblem[]> {
  const found = new Map<string, ElementProblem[]>();
  const sorted = [...diagnostics].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  for (const diagnostic of sorted) {
    const owner = elementPointerOf(diagnostic.path) ?? pagePointerOf(diagnostic.path);
    if (owner === undefined) continue;
    const list = found.get(owner) ?? [];
    list.push({ severity: diagnostic.severity, message: diagnostic.message });
    found.set(owner, list);
  }
  return found;
}

/** How many problems lie anywhere on the page at `pagePointer` (its own and its elements'), and how many are errors. */
export function countPageProblems(problems: ReadonlyMap<string, readonly ElementProblem[]>, pagePointer: string): { all: number; errors: number } {
  let all = 0;
  let errors = 0;
  for (const [pointer, list] of problems) {
    if (pointer !== pagePointer && !pointer.startsWith(`${pagePointer}/`)) continue;
    all += list.length;
    errors += list.filter((problem) => problem.severity === 'error').length;
  }
  return { all, errors };
}

/** The element a JSON pointer lies in (the innermost), or undefined when it points elsewhere. */
export function findElementAtPointer(definition: ServiceDefinition, pointer: string): LocatedElement | undefined {
  const owner = elementPointerOf(pointer);
  return owner === undefined ? undefined : listFormElements(definition).find((located) => located.pointer === owner);
}
