import { memo, useCallback, useDeferredValue, useId, useRef, useState, type ReactNode } from 'react';
import type { FormPage } from '@amtsweg/definitions';
import { FormPageView, isPageShown, localize, textDirection, uiLanguageOf, writeAnswer, type Answers, type FileUploader } from '@amtsweg/ui';
import { useFormTexts } from './form-texts';

const NO_ERRORS: ReadonlyMap<string, string> = new Map();

// Nothing leaves the browser while trying the form: a chosen file is only named in the test answers.
const keepFileLocally: FileUploader = (file, _field, onProgress) => {
  onProgress(1);
  return Promise.resolve({ id: crypto.randomUUID(), name: file.name, mediaType: file.type || 'application/octet-stream', size: file.size });
};

/**
 * The page being designed, drawn by the portal's own renderer in one of the service's languages. Switched to
 * "try filling in", it can be filled and its conditions react as in the portal (the shared evaluator); otherwise
 * it is inert, so its inputs are not in the tab order. Rendered from a deferred page, so typing in the
 * properties panel stays quick on long pages. Memoised: selecting a field or a save status does not redraw it.
 */
export const FormPreview = memo(function FormPreview({ page, languages }: { page: FormPage; languages: readonly string[] }): ReactNode {
  const t = useFormTexts();
  const headingId = useId();
  const languageId = useId();
  const [language, setLanguage] = useState('de');
  const [trying, setTrying] = useState(false);
  const [answers, setAnswers] = useState<Answers>({});
  const answersRef = useRef(answers);
  answersRef.current = answers;
  const shownPage = useDeferredValue(page);
  const previewLanguage = languages.includes(language) ? language : 'de';

  const onChange = useCallback((pointer: string, value: unknown) => {
    const next = writeAnswer(answersRef.current, pointer, value);
    answersRef.current = next;
    setAnswers(next);
  }, []);

  return (
    <section className="st-preview" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('previewTitle')}</h2>
      <div className="st-preview-controls">
        {languages.length > 1 ? (
          <div className="st-property">
            <label className="aw-label" htmlFor={languageId}>
              {t('previewLanguage')}
            </label>
            <select id={languageId} className="aw-select st-small-select" value={previewLanguage} onChange={(event) => setLanguage(event.target.value)}>
              {languages.map((code) => (
                <option key={code} value={code}>
                  {code === 'de' ? 'Deutsch' : code === 'en' ? 'English' : code.toUpperCase()}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="aw-choice">
          <input id={`${headingId}-try`} type="checkbox" checked={trying} aria-describedby={`${headingId}-try-hint`} onChange={(event) => setTrying(event.target.checked)} />
          <div>
            <label htmlFor={`${headingId}-try`}>{t('testFill')}</label>
            <div id={`${headingId}-try-hint`} className="aw-hint st-choice-hint">
              {trying ? t('testFillHint') : t('previewInert')}
            </div>
          </div>
        </div>
        {trying ? (
          <button type="button" className="st-small-button" onClick={() => setAnswers({})}>
            {t('clearTestAnswers')}
          </button>
        ) : null}
      </div>
      {trying && !isPageShown(shownPage, answers) ? <p className="pt-notice">{t('previewPageHidden')}</p> : null}
      <div className={`st-preview-page${trying ? '' : ' st-preview-page--inert'}`} lang={previewLanguage} dir={textDirection(previewLanguage)} inert={!trying}>
        <h3 className="st-preview-title">{localize(shownPage.title, previewLanguage)}</h3>
        <PreviewPage page={shownPage} answers={answers} language={previewLanguage} onChange={onChange} />
      </div>
    </section>
  );
});

interface PreviewPageProps {
  page: FormPage;
  answers: Answers;
  language: string;
  onChange: (pointer: string, value: unknown) => void;
}

// Memoised on the deferred page: the urgent render after an edit still holds the old page and skips this, so
// drawing a long page never delays the canvas.
const PreviewPage = memo(function PreviewPage({ page, answers, language, onChange }: PreviewPageProps): ReactNode {
  return (
    <FormPageView
      page={page}
      answers={answers}
      language={language}
      uiLanguage={uiLanguageOf(language)}
      errors={NO_ERRORS}
      onChange={onChange}
      upload={keepFileLocally}
    />
  );
});
