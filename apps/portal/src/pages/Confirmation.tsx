import { useState, type ReactNode } from 'react';
import { localize } from '@amtsweg/ui';
import { downloadFile, Link, PageHeading } from '@amtsweg/ui/app';
import { useLanguage } from '../i18n';
import { accessLink, forgetOnDevice, isRememberedOnDevice, rememberOnDevice } from '../known-cases';
import { useSession } from '../session';
import type { CatalogEntry } from '../services';
import { PrivacyNoticeLink } from '../legal/PrivacyNoticeLink';
import NotFoundPage from './NotFoundPage';

export interface SubmissionAnswer {
  caseId: string;
  reference: string;
  accessToken: string;
  receipt: { documentId: string; title: string; text: string } | null;
}

const sentKey = (serviceId: string) => `amtsweg.sent.${serviceId}`;

/** Keeps the answer of a sent application for this browser session, so the confirmation survives a reload. */
export function rememberConfirmation(serviceId: string, answer: SubmissionAnswer): void {
  sessionStorage.setItem(sentKey(serviceId), JSON.stringify(answer));
}

/** After sending: the reference, the access link and code, the receipt as PDF and as a printable page. */
export function Confirmation({ service }: { service: CatalogEntry }): ReactNode {
  const { t, language } = useLanguage();
  const { citizen } = useSession();
  const [remembered, setRemembered] = useState<boolean | null>(null);
  let stored: string | null = null;
  try {
    stored = sessionStorage.getItem(sentKey(service.id));
  } catch {
    stored = null;
  }
  if (!stored) return <NotFoundPage />;
  const answer = JSON.parse(stored) as SubmissionAnswer;
  const entry = { caseId: answer.caseId, reference: answer.reference, accessToken: answer.accessToken, serviceTitle: service.title };
  const isRemembered = remembered ?? isRememberedOnDevice(answer.caseId);
  const link = accessLink(answer.caseId, answer.accessToken);
  const title = t('confirmationTitle');
  return (
    <>
      <div className="pt-panel">
        <PageHeading title={`${title} – ${localize(service.title, language)}`}>{title}</PageHeading>
        <div className="pt-panel-body">
          {t('yourReference')}
          <br />
          <strong className="pt-reference">{answer.reference}</strong>
        </div>
      </div>
      <h2>{t('whatNext')}</h2>
      <p>{t('whatNextText')}</p>
      <p>
        <Link to={`/antraege/${answer.caseId}`}>{t('viewStatus')}</Link>
      </p>
      <PrivacyNoticeLink intro />
      <h2>{t('accessLinkTitle')}</h2>
      <p>{t('accessLinkText')}</p>
      <CopyField id="access-link" label={t('accessLink')} value={link} />
      <CopyField id="access-code" label={t('accessCode')} value={answer.accessToken} />
      {citizen ? null : (
        <div className="pt-remember">
          <p className="aw-hint">{t('rememberHint')}</p>
          <button
            type="button"
            className="aw-button aw-button--secondary"
            aria-pressed={isRemembered}
            onClick={() => {
              if (isRemembered) forgetOnDevice(answer.caseId);
              else rememberOnDevice(entry);
              setRemembered(!isRemembered);
            }}
          >
            {t('rememberOnDevice')}
          </button>
        </div>
      )}
      {answer.receipt ? (
        <>
          <h2>{t('receipt')}</h2>
          <ul className="pt-document-actions">
            <li>
              <button
                type="button"
                className="aw-link-button"
                onClick={() => void downloadFile(`/api/applicant/cases/${answer.caseId}/documents/${answer.receipt!.documentId}/pdf`, `${answer.receipt!.title}.pdf`, answer.accessToken)}
              >
                {t('downloadPdf')}
                <span className="aw-visually-hidden">: {answer.receipt.title}</span>
              </button>
            </li>
            <li>
              <Link to={`/antraege/${answer.caseId}/dokumente/${answer.receipt.documentId}`}>
                {t('printView')}
                <span className="aw-visually-hidden">: {answer.receipt.title}</span>
              </Link>
            </li>
          </ul>
        </>
      ) : null}
    </>
  );
}

function CopyField({ id, label, value }: { id: string; label: string; value: string }): ReactNode {
  const { t } = useLanguage();
  const [copied, setCopied] = useState(false);
  return (
    <div className="aw-field">
      <label className="aw-label" htmlFor={id}>
        {label}
      </label>
      <div className="pt-copy">
        <input id={id} className="aw-input pt-copy-input" readOnly value={value} onFocus={(event) => event.target.select()} />
        <button
          type="button"
          className="aw-button aw-button--secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true));
          }}
        >
          {t('copy')}
          <span className="aw-visually-hidden">: {label}</span>
        </button>
      </div>
      <p className="pt-save-state" role="status">
        {copied ? t('copied') : ''}
      </p>
    </div>
  );
}
