import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary, type SummaryError } from '@amtsweg/ui';
import { ApiError, Link, navigate, PageHeading } from '@amtsweg/ui/app';
import { Field, FieldMessage } from '../form-field';
import { handOverMessage, handOverSecret } from '../handoff';
import { useLanguage, type Translate } from '../i18n';
import { refusalByField, type AccountField } from './account-fields';
import { generatePassword } from './generate-password';
import { RoleCheckboxes, firstRoleId } from './RoleCheckboxes';
import { createAccount } from './staff-api';
import { STAFF_PATH } from './staff-paths';
import './staff.css';

const ID = 'new';
const IDS: Record<AccountField, string> = {
  displayName: `${ID}-name`,
  email: `${ID}-email`,
  roles: firstRoleId(ID),
  password: `${ID}-password`,
};

interface Values {
  displayName: string;
  email: string;
  roles: string[];
  passwordChoice: 'generate' | 'type';
  password: string;
}

/**
 * Creates a staff account: name, address, staff roles (each explained), and an initial password — generated and
 * shown once on the account's page, or typed. Roles in services are granted on the account's page afterwards.
 */
export function NewStaffPage(): ReactNode {
  const { t, language } = useLanguage();
  const [values, setValues] = useState<Values>({ displayName: '', email: '', roles: ['caseworker'], passwordChoice: 'generate', password: '' });
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((current) => ({ ...current, [key]: value }));
  const fail = (problems: [AccountField, string][]) => {
    setErrors(problems.map(([field, message]) => ({ pointer: `#${IDS[field]}`, message })));
    setAttempt((n) => n + 1);
  };
  const errorOf = (field: AccountField) => errors.find((error) => error.pointer === `#${IDS[field]}`)?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems = checkValues(values, t);
    if (problems.length > 0) return fail(problems);
    const password = values.passwordChoice === 'generate' ? generatePassword() : values.password;
    setBusy(true);
    try {
      const created = await createAccount({ displayName: values.displayName.trim(), email: values.email.trim(), roles: values.roles, password });
      if (values.passwordChoice === 'generate') handOverSecret(created.id, password);
      handOverMessage(t('staff.accountCreated')(created.displayName));
      navigate(`${STAFF_PATH}/${created.id}`);
    } catch (error) {
      const friendly: Record<AccountField, string> = {
        displayName: t('staff.nameRequired'),
        email: t('staff.emailInvalid'),
        roles: t('staff.rolesRequired'),
        password: t('staff.passwordTooShort'),
      };
      fail(error instanceof ApiError ? refusalByField(error.errors, error.message, friendly, 'email') : [['email', t('saveFailed')]]);
      setBusy(false);
    }
  };

  const passwordError = errorOf('password');
  return (
    <>
      <p>
        <Link to={`${STAFF_PATH}/`} className="pt-back-link">
          {t('staff.backToStaff')}
        </Link>
      </p>
      <PageHeading title={`${errors.length > 0 ? `${t('problemTitle')}: ` : ''}${t('staff.createAccount')} – ${t('appName')}`}>{t('staff.createAccount')}</PageHeading>
      <form noValidate onSubmit={(event) => void submit(event)} className="ad-narrow">
        <ErrorSummary errors={errors} uiLanguage={language} focusKey={attempt} title={t('problemTitle')} />
        <Field id={IDS.displayName} label={t('staff.name')} hint={t('staff.displayNameHint')} error={errorOf('displayName')}>
          {(description) => (
            <input
              id={IDS.displayName}
              className="aw-input ad-input--wide"
              type="text"
              autoComplete="off"
              value={values.displayName}
              onChange={(event) => set('displayName', event.target.value)}
              {...description}
            />
          )}
        </Field>
        <Field id={IDS.email} label={t('staff.email')} hint={t('staff.emailHint')} error={errorOf('email')}>
          {(description) => (
            <input
              id={IDS.email}
              className="aw-input ad-input--wide"
              type="email"
              autoComplete="off"
              spellCheck={false}
              value={values.email}
              onChange={(event) => set('email', event.target.value)}
              {...description}
            />
          )}
        </Field>
        <RoleCheckboxes idPrefix={ID} value={values.roles} onChange={(roles) => set('roles', roles)} error={errorOf('roles')} />
        <div className={`aw-field${passwordError ? ' aw-field--error' : ''}`}>
          <fieldset className="aw-fieldset" aria-describedby={[`${ID}-password-note`, passwordError ? `${ID}-password-choice-error` : ''].filter(Boolean).join(' ')}>
            <legend className="aw-label">{t('staff.initialPassword')}</legend>
            <p id={`${ID}-password-note`} className="aw-hint">
              {t('staff.passwordChangeNote')}
            </p>
            <FieldMessage id={`${ID}-password-choice`} error={values.passwordChoice === 'generate' ? passwordError : undefined} />
            <div className="aw-choice">
              <input
                id={`${ID}-password-generate`}
                type="radio"
                name="password-choice"
                checked={values.passwordChoice === 'generate'}
                aria-describedby={`${ID}-password-generate-hint`}
                onChange={() => set('passwordChoice', 'generate')}
              />
              <div>
                <label htmlFor={`${ID}-password-generate`}>{t('staff.passwordGenerate')}</label>
                <p id={`${ID}-password-generate-hint`} className="aw-hint st-choice-hint">
                  {t('staff.passwordGenerateHint')}
                </p>
              </div>
            </div>
            <div className="aw-choice">
              <input id={`${ID}-password-type`} type="radio" name="password-choice" checked={values.passwordChoice === 'type'} onChange={() => set('passwordChoice', 'type')} />
              <label htmlFor={`${ID}-password-type`}>{t('staff.passwordType')}</label>
            </div>
          </fieldset>
          {values.passwordChoice === 'type' ? (
            <Field id={IDS.password} label={t('staff.password')} hint={t('staff.passwordHint')} error={passwordError}>
              {(description) => (
                <input
                  id={IDS.password}
                  className="aw-input ad-input--wide"
                  type="text"
                  autoComplete="new-password"
                  spellCheck={false}
                  value={values.password}
                  onChange={(event) => set('password', event.target.value)}
                  {...description}
                />
              )}
            </Field>
          ) : null}
        </div>
        <div className="pt-actions">
          <button type="submit" className="aw-button" aria-disabled={busy}>
            {t('staff.createAccount')}
          </button>
        </div>
      </form>
    </>
  );
}

/** What can be told before asking the server, field by field. */
function checkValues(values: Values, t: Translate): [AccountField, string][] {
  const problems: [AccountField, string][] = [];
  const name = values.displayName.trim();
  if (!name) problems.push(['displayName', t('staff.nameRequired')]);
  else if (name.length > 200) problems.push(['displayName', t('staff.nameTooLong')]);
  const email = values.email.trim();
  if (!email) problems.push(['email', t('staff.emailRequired')]);
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) problems.push(['email', t('staff.emailInvalid')]);
  if (values.roles.length === 0) problems.push(['roles', t('staff.rolesRequired')]);
  if (values.passwordChoice === 'type') {
    if (!values.password) problems.push(['password', t('staff.passwordRequired')]);
    else if (values.password.length < 12) problems.push(['password', t('staff.passwordTooShort')]);
    else if (values.password.length > 256) problems.push(['password', t('staff.passwordTooLong')]);
  }
  return problems;
}
