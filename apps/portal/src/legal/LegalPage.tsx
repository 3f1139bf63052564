import type { ReactNode } from 'react';
import { PageHeading } from '@amtsweg/ui/app';
import { LoadState } from '../pages/LoadState';
import { useLanguage } from '../i18n';
import { useLoad } from '@amtsweg/ui/app';
import { LegalMarkdown } from './LegalMarkdown';
import { ContactBlock } from './SiteFooter';
import { loadSite, type LegalPageName } from './site';

const TITLES = { imprint: 'imprintTitle', privacy: 'privacyTitle', accessibility: 'accessibilityTitle' } as const;

/**
 * Impressum, Datenschutzerklärung or Erklärung zur Barrierefreiheit as the organisation wrote it (in English when
 * there is an English text, else in German). A page not written yet says so and how to reach the organisation;
 * the accessibility statement always ends with the address for reporting barriers.
 */
export default function LegalPage({ page }: { page: LegalPageName }): ReactNode {
  const { t, language } = useLanguage();
  const loaded = useLoad(loadSite, []);
  const title = t(TITLES[page]);
  if (loaded.state !== 'done') {
    return (
      <>
        <PageHeading title={title}>{title}</PageHeading>
        <LoadState loaded={loaded} />
      </>
    );
  }
  const site = loaded.value;
  const text = site.legalPages[page];
  const english = language === 'en' && text?.en ? text.en : undefined;
  const feedback = site.legalPages.accessibilityFeedbackEmail;
  return (
    <>
      <PageHeading title={`${title} – ${site.name}`}>{title}</PageHeading>
      {text ? (
        <>
          {language === 'en' && !english ? <p className="aw-hint">{t('legalOnlyGerman')}</p> : null}
          <div className="pt-legal-text" lang={english ? 'en' : 'de'}>
            <LegalMarkdown text={english ?? text.de} />
          </div>
        </>
      ) : (
        <>
          <p className="pt-lead">{t('legalNotWritten')(site.name, t('legalPageArticle')(page))}</p>
          <p>{t('legalNotWrittenReach')}</p>
          <ContactBlock site={site} headingLevel={2} />
        </>
      )}
      {page === 'accessibility' && feedback ? (
        <section aria-labelledby="feedback-title">
          <h2 id="feedback-title">{t('feedbackTitle')}</h2>
          <p>
            {t('feedbackText')} <a href={`mailto:${feedback}`}>{feedback}</a>
          </p>
        </section>
      ) : null}
    </>
  );
}
