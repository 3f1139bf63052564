import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary } from '@amtsweg/ui';
import { ApiError, Link, PageHeading, useLoad } from '@amtsweg/ui/app';
import { Field } from '../form-field';
import { useLanguage } from '../i18n';
import { TO_COMPLETE, TO_COMPLETE_EN } from './legal-templates';
import { LEGAL_PAGE_NAMES, loadSettings, removeLogo, saveSettings, uploadLogo, type OrganisationSettings } from './organisation-settings-api';
import { legalEditorPath } from './settings-paths';
import { useSettingsForm } from './use-settings-form';
import './organisation-settings.css';

/** The organisation's settings: name and contact, the letterhead of notices, the logo, the legal pages, the second factor. */
export function OrganisationSettingsPage(): ReactNode {
  const { t } = useLanguage();
  const [attempt, setAttempt] = useState(0);
  const loaded = useLoad(loadSettings, [attempt]);
  const [settings, setSettings] = useState<OrganisationSettings | undefined>(undefined);
  const current = settings ?? (loaded.state === 'done' ? loaded.value : undefined);
  return (
    <>
      <PageHeading title={t('settings.title')}>{t('settings.title')}</PageHeading>
      <p className="ad-lead">{t('settings.intro')}</p>
      {current ? (
        <>
          <ContactSection settings={current} onSaved={setSettings} />
          <LetterheadSection settings={current} onSaved={setSettings} />
          <LogoSection settings={current} onSaved={setSettings} />
          <LegalSection settings={current} />
          <SecuritySection settings={current} onSaved={setSettings} />
        </>
      ) : loaded.state === 'failed' ? (
        <div className="pt-notice pt-notice--error" role="alert">
          <p>{loaded.error instanceof ApiError ? loaded.error.message : t('loadFailed')}</p>
          <button type="button" className="aw-button aw-button--secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t('tryAgain')}
          </button>
        </div>
      ) : (
        <p role="status">{t('loading')}</p>
      )}
    </>
  );
}

interface SectionProps {
  settings: OrganisationSettings;
  onSaved: (settings: OrganisationSettings) => void;
}

function SavedMessage({ message }: { message: string | null }): ReactNode {
  return (
    <p role="status" className={message ? 'pt-notice pt-notice--success' : 'ad-empty-status'}>
      {message}
    </p>
  );
}

function ContactSection({ settings, onSaved }: SectionProps): ReactNode {
  const { t, language } = useLanguage();
  const form = useSettingsForm('org-name');
  const [values, setValues] = useState({
    name: settings.name,
    address: settings.address,
    email: settings.contact.email ?? '',
    phone: settings.contact.phone ?? '',
    website: settings.contact.website ?? '',
    openingHours: settings.contact.openingHours ?? '',
  });
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { name, address, ...contact } = values;
    const saved = await form.run(() => saveSettings({ name, address, contact }), t('settings.saved'));
    if (saved) onSaved(saved);
  };
  const input = (id: string, key: keyof typeof values, type: string, autoComplete: string) => (description: object) => (
    <input id={id} className="aw-input ad-input--wide" type={type} autoComplete={autoComplete} value={values[key]} onChange={set(key)} {...description} />
  );
  return (
    <section aria-labelledby="contact-title" className="ad-section">
      <h2 id="contact-title">{t('settings.contactTitle')}</h2>
      <ErrorSummary errors={form.errors} uiLanguage={language} focusKey={form.attempt} title={t('problemTitle')} />
      <SavedMessage message={form.message} />
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Field id="org-name" label={t('settings.name')} error={form.errorAt('org-name')}>
          {input('org-name', 'name', 'text', 'organization')}
        </Field>
        <Field id="org-address" label={t('settings.address')} hint={t('settings.addressHint')} error={form.errorAt('org-address')}>
          {input('org-address', 'address', 'text', 'street-address')}
        </Field>
        <Field id="org-contact-email" label={<Optional label={t('settings.email')} />} error={form.errorAt('org-contact-email')}>
          {input('org-contact-email', 'email', 'email', 'email')}
        </Field>
        <Field id="org-contact-phone" label={<Optional label={t('settings.phone')} />} error={form.errorAt('org-contact-phone')}>
          {input('org-contact-phone', 'phone', 'tel', 'tel')}
        </Field>
        <Field id="org-contact-website" label={<Optional label={t('settings.website')} />} hint={t('settings.websiteHint')} error={form.errorAt('org-contact-website')}>
          {input('org-contact-website', 'website', 'url', 'url')}
        </Field>
        <Field id="org-contact-openingHours" label={<Optional label={t('settings.openingHours')} />} error={form.errorAt('org-contact-openingHours')}>
          {(description) => (
            <textarea id="org-contact-openingHours" className="aw-textarea ad-input--wide" rows={3} value={values.openingHours} onChange={set('openingHours')} {...description} />
          )}
        </Field>
        <button type="submit" className="aw-button" aria-disabled={form.busy}>
          {t('settings.save')}
          <span className="aw-visually-hidden">: {t('settings.contactTitle')}</span>
        </button>
      </form>
    </section>
  );
}

function Optional({ label }: { label: string }): ReactNode {
  const { t } = useLanguage();
  return (
    <>
      {label} <span className="aw-optional">{t('optional')}</span>
    </>
  );
}

