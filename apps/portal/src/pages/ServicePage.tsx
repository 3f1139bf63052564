import { useState, type ReactNode } from 'react';
import { localize } from '@amtsweg/ui';
import { api, ApiError, Link, PageHeading, useLoad } from '@amtsweg/ui/app';
import { chooseDraft, clearLocalDraft, fetchServerDraft, loadLocalDraft } from '../drafts';
import { formatDateTime, useLanguage } from '../i18n';
import { findService, loadVersion } from '../services';
import { useSession } from '../session';
import { LoadState } from './LoadState';

/** A service's start page: what it is for, what to have at hand, how long it takes; start or continue. */
export default function ServicePage({ slug }: { slug: string }): ReactNode {
  const { t, language } = useLanguage();
  const { citizen } = useSession();
  const [discarded, setDiscarded] = useState(0);
  const loaded = useLoad(async () => {
    const service = await findService(slug);
    if (!service) throw new ApiError(404, 'SERVICE_NOT_FOUND', '');
    // A logged-in citizen may have started on another device.
    const [version, serverDraft] = await Promise.all([
      loadVersion(service.id, service.publishedVersion),
      citizen ? fetchServerDraft(service.id).catch(() => undefined) : undefined,
    ]);
    return { service, version, serverDraft };
  }, [slug, citizen?.id, discarded]);
  if (loaded.state !== 'done') return <LoadState loaded={loaded} />;
  const { service, version, serverDraft } = loaded.value;
  const title = localize(service.title, language);
  const draft = chooseDraft(loadLocalDraft(service.id, citizen?.id ?? null), serverDraft);
  const hasDraft = draft !== undefined && Object.keys(draft.answers).length > 0;
  const firstPage = version.definition.form.pages[0]?.id ?? '';
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {service.description ? (
        <section aria-labelledby="what-for">
          <h2 id="what-for">{t('whatFor')}</h2>
          <p>{localize(service.description, language)}</p>
        </section>
      ) : null}
      {service.preparation ? (
        <section aria-labelledby="have-at-hand">
          <h2 id="have-at-hand">{t('haveAtHand')}</h2>
          <p>{localize(service.preparation, language)}</p>
        </section>
      ) : null}
      {service.duration ? (
        <section aria-labelledby="how-long">
          <h2 id="how-long">{t('howLong')}</h2>
          <p>{localize(service.duration, language)}</p>
        </section>
      ) : null}
      {hasDraft ? (
        <div className="pt-notice">
          <p>{t('draftFound')(formatDateTime(draft.updatedAt, language))}</p>
          <div className="pt-actions">
            <Link to={`/dienste/${slug}/antrag/${draft.pageId ?? firstPage}`} className="aw-button">
              {t('continueDraft')}
            </Link>
            <button
              type="button"
              className="aw-button aw-button--secondary"
              onClick={() => {
                if (!window.confirm(t('startOverConfirm'))) return;
                clearLocalDraft(service.id, citizen?.id ?? null);
                void (citizen ? api(`/api/drafts/${service.id}`, { method: 'DELETE' }).catch(() => undefined) : Promise.resolve()).then(() => setDiscarded((n) => n + 1));
              }}
            >
              {t('startOver')}
            </button>
          </div>
        </div>
      ) : (
        <Link to={`/dienste/${slug}/antrag/${firstPage}`} className="aw-button pt-start-button">
          {t('startNow')}
          <svg className="pt-start-icon" aria-hidden="true" focusable="false" width="17.5" height="19" viewBox="0 0 33 40">
            <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
          </svg>
        </Link>
      )}
      <p className="aw-hint">{citizen ? t('draftHintLoggedIn') : t('draftHintAnonymous')}</p>
    </>
  );
}
