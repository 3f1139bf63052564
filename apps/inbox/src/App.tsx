import type { ReactNode } from 'react';
import { matchPath, RouterProvider, usePlace } from '@amtsweg/ui/app';
import { LanguageProvider, useLanguage } from './i18n';
import { CaseListPage } from './pages/CaseListPage';
import { CasePage } from './pages/CasePage';
import { LoginPage } from './pages/LoginPage';
import { SessionProvider, useSession } from './session';

export const BASE = '/inbox';

export function App(): ReactNode {
  return (
    <LanguageProvider>
      <RouterProvider>
        <SessionProvider>
          <Layout />
        </SessionProvider>
      </RouterProvider>
    </LanguageProvider>
  );
}

function Layout(): ReactNode {
  const { t, language, setLanguage } = useLanguage();
  const { staff, logOut } = useSession();
  return (
    <>
      <a className="pt-skip-link" href="#main">
        {t('skipLink')}
      </a>
      <header className="ib-header">
        <span className="ib-app-name">{t('appName')}</span>
        <nav className="ib-header-actions" aria-label={t('appName')}>
          {staff ? <span className="ib-who">{staff.displayName}</span> : null}
          <button type="button" className="ib-header-button" lang={language === 'de' ? 'en' : 'de'} aria-label={t('otherLanguageLabel')} onClick={() => setLanguage(language === 'de' ? 'en' : 'de')}>
            {t('otherLanguage')}
          </button>
          {staff ? (
            <button type="button" className="ib-header-button" onClick={() => void logOut()}>
              {t('logOut')}
            </button>
          ) : null}
        </nav>
      </header>
      <main id="main" className="ib-main" tabIndex={-1}>
        {staff === undefined ? <p role="status">{t('loading')}</p> : staff === null ? <LoginPage /> : <Routes />}
      </main>
    </>
  );
}

function Routes(): ReactNode {
  const { path } = usePlace();
  const params = matchPath(`${BASE}/vorgaenge/:caseId`, path);
  if (params && /^[0-9a-f-]{36}$/i.test(params.caseId!)) return <CasePage key={params.caseId} caseId={params.caseId!} />;
  return <CaseListPage />;
}
