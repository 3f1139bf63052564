import { useCallback } from 'react';
import type { FormElement, FormPage } from '@amtsweg/definitions';
import { describeElement, type EditLabel } from '@amtsweg/editor';
import { createLanguage } from '@amtsweg/ui/app';
import { useLanguage } from '../i18n';

/**
 * The form designer's words, German first. Names of fields, groups and pages come from the definition
 * (`describeElement` gives „Feld „Vorname““ / field "Vorname"), so the phrases here take them as arguments.
 */
export const FORM_TEXTS = {
  // layout
  pagesTitle: { de: 'Seiten', en: 'Pages' },
  paletteTitle: { de: 'Feldtypen', en: 'Field types' },
  paletteHint: {
    de: 'Ziehen Sie einen Feldtyp auf das Formular, oder fügen Sie ihn mit „Hinzufügen“ ein.',
    en: 'Drag a field type onto the form, or insert it with “Add”.',
  },
  addsAtEndOfPage: { de: (page: string) => `„Hinzufügen“ fügt am Ende der Seite „${page}“ ein.`, en: (page: string) => `“Add” inserts at the end of the page “${page}”.` },
  addsAtEndOfGroup: { de: (group: string) => `„Hinzufügen“ fügt am Ende von ${group} ein.`, en: (group: string) => `“Add” inserts at the end of ${group}.` },
  add: { de: 'Hinzufügen', en: 'Add' },
  addType: { de: (type: string) => `${type} hinzufügen`, en: (type: string) => `Add ${type}` },
  canvasTitle: { de: (page: string) => `Seite „${page}“`, en: (page: string) => `Page “${page}”` },
  canvasLabel: { de: (page: string) => `Felder der Seite „${page}“`, en: (page: string) => `Fields of the page “${page}”` },
  groupContents: { de: (group: string) => `Inhalt von ${group}`, en: (group: string) => `Contents of ${group}` },
  emptyPage: { de: 'Diese Seite ist noch leer. Ziehen Sie einen Feldtyp hierher.', en: 'This page is still empty. Drag a field type here.' },
  dropAtEndOfPage: { de: 'Hier ablegen (am Ende der Seite)', en: 'Drop here (at the end of the page)' },
  dropHere: { de: 'Hier ablegen', en: 'Drop here' },
  toPageHint: { de: 'Die Auswahl verschiebt das Element sofort ans Ende der gewählten Seite.', en: 'Choosing moves the element at once to the end of the chosen page.' },
  pasteAtEnd: { de: 'Am Ende der Seite einfügen', en: 'Paste at the end of the page' },
  pasteInto: { de: (group: string) => `In ${group} einfügen`, en: (group: string) => `Paste into ${group}` },
  // page list
  addPage: { de: 'Seite hinzufügen', en: 'Add a page' },
  newPageTitle: { de: 'Neue Seite', en: 'New page' },
  pageUp: { de: (page: string) => `Seite „${page}“ nach oben`, en: (page: string) => `Move page “${page}” up` },
  pageDown: { de: (page: string) => `Seite „${page}“ nach unten`, en: (page: string) => `Move page “${page}” down` },
  pageDelete: { de: (page: string) => `Seite „${page}“ löschen`, en: (page: string) => `Delete page “${page}”` },
  pageCount: { de: (count: number) => (count === 1 ? '1 Element' : `${count} Elemente`), en: (count: number) => (count === 1 ? '1 element' : `${count} elements`) },
  pageProblems: { de: (count: number) => (count === 1 ? '1 Problem' : `${count} Probleme`), en: (count: number) => (count === 1 ? '1 problem' : `${count} problems`) },
  pageDropHint: { de: 'Felder lassen sich auf einen Seitennamen ziehen, um sie auf diese Seite zu verschieben.', en: 'Drag fields onto a page name to move them to that page.' },
  // field items
  dragHandle: { de: (name: string) => `„${name}“ verschieben`, en: (name: string) => `Move “${name}”` },
  roleDescription: { de: 'verschiebbares Element', en: 'movable element' },
  paletteRoleDescription: { de: 'Feldtyp zum Ziehen', en: 'draggable field type' },
  moveUp: { de: 'Nach oben', en: 'Up' },
  moveDown: { de: 'Nach unten', en: 'Down' },
  moveUpNamed: { de: (name: string) => `„${name}“ nach oben`, en: (name: string) => `Move “${name}” up` },
  moveDownNamed: { de: (name: string) => `„${name}“ nach unten`, en: (name: string) => `Move “${name}” down` },
  toPage: { de: 'Auf Seite …', en: 'To page …' },
  toPageNamed: { de: (name: string) => `„${name}“ auf eine andere Seite verschieben`, en: (name: string) => `Move “${name}” to another page` },
  copy: { de: 'Kopieren', en: 'Copy' },
  copyNamed: { de: (name: string) => `„${name}“ kopieren`, en: (name: string) => `Copy “${name}”` },
  paste: { de: 'Einfügen', en: 'Paste' },
  pasteNamed: { de: (name: string) => `Kopie nach „${name}“ einfügen`, en: (name: string) => `Paste the copy after “${name}”` },
  remove: { de: 'Löschen', en: 'Delete' },
  removeNamed: { de: (name: string) => `„${name}“ löschen`, en: (name: string) => `Delete “${name}”` },
  badgeRequired: { de: 'Pflichtfeld', en: 'required' },
  badgeRequiredIf: { de: 'Pflicht unter Bedingung', en: 'required under a condition' },
  badgeConditional: { de: 'mit Sichtbarkeitsbedingung', en: 'with a visibility condition' },
  errorPrefix: { de: 'Fehler:', en: 'Error:' },
  warningPrefix: { de: 'Hinweis:', en: 'Warning:' },
  // announcements (drag and drop, buttons)
  instructions: {
    de: 'Mit Leertaste oder Eingabetaste aufnehmen. Mit den Pfeiltasten verschieben, Leertaste zum Ablegen, Escape zum Abbrechen.',
    en: 'Press space or enter to pick up. Use the arrow keys to move, space to drop, escape to cancel.',
  },
  pickedUp: {
    de: (name: string) => `${name} aufgenommen. Mit den Pfeiltasten verschieben, Leertaste zum Ablegen, Escape zum Abbrechen.`,
    en: (name: string) => `Picked up ${name}. Use the arrow keys to move, space to drop, escape to cancel.`,
  },
  overTarget: { de: (name: string, where: string) => `${name}: ${where}.`, en: (name: string, where: string) => `${name}: ${where}.` },
  overOwnPlace: { de: (name: string) => `${name}: an der bisherigen Stelle.`, en: (name: string) => `${name}: at its current place.` },
  overNothing: { de: (name: string) => `${name} ist über keinem Ablageort.`, en: (name: string) => `${name} is not over a place to drop.` },
  dragCancelled: { de: (name: string) => `Verschieben abgebrochen. ${name} bleibt, wo es war.`, en: (name: string) => `Moving cancelled. ${name} stays where it was.` },
  droppedNowhere: { de: (name: string) => `${name} wurde nicht abgelegt; nichts geändert.`, en: (name: string) => `${name} was not dropped; nothing changed.` },
  droppedUnchanged: { de: (name: string) => `${name} bleibt an seiner Stelle.`, en: (name: string) => `${name} stays where it is.` },
  whereBefore: { de: (other: string, scope: string) => `vor ${other} ${scope}`, en: (other: string, scope: string) => `before ${other} ${scope}` },
  whereAfter: { de: (other: string, scope: string) => `nach ${other} ${scope}`, en: (other: string, scope: string) => `after ${other} ${scope}` },
  endOfPage: { de: (page: string) => `am Ende der Seite „${page}“`, en: (page: string) => `at the end of the page “${page}”` },
  endOfGroup: { de: (group: string) => `am Ende von ${group}`, en: (group: string) => `at the end of ${group}` },
  scopePage: { de: (page: string) => `auf der Seite „${page}“`, en: (page: string) => `on the page “${page}”` },
  scopeGroup: { de: (group: string) => `in ${group}`, en: (group: string) => `in ${group}` },
  location: {
    de: (position: number, count: number, scope: string) => `Position ${position} von ${count} ${scope}`,
    en: (position: number, count: number, scope: string) => `position ${position} of ${count} ${scope}`,
  },
  movedTo: { de: (name: string, where: string) => `${name} verschoben: jetzt ${where}.`, en: (name: string, where: string) => `${name} moved: now ${where}.` },
  addedAt: { de: (name: string, where: string) => `${name} hinzugefügt: ${where}.`, en: (name: string, where: string) => `${name} added: ${where}.` },
  pastedAt: { de: (name: string, where: string) => `${name} eingefügt: ${where}.`, en: (name: string, where: string) => `${name} pasted: ${where}.` },
  copied: {
    de: (name: string) => `${name} kopiert. Mit „Einfügen“ an einem Feld fügen Sie die Kopie dahinter ein.`,
    en: (name: string) => `${name} copied. Use “Paste” on a field to insert the copy after it.`,
  },
  deleted: {
    de: (name: string) => `${name} gelöscht. Mit „Rückgängig“ (Strg+Z) holen Sie es zurück.`,
    en: (name: string) => `${name} deleted. Use “Undo” (Ctrl+Z) to bring it back.`,
  },
  deletedUsed: {
    de: (count: number) => `Achtung: Es wurde noch an ${count === 1 ? 'einer Stelle' : `${count} Stellen`} verwendet; die Prüfung zeigt, wo.`,
    en: (count: number) => `Note: it was still used in ${count === 1 ? 'one place' : `${count} places`}; the checks show where.`,
  },
  alreadyFirst: { de: (name: string) => `${name} steht schon an erster Stelle.`, en: (name: string) => `${name} is already first.` },
  alreadyLast: { de: (name: string) => `${name} steht schon an letzter Stelle.`, en: (name: string) => `${name} is already last.` },
  pageAdded: { de: (page: string) => `Seite „${page}“ hinzugefügt.`, en: (page: string) => `Page “${page}” added.` },
  pageMoved: {
    de: (page: string, position: number, count: number) => `Seite „${page}“ ist jetzt Seite ${position} von ${count}.`,
    en: (page: string, position: number, count: number) => `Page “${page}” is now page ${position} of ${count}.`,
  },
  pageDeleted: {
    de: (page: string) => `Seite „${page}“ mit ihren Feldern gelöscht. Mit „Rückgängig“ (Strg+Z) holen Sie sie zurück.`,
    en: (page: string) => `Page “${page}” and its fields deleted. Use “Undo” (Ctrl+Z) to bring it back.`,
  },
  // undo steps (what the undo button's tooltip names)
  stepAdded: { de: (name: string) => `${name} hinzugefügt`, en: (name: string) => `${name} added` },
  stepMoved: { de: (name: string) => `${name} verschoben`, en: (name: string) => `${name} moved` },
  stepDeleted: { de: (name: string) => `${name} gelöscht`, en: (name: string) => `${name} deleted` },
  stepPasted: { de: (name: string) => `${name} eingefügt`, en: (name: string) => `${name} pasted` },
  stepChanged: { de: (name: string) => `${name} geändert`, en: (name: string) => `${name} changed` },
  stepKey: { de: (name: string) => `Schlüssel von ${name} geändert`, en: (name: string) => `Key of ${name} changed` },
  stepCondition: { de: (name: string) => `Bedingung von ${name} geändert`, en: (name: string) => `Condition of ${name} changed` },
  stepPageAdded: { de: 'Seite hinzugefügt', en: 'Page added' },
  stepPageMoved: { de: (page: string) => `Seite „${page}“ verschoben`, en: (page: string) => `Page “${page}” moved` },
  stepPageDeleted: { de: (page: string) => `Seite „${page}“ gelöscht`, en: (page: string) => `Page “${page}” deleted` },
  stepPageChanged: { de: (page: string) => `Seite „${page}“ geändert`, en: (page: string) => `Page “${page}” changed` },
  pageNamed: { de: (page: string) => `Seite „${page}“`, en: (page: string) => `Page “${page}”` },
  // properties panel
  propertiesOf: { de: (name: string) => `Eigenschaften von „${name}“`, en: (name: string) => `Properties of “${name}”` },
  propertiesOfPage: { de: (page: string) => `Eigenschaften der Seite „${page}“`, en: (page: string) => `Properties of the page “${page}”` },
  fieldType: { de: 'Feldtyp', en: 'Field type' },
  labelIn: { de: (language: string) => `Bezeichnung (${language})`, en: (language: string) => `Label (${language})` },
  hintIn: { de: (language: string) => `Hinweis (${language})`, en: (language: string) => `Hint (${language})` },
  contentIn: { de: (language: string) => `Text (${language})`, en: (language: string) => `Text (${language})` },
  contentHint: { de: 'Absätze durch eine Leerzeile trennen.', en: 'Separate paragraphs with an empty line.' },
  pageTitleIn: { de: (language: string) => `Titel der Seite (${language})`, en: (language: string) => `Page title (${language})` },
  itemLabelIn: { de: (language: string) => `Bezeichnung eines Eintrags (${language})`, en: (language: string) => `Label of one entry (${language})` },
  itemLabelHint: { de: 'Zum Beispiel „Hund“: Die Einträge heißen dann „Hund 1“, „Hund 2“ …', en: 'For example “Dog”: the entries are then called “Dog 1”, “Dog 2” …' },
  languageGerman: { de: 'Deutsch', en: 'German' },
  languageEnglish: { de: 'Englisch', en: 'English' },
  key: { de: 'Schlüssel', en: 'Key' },
  keyHint: {
    de: 'Name der Angabe in den Daten und in Schreiben ({{schlüssel}}). Buchstaben ohne Umlaute, Ziffern und „_“.',
    en: 'Name of the answer in the data and in letters ({{key}}). Letters without umlauts, digits and “_”.',
  },
  keyFollowsLabel: { de: 'Wird aus der Bezeichnung gebildet, bis Sie ihn selbst ändern.', en: 'Made from the label until you change it yourself.' },
  required: { de: 'Pflichtfeld', en: 'Required' },
  requiredHint: { de: 'Ohne diese Angabe lässt sich der Antrag nicht absenden.', en: 'The application cannot be sent without this answer.' },
  constraints: { de: 'Vorgaben für die Eingabe', en: 'Rules for the answer' },
  minLength: { de: 'Mindestlänge (Zeichen)', en: 'Minimum length (characters)' },
  maxLength: { de: 'Höchstlänge (Zeichen)', en: 'Maximum length (characters)' },
  minimum: { de: 'Kleinster erlaubter Wert', en: 'Smallest value allowed' },
  maximum: { de: 'Größter erlaubter Wert', en: 'Largest value allowed' },
  minDate: { de: 'Frühestes Datum', en: 'Earliest date' },
  maxDate: { de: 'Spätestes Datum', en: 'Latest date' },
  notInFuture: { de: 'Nicht in der Zukunft', en: 'Not in the future' },
  notInPast: { de: 'Nicht in der Vergangenheit', en: 'Not in the past' },
  minAgeYears: { de: 'Mindestalter in Jahren (bei Geburtsdaten)', en: 'Minimum age in years (for dates of birth)' },
  maxAgeYears: { de: 'Höchstalter in Jahren (bei Geburtsdaten)', en: 'Maximum age in years (for dates of birth)' },
  minItemsChecked: { de: 'Mindestens anzukreuzen', en: 'Tick at least' },
  maxItemsChecked: { de: 'Höchstens anzukreuzen', en: 'Tick at most' },
  minItemsRepeat: { de: 'Mindestanzahl der Einträge', en: 'Minimum number of entries' },
  maxItemsRepeat: { de: 'Höchstanzahl der Einträge', en: 'Maximum number of entries' },
  mustBeYes: { de: 'Muss mit „Ja“ beantwortet werden (z. B. Einwilligung)', en: 'Must be answered “Yes” (e.g. consent)' },
  privacyNotice: {
    de: 'Verweist auf die Datenschutzerklärung (das Portal verlinkt sie beim Feld)',
    en: 'Refers to the privacy policy (the portal links it at the field)',
  },
  fileTypes: { de: 'Erlaubte Dateiarten', en: 'File types allowed' },
  maxSizeMb: { de: 'Höchstgröße je Datei (MB)', en: 'Maximum size per file (MB)' },
  maxFiles: { de: 'Höchstzahl der Dateien', en: 'Maximum number of files' },
  otherFileType: { de: (type: string) => `Andere Art: ${type}`, en: (type: string) => `Other type: ${type}` },
  display: { de: 'Darstellung', en: 'Display' },
  displaySelect: { de: 'Aufklappliste', en: 'Drop-down list' },
  displayRadio: { de: 'Optionsfelder (alle sichtbar)', en: 'Radio buttons (all visible)' },
  autocomplete: { de: 'Art der Angabe (für automatisches Ausfüllen)', en: 'Kind of answer (for autofill)' },
  autocompleteHint: {
    de: 'Nur für Angaben der antragstellenden Person selbst; der Browser kann sie dann vorschlagen.',
    en: 'Only for the applicant’s own details; the browser can then suggest them.',
  },
  autocompleteNone: { de: 'Keine', en: 'None' },
  valueType: { de: 'Art des Ergebnisses', en: 'Kind of result' },
  resultText: { de: 'Text', en: 'Text' },
  expressionMissing: { de: 'Bitte geben Sie eine Berechnung ein.', en: 'Please enter a calculation.' },
  expressionJson: { de: 'Berechnung (JSON)', en: 'Calculation (JSON)' },
  numberInvalid: { de: 'Bitte geben Sie eine Zahl ein.', en: 'Please enter a number.' },
  wholeNumberInvalid: { de: 'Bitte geben Sie eine ganze Zahl ein.', en: 'Please enter a whole number.' },
  numberRange: { de: (min: number, max: number) => `Bitte geben Sie eine Zahl von ${min} bis ${max} ein.`, en: (min: number, max: number) => `Please enter a number from ${min} to ${max}.` },
  // options
  options: { de: 'Auswahlmöglichkeiten (eine pro Zeile)', en: 'Choices (one per line)' },
  optionsHint: {
    de: 'Schreiben oder fügen Sie eine Liste ein: Jede Zeile wird eine Auswahlmöglichkeit.',
    en: 'Type or paste a list: every line becomes a choice.',
  },
  optionsEnglish: { de: 'Auswahlmöglichkeiten auf Englisch (eine pro Zeile, gleiche Reihenfolge)', en: 'Choices in English (one per line, same order)' },
  optionsValues: { de: 'Gespeicherte Werte', en: 'Stored values' },
  optionsEmpty: { de: 'Bitte geben Sie mindestens eine Auswahlmöglichkeit ein.', en: 'Please enter at least one choice.' },
  // conditions
  visibleIf: { de: 'Sichtbar, wenn', en: 'Shown if' },
  requiredIf: { de: 'Pflichtfeld, wenn', en: 'Required if' },
  alwaysShown: { de: 'Immer sichtbar.', en: 'Always shown.' },
  neverRequired: { de: 'Keine Bedingung: freiwillig.', en: 'No condition: optional.' },
  conditionField: { de: 'Feld', en: 'Field' },
  conditionOperator: { de: 'Bedingung', en: 'Condition' },
  conditionValue: { de: 'Wert', en: 'Value' },
  chooseField: { de: 'Bitte wählen', en: 'Please choose' },
  unknownField: { de: (path: string) => `Unbekanntes Feld „${path}“`, en: (path: string) => `Unknown field “${path}”` },
  combinator: { de: 'Verknüpfung', en: 'Combine' },
  combinatorAnd: { de: 'Alle müssen zutreffen (und)', en: 'All must be true (and)' },
  combinatorOr: { de: 'Mindestens eine muss zutreffen (oder)', en: 'At least one must be true (or)' },
  and: { de: 'und', en: 'and' },
  or: { de: 'oder', en: 'or' },
  conditionRow: { de: (number: number) => `Teilbedingung ${number}`, en: (number: number) => `Part ${number}` },
  conditionGroup: { de: (number: number) => `Gruppe ${number}`, en: (number: number) => `Group ${number}` },
  addCondition: { de: 'Bedingung hinzufügen', en: 'Add a condition' },
  addConditionGroup: { de: 'Und/Oder-Gruppe hinzufügen', en: 'Add an and/or group' },
  removeRow: { de: (part: string) => `${part} entfernen`, en: (part: string) => `Remove ${part.toLowerCase()}` },
  removeCondition: { de: 'Bedingung ganz entfernen', en: 'Remove the whole condition' },
  conditionTooComplex: {
    de: 'Diese Bedingung ist für den Baukasten zu verschachtelt. Sie können sie unten als JSON bearbeiten.',
    en: 'This condition is too complex for the builder. You can edit it as JSON below.',
  },
  conditionJson: { de: 'Als JSON bearbeiten (für Fachleute)', en: 'Edit as JSON (for experts)' },
  conditionJsonLabel: { de: (legend: string) => `${legend} – JSON`, en: (legend: string) => `${legend} – JSON` },
  conditionJsonHint: { de: 'Leer lassen für „keine Bedingung“.', en: 'Leave empty for “no condition”.' },
  applyJson: { de: 'JSON übernehmen', en: 'Apply JSON' },
  jsonApplied: { de: 'JSON übernommen.', en: 'JSON applied.' },
  jsonInvalid: { de: (detail: string) => `Das ist kein gültiges JSON: ${detail}`, en: (detail: string) => `This is not valid JSON: ${detail}` },
  jsonNotExpression: { de: (detail: string) => `Das ist keine gültige Bedingung: ${detail}`, en: (detail: string) => `This is not a valid condition: ${detail}` },
  yes: { de: 'Ja', en: 'Yes' },
  no: { de: 'Nein', en: 'No' },
  opEq: { de: 'ist gleich', en: 'is' },
  opNe: { de: 'ist nicht gleich', en: 'is not' },
  opGt: { de: 'ist größer als', en: 'is greater than' },
  opGte: { de: 'ist mindestens', en: 'is at least' },
  opLt: { de: 'ist kleiner als', en: 'is less than' },
  opLte: { de: 'ist höchstens', en: 'is at most' },
  opAfter: { de: 'ist nach', en: 'is after' },
  opOnOrAfter: { de: 'ist am oder nach', en: 'is on or after' },
  opBefore: { de: 'ist vor', en: 'is before' },
  opOnOrBefore: { de: 'ist am oder vor', en: 'is on or before' },
  opEmpty: { de: 'ist leer', en: 'is empty' },
  opNotEmpty: { de: 'ist nicht leer', en: 'is not empty' },
  opContains: { de: 'enthält', en: 'includes' },
  opNotContains: { de: 'enthält nicht', en: 'does not include' },
  // usages
  usagesTitle: { de: 'Wo wird das verwendet?', en: 'Where is this used?' },
  usagesNone: { de: 'Nirgends: Keine Bedingung, Berechnung, Aktion oder Vorlage liest diese Angabe.', en: 'Nowhere: no condition, calculation, action or template reads this answer.' },
  usageShow: { de: (place: string) => `${place} (anzeigen)`, en: (place: string) => `${place} (show)` },
  // preview
  previewTitle: { de: 'Vorschau', en: 'Preview' },
  previewLanguage: { de: 'Sprache der Vorschau', en: 'Preview language' },
  testFill: { de: 'Probeweise ausfüllen', en: 'Try filling in' },
  testFillHint: { de: 'Bedingungen reagieren wie im Portal. Die Eingaben werden nirgends gespeichert.', en: 'Conditions react as in the portal. What you enter is not stored anywhere.' },
  clearTestAnswers: { de: 'Probeeingaben löschen', en: 'Clear test answers' },
  previewPageHidden: {
    de: 'Bei diesen Probeeingaben wäre diese Seite ausgeblendet (Sichtbarkeitsbedingung der Seite).',
    en: 'With these test answers this page would be hidden (the page’s visibility condition).',
  },
  previewInert: { de: 'Zum Ausprobieren „Probeweise ausfüllen“ einschalten.', en: 'Switch on “Try filling in” to try it out.' },
};