function LetterheadSection({ settings, onSaved }: SectionProps): ReactNode {
  const { t, language } = useLanguage();
  const form = useSettingsForm('org-letterhead');
  const [letterhead, setLetterhead] = useState(settings.letterhead);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await form.run(() => saveSettings({ letterhead }), t('settings.saved'));
    if (saved) onSaved(saved);
  };
  return (
    <section aria-labelledby="letterhead-title" className="ad-section">
      <h2 id="letterhead-title">{t('settings.letterheadTitle')}</h2>
      <ErrorSummary errors={form.errors} uiLanguage={language} focusKey={form.attempt} title={t('problemTitle')} />
      <SavedMessage message={form.message} />
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Field id="org-letterhead" label={<Optional label={t('settings.letterhead')} />} hint={t('settings.letterheadHint')} error={form.errorAt('org-letterhead')}>
          {(description) => (
            <textarea id="org-letterhead" className="aw-textarea ad-input--wide" rows={4} value={letterhead} onChange={(event) => setLetterhead(event.target.value)} {...description} />
          )}
        </Field>
        <button type="submit" className="aw-button" aria-disabled={form.busy}>
          {t('settings.save')}
          <span className="aw-visually-hidden">: {t('settings.letterheadTitle')}</span>
        </button>
      </form>
    </section>
  );
}

function LogoSection({ settings, onSaved }: SectionProps): ReactNode {
  const { t, language } = useLanguage();
  const form = useSettingsForm('org-logo');
  const [file, setFile] = useState<File | null>(null);
  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return form.fail([{ pointer: '#org-logo', message: t('settings.logoChoose') }]);
    const saved = await form.run(() => uploadLogo(file), t('settings.logoUploaded'));
    if (saved) onSaved(saved);
  };
  const remove = async () => {
    const saved = await form.run(removeLogo, t('settings.logoRemoved'));
    if (saved) onSaved(saved);
  };
  return (
    <section aria-labelledby="logo-title" className="ad-section">
      <h2 id="logo-title">{t('settings.logoTitle')}</h2>
      <ErrorSummary errors={form.errors} uiLanguage={language} focusKey={form.attempt} title={t('problemTitle')} />
      <p>{t('settings.logoIntro')}</p>
      <SavedMessage message={form.message} />
      {settings.logo ? (
        <div className="ad-logo">
          <img src={settings.logo.url} alt={t('settings.logoAlt')(settings.name)} />
        </div>
      ) : (
        <p>{t('settings.logoNone')}</p>
      )}
      <form noValidate onSubmit={(event) => void upload(event)}>
        <Field id="org-logo" label={t('settings.logoFile')} error={form.errorAt('org-logo')}>
          {(description) => (
            <input id="org-logo" className="aw-file-input" type="file" accept="image/png,image/jpeg" onChange={(event) => setFile(event.target.files?.[0] ?? null)} {...description} />
          )}
        </Field>
        <div className="pt-actions">
          <button type="submit" className="aw-button" aria-disabled={form.busy}>
            {settings.logo ? t('settings.logoReplace') : t('settings.logoUpload')}
          </button>
          {settings.logo ? (
            <button type="button" className="aw-button aw-button--secondary" aria-disabled={form.busy} onClick={() => void remove()}>
              {t('settings.logoRemove')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

/** How many places of a text still wait to be filled in. */
export function countToComplete(text: string): number {
  return text.split(TO_COMPLETE).length - 1 + (text.split(TO_COMPLETE_EN).length - 1);
}

function LegalSection({ settings }: { settings: OrganisationSettings }): ReactNode {
  const { t } = useLanguage();
  return (
    <section aria-labelledby="legal-title" className="ad-section">
      <h2 id="legal-title">{t('settings.legalTitle')}</h2>
      <p>{t('settings.legalIntro')}</p>
      <table className="aw-table ad-legal-table">
        <caption className="aw-visually-hidden">{t('settings.legalTableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('settings.legalPage')}</th>
            <th scope="col">{t('settings.legalState')}</th>
            <th scope="col">
              <span className="aw-visually-hidden">{t('settings.edit')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {LEGAL_PAGE_NAMES.map((page) => {
            const text = settings.legalPages[page];
            const open = text ? countToComplete(`${text.de}\n${text.en ?? ''}`) : 0;
            return (
              <tr key={page}>
                <th scope="row">{t(`settings.legal.${page}`)}</th>
                <td>{!text ? t('settings.legalMissing') : open > 0 ? t('settings.legalToComplete')(open) : t('settings.legalPublished')}</td>
                <td>
                  <Link to={legalEditorPath(page)}>
                    {t('settings.edit')}
                    <span className="aw-visually-hidden">: {t(`settings.legal.${page}`)}</span>
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function SecuritySection({ settings, onSaved }: SectionProps): ReactNode {
  const { t, language } = useLanguage();
  const form = useSettingsForm('org-requireMfa');
  const toggle = async (requireMfa: boolean) => {
    const saved = await form.run(() => saveSettings({ requireMfa }), t('settings.saved'));
    if (saved) onSaved(saved);
  };
  return (
    <section aria-labelledby="security-title" className="ad-section">
      <h2 id="security-title">{t('settings.securityTitle')}</h2>
      <ErrorSummary errors={form.errors} uiLanguage={language} focusKey={form.attempt} title={t('problemTitle')} />
      <SavedMessage message={form.message} />
      <div className="aw-choice">
        <input id="org-requireMfa" type="checkbox" checked={settings.requireMfa} aria-disabled={form.busy} onChange={(event) => void toggle(event.target.checked)} />
        <label htmlFor="org-requireMfa">{t('settings.requireMfa')}</label>
      </div>
    </section>
  );
}

