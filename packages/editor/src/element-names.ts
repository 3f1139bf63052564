import type { FormElement, FormPage, LocalizedText } from '@amtsweg/definitions';

/** A text shown to the designer in German and English. */
export interface EditText {
  de: string;
  en: string;
}

const EXCERPT_LENGTH = 40;

/**
 * Names an element the way a clerk knows it: by kind and German label (English label in the English text).
 * `dative` is for phrases after „von“/„in“, where the German adjective changes („in wiederholbarer Gruppe“).
 *
 * @example
 * describeElement(breedField) // { de: 'Feld „Rasse“', en: 'field "Breed"' }
 */
export function describeElement(element: FormElement, grammaticalCase: 'nominative' | 'dative' = 'nominative'): EditText {
  if (element.type === 'staticText') {
    return {
      de: `Hinweistext „${excerpt(element.content.de, element.key)}“`,
      en: `text "${excerpt(element.content.en ?? element.content.de, element.key)}"`,
    };
  }
  const de = nameIn(element.label, 'de', element.key);
  const en = nameIn(element.label, 'en', element.key);
  switch (element.type) {
    case 'group':
      return { de: `Gruppe „${de}“`, en: `group "${en}"` };
    case 'repeat':
      return {
        de: `${grammaticalCase === 'dative' ? 'wiederholbarer' : 'wiederholbare'} Gruppe „${de}“`,
        en: `repeating group "${en}"`,
      };
    default:
      return { de: `Feld „${de}“`, en: `field "${en}"` };
  }
}

/** Names a page by its title: `Seite „Hunde“`. */
export function describePage(page: FormPage): EditText {
  return { de: `Seite „${nameIn(page.title, 'de', page.id)}“`, en: `page "${nameIn(page.title, 'en', page.id)}"` };
}

/** The text in the language asked for, German when it is missing, `fallback` when both are blank. */
export function nameIn(text: LocalizedText | undefined, language: string, fallback: string): string {
  const value = text?.[language]?.trim() || text?.de.trim() || '';
  return value === '' ? fallback : value;
}

/** Upper-cases the first letter, for a description that starts a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function excerpt(text: string, fallback: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return fallback;
  return flat.length <= EXCERPT_LENGTH ? flat : `${flat.slice(0, EXCERPT_LENGTH).trimEnd()}…`;
}
