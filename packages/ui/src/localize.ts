import type { LocalizedText } from '@amtsweg/definitions';

/** The languages the user interface itself speaks; a definition may carry more (its labels fall back to German). */
export type UiLanguage = 'de' | 'en';

/** A definition's text in the wanted language, German when that translation is missing. */
export function localize(text: LocalizedText | undefined, language: string): string {
  if (!text) return '';
  return text[language] ?? text.de;
}

/** Languages written right to left; the page's `dir` follows the language. */
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur']);

export function textDirection(language: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(language.split('-')[0] ?? language) ? 'rtl' : 'ltr';
}
