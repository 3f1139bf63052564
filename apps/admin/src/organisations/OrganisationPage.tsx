import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary, type SummaryError } from '@amtsweg/ui';
import { Link, PageHeading, useLoad } from '@amtsweg/ui/app';
import { ORGANISATIONS_PATH } from '../App';
import { Field } from '../form-field';
import { useLanguage } from '../i18n';
import { refusalByField } from './organisation-form-errors';
import { isHostName, loadOrganisations, parseHosts, saveHosts, staffLoginAddresses, type OrganisationSummary } from './organisations-api';
import { LoadStatus } from '../LoadStatus';

/** One organisation: the host names its portal answers on, and where its staff log in. */
export function OrganisationPage({ organisationId }: { organisationId: string }): ReactNode {
  const { t } = useLanguage();
  const loaded = useLoad(loadOrganisations, []);
  const organisation = loaded.state === 'done' ? loaded.value.find((o) => o.id === organisationId) : undefined;
  return (
    <>
      <p>
        <Link to={`${ORGANISATIONS_PATH}/`} className="pt-back-link">
          {t('backToOrganisations')}
        </Link>
      </p>
      <LoadStatus loaded={loaded} />
      {loaded.state === 'done' && !organisation ? (
        <PageHeading title={`${t('organisationNotFound')} – ${t('appName')}`}>{t('organisationNotFound')}</PageHeading>
      ) : null}
      {organisation ? <HostsForm organisation={organisation} /> : null}
    </>
  );
}

function HostsForm({ organisation }: { organisation: OrganisationSummary }): ReactNode {
  const { t, language } = useLanguage();
  const [current, setCurrent] = useState(organisation);
  const [text, setText] = useState(organisation.hosts.join('\n'));
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');

  const fail = (message: string) => {
    setSaved('');
    setErrors([{ pointer: '#org-hosts', message }]);
    setAttempt((n) => n + 1);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const hosts = parseHosts(text);
    const bad = hosts.find((host) => !isHostName(host));
    if (bad !== undefined) return fail(t('organisationHostInvalid')(bad));
    setBusy(true);
    try {
      const next = await saveHosts(current.id, hosts);
      setCurrent(next);
      setText(next.hosts.join('\n'));
      setErrors([]);
      setSaved(t('hostsSaved'));
    } catch (error) {
      fail(refusalByField(error, 'hosts', t('saveFailed'))[0]![1]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title={`${current.name} – ${t('appName')}`}>{current.name}</PageHeading>
      <dl>
        <dt>{t('organisationSlug')}</dt>
        <dd>
          <code>{current.slug}</code>
        </dd>
        <dt>{t('organisationStaff')}</dt>
        <dd>{current.staffCount}</dd>
        <dt>{t('organisationServices')}</dt>
        <dd>{current.serviceCount}</dd>
      </dl>
      <p className="ad-lead">{t('hostsPageIntro')}</p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary errors={errors} uiLanguage={language} focusKey={attempt} title={t('problemTitle')} />
        <Field id="org-hosts" label={t('hostsLabel')} hint={t('hostsHint')} error={errors[0]?.message}>
          {(description) => (
            <textarea id="org-hosts" className="aw-textarea ad-input--wide" rows={4} spellCheck={false} value={text} onChange={(event) => setText(event.target.value)} {...description} />
          )}
        </Field>
        <div className="pt-actions">
          <button type="submit" className="aw-button" aria-disabled={busy}>
            {t('saveHosts')}
          </button>
        </div>
        <p role="status" className="ad-empty-status">
          {saved}
        </p>
      </form>
      <h2>{t('staffLogin')}</h2>
      <p>{t('loginWhere')}</p>
      <ul>
        {staffLoginAddresses(current, location.origin).map((address) => (
          <li key={address}>
            <code>{address}</code>
          </li>
        ))}
      </ul>
    </>
  );
}
