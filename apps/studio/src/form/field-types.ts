import type { FormElement } from '@amtsweg/definitions';
import { keyFromLabel, type EditText } from '@amtsweg/editor';

/** Every kind of element a clerk can put on a form, in the order the palette offers them. */
export const ELEMENT_TYPES = [
  'text',
  'textarea',
  'number',
  'integer',
  'money',
  'date',
  'email',
  'phone',
  'postalCode',
  'iban',
  'select',
  'radio',
  'checkboxes',
  'yesNo',
  'file',
  'calculated',
  'staticText',
  'group',
  'repeat',
] as const satisfies readonly FormElement['type'][];

export type ElementType = (typeof ELEMENT_TYPES)[number];

interface TypeWords {
  /** The palette's name of the type. */
  name: EditText;
  /** The German label a new element gets (its key is made from it). */
  newLabel: string;
}

const TYPE_WORDS: Record<ElementType, TypeWords> = {
  text: { name: { de: 'Textfeld', en: 'Text field' }, newLabel: 'Neues Textfeld' },
  textarea: { name: { de: 'Mehrzeiliger Text', en: 'Multi-line text' }, newLabel: 'Neuer mehrzeiliger Text' },
  number: { name: { de: 'Zahl', en: 'Number' }, newLabel: 'Neue Zahl' },
  integer: { name: { de: 'Ganze Zahl', en: 'Whole number' }, newLabel: 'Neue ganze Zahl' },
  money: { name: { de: 'Geldbetrag', en: 'Amount of money' }, newLabel: 'Neuer Geldbetrag' },
  date: { name: { de: 'Datum', en: 'Date' }, newLabel: 'Neues Datum' },
  email: { name: { de: 'E-Mail-Adresse', en: 'Email address' }, newLabel: 'Neue E-Mail-Adresse' },
  phone: { name: { de: 'Telefonnummer', en: 'Phone number' }, newLabel: 'Neue Telefonnummer' },
  postalCode: { name: { de: 'Postleitzahl', en: 'Postcode' }, newLabel: 'Neue Postleitzahl' },
  iban: { name: { de: 'IBAN', en: 'IBAN' }, newLabel: 'Neue IBAN' },
  select: { name: { de: 'Auswahl (Liste)', en: 'Choice (list)' }, newLabel: 'Neue Auswahl' },
  radio: { name: { de: 'Auswahl (Optionsfelder)', en: 'Choice (radio buttons)' }, newLabel: 'Neue Auswahl' },
  checkboxes: { name: { de: 'Mehrfachauswahl', en: 'Multiple choice' }, newLabel: 'Neue Mehrfachauswahl' },
  yesNo: { name: { de: 'Ja/Nein', en: 'Yes/No' }, newLabel: 'Neue Ja/Nein-Frage' },
  file: { name: { de: 'Datei', en: 'File' }, newLabel: 'Neuer Datei-Upload' },
  calculated: { name: { de: 'Berechnetes Feld', en: 'Calculated field' }, newLabel: 'Neues berechnetes Feld' },
  staticText: { name: { de: 'Hinweistext', en: 'Information text' }, newLabel: 'Neuer Hinweistext' },
  group: { name: { de: 'Gruppe', en: 'Group' }, newLabel: 'Neue Gruppe' },
  repeat: { name: { de: 'Wiederholbare Gruppe', en: 'Repeating group' }, newLabel: 'Neue wiederholbare Gruppe' },
};

/** The name of an element type as the palette and the canvas show it: „Auswahl (Liste)“. */
export function typeName(type: ElementType, language: 'de' | 'en'): string {
  return TYPE_WORDS[type].name[language];
}

/** File types a new upload field accepts; the designer may change them. */
export const DEFAULT_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_ITEMS = 10;

/**
 * A new element of a type, labelled „Neues Textfeld“ and the like, with a key made from that label that is
 * not one of `takenKeys` (the keys of its future data scope). Choice fields start with two choices, an upload
 * with PDF and images up to 10 MB, a repeating group with up to 10 entries.
 *
 * @example
 * createNewElement('text', new Set(['neuesTextfeld'])) // { type: 'text', key: 'neuesTextfeld2', label: { de: 'Neues Textfeld' } }
 */
export function createNewElement(type: ElementType, takenKeys: ReadonlySet<string>): FormElement {
  const label = TYPE_WORDS[type].newLabel;
  const key = keyFromLabel(label, takenKeys);
  const base = { key, label: { de: label } };
  switch (type) {
    case 'select':
    case 'radio':
    case 'checkboxes':
      return {
        ...base,
        type,
        options: [
          { value: 'option1', label: { de: 'Option 1' } },
          { value: 'option2', label: { de: 'Option 2' } },
        ],
      };
    case 'file':
      return { ...base, type, accept: [...DEFAULT_FILE_TYPES], maxSizeBytes: DEFAULT_MAX_FILE_BYTES, maxFiles: 1 };
    case 'calculated':
      return { ...base, type, expression: 0, valueType: 'number' };
    case 'staticText':
      return { type, key, content: { de: label } };
    case 'group':
      return { ...base, type, elements: [] };
    case 'repeat':
      return { ...base, type, itemLabel: { de: 'Eintrag' }, maxItems: DEFAULT_MAX_ITEMS, elements: [] };
    default:
      return { ...base, type };
  }
}

/** The German label (or for a text its first words), as the canvas names the element; its key when blank. */
export function elementName(element: FormElement): string {
  const text = element.type === 'staticText' ? element.content.de : element.label.de;
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return element.key;
  return flat.length <= 60 ? flat : `${flat.slice(0, 60).trimEnd()}…`;
}

/** True for groups and repeating groups, which hold elements. */
export function isContainerElement(element: FormElement): element is Extract<FormElement, { elements: FormElement[] }> {
  return element.type === 'group' || element.type === 'repeat';
}
