import { describe, expect, it } from 'vitest';
import { checkDefinition, type ServiceDefinition } from '@amtsweg/definitions';
import type { EditResult } from '@amtsweg/editor';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { formatReferenceExample } from '../area-controls/reference-example';
import {
  changeServiceText,
  checkReferencePattern,
  listApplicantFieldChoices,
  setApplicantEmailField,
  setApplicantNameFields,
  setLanguageOffered,
  setReferencePattern,
  setRetentionYears,
} from './settings-operations';

const REFUSAL = { de: 'Nein', en: 'No' };

function example(): ServiceDefinition {
  return structuredClone(HUNDEANMELDUNG as ServiceDefinition);
}

function definitionOf(result: EditResult): ServiceDefinition {
  if (!result.ok) throw new Error(`refused: ${result.message.de}`);
  return result.definition;
}

describe('service texts', () => {
  it('changes one language and removes an optional text emptied everywhere', () => {
    const changed = definitionOf(changeServiceText(example(), 'duration', 'en', 'ten minutes'));
    expect(changed.duration).toEqual({ de: 'etwa 10 Minuten', en: 'ten minutes' });
    const german = definitionOf(changeServiceText({ ...example(), duration: { de: 'kurz' } }, 'duration', 'de', ''));
    expect('duration' in german).toBe(false);
  });

  it('drops an optional text whose only translation is in a language no longer offered', () => {
    const definition = definitionOf(setLanguageOffered(example(), 'en', false, REFUSAL));
    expect('duration' in definitionOf(changeServiceText(definition, 'duration', 'de', ''))).toBe(false);
  });

  it('keeps an emptied title, for the checks to report', () => {
    const changed = definitionOf(changeServiceText(example(), 'title', 'de', ''));
    expect(changed.title.de).toBe('');
    expect(checkDefinition(changed).some((d) => d.code === 'MISSING_GERMAN_TEXT' && d.path === '/title/de')).toBe(true);
  });
});

describe('languages', () => {
  it('offers English and stops offering it, German always first', () => {
    const german = definitionOf(setLanguageOffered(example(), 'en', false, REFUSAL));
    expect(german.settings.languages).toEqual(['de']);
    expect(german.title.en).toBe('Dog registration');
    expect(definitionOf(setLanguageOffered(german, 'en', true, REFUSAL)).settings.languages).toEqual(['de', 'en']);
  });

  it('refuses to stop offering German', () => {
    expect(setLanguageOffered(example(), 'de', false, REFUSAL)).toEqual({ ok: false, message: REFUSAL });
  });
});

describe('retention and reference numbers', () => {
  it('writes the retention as whole years', () => {
    expect(definitionOf(setRetentionYears(example(), 6)).settings.retention).toBe('P6Y');
  });

  it('accepts exactly the patterns the schema accepts', () => {
    for (const pattern of ['HUND-{YYYY}-{SEQ:5}', '{SEQ}', 'A/{YY}/{MM}/{SEQ:3}']) {
      expect(checkReferencePattern(pattern)).toBeUndefined();
      const changed = definitionOf(setReferencePattern(example(), pattern));
      expect(checkDefinition(changed).filter((d) => d.code === 'SCHEMA_INVALID')).toEqual([]);
    }
    expect(checkReferencePattern('HUND-{YYYY}')).toBe('noSequence');
    expect(checkReferencePattern('HÜND-{SEQ:5}')).toBe('characters');
    expect(checkReferencePattern('Hund {SEQ:5}')).toBe('characters');
    expect(checkReferencePattern(`${'A'.repeat(60)}{SEQ}`)).toBe('tooLong');
  });

  it('shows an example reference number', () => {
    expect(formatReferenceExample('HUND-{YYYY}-{SEQ:5}', '2026-11-24')).toBe('HUND-2026-00001');
    expect(formatReferenceExample('{YY}/{MM}/{SEQ}', '2026-03-01')).toBe('26/03/1');
  });
});

describe('applicant fields', () => {
  it('offers text and email fields outside repeating groups', () => {
    const { nameFields, emailFields } = listApplicantFieldChoices(example());
    expect(nameFields.map((field) => field.path)).toContain('holder.lastName');
    expect(nameFields.every((field) => !field.path.startsWith('dogs.'))).toBe(true);
    expect(emailFields.map((field) => field.path)).toEqual(['holder.email']);
  });

  it('refuses to remove the last name field while an email field is chosen, then removes the setting', () => {
    const definition = example();
    expect(setApplicantNameFields(definition, [], REFUSAL)).toEqual({ ok: false, message: REFUSAL });
    const withoutEmail = definitionOf(setApplicantEmailField(definition, undefined, REFUSAL));
    expect(withoutEmail.settings.applicant).toEqual({ nameFields: ['holder.firstName', 'holder.lastName'] });
    expect('applicant' in definitionOf(setApplicantNameFields(withoutEmail, [], REFUSAL)).settings).toBe(false);
  });

  it('refuses an email field while no name field is chosen', () => {
    const definition = example();
    delete definition.settings.applicant;
    expect(setApplicantEmailField(definition, 'holder.email', REFUSAL).ok).toBe(false);
    const named = definitionOf(setApplicantNameFields(definition, ['holder.lastName'], REFUSAL));
    expect(definitionOf(setApplicantEmailField(named, 'holder.email', REFUSAL)).settings.applicant).toEqual({ nameFields: ['holder.lastName'], emailField: 'holder.email' });
  });
});
