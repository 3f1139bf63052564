import type { FormDefinition, FormElement, FormPage } from '@amtsweg/definitions';
import type { DefinitionChange, PropertyChange } from './definition-diff';
import type { NameBooks } from './diff-name-book';
import { compareProperties, summarizePropertyChanges, type PropertySpecs } from './diff-properties';
import { findKeysInOrder, mergeKeepingRemoved } from './diff-sequence';
import {
  formatAddedOrRemoved,
  formatBytes,
  formatDate,
  formatFromTable,
  inBothLanguages,
  quote,
  shorten,
  type DiffLanguage,
} from './diff-wording';
import type { EditText } from './element-names';

const FIELD_TYPE_NAMES: Readonly<Record<FormElement['type'], EditText>> = {
  text: { de: 'Text', en: 'text' },
  textarea: { de: 'Mehrzeiliger Text', en: 'multi-line text' },
  number: { de: 'Zahl', en: 'number' },
  integer: { de: 'Ganze Zahl', en: 'whole number' },
  money: { de: 'Geldbetrag', en: 'amount of money' },
  date: { de: 'Datum', en: 'date' },
  email: { de: 'E-Mail-Adresse', en: 'email address' },
  phone: { de: 'Telefonnummer', en: 'phone number' },
  iban: { de: 'IBAN', en: 'IBAN' },
  postalCode: { de: 'Postleitzahl', en: 'postal code' },
  select: { de: 'Auswahlliste', en: 'drop-down list' },
  radio: { de: 'Optionsfelder', en: 'radio buttons' },
  checkboxes: { de: 'Kontrollkästchen', en: 'checkboxes' },
  yesNo: { de: 'Ja/Nein-Frage', en: 'yes/no question' },
  file: { de: 'Datei-Upload', en: 'file upload' },
  calculated: { de: 'Berechnetes Feld', en: 'calculated field' },
  staticText: { de: 'Hinweistext', en: 'text' },
  group: { de: 'Gruppe', en: 'group' },
  repeat: { de: 'Wiederholbare Gruppe', en: 'repeating group' },
};

const VALUE_TYPE_NAMES: Readonly<Record<string, EditText>> = {
  number: { de: 'Zahl', en: 'number' },
  money: { de: 'Geldbetrag', en: 'amount of money' },
  text: { de: 'Text', en: 'text' },
  date: { de: 'Datum', en: 'date' },
  yesNo: { de: 'Ja/Nein', en: 'yes/no' },
};

const OPTION_PROPERTIES: PropertySpecs = {
  label: { kind: 'text', name: { de: 'Bezeichnung', en: 'label' } },
};

// Every property of every kind of form element, in the order their changes are listed.
const ELEMENT_PROPERTIES: PropertySpecs = {
  type: { kind: 'value', name: { de: 'Feldtyp', en: 'field type' }, format: formatFromTable(FIELD_TYPE_NAMES) },
  label: { kind: 'text', name: { de: 'Bezeichnung', en: 'label' } },
  hint: { kind: 'text', name: { de: 'Hinweis', en: 'hint' } },
  content: { kind: 'text', name: { de: 'Text', en: 'text' } },
  itemLabel: { kind: 'text', name: { de: 'Bezeichnung eines Eintrags', en: 'item label' } },
  required: { kind: 'flag', name: { de: 'Pflichtfeld', en: 'required' } },
  requiredIf: { kind: 'value', name: { de: 'Bedingung für Pflichtfeld', en: 'condition for required' } },
  visibleIf: { kind: 'value', name: { de: 'Bedingung für die Anzeige', en: 'condition for showing' } },
  options: {
    kind: 'keyed',
    name: { de: 'Auswahlmöglichkeiten', en: 'options' },
    itemName: { de: 'Auswahlmöglichkeit', en: 'option' },
    key: 'value',
    properties: OPTION_PROPERTIES,
  },
  minItems: { kind: 'value', name: { de: 'Mindestanzahl', en: 'minimum number' } },
  maxItems: { kind: 'value', name: { de: 'Höchstanzahl', en: 'maximum number' } },
  minLength: { kind: 'value', name: { de: 'Mindestlänge', en: 'minimum length' } },
  maxLength: { kind: 'value', name: { de: 'Höchstlänge', en: 'maximum length' } },
  pattern: { kind: 'value', name: { de: 'Eingabemuster', en: 'input pattern' } },
  patternMessage: { kind: 'text', name: { de: 'Meldung bei falscher Eingabe', en: 'message for a wrong input' } },
  minimum: { kind: 'value', name: { de: 'Mindestwert', en: 'minimum value' } },
  maximum: { kind: 'value', name: { de: 'Höchstwert', en: 'maximum value' } },
  minDate: { kind: 'value', name: { de: 'Frühestes Datum', en: 'earliest date' }, format: formatDate },
  maxDate: { kind: 'value', name: { de: 'Spätestes Datum', en: 'latest date' }, format: formatDate },
  notInFuture: { kind: 'flag', name: { de: 'Nicht in der Zukunft', en: 'not in the future' } },
  notInPast: { kind: 'flag', name: { de: 'Nicht in der Vergangenheit', en: 'not in the past' } },
  minAgeYears: { kind: 'value', name: { de: 'Mindestalter in Jahren', en: 'minimum age in years' } },
  maxAgeYears: { kind: 'value', name: { de: 'Höchstalter in Jahren', en: 'maximum age in years' } },
  mustBeYes: { kind: 'flag', name: { de: 'Muss mit Ja beantwortet werden', en: 'must be answered yes' } },
  privacyNotice: { kind: 'flag', name: { de: 'Verweist auf die Datenschutzerklärung', en: 'links the privacy policy' } },
  countries: { kind: 'set', name: { de: 'Erlaubte Länder', en: 'allowed countries' } },
  accept: { kind: 'set', name: { de: 'Erlaubte Dateiarten', en: 'allowed file types' } },
  maxSizeBytes: { kind: 'value', name: { de: 'Höchstgröße je Datei', en: 'maximum size per file' }, format: formatBytes },
  maxFiles: { kind: 'value', name: { de: 'Höchstzahl der Dateien', en: 'maximum number of files' } },
  expression: { kind: 'value', name: { de: 'Berechnung', en: 'calculation' } },
  valueType: { kind: 'value', name: { de: 'Art des Ergebnisses', en: 'result type' }, format: formatFromTable(VALUE_TYPE_NAMES) },
  autocomplete: { kind: 'value', name: { de: 'Automatisches Ausfüllen', en: 'autocomplete' } },
};

