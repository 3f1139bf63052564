import type { ReactNode } from 'react';
import { ApiError, type Loaded } from '@amtsweg/ui/app';
import { useLanguage } from '../i18n';
import NotFoundPage from './NotFoundPage';

/** What a page shows while its data loads or when loading failed (404 shows the not-found page). */
export function LoadState({ loaded }: { loaded: Exclude<Loaded<unknown>, { state: 'done' }> }): ReactNode {
  const { t } = useLanguage();
  if (loaded.state === 'loading') return <p className="pt-loading" role="status">{t('loading')}</p>;
  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage />;
  return (
    <div className="pt-notice pt-notice--error" role="alert">
      <p>{loaded.error instanceof ApiError ? loaded.error.message : t('loadFailed')}</p>
      <button type="button" className="aw-button aw-button--secondary" onClick={loaded.retry}>
        {t('tryAgain')}
      </button>
    </div>
  );
}
