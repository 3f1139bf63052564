import { useEffect, useState, type ReactNode } from 'react';
import type { LocalizedText } from '@amtsweg/definitions';
import { localize } from '@amtsweg/ui';
import { api, Link, PageHeading } from '@amtsweg/ui/app';
import { formatDateTime, useLanguage } from '../i18n';
import { listKnownCases } from '../known-cases';
import { loadCatalog } from '../services';
import { useSession } from '../session';

interface CaseSummary {
  id: string;
  reference: string;
  serviceTitle: LocalizedText;
  status: 'active' | 'done';
  statusText: LocalizedText;
  receivedAt: string;
  waitingForApplicant?: boolean;
}

interface DraftSummary {
  serviceId: string;
  serviceTitle: LocalizedText;
  pageId: string | null;
  updatedAt: string;
}

/** "My applications": the account's cases and drafts, and the cases sent from this browser without an account. */
export default function MyApplicationsPage(): ReactNode {
  const { t, language } = useLanguage();
  const { citizen } = useSession();
  const [cases, setCases] = useState<CaseSummary[] | undefined>(undefined);
  const [drafts, setDrafts] = useState<(DraftSummary & { slug: string })[]>([]);

  useEffect(() => {
    if (citizen === undefined) return;
    const known = listKnownCases();
    const own = citizen ? api<{ cases: CaseSummary[] }>('/api/applicant/cases').then((answer) => answer.cases) : Promise.resolve([]);
    // Cases sent from this browser are asked one by one with their code; one that is gone is left out.
    const fromBrowser = Promise.all(
      known.map((entry) =>
        api<CaseSummary & { openRequest: unknown }>(`/api/applicant/cases/${entry.caseId}`, { accessToken: entry.accessToken }).then(
          (view) => ({ ...view, waitingForApplicant: view.openRequest !== null }),
          () => undefined,
        ),
      ),
    );
    void Promise.all([own, fromBrowser]).then(([mine, browser]) => {
      const all = new Map<string, CaseSummary>();
      for (const entry of [...mine, ...browser]) if (entry) all.set(entry.id, entry);
      setCases([...all.values()].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)));
    });
    if (citizen) {
      void Promise.all([api<{ drafts: DraftSummary[] }>('/api/drafts'), loadCatalog()])
        .then(([answer, catalog]) =>
          setDrafts(
            answer.drafts.flatMap((draft) => {
              const service = catalog.find((s) => s.id === draft.serviceId);
              return service ? [{ ...draft, slug: service.slug }] : [];
            }),
          ),
        )
        .catch(() => setDrafts([]));
    }
  }, [citizen]);

  const title = t('myApplications');
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p>{t('myApplicationsIntro')}</p>
      {citizen === null ? (
        <p>
          <Link to="/anmelden">{t('logIn')}</Link>
        </p>
      ) : null}
      {drafts.length > 0 ? (
        <section aria-labelledby="drafts-title">
          <h2 id="drafts-title">{t('drafts')}</h2>
          <ul className="pt-case-list">
            {drafts.map((draft) => (
              <li key={draft.serviceId} className="pt-case">
                <Link to={draft.pageId ? `/dienste/${draft.slug}/antrag/${draft.pageId}` : `/dienste/${draft.slug}`}>{localize(draft.serviceTitle, language)}</Link>
                <p className="pt-meta">{t('lastSaved')(formatDateTime(draft.updatedAt, language))}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {cases === undefined ? (
        <p role="status">{t('loading')}</p>
      ) : cases.length === 0 ? (
        <p>{t('noApplications')}</p>
      ) : (
        <ul className="pt-case-list">
          {cases.map((entry) => (
            <li key={entry.id} className="pt-case">
              <h2 className="pt-case-title">
                <Link to={`/antraege/${entry.id}`}>
                  {localize(entry.serviceTitle, language)} <span className="pt-meta">– {entry.reference}</span>
                </Link>
              </h2>
              <p>
                <strong className={`pt-tag${entry.waitingForApplicant ? ' pt-tag--action' : entry.status === 'done' ? ' pt-tag--done' : ''}`}>
                  {entry.waitingForApplicant ? t('waitingForYou') : entry.status === 'done' ? t('done') : t('inProgress')}
                </strong>{' '}
                {localize(entry.statusText, language)}
              </p>
              <p className="pt-meta">
                {t('receivedOn')} {formatDateTime(entry.receivedAt, language)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