const { translate } = createLanguage(FORM_TEXTS);

type FormTextKey = keyof typeof FORM_TEXTS;

/** A phrase in a given language, for code outside components (announcements made by actions). */
export const formText = translate;

/** The designer's words in the Studio's language: `t('addPage')`, `t('movedTo')(name, where)`. */
export function useFormTexts(): <K extends FormTextKey>(key: K) => ReturnType<typeof translate<K>> {
  const { language } = useLanguage();
  return useCallback(<K extends FormTextKey>(key: K) => translate(key, language), [language]);
}

/** Keys of phrases that name an element, for undo steps: „Feld „Vorname“ verschoben“. */
type StepKey = 'stepAdded' | 'stepMoved' | 'stepDeleted' | 'stepPasted' | 'stepChanged' | 'stepKey' | 'stepCondition';

/** An undo step's label naming the element, in both languages. */
export function stepLabel(key: StepKey, element: FormElement): EditLabel {
  const name = describeElement(element);
  return { de: capitalize(FORM_TEXTS[key].de(name.de)), en: capitalize(FORM_TEXTS[key].en(name.en)) };
}

/** An undo step's label naming a page, in both languages. */
export function pageStepLabel(key: 'stepPageMoved' | 'stepPageDeleted' | 'stepPageChanged', page: FormPage): EditLabel {
  const title = (language: string) => page.title[language]?.trim() || page.title.de.trim() || page.id;
  return { de: FORM_TEXTS[key].de(title('de')), en: FORM_TEXTS[key].en(title('en')) };
}

/** Upper-cases the first letter, for a description that starts a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
