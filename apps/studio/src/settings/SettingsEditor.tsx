import type { ReactNode } from 'react';
import { addRole, deleteRole, keyFromLabel, renameRoleId, updateRole } from '@amtsweg/editor';
import { isReservedRoleId, RESERVED_ROLE_IDS } from '@amtsweg/definitions';
import { localize } from '@amtsweg/ui';
import { CheckboxField, FieldFrame } from '../area-controls/FieldFrame';
import { followLabel, idsOfOthers } from '../area-controls/follow-label';
import { focusByPointer, useFocusRequest, usePendingFocus } from '../area-controls/focus-request';
import { IdField } from '../area-controls/IdField';
import { parseWholeNumber, yearsOf } from '../area-controls/iso-duration';
import { LocalizedTextField } from '../area-controls/LocalizedTextField';
import { withLanguage } from '../area-controls/localized-text';
import { ProblemMessages } from '../area-controls/ProblemMessages';
import { formatReferenceExample, todayIso } from '../area-controls/reference-example';
import { makeKeysUnique } from '../area-controls/stable-keys';
import { useAreaTexts } from '../area-controls/use-area-texts';
import { useLanguageName } from '../area-controls/use-language-name';
import { useStableKeys } from '../area-controls/use-stable-keys';
import { ValidatedInput } from '../area-controls/ValidatedInput';
import { diagnosticsAt, useEditor } from '../editor-context';
import { useLanguage } from '../i18n';
import {
  changeServiceText,
  checkReferencePattern,
  listApplicantFieldChoices,
  MAX_NAME_FIELDS,
  setApplicantEmailField,
  setApplicantNameFields,
  setLanguageOffered,
  setReferencePattern,
  setRetentionYears,
  type ServiceTextPart,
} from './settings-operations';
import { ApplicantMailsEditor } from './ApplicantMailsEditor';
import { SETTINGS_TEXTS } from './settings-texts';

const ROLES_SCOPE = 'roles';
const SERVICE_TEXTS: [ServiceTextPart, 'name' | 'description' | 'preparation' | 'duration', boolean][] = [
  ['title', 'name', false],
  ['description', 'description', true],
  ['preparation', 'preparation', true],
  ['duration', 'duration', false],
];
const REFERENCE_PROBLEMS = { noSequence: 'referenceNoSequence', characters: 'referenceCharacters', tooLong: 'referenceTooLong' } as const;

/** Whether a pointer belongs to the settings area (the service's texts and `/settings`). */
function ownsPointer(pointer: string): boolean {
  return !pointer.startsWith('/form') && !pointer.startsWith('/process') && !pointer.startsWith('/documents');
}

/**
 * The service's settings: its name and texts in the portal per language, the languages offered, the roles of
 * the caseworkers, how long closed cases are kept, the pattern of reference numbers, which form fields name
 * the applicant and hold their email, and the e-mails the applicant gets.
 */
