import { useMemo, useState, type ReactNode } from 'react';
import type { DocumentTemplate } from '@amtsweg/definitions';
import { ApiError, downloadFile } from '@amtsweg/ui/app';
import { FieldFrame } from '../area-controls/FieldFrame';
import { listLanguages } from '../area-controls/localized-text';
import { todayIso } from '../area-controls/reference-example';
import { useAreaTexts } from '../area-controls/use-area-texts';
import { useLanguageName } from '../area-controls/use-language-name';
import { useEditor } from '../editor-context';
import { DOCUMENTS_TEXTS, LETTER_WORDS } from './documents-texts';
import { renderTemplatePreview } from './example-data';

/**
 * The template as a letter with example data, rendered in the browser as the text changes, in each language
 * the service offers; and the PDF the server makes of it ("Vorschau als PDF", marked as a draft).
 */
export function TemplatePreview({ template, idPrefix }: { template: DocumentTemplate; idPrefix: string }): ReactNode {
  const { definition, serviceId } = useEditor();
  const t = useAreaTexts(DOCUMENTS_TEXTS);
  const languageName = useLanguageName();
  const languages = listLanguages(definition.settings.languages);
  const [chosenLanguage, setChosenLanguage] = useState('de');
  const language = languages.includes(chosenLanguage) ? chosenLanguage : 'de';
  const letter = useMemo(() => renderTemplatePreview(definition, template, language, todayIso()), [definition, template, language]);
  const [pdf, setPdf] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const words = language === 'en' ? 'en' : 'de';
  const title = letter.parts.title ?? '';

  const openPdf = async () => {
    if (pdf.busy) return;
    setPdf({ busy: true });
    try {
      await downloadFile(
        `/api/services/${encodeURIComponent(serviceId)}/templates/${encodeURIComponent(template.id)}/preview/pdf`,
        `${template.id}-vorschau.pdf`,
        undefined,
        { definition },
      );
      setPdf({ busy: false });
    } catch (error) {
      setPdf({ busy: false, error: error instanceof ApiError ? error.message : t('previewPdfFailed') });
    }
  };

  const block = (text: string | undefined, className = '') =>
    text === undefined || text.trim() === '' ? null : <p className={`st-letter-part aw-preserve-lines ${className}`.trim()}>{text}</p>;

  return (
    <section className="st-letter-preview" aria-labelledby={`${idPrefix}-title`}>
      <h4 id={`${idPrefix}-title`}>{t('previewTitle')}</h4>
      <p className="aw-hint">{t('previewHint')}</p>
      {languages.length > 1 ? (
        <FieldFrame id={`${idPrefix}-language`} label={t('previewLanguage')}>
          {(control) => (
            <select {...control} className="aw-select aw-input--number" value={language} onChange={(event) => setChosenLanguage(event.target.value)}>
              {languages.map((code) => (
                <option key={code} value={code}>
                  {languageName(code)}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
      ) : null}
      <article className="st-letter" lang={language} aria-label={t('previewLetter')(title)}>
        {block(letter.parts.authority, 'st-letter-authority')}
        {block(letter.parts.addressee, 'st-letter-addressee')}
        {title.trim() === '' ? null : <p className="st-letter-title">{title}</p>}
        {block(letter.parts.subject, 'st-letter-subject')}
        {block(letter.parts.operative)}
        {letter.parts.reasoning?.trim() ? (
          <>
            <p className="st-letter-heading">{LETTER_WORDS.reasoning[words]}</p>
            {block(letter.parts.reasoning)}
          </>
        ) : null}
        {block(letter.parts.body)}
        {letter.parts.legalRemedy?.trim() ? (
          <>
            <p className="st-letter-heading">{LETTER_WORDS.legalRemedy[words]}</p>
            {block(letter.parts.legalRemedy)}
          </>
        ) : null}
        {letter.signature?.mode === 'signed' ? block(`${letter.signature.name}\n${letter.signature.position}`, 'st-letter-signature') : null}
        {letter.signature?.mode === 'automatic' ? block(letter.signature.note, 'st-letter-signature') : null}
      </article>
      <div className="st-button-row">
        <button type="button" className="aw-button aw-button--secondary" aria-disabled={pdf.busy} onClick={() => void openPdf()}>
          {t('previewPdf')}
        </button>
      </div>
      <p role="status" className="aw-hint">
        {pdf.busy ? t('previewPdfLoading') : ''}
      </p>
      {pdf.error ? (
        <p role="alert" className="aw-error-message">
          {pdf.error}
        </p>
      ) : null}
    </section>
  );
}