const PAGE_PROPERTIES: PropertySpecs = {
  title: { kind: 'text', name: { de: 'Titel', en: 'title' } },
  visibleIf: { kind: 'value', name: { de: 'Bedingung für die Anzeige', en: 'condition for showing' } },
};

const PAGE_LIST = 'pages';

interface PageEntry {
  page: FormPage;
  pointer: string;
  position: number;
}

interface ElementEntry {
  path: string;
  element: FormElement;
  pointer: string;
  pageId: string;
  /** The list the element sits in: `page:<id>` for a page's top level, `element:<path>` inside a group. */
  list: string;
  position: number;
}

interface FormOutline {
  pages: Map<string, PageEntry>;
  elements: Map<string, ElementEntry>;
  /** `page:<id>` and `element:<path>` in form order: each page, then its elements depth first. */
  sequence: string[];
  /** The ids in each list: `pages` holds page ids, every other list data paths. */
  lists: Map<string, string[]>;
}

/**
 * The changes to the pages and elements of the form, in the newer form's order with removed ones where they
 * were. Elements (static texts included) are matched by data path, pages by id. A field whose key or group
 * changed therefore shows as removed at the old path and added at the new one, even when type and label are
 * the same: guessing a rename could pair the wrong fields, and the data path is what submissions, conditions
 * and templates use.
 */
export function diffForm(older: FormDefinition, newer: FormDefinition, names: NameBooks): DefinitionChange[] {
  const before = outlineForm(older);
  const after = outlineForm(newer);
  const changes = new Map<string, DefinitionChange[]>();
  const add = (key: string, change: DefinitionChange): void => {
    changes.set(key, [...(changes.get(key) ?? []), change]);
  };

  const movedPages = findMoved(before.lists.get(PAGE_LIST) ?? [], after.lists.get(PAGE_LIST) ?? []);
  for (const [id, was] of before.pages) {
    if (!after.pages.has(id)) add(`page:${id}`, removedPage(id, was));
  }
  for (const [id, is] of after.pages) {
    const was = before.pages.get(id);
    if (was === undefined) {
      add(`page:${id}`, addedPage(id, is));
      continue;
    }
    if (movedPages.has(id)) add(`page:${id}`, movedPage(id, was, is, after, names));
    const properties = compareProperties(was.page, is.page, PAGE_PROPERTIES, names, ['id', 'elements']);
    if (properties.length > 0) {
      add(`page:${id}`, {
        area: 'page',
        change: 'changed',
        id,
        olderPointer: was.pointer,
        newerPointer: is.pointer,
        properties,
        summary: summarizePropertyChanges(subjectOfPage(is.page), properties),
      });
    }
  }

  const movedElements = findMovedElements(before, after);
  for (const [path, was] of before.elements) {
    if (!after.elements.has(path)) add(`element:${path}`, removedElement(was, names));
  }
  for (const [path, is] of after.elements) {
    const was = before.elements.get(path);
    if (was === undefined) {
      add(`element:${path}`, addedElement(is, names));
      continue;
    }
    if (movedElements.has(path)) add(`element:${path}`, movedElement(was, is, after, names));
    const properties = compareProperties(was.element, is.element, ELEMENT_PROPERTIES, names, ['key', 'elements']);
    if (properties.length > 0) {
      add(`element:${path}`, {
        area: 'field',
        change: 'changed',
        id: path,
        olderPointer: was.pointer,
        newerPointer: is.pointer,
        properties,
        summary: summarizePropertyChanges(subjectOfElement(is), properties),
      });
    }
  }

  return mergeKeepingRemoved(before.sequence, after.sequence).flatMap((key) => changes.get(key) ?? []);
}