export function SettingsEditor(): ReactNode {
  const { definition, apply, diagnostics, announce } = useEditor();
  const t = useAreaTexts(SETTINGS_TEXTS);
  const { language } = useLanguage();
  const languageName = useLanguageName();
  const keys = useStableKeys();
  const focusLater = usePendingFocus();
  const settings = definition.settings;
  const roles = settings.roles;
  const roleKeys = makeKeysUnique(roles.map((role) => keys.keyOf(ROLES_SCOPE, role.id)));
  const at = (pointer: string) => diagnosticsAt(diagnostics, pointer);

  useFocusRequest(ownsPointer, (pointer) => {
    if (!focusByPointer(pointer)) document.getElementById('st-settings-title')?.focus();
  });

  const english = settings.languages.includes('en');
  const otherLanguages = settings.languages.filter((code) => code !== 'de' && code !== 'en');
  const years = yearsOf(settings.retention);
  const { nameFields, emailFields } = listApplicantFieldChoices(definition);
  const chosenNames = settings.applicant?.nameFields ?? [];
  const emailField = settings.applicant?.emailField;
  const fieldName = (path: string, list: typeof nameFields) => {
    const field = list.find((f) => f.path === path);
    return field ? `${localize(field.element.label, language) || path} – ${path}` : t('unknownField')(path);
  };

  const addNewRole = () => {
    const label = t('newRole');
    const id = keyFromLabel(label, new Set([...RESERVED_ROLE_IDS, ...roles.map((role) => role.id)]));
    if (apply(addRole(definition, { id, label: { de: label } }), SETTINGS_TEXTS.roleAddedEdit)) {
      focusLater(`st-${keys.keyOf(ROLES_SCOPE, id)}-label-de`, { select: true });
    }
  };

  const changeRoleLabel = (index: number, lang: string, text: string) => {
    const role = roles[index];
    if (!role) return;
    const result = updateRole(definition, role.id, { label: withLanguage(role.label, lang, text) });
    // A role labelled „System“ gets the id `system2`: the built-in actors' ids are taken.
    const taken = new Set([...RESERVED_ROLE_IDS, ...idsOfOthers(roles, index)]);
    const next = result.ok && lang === 'de' ? followLabel(role.id, role.label.de, text, taken) : undefined;
    const renamed = result.ok && next !== undefined ? renameRoleId(result.definition, role.id, next) : undefined;
    const mergeKey = { mergeKey: `role:${roleKeys[index]}:label:${lang}` };
    if (renamed?.ok && next !== undefined) {
      if (apply(renamed, SETTINGS_TEXTS.roleChangedEdit, mergeKey)) keys.rename(ROLES_SCOPE, role.id, next);
    } else apply(result, SETTINGS_TEXTS.roleChangedEdit, mergeKey);
  };

  const removeRole = (index: number) => {
    const role = roles[index]!;
    const name = localize(role.label, language) || role.id;
    if (!apply(deleteRole(definition, role.id), SETTINGS_TEXTS.roleDeletedEdit)) return;
    announce(t('roleDeleted')(name));
    const neighbour = roleKeys[index + 1] ?? roleKeys[index - 1];
    focusLater(neighbour === undefined ? 'st-settings-add-role' : `st-${neighbour}-label-de`);
  };

  const changeNames = (paths: string[], focusId?: string) => {
    if (apply(setApplicantNameFields(definition, paths, SETTINGS_TEXTS.lastNameNeeded), SETTINGS_TEXTS.applicantEdit) && focusId) focusLater(focusId);
  };
  const addNameField = () => {
    if (chosenNames.length >= MAX_NAME_FIELDS) {
      apply({ ok: false, message: SETTINGS_TEXTS.tooManyNameFields }, SETTINGS_TEXTS.applicantEdit);
      return;
    }
    const next = nameFields.find((field) => !chosenNames.includes(field.path)) ?? nameFields[0];
    if (!next) {
      apply({ ok: false, message: SETTINGS_TEXTS.noTextFields }, SETTINGS_TEXTS.applicantEdit);
      return;
    }
    changeNames([...chosenNames, next.path], `st-settings-name-${chosenNames.length}`);
  };

  return (
    <div className="st-settings">
      <h2 id="st-settings-title" tabIndex={-1}>
        {t('title')}
      </h2>

      <section aria-labelledby="st-settings-service">
        <h3 id="st-settings-service">{t('serviceTitle')}</h3>
        {SERVICE_TEXTS.map(([part, label, long]) => (
          <LocalizedTextField
            key={part}
            id={`st-settings-${part}`}
            value={definition[part]}
            labelFor={(lang) => (lang === 'de' ? t(label) : t(`${label}In`)(languageName(lang)))}
            hint={t(`${label}Hint`)}
            pointer={`/${part}`}
            multiline={long}
            rows={4}
            onChange={(lang, text) => apply(changeServiceText(definition, part, lang, text), SETTINGS_TEXTS.serviceTextEdit, { mergeKey: `service:${part}:${lang}` })}
          />
        ))}
      </section>

      <section aria-labelledby="st-settings-languages">
        <h3 id="st-settings-languages">{t('languagesTitle')}</h3>
        <ProblemMessages problems={at('/settings/languages')} />
        <p>{t('languagesGerman')}</p>
        <CheckboxField
          id="st-settings-english"
          label={t('languagesEnglish')}
          hint={t('languagesEnglishHint')}
          checked={english}
          pointer="/settings/languages"
          onChange={(checked) => apply(setLanguageOffered(definition, 'en', checked, SETTINGS_TEXTS.germanOnly), SETTINGS_TEXTS.languagesEdit)}
        />
        {otherLanguages.length > 0 ? <p>{t('languagesOther')(otherLanguages.map((code) => code.toUpperCase()).join(', '))}</p> : null}
      </section>

      <section aria-labelledby="st-settings-roles">
        <h3 id="st-settings-roles">{t('rolesTitle')}</h3>
        <p>{t('rolesIntro')}</p>
        <ProblemMessages problems={diagnostics.filter((d) => d.path === '/settings/roles')} />
        {roles.length === 0 ? <p className="aw-hint">{t('noRoles')}</p> : null}
        {roles.map((role, index) => {
          const key = roleKeys[index]!;
          const name = localize(role.label, language) || t('noLabel');
          const pointer = `/settings/roles/${index}`;
          return (
            <fieldset key={key} className="aw-fieldset st-role">
              <legend className="st-item-legend">{t('role')(name)}</legend>
              <LocalizedTextField
                id={`st-${key}-label`}
                value={role.label}
                labelFor={(lang) => (lang === 'de' ? t('roleLabel') : t('roleLabelIn')(languageName(lang)))}
                pointer={`${pointer}/label`}
                onChange={(lang, text) => changeRoleLabel(index, lang, text)}
              />
              <div className="st-button-row">
                <button type="button" className="aw-button aw-button--secondary st-button--danger" onClick={() => removeRole(index)}>
                  {t('deleteRole')}
                  <span className="aw-visually-hidden">{language === 'de' ? ` „${name}“` : ` “${name}”`}</span>
                </button>
              </div>
              <IdField
                id={`st-${key}-id`}
                label={t('roleId')}
                value={role.id}
                problems={at(`${pointer}/id`)}
                pointer={`${pointer}/id`}
                check={(id) => (isReservedRoleId(id) ? t('roleIdReserved')(id) : undefined)}
                rename={(newId) => {
                  if (apply(renameRoleId(definition, role.id, newId), SETTINGS_TEXTS.roleRenamedEdit)) keys.rename(ROLES_SCOPE, role.id, newId);
                }}
              />
            </fieldset>
          );
        })}
        <p>
          <button type="button" id="st-settings-add-role" className="aw-button aw-button--secondary" onClick={addNewRole}>
            {t('addRole')}
          </button>
        </p>
      </section>

      <section aria-labelledby="st-settings-cases">
        <h3 id="st-settings-cases">{t('casesTitle')}</h3>
        <ValidatedInput
          id="st-settings-retention"
          label={t('retention')}
          hint={years === undefined ? `${t('retentionHint')} ${t('retentionNow')(settings.retention)}` : t('retentionHint')}
          value={years === undefined ? '' : String(years)}
          check={(text) => (parseWholeNumber(text, 1, 100) === undefined ? t('retentionInvalid') : undefined)}
          commit={(text) => apply(setRetentionYears(definition, parseWholeNumber(text, 1, 100)!), SETTINGS_TEXTS.retentionEdit, { mergeKey: 'settings:retention' })}
          problems={at('/settings/retention')}
          pointer="/settings/retention"
          inputProps={{ inputMode: 'numeric', className: 'aw-input aw-input--short', autoComplete: 'off' }}
        />
        <ValidatedInput
          id="st-settings-reference"
          label={t('reference')}
          hint={
            <>
              {t('referenceHint')}
              <br />
              {t('referenceExample')(formatReferenceExample(settings.referencePattern, todayIso()))}
            </>
          }
          value={settings.referencePattern}
          check={(text) => {
            const problem = checkReferencePattern(text);
            return problem === undefined ? undefined : t(REFERENCE_PROBLEMS[problem]);
          }}
          commit={(text) => apply(setReferencePattern(definition, text), SETTINGS_TEXTS.referenceEdit, { mergeKey: 'settings:reference' })}
          problems={at('/settings/referencePattern')}
          pointer="/settings/referencePattern"
          inputProps={{ spellCheck: false, autoComplete: 'off', className: 'aw-input st-input--id' }}
        />
      </section>

      <section aria-labelledby="st-settings-applicant">
        <h3 id="st-settings-applicant">{t('applicantTitle')}</h3>
        <p>{t('applicantIntro')}</p>
        <ProblemMessages problems={diagnostics.filter((d) => d.path === '/settings/applicant' || d.path === '/settings/applicant/nameFields')} />
        {chosenNames.map((path, index) => (
          <div key={`${path}:${index}`} className="st-inline-field">
            <FieldFrame
              id={`st-settings-name-${index}`}
              label={t('nameField')(index + 1)}
              hint={index === 0 ? t('nameFieldsHint') : undefined}
              problems={at(`/settings/applicant/nameFields/${index}`)}
            >
              {(control) => (
                <select
                  {...control}
                  className="aw-select"
                  data-pointer={`/settings/applicant/nameFields/${index}`}
                  value={path}
                  onChange={(event) => changeNames(chosenNames.map((p, i) => (i === index ? event.target.value : p)))}
                >
                  {nameFields.some((field) => field.path === path) ? null : <option value={path}>{t('unknownField')(path)}</option>}
                  {nameFields.map((field) => (
                    <option key={field.path} value={field.path}>
                      {fieldName(field.path, nameFields)}
                    </option>
                  ))}
                </select>
              )}
            </FieldFrame>
            <button
              type="button"
              className="aw-button aw-button--secondary st-button--danger"
              onClick={() => changeNames(chosenNames.filter((_, i) => i !== index), 'st-settings-add-name')}
            >
              {t('removeNameField')}
              <span className="aw-visually-hidden">{` – ${t('nameField')(index + 1)}`}</span>
            </button>
          </div>
        ))}
        <p>
          <button type="button" id="st-settings-add-name" className="aw-button aw-button--secondary" onClick={addNameField}>
            {t('addNameField')}
          </button>
        </p>
        <FieldFrame id="st-settings-email" label={t('emailField')} hint={t('emailFieldHint')} problems={at('/settings/applicant/emailField')}>
          {(control) => (
            <select
              {...control}
              className="aw-select"
              data-pointer="/settings/applicant/emailField"
              value={emailField ?? ''}
              onChange={(event) =>
                apply(
                  setApplicantEmailField(definition, event.target.value === '' ? undefined : event.target.value, SETTINGS_TEXTS.emailNeedsName),
                  SETTINGS_TEXTS.applicantEdit,
                )
              }
            >
              <option value="">{t('emailNone')}</option>
              {emailField !== undefined && !emailFields.some((field) => field.path === emailField) ? <option value={emailField}>{t('unknownField')(emailField)}</option> : null}
              {emailFields.map((field) => (
                <option key={field.path} value={field.path}>
                  {fieldName(field.path, emailFields)}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
      </section>

      <ApplicantMailsEditor />
    </div>
  );
}
