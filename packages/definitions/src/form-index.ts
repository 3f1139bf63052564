import type { FieldElement, FormDefinition, FormElement, GroupElement, RepeatElement } from './service-definition';

/** A field, group or repeating group of a form, with where it sits in the data and in the definition. */
export interface IndexedElement {
  /** Data path from the form root, dot-separated: `dogs.breed`. */
  path: string;
  /** JSON pointer of the element inside the service definition: `/form/pages/1/elements/0/elements/2`. */
  pointer: string;
  element: FieldElement | GroupElement | RepeatElement;
  /** Paths of the repeating groups this element sits in, outermost first (the element itself excluded). */
  repeats: string[];
  pageIndex: number;
}

/** The value kind an element contributes to the data, as the condition language sees it. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'date' | 'list' | 'object';

/**
 * Lists every data-carrying element of a form by data path. Static text is left out; duplicate paths keep the
 * first occurrence (the static checker reports the duplicate).
 */
export function indexFormElements(form: FormDefinition): Map<string, IndexedElement> {
  const index = new Map<string, IndexedElement>();
  form.pages.forEach((page, pageIndex) => {
    walk(page.elements, `/form/pages/${pageIndex}/elements`, '', [], pageIndex, index);
  });
  return index;
}

function walk(
  elements: FormElement[],
  pointerPrefix: string,
  pathPrefix: string,
  repeats: string[],
  pageIndex: number,
  index: Map<string, IndexedElement>,
): void {
  elements.forEach((element, position) => {
    if (element.type === 'staticText') return;
    const path = pathPrefix === '' ? element.key : `${pathPrefix}.${element.key}`;
    const pointer = `${pointerPrefix}/${position}`;
    if (!index.has(path)) index.set(path, { path, pointer, element, repeats, pageIndex });
    if (element.type === 'group') walk(element.elements, `${pointer}/elements`, path, repeats, pageIndex, index);
    if (element.type === 'repeat') walk(element.elements, `${pointer}/elements`, path, [...repeats, path], pageIndex, index);
  });
}

/** What kind of value a data-carrying element holds. */
export function valueKindOf(element: IndexedElement['element']): ValueKind {
  switch (element.type) {
    case 'number':
    case 'integer':
    case 'money':
      return 'number';
    case 'date':
      return 'date';
    case 'yesNo':
      return 'boolean';
    case 'checkboxes':
    case 'file':
    case 'repeat':
      return 'list';
    case 'group':
      return 'object';
    case 'calculated':
      return ({ number: 'number', money: 'number', text: 'string', date: 'date', yesNo: 'boolean' } as const)[
        element.valueType
      ];
    default:
      return 'string';
  }
}
