import { lazy, Suspense, type ReactNode } from 'react';
import { Link, matchPath, navigate, RouterProvider, usePlace } from '@amtsweg/ui/app';
import { LanguageProvider, useLanguage } from './i18n';
import { SiteFooter } from './legal/SiteFooter';
import { useSite } from './legal/site';
import { SessionProvider, useSession } from './session';

// Each page is its own chunk: the catalog never loads the form renderer, the form never loads "my applications".
const CatalogPage = lazy(() => import('./pages/CatalogPage'));
const ServicePage = lazy(() => import('./pages/ServicePage'));
const ApplicationPage = lazy(() => import('./pages/ApplicationPage'));
const StatusPage = lazy(() => import('./pages/StatusPage'));
const MyApplicationsPage = lazy(() => import('./pages/MyApplicationsPage'));
const DocumentPage = lazy(() => import('./pages/DocumentPage'));
const LoginPage = lazy(() => import('./pages/LoginPage'));
const ConfirmAccountPage = lazy(() => import('./pages/ConfirmAccountPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
// The legal pages bring the Markdown renderer: loaded only when one of them is opened.
const LegalPage = lazy(() => import('./legal/LegalPage'));

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
  const { citizen, logOut } = useSession();
  const site = useSite();
  return (
    <>
      <a className="pt-skip-link" href="#main">
        {t('skipLink')}
      </a>
      <header className="pt-header">
        <div className="pt-container pt-header-inner">
          <Link to="/" className="pt-site-name">
            {/* The name stands next to the logo, so the logo adds nothing to say (empty alt). */}
            {site?.logo ? <img className="pt-site-logo" src={site.logo.url} alt="" /> : null}
            <span className="pt-site-title">
              <span className="pt-site-organisation">{site?.name}</span> <span>{t('siteName')}</span>
            </span>
          </Link>
          <nav aria-label={t('mainNavigation')} className="pt-nav">
            <ul>
              <li>
                <Link to="/">{t('catalogLink')}</Link>
              </li>
              <li>
                <Link to="/antraege">{t('myApplications')}</Link>
              </li>
              {citizen ? (
                <li>
                  <button
                    type="button"
                    className="pt-nav-button"
                    onClick={() => {
                      void logOut().then(() => navigate('/'));
                    }}
                  >
                    {t('logOut')}
                    <span className="aw-visually-hidden"> ({citizen.displayName})</span>
                  </button>
                </li>
              ) : citizen === null ? (
                <li>
                  <Link to="/anmelden">{t('logIn')}</Link>
                </li>
              ) : null}
              <li>
                <button type="button" className="pt-nav-button" lang={language === 'de' ? 'en' : 'de'} aria-label={t('otherLanguageLabel')} onClick={() => setLanguage(language === 'de' ? 'en' : 'de')}>
                  {t('otherLanguage')}
                </button>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="pt-container pt-main" tabIndex={-1}>
        <Suspense fallback={<p className="pt-loading">{t('loading')}</p>}>
          <Routes />
        </Suspense>
      </main>
      <SiteFooter />
    </>
  );
}

function Routes(): ReactNode {
  const { path } = usePlace();
  let params: Record<string, string> | null;
  if (path === '/' || path === '') return <CatalogPage />;
  if ((params = matchPath('/dienste/:slug', path))) return <ServicePage slug={params.slug!} />;
  if ((params = matchPath('/dienste/:slug/antrag/:step', path))) return <ApplicationPage key={params.slug} slug={params.slug!} step={params.step!} />;
  if (path === '/antraege' || path === '/antraege/') return <MyApplicationsPage />;
  // Case and document ids go into API paths: only real ids (no "../" smuggled in through the address).
  if ((params = matchPath('/antraege/:caseId/dokumente/:documentId', path)) && isUuid(params.caseId) && isUuid(params.documentId))
    return <DocumentPage caseId={params.caseId!} documentId={params.documentId!} />;
  if ((params = matchPath('/antraege/:caseId', path)) && isUuid(params.caseId)) return <StatusPage key={params.caseId} caseId={params.caseId!} />;
  // Keyed: login and registration are separate pages ("check your mail" must not carry over to the login).
  if (path === '/anmelden') return <LoginPage key="login" mode="login" />;
  if (path === '/registrieren') return <LoginPage key="register" mode="register" />;
  if (path === '/registrieren/bestaetigen') return <ConfirmAccountPage />;
  if (path === '/impressum') return <LegalPage key="imprint" page="imprint" />;
  if (path === '/datenschutz') return <LegalPage key="privacy" page="privacy" />;
  if (path === '/barrierefreiheit') return <LegalPage key="accessibility" page="accessibility" />;
  return <NotFoundPage />;
}

function isUuid(value: string | undefined): boolean {
  return value !== undefined && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
