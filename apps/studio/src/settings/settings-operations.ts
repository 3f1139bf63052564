import { indexFormElements, type IndexedElement, type LocalizedText, type ServiceDefinition, type ServiceSettings } from '@amtsweg/definitions';
import type { EditResult } from '@amtsweg/editor';
import { withLanguage, withOptionalLanguage } from '../area-controls/localized-text';

// @amtsweg/editor has no operations for the service's own texts and settings (only for roles); these are the
// settings area's, pure like the package's and returning the same EditResult.

/** The service's own texts, shown in the portal. */
export type ServiceTextPart = 'title' | 'description' | 'preparation' | 'duration';

/** The most name fields the schema allows. */
export const MAX_NAME_FIELDS = 5;

function refuse(message: { de: string; en: string }): EditResult {
  return { ok: false, message };
}

function withSettings(definition: ServiceDefinition, settings: Partial<ServiceSettings>): EditResult {
  return { ok: true, definition: { ...definition, settings: { ...definition.settings, ...settings } } };
}

/**
 * Changes one language of the service's title, description, preparation or duration. The title always keeps
 * its German text; an optional text left empty in every language is removed.
 *
 * @example
 * changeServiceText(definition, 'duration', 'de', 'etwa 5 Minuten')
 */
export function changeServiceText(definition: ServiceDefinition, part: ServiceTextPart, language: string, value: string): EditResult {
  if (part === 'title') return { ok: true, definition: { ...definition, title: withLanguage(definition.title, language, value) } };
  const text: LocalizedText | undefined = withOptionalLanguage(definition[part], language, value, definition.settings.languages);
  const changed = { ...definition };
  if (text === undefined) delete changed[part];
  else changed[part] = text;
  return { ok: true, definition: changed };
}

/**
 * Offers the service in a language or stops offering it; German is always offered. The texts in a language
 * that is no longer offered stay in the definition, so offering it again brings them back.
 */
export function setLanguageOffered(definition: ServiceDefinition, language: string, offered: boolean, germanOnly: { de: string; en: string }): EditResult {
  if (language === 'de') return offered ? { ok: true, definition } : refuse(germanOnly);
  const others = definition.settings.languages.filter((code) => code !== language);
  const languages = offered ? [...others, language] : others;
  return withSettings(definition, { languages: languages.includes('de') ? languages : ['de', ...languages] });
}

/** Keeps closed cases for a number of whole years (`P10Y`). */
export function setRetentionYears(definition: ServiceDefinition, years: number): EditResult {
  return withSettings(definition, { retention: `P${years}Y` });
}

/** Why a reference pattern cannot be used, or `undefined` when it can (the schema's rule, in words). */
export function checkReferencePattern(pattern: string): 'noSequence' | 'characters' | 'tooLong' | undefined {
  if (pattern.length > 60) return 'tooLong';
  if (!/\{SEQ(:[1-9])?\}/.test(pattern)) return 'noSequence';
  if (!/^[A-Za-z0-9{}:/_-]*\{SEQ(:[1-9])?\}[A-Za-z0-9{}:/_-]*$/.test(pattern)) return 'characters';
  return undefined;
}

/** Sets the reference pattern; check it with `checkReferencePattern` first. */
export function setReferencePattern(definition: ServiceDefinition, pattern: string): EditResult {
  return withSettings(definition, { referencePattern: pattern });
}

/** The form fields that may name the applicant (text fields) or hold their email, outside repeating groups. */
export function listApplicantFieldChoices(definition: ServiceDefinition): { nameFields: IndexedElement[]; emailFields: IndexedElement[] } {
  const fields = [...indexFormElements(definition.form).values()].filter((field) => field.repeats.length === 0);
  return {
    nameFields: fields.filter((field) => field.element.type === 'text'),
    emailFields: fields.filter((field) => field.element.type === 'email'),
  };
}

/**
 * Sets which fields name the applicant. No fields at all removes the setting, which is refused while an email
 * field is chosen (it belongs to the named person).
 */
export function setApplicantNameFields(definition: ServiceDefinition, paths: readonly string[], emailNeedsName: { de: string; en: string }): EditResult {
  const applicant = definition.settings.applicant;
  if (paths.length === 0) {
    if (applicant?.emailField !== undefined) return refuse(emailNeedsName);
    const { applicant: _removed, ...settings } = definition.settings;
    return { ok: true, definition: { ...definition, settings } };
  }
  return withSettings(definition, { applicant: { ...applicant, nameFields: [...paths] } });
}

/** Sets (or with `undefined` removes) the field holding the applicant's email; refused while no name field is chosen. */
export function setApplicantEmailField(definition: ServiceDefinition, path: string | undefined, needsName: { de: string; en: string }): EditResult {
  const applicant = definition.settings.applicant;
  if (!applicant || applicant.nameFields.length === 0) return path === undefined ? { ok: true, definition } : refuse(needsName);
  const { emailField: _removed, ...rest } = applicant;
  return withSettings(definition, { applicant: path === undefined ? rest : { ...rest, emailField: path } });
}
