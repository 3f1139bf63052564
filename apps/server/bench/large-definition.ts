import type { FormElement, ServiceDefinition } from '@amtsweg/definitions';
import { hundeanmeldung } from '../test/helper';

/**
 * The Hundeanmeldung grown to `fields` fields (300 by default): generated pages of `perPage` fields each (10 by
 * default), of every kind, with conditions and repeating groups, and no errors. For the benchmarks of large forms.
 */
export function largeDefinition({ fields = 300, perPage = 10 }: { fields?: number; perPage?: number } = {}): ServiceDefinition {
  const definition = hundeanmeldung();
  let count = countFields(definition.form.pages.flatMap((page) => page.elements));
  for (let page = 1; count < fields; page++) {
    const elements: FormElement[] = [];
    for (let i = 0; i < perPage && count < fields; i++, count++) elements.push(generatedField(page, i));
    definition.form.pages.push({ id: `extra${page}`, title: { de: `Weitere Angaben ${page}`, en: `More details ${page}` }, elements });
  }
  return definition;
}

function generatedField(page: number, position: number): FormElement {
  const i = position % 10;
  const key = `p${page}f${position}`;
  const label = { de: `Angabe ${position + 1} auf Seite ${page}`, en: `Detail ${position + 1} on page ${page}` };
  switch (i) {
    case 0:
      return { type: 'yesNo', key, label, required: true };
    case 1:
      // Shown only when the yes/no question just before says yes.
      return { type: 'text', key, label, maxLength: 200, required: true, visibleIf: { eq: [{ var: `p${page}f${position - 1}` }, true] } };
    case 2:
      return { type: 'select', key, label, options: ['a', 'b', 'c', 'd'].map((value) => ({ value, label: { de: `Möglichkeit ${value}`, en: `Option ${value}` } })) };
    case 3:
      return { type: 'date', key, label, notInFuture: true };
    case 4:
      return { type: 'integer', key, label, minimum: 0, maximum: 1000 };
    case 5:
      return { type: 'email', key, label };
    case 6:
      return { type: 'textarea', key, label, maxLength: 2000 };
    case 7:
      return { type: 'money', key, label, minimum: 0 };
    case 8:
      return { type: 'checkboxes', key, label, options: ['x', 'y', 'z'].map((value) => ({ value, label: { de: `Punkt ${value}`, en: `Item ${value}` } })) };
    default:
      return {
        type: 'repeat',
        key,
        label,
        itemLabel: { de: 'Eintrag', en: 'Entry' },
        maxItems: 5,
        elements: [{ type: 'text', key: 'name', label: { de: 'Bezeichnung', en: 'Name' }, maxLength: 100 }],
      };
  }
}

export function countFields(elements: FormElement[]): number {
  return elements.reduce(
    (sum, element) => sum + (element.type === 'group' || element.type === 'repeat' ? 1 + countFields(element.elements) : element.type === 'staticText' ? 0 : 1),
    0,
  );
}

