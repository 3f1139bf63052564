import type { ReactNode } from 'react';
import { ApiError, useLoad } from '@amtsweg/ui/app';
import { useEditor } from '../editor-context';
import { useLanguage } from '../i18n';
import { useVersionsTexts } from './use-versions-texts';
import { VersionComparison } from './VersionComparison';
import { VersionList } from './VersionList';
import { listPublishedVersions } from './version-requests';

/**
 * The Versions area: the published versions (when, by whom), comparing any two of them or one with the draft,
 * and starting a new draft from a version. `onDraftReplaced` is called after the server replaced the draft, so
 * the editor loads it.
 */
export function VersionsPanel({ onDraftReplaced }: { onDraftReplaced: () => void }): ReactNode {
  const { serviceId } = useEditor();
  const { t } = useLanguage();
  const { v } = useVersionsTexts();
  const loaded = useLoad(() => listPublishedVersions(serviceId), [serviceId]);

  return (
    <div className="st-versions">
      <section aria-labelledby="versions-list-title">
        <h2 id="versions-list-title">{v('listTitle')}</h2>
        {loaded.state === 'loading' ? <p role="status">{t('loading')}</p> : null}
        {loaded.state === 'failed' ? (
          <div className="pt-notice pt-notice--error" role="alert">
            <p>{loaded.error instanceof ApiError ? loaded.error.message : v('loadFailed')}</p>
            <button type="button" className="aw-button aw-button--secondary" onClick={loaded.retry}>
              {v('retry')}
            </button>
          </div>
        ) : null}
        {loaded.state === 'done' ? <VersionList versions={loaded.value} onDraftReplaced={onDraftReplaced} /> : null}
      </section>
      {loaded.state === 'done' ? (
        <section className="st-section" aria-labelledby="versions-compare-title">
          <h2 id="versions-compare-title">{v('compareTitle')}</h2>
          <VersionComparison versions={loaded.value} />
        </section>
      ) : null}
    </div>
  );
}
