import { lazy, Suspense, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary } from '@amtsweg/ui';
import { ApiError, Link, PageHeading, useLoad } from '@amtsweg/ui/app';
import { Field } from '../form-field';
import { useLanguage } from '../i18n';
import { LEGAL_TEMPLATES } from './legal-templates';
import { loadSettings, saveSettings, type LegalPageName, type OrganisationSettings } from './organisation-settings-api';
import { countToComplete } from './OrganisationSettingsPage';
import { SETTINGS_PATH } from './settings-paths';
import { useSettingsForm } from './use-settings-form';
import './organisation-settings.css';

// The Markdown renderer is loaded with the first preview only.
const LegalPreview = lazy(() => import('./LegalPreview'));

/** The editor of one legal page: German and English text, each with a live preview, a template to start from, and (for the accessibility statement) the feedback address. */
export function LegalPageEditor({ page }: { page: LegalPageName }): ReactNode {
  const { t } = useLanguage();
  const loaded = useLoad(loadSettings, []);
  const title = t(`settings.legal.${page}`);
  return (
    <>
      <p>
        <Link to={`${SETTINGS_PATH}/`}>{t('settings.backToSettings')}</Link>
      </p>
      <PageHeading title={`${title} – ${t('settings.title')}`}>{title}</PageHeading>
      {loaded.state === 'done' ? (
        <EditorForm page={page} settings={loaded.value} />
      ) : loaded.state === 'failed' ? (
        <div className="pt-notice pt-notice--error" role="alert">
          <p>{loaded.error instanceof ApiError ? loaded.error.message : t('loadFailed')}</p>
          <button type="button" className="aw-button aw-button--secondary" onClick={loaded.retry}>
            {t('tryAgain')}
          </button>
        </div>
      ) : (
        <p role="status">{t('loading')}</p>
      )}
    </>
  );
}

function EditorForm({ page, settings }: { page: LegalPageName; settings: OrganisationSettings }): ReactNode {
  const { t, language } = useLanguage();
  const form = useSettingsForm(`org-legalPages-${page}-de`);
  const stored = settings.legalPages[page];
  const [texts, setTexts] = useState({ de: stored?.de ?? '', en: stored?.en ?? '' });
  const [feedback, setFeedback] = useState(settings.legalPages.accessibilityFeedbackEmail);
  const [notice, setNotice] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    await form.run(
      () => saveSettings({ legalPages: { [page]: texts, ...(page === 'accessibility' ? { accessibilityFeedbackEmail: feedback } : {}) } }),
      t('settings.saved'),
    );
  };
  const insertTemplate = (which: 'de' | 'en') => {
    if (texts[which].trim() !== '' && !window.confirm(t('settings.templateReplaces'))) return;
    setTexts((current) => ({ ...current, [which]: LEGAL_TEMPLATES[page][which] }));
    setNotice(t('settings.templateInserted'));
    document.getElementById(`org-legalPages-${page}-${which}`)?.focus();
  };
  const open = countToComplete(`${texts.de}\n${texts.en}`);
  return (
    <>
      <ErrorSummary errors={form.errors} uiLanguage={language} focusKey={form.attempt} title={t('problemTitle')} />
      <p className="ad-lead">{t('settings.editorIntro')}</p>
      <p role="status" className={form.message || notice ? 'pt-notice pt-notice--success' : 'ad-empty-status'}>
        {form.message ?? notice}
      </p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        {(['de', 'en'] as const).map((which) => {
          const id = `org-legalPages-${page}-${which}`;
          const languageName = which === 'de' ? t('settings.languageGerman') : t('settings.languageEnglish');
          return (
            <div key={which} className="ad-legal-editor">
              <div>
                <Field
                  id={id}
                  label={which === 'de' ? t('settings.german') : <Optional label={t('settings.english')} />}
                  hint={which === 'en' ? t('settings.englishHint') : undefined}
                  error={form.errorAt(id)}
                >
                  {(description) => (
                    <textarea
                      id={id}
                      lang={which}
                      className="aw-textarea ad-legal-textarea"
                      rows={18}
                      spellCheck
                      value={texts[which]}
                      onChange={(event) => setTexts((current) => ({ ...current, [which]: event.target.value }))}
                      {...description}
                    />
                  )}
                </Field>
                <p className="aw-hint">{t('settings.useTemplateHint')}</p>
                <button type="button" className="aw-button aw-button--secondary" onClick={() => insertTemplate(which)}>
                  {t('settings.useTemplate')}
                  <span className="aw-visually-hidden">: {languageName}</span>
                </button>
              </div>
              <section aria-labelledby={`${id}-preview-title`} className="ad-legal-preview" lang={which}>
                <h2 id={`${id}-preview-title`} className="ad-legal-preview-title" lang={language}>
                  {t('settings.preview')(languageName)}
                </h2>
                {texts[which].trim() === '' ? (
                  <p className="aw-hint" lang={language}>
                    {t('settings.previewEmpty')}
                  </p>
                ) : (
                  <Suspense fallback={<p lang={language}>{t('loading')}</p>}>
                    <LegalPreview text={texts[which]} />
                  </Suspense>
                )}
              </section>
            </div>
          );
        })}
        {page === 'accessibility' ? (
          <Field id="org-legalPages-accessibilityFeedbackEmail" label={t('settings.feedbackEmail')} hint={t('settings.feedbackEmailHint')} error={form.errorAt('org-legalPages-accessibilityFeedbackEmail')}>
            {(description) => (
              <input
                id="org-legalPages-accessibilityFeedbackEmail"
                className="aw-input ad-input--wide"
                type="email"
                autoComplete="email"
                value={feedback}
                onChange={(event) => setFeedback(event.target.value)}
                {...description}
              />
            )}
          </Field>
        ) : null}
        {open > 0 ? <p className="pt-notice">{t('settings.stillToComplete')(open)}</p> : null}
        <button type="submit" className="aw-button" aria-disabled={form.busy}>
          {t('settings.save')}
        </button>
      </form>
    </>
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
