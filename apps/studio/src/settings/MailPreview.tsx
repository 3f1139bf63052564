import { useMemo, type ReactNode } from 'react';
import { composeApplicantMail, type MailOccasion } from '@amtsweg/definitions';
import type { MailLanguage } from '@amtsweg/editor';
import { useAreaTexts } from '../area-controls/use-area-texts';
import { useEditor } from '../editor-context';
import { useLanguage } from '../i18n';
import { createExampleMailValues } from './example-mail';
import { MAIL_TEXTS } from './mail-texts';

/**
 * One e-mail to the applicant as it would be sent, rendered with `composeApplicantMail` and example data as the
 * text changes; or the note that it is not sent. The words of the mail are in the mail's language, the
 * Studio's own words in the Studio's.
 */
export function MailPreview({
  occasion,
  name,
  language,
  today,
  answers,
  idPrefix,
}: {
  occasion: MailOccasion;
  name: string;
  language: MailLanguage;
  today: string;
  answers: Record<string, unknown>;
  idPrefix: string;
}): ReactNode {
  const { definition } = useEditor();
  const t = useAreaTexts(MAIL_TEXTS);
  const { language: studioLanguage } = useLanguage();
  const mail = useMemo(
    () => composeApplicantMail(definition, occasion, language, createExampleMailValues(definition, occasion, language, today, window.location.origin, answers)),
    [definition, occasion, language, today, answers],
  );
  return (
    <div className="st-mail-preview">
      <h5 id={`${idPrefix}-title`} className="st-mail-preview-title">
        {t('previewTitle')}
      </h5>
      {mail === null ? (
        <p>{t('previewNotSent')}</p>
      ) : (
        <article className="st-mail-message" lang={language} aria-label={t('previewOf')(name)}>
          <p className="st-mail-subject">
            <span className="st-mail-label" lang={studioLanguage}>
              {t('subject')}:
            </span>{' '}
            {mail.subject}
          </p>
          <p className="st-mail-body aw-preserve-lines">{mail.text}</p>
        </article>
      )}
    </div>
  );
}
