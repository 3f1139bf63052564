import type { ReactNode } from 'react';
import { ApiError, type Loaded } from '@amtsweg/ui/app';
import { useLanguage } from './i18n';

/**
 * What a page says while its data loads, or when loading failed (the server's message, or a general one, with
 * "Erneut versuchen"); nothing once it is there.
 */
export function LoadStatus({ loaded }: { loaded: Loaded<unknown> }): ReactNode {
  const { t } = useLanguage();
  if (loaded.state === 'loading') return <p role="status">{t('loading')}</p>;
  if (loaded.state === 'done') return null;
  return (
    <div className="pt-notice pt-notice--error" role="alert">
      <p>{loaded.error instanceof ApiError ? loaded.error.message : t('loadFailed')}</p>
      <button type="button" className="aw-button aw-button--secondary" onClick={loaded.retry}>
        {t('tryAgain')}
      </button>
    </div>
  );
}