function outlineForm(form: FormDefinition): FormOutline {
  const outline: FormOutline = { pages: new Map(), elements: new Map(), sequence: [], lists: new Map() };
  const pageIds: string[] = [];
  form.pages.forEach((page, position) => {
    // A duplicate id or path is a mistake the static checks report; the first one counts, as everywhere else.
    if (outline.pages.has(page.id)) return;
    const pointer = `/form/pages/${position}`;
    outline.pages.set(page.id, { page, pointer, position });
    outline.sequence.push(`page:${page.id}`);
    pageIds.push(page.id);
    outlineElements(page.elements, `${pointer}/elements`, '', page.id, `page:${page.id}`, outline);
  });
  outline.lists.set(PAGE_LIST, pageIds);
  return outline;
}

function outlineElements(
  elements: readonly FormElement[],
  pointerPrefix: string,
  pathPrefix: string,
  pageId: string,
  list: string,
  outline: FormOutline,
): void {
  const paths: string[] = [];
  elements.forEach((element, position) => {
    const path = pathPrefix === '' ? element.key : `${pathPrefix}.${element.key}`;
    if (outline.elements.has(path)) return;
    const pointer = `${pointerPrefix}/${position}`;
    outline.elements.set(path, { path, element, pointer, pageId, list, position });
    outline.sequence.push(`element:${path}`);
    paths.push(path);
    if (element.type === 'group' || element.type === 'repeat') {
      outlineElements(element.elements, `${pointer}/elements`, path, pageId, `element:${path}`, outline);
    }
  });
  outline.lists.set(list, paths);
}

// The ids both lists hold that left the relative order of the others.
function findMoved(olderIds: readonly string[], newerIds: readonly string[]): Set<string> {
  const inNewer = new Set(newerIds);
  const inOlder = new Set(olderIds);
  const commonOlder = olderIds.filter((id) => inNewer.has(id));
  const commonNewer = newerIds.filter((id) => inOlder.has(id));
  const kept = findKeysInOrder(commonOlder, commonNewer);
  return new Set(commonNewer.filter((id) => !kept.has(id)));
}

// Elements that changed their list (another page; within a group the path fixes the list) or their order
// among the elements that stayed in it. Elements inserted or removed around a field do not move it, and the
// elements of a moved group move with it without being reported.
function findMovedElements(before: FormOutline, after: FormOutline): Set<string> {
  const moved = new Set<string>();
  for (const [path, is] of after.elements) {
    const was = before.elements.get(path);
    if (was !== undefined && was.list !== is.list) moved.add(path);
  }
  for (const [list, newerPaths] of after.lists) {
    if (list === PAGE_LIST) continue;
    const stayed = (outline: FormOutline) => (path: string) => outline.elements.get(path)?.list === list;
    const olderPaths = (before.lists.get(list) ?? []).filter(stayed(after));
    for (const path of findMoved(olderPaths, newerPaths.filter(stayed(before)))) moved.add(path);
  }
  return moved;
}

function subjectOfPage(page: FormPage): EditText {
  const title = shorten(page.title.de || page.id);
  return inBothLanguages((language) => `${language === 'de' ? 'Seite' : 'Page'} ${quote(title, language)}`);
}

// „Feld „Rasse“ (dogs.breed)“: the kind of element, its German label and its data path.
function subjectOfElement(entry: ElementEntry): EditText {
  const { element, path } = entry;
  const noun = element.type === 'group' || element.type === 'repeat' || element.type === 'staticText'
    ? FIELD_TYPE_NAMES[element.type]
    : { de: 'Feld', en: 'field' };
  return inBothLanguages((language) => {
    const kind = noun[language];
    return `${kind.charAt(0).toUpperCase()}${kind.slice(1)} ${quote(nameElement(element), language)} (${path})`;
  });
}

function nameElement(element: FormElement): string {
  if (element.type === 'staticText') return shorten(element.content.de || element.key, 40);
  return shorten(element.label.de || element.key);
}

