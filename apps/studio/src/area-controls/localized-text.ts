import type { LocalizedText } from '@amtsweg/definitions';

/**
 * A localized text with one language changed. An emptied translation is removed (the checks then report it as
 * missing); German stays, even empty, because every text needs it.
 *
 * @example
 * withLanguage({ de: 'Ablehnen', en: 'Reject' }, 'en', '') // { de: 'Ablehnen' }
 */
export function withLanguage(text: LocalizedText | undefined, language: string, value: string): LocalizedText {
  const changed: Partial<Record<string, string>> = { de: '', ...text };
  if (language !== 'de' && value === '') delete changed[language];
  else changed[language] = value;
  return changed as LocalizedText;
}

/**
 * Like `withLanguage` for a text that may be left out: `undefined` when nothing is left (German empty, no
 * translation in an `offered` language), so an optional text the clerk cleared disappears instead of being
 * reported as empty.
 *
 * @example
 * withOptionalLanguage({ de: 'Bitte prüfen' }, 'de', '') // undefined
 * withOptionalLanguage({ de: 'Kurz', en: 'Short' }, 'de', '', ['de']) // undefined: English is not offered
 */
export function withOptionalLanguage(
  text: LocalizedText | undefined,
  language: string,
  value: string,
  offered?: readonly string[],
): LocalizedText | undefined {
  const changed = withLanguage(text, language, value);
  const others = Object.entries(changed).filter(
    ([key, v]) => key !== 'de' && typeof v === 'string' && v !== '' && (offered === undefined || offered.includes(key)),
  );
  return changed.de === '' && others.length === 0 ? undefined : changed;
}

/** The languages a service is offered in, German first. */
export function listLanguages(languages: readonly string[]): string[] {
  return ['de', ...languages.filter((language) => language !== 'de')];
}
