import { useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, downloadFile, Link, PageHeading } from '@amtsweg/ui/app';
import { useLanguage } from '../i18n';
import { findKnownCase } from '../known-cases';
import NotFoundPage from './NotFoundPage';

interface DocumentView {
  id: string;
  title: string;
  createdAt: string;
  text: string;
}

/** A document as a printable page (receipt, letter, notice): the text as issued, and a print button. */
export default function DocumentPage({ caseId, documentId }: { caseId: string; documentId: string }): ReactNode {
  const { t } = useLanguage();
  const [document, setDocument] = useState<DocumentView | null | undefined>(undefined);
  const [failed, setFailed] = useState<string | null>(null);
  const token = findKnownCase(caseId)?.accessToken;
  useEffect(() => {
    api<DocumentView>(`/api/applicant/cases/${caseId}/documents/${documentId}`, { accessToken: token })
      .then(setDocument)
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) setDocument(null);
        else setFailed(error instanceof ApiError ? error.message : t('loadFailed'));
      });
  }, [caseId, documentId, token, t]);
  if (document === null) return <NotFoundPage />;
  if (failed)
    return (
      <div className="pt-notice pt-notice--error" role="alert">
        {failed}
      </div>
    );
  if (!document) return <p role="status">{t('loading')}</p>;
  return (
    <article className="pt-document">
      <p className="pt-no-print">
        <Link to={`/antraege/${caseId}`} className="pt-back-link">
          {t('back')}
        </Link>
      </p>
      <PageHeading title={document.title}>{document.title}</PageHeading>
      <div className="pt-document-text">{document.text}</div>
      <p className="pt-no-print pt-actions">
        <button type="button" className="aw-button" onClick={() => window.print()}>
          {t('print')}
        </button>
        <button type="button" className="aw-button aw-button--secondary" onClick={() => void downloadFile(`/api/applicant/cases/${caseId}/documents/${documentId}/pdf`, `${document.title}.pdf`, token)}>
          {t('downloadPdf')}
        </button>
      </p>
    </article>
  );
}