function onPage(pageTitle: string, language: DiffLanguage): string {
  return language === 'de' ? `(Seite ${quote(pageTitle, language)})` : `(page ${quote(pageTitle, language)})`;
}

function addedPage(id: string, is: PageEntry): DefinitionChange {
  const subject = subjectOfPage(is.page);
  return {
    area: 'page',
    change: 'added',
    id,
    newerPointer: is.pointer,
    properties: [],
    summary: inBothLanguages((language) => `${subject[language]} ${formatAddedOrRemoved('added', language)}`),
  };
}

function removedPage(id: string, was: PageEntry): DefinitionChange {
  const subject = subjectOfPage(was.page);
  return {
    area: 'page',
    change: 'removed',
    id,
    olderPointer: was.pointer,
    properties: [],
    summary: inBothLanguages((language) => `${subject[language]} ${formatAddedOrRemoved('removed', language)}`),
  };
}

function movedPage(id: string, was: PageEntry, is: PageEntry, after: FormOutline, names: NameBooks): DefinitionChange {
  const subject = subjectOfPage(is.page);
  const previousId = after.lists.get(PAGE_LIST)?.[is.position - 1];
  const previous = previousId === undefined ? undefined : shorten(names.newer.page(previousId));
  const position = positionChange(was.position, is.position, previous);
  return {
    area: 'page',
    change: 'moved',
    id,
    olderPointer: was.pointer,
    newerPointer: is.pointer,
    properties: [position],
    summary: inBothLanguages(
      (language) => `${subject[language]} ${language === 'de' ? 'verschoben' : 'moved'}, ${position.summary[language]}`,
    ),
  };
}

function addedElement(is: ElementEntry, names: NameBooks): DefinitionChange {
  const subject = subjectOfElement(is);
  const page = names.newer.page(is.pageId);
  return {
    area: 'field',
    change: 'added',
    id: is.path,
    newerPointer: is.pointer,
    properties: [],
    summary: inBothLanguages(
      (language) => `${subject[language]} ${formatAddedOrRemoved('added', language)} ${onPage(page, language)}`,
    ),
  };
}

function removedElement(was: ElementEntry, names: NameBooks): DefinitionChange {
  const subject = subjectOfElement(was);
  const page = names.older.page(was.pageId);
  return {
    area: 'field',
    change: 'removed',
    id: was.path,
    olderPointer: was.pointer,
    properties: [],
    summary: inBothLanguages(
      (language) => `${subject[language]} ${formatAddedOrRemoved('removed', language)} ${onPage(page, language)}`,
    ),
  };
}

function movedElement(was: ElementEntry, is: ElementEntry, after: FormOutline, names: NameBooks): DefinitionChange {
  const subject = subjectOfElement(is);
  const properties: PropertyChange[] = [];
  if (was.pageId !== is.pageId) {
    const from = shorten(names.older.page(was.pageId));
    const to = shorten(names.newer.page(is.pageId));
    properties.push({
      property: 'page',
      before: was.pageId,
      after: is.pageId,
      summary: inBothLanguages((language) =>
        language === 'de'
          ? `von Seite ${quote(from, language)} auf Seite ${quote(to, language)}`
          : `from page ${quote(from, language)} to page ${quote(to, language)}`,
      ),
    });
  }
  const previousPath = after.lists.get(is.list)?.[is.position - 1];
  const previous = previousPath === undefined ? undefined : after.elements.get(previousPath);
  properties.push(positionChange(was.position, is.position, previous === undefined ? undefined : nameElement(previous.element)));
  return {
    area: 'field',
    change: 'moved',
    id: is.path,
    olderPointer: was.pointer,
    newerPointer: is.pointer,
    properties,
    summary: inBothLanguages((language) => {
      const [first, ...rest] = properties.map((property) => property.summary[language]);
      const moved = `${subject[language]} ${language === 'de' ? 'verschoben' : 'moved'}`;
      // "verschoben von Seite „A“ auf Seite „B“, jetzt nach „X“" reads as one sentence.
      return was.pageId !== is.pageId ? `${moved} ${first ?? ''}, ${rest.join(', ')}` : `${moved}, ${first ?? ''}`;
    }),
  };
}

// The position among the siblings (from 0), described by the sibling it now follows.
function positionChange(before: number, after: number, previousName: string | undefined): PropertyChange {
  return {
    property: 'position',
    before,
    after,
    summary: inBothLanguages((language) => {
      if (previousName === undefined) return language === 'de' ? 'jetzt an erster Stelle' : 'now first';
      return language === 'de' ? `jetzt nach ${quote(previousName, language)}` : `now after ${quote(previousName, language)}`;
    }),
  };
}
