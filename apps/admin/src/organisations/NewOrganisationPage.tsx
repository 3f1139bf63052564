import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary, type SummaryError } from '@amtsweg/ui';
import { Link, PageHeading } from '@amtsweg/ui/app';
import { ORGANISATIONS_PATH } from '../App';
import { Field } from '../form-field';
import { useLanguage, type Translate } from '../i18n';
import { refusalByField, type OrganisationField } from './organisation-form-errors';
import { createOrganisation, isHostName, parseHosts, SLUG_PATTERN, staffLoginAddresses, type OrganisationSummary } from './organisations-api';

type Values = Record<OrganisationField, string>;

const EMPTY: Values = { name: '', slug: '', address: '', hosts: '', administratorName: '', administratorEmail: '', administratorPassword: '' };
const MIN_PASSWORD_LENGTH = 12;

/** Creates an organisation with its first administrator; then says where that person logs in. */
export function NewOrganisationPage(): ReactNode {
  const { t, language } = useLanguage();
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<OrganisationSummary | null>(null);

  const fail = (next: [OrganisationField, string][]) => {
    setErrors(next.map(([field, message]) => ({ pointer: `#org-${field}`, message })));
    setAttempt((n) => n + 1);
  };
  const errorOf = (field: OrganisationField) => errors.find((error) => error.pointer === `#org-${field}`)?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems = checkValues(values, t);
    if (problems.length > 0) return fail(problems);
    setBusy(true);
    try {
      const organisation = await createOrganisation({
        name: values.name.trim(),
        slug: values.slug.trim(),
        address: values.address.trim(),
        hosts: parseHosts(values.hosts),
        administrator: { displayName: values.administratorName.trim(), email: values.administratorEmail.trim(), password: values.administratorPassword },
      });
      setErrors([]);
      setCreated(organisation);
    } catch (error) {
      fail(refusalByField(error, 'name', t('saveFailed')));
    } finally {
      setBusy(false);
    }
  };

  const back = (
    <p>
      <Link to={`${ORGANISATIONS_PATH}/`} className="pt-back-link">
        {t('backToOrganisations')}
      </Link>
    </p>
  );
  if (created) {
    return (
      <>
        {back}
        <PageHeading title={`${t('organisationCreated')(created.name)} – ${t('appName')}`}>{t('organisationCreated')(created.name)}</PageHeading>
        <p>{t('loginWhere')}</p>
        <ul>
          {staffLoginAddresses(created, location.origin).map((address) => (
            <li key={address}>
              <code>{address}</code>
            </li>
          ))}
        </ul>
      </>
    );
  }

  const input = (field: OrganisationField, type: 'text' | 'email' | 'password', autoComplete: string) =>
    function render(description: object) {
      return (
        <input
          id={`org-${field}`}
          className="aw-input ad-input--wide"
          type={type}
          autoComplete={autoComplete}
          spellCheck={false}
          value={values[field]}
          onChange={(event) => {
            const value = event.target.value;
            setValues((current) => ({ ...current, [field]: value }));
          }}
          {...description}
        />
      );
    };
  const optional = <span className="aw-optional">{t('optional')}</span>;

  return (
    <>
      {back}
      <PageHeading title={`${t('newOrganisation')} – ${t('appName')}`}>{t('newOrganisation')}</PageHeading>
      <p className="ad-lead">{t('newOrganisationIntro')}</p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary errors={errors} uiLanguage={language} focusKey={attempt} title={t('problemTitle')} />
        <fieldset className="aw-fieldset">
          <legend className="aw-label">{t('organisationSection')}</legend>
          <Field id="org-name" label={t('organisationName')} hint={t('nameHint')} error={errorOf('name')}>
            {input('name', 'text', 'organization')}
          </Field>
          <Field id="org-slug" label={t('organisationSlug')} hint={t('slugHint')} error={errorOf('slug')}>
            {input('slug', 'text', 'off')}
          </Field>
          <Field
            id="org-address"
            label={
              <>
                {t('organisationAddress')} {optional}
              </>
            }
            hint={t('addressHint')}
            error={errorOf('address')}
          >
            {input('address', 'text', 'street-address')}
          </Field>
          <Field
            id="org-hosts"
            label={
              <>
                {t('hostsLabel')} {optional}
              </>
            }
            hint={t('hostsHint')}
            error={errorOf('hosts')}
          >
            {(description) => (
              <textarea
                id="org-hosts"
                className="aw-textarea ad-input--wide"
                rows={3}
                spellCheck={false}
                value={values.hosts}
                onChange={(event) => {
                  const value = event.target.value;
                  setValues((current) => ({ ...current, hosts: value }));
                }}
                {...description}
              />
            )}
          </Field>
        </fieldset>
        <fieldset className="aw-fieldset">
          <legend className="aw-label">{t('administratorSection')}</legend>
          <Field id="org-administratorName" label={t('administratorName')} error={errorOf('administratorName')}>
            {input('administratorName', 'text', 'off')}
          </Field>
          <Field id="org-administratorEmail" label={t('administratorEmail')} error={errorOf('administratorEmail')}>
            {input('administratorEmail', 'email', 'off')}
          </Field>
          <Field id="org-administratorPassword" label={t('administratorPassword')} hint={t('administratorPasswordHint')} error={errorOf('administratorPassword')}>
            {input('administratorPassword', 'password', 'new-password')}
          </Field>
        </fieldset>
        <div className="pt-actions">
          <button type="submit" className="aw-button" aria-disabled={busy}>
            {t('createOrganisation')}
          </button>
        </div>
      </form>
    </>
  );
}

/** What can be told before asking the server (whether the slug or a host is taken, it answers). */
function checkValues(values: Values, t: Translate): [OrganisationField, string][] {
  const problems: [OrganisationField, string][] = [];
  if (!values.name.trim()) problems.push(['name', t('nameRequired')]);
  if (!SLUG_PATTERN.test(values.slug.trim())) problems.push(['slug', t('slugInvalid')]);
  const badHost = parseHosts(values.hosts).find((host) => !isHostName(host));
  if (badHost !== undefined) problems.push(['hosts', t('organisationHostInvalid')(badHost)]);
  if (!values.administratorName.trim()) problems.push(['administratorName', t('administratorNameRequired')]);
  if (!/^[^\s@]+@[^\s@]+$/.test(values.administratorEmail.trim())) problems.push(['administratorEmail', t('emailInvalid')]);
  if (values.administratorPassword.length < MIN_PASSWORD_LENGTH) problems.push(['administratorPassword', t('passwordTooShort')]);
  return problems;
}
