import type { ReactNode } from 'react';
import { Link, matchPath, mayUseFrontEnd, RouterProvider, StaffFrame, StaffNoPermissionPage, StaffSessionProvider, usePlace, useStaffSession } from '@amtsweg/ui/app';
import { LanguageProvider, useLanguage } from './i18n';
import { AccountPage } from './pages/AccountPage';
import { CaseListPage } from './pages/CaseListPage';
import { CasePage } from './pages/CasePage';

export const BASE = '/inbox';
const ACCOUNT_PATH = `${BASE}/konto`;

export function App(): ReactNode {
  return (
    <LanguageProvider>
      <RouterProvider>
        <StaffSessionProvider>
          <Layout />
        </StaffSessionProvider>
      </RouterProvider>
    </LanguageProvider>
  );
}

function Layout(): ReactNode {
  const { t, language, setLanguage } = useLanguage();
  return (
    <StaffFrame appName={t('appName')} frontEnd="inbox" language={language} setLanguage={setLanguage}>
      <Permitted />
    </StaffFrame>
  );
}

type Route = { page: 'list' } | { page: 'case'; caseId: string } | { page: 'account' };

function findRoute(path: string): Route {
  if (matchPath(ACCOUNT_PATH, path)) return { page: 'account' };
  const params = matchPath(`${BASE}/vorgaenge/:caseId`, path);
  if (params && /^[0-9a-f-]{36}$/i.test(params.caseId!)) return { page: 'case', caseId: params.caseId! };
  return { page: 'list' };
}

/** The inbox's sections, on every page once someone is logged in (the frame's header belongs to all staff apps). */
function SectionNav(): ReactNode {
  const { t } = useLanguage();
  const { page } = findRoute(usePlace().path);
  return (
    <nav aria-label={t('sections')} className="ib-sections">
      <ul>
        <li>
          <Link to={`${BASE}/`} aria-current={page === 'list' ? 'page' : undefined}>
            {t('listTitle')}
          </Link>
        </li>
        <li>
          <Link to={ACCOUNT_PATH} aria-current={page === 'account' ? 'page' : undefined}>
            {t('accountTitle')}
          </Link>
        </li>
      </ul>
    </nav>
  );
}

/** Staff without the caseworker's permission get the account page and an explanation, never failed requests. */
function Permitted(): ReactNode {
  const { t, language } = useLanguage();
  const { staff } = useStaffSession();
  const route = findRoute(usePlace().path);
  if (!mayUseFrontEnd('inbox', staff?.permissions ?? [])) {
    return route.page === 'account' ? <AccountPage /> : <StaffNoPermissionPage frontEnd="inbox" appName={t('appName')} language={language} />;
  }
  return (
    <>
      <SectionNav />
      <Routes />
    </>
  );
}

function Routes(): ReactNode {
  const route = findRoute(usePlace().path);
  if (route.page === 'account') return <AccountPage />;
  if (route.page === 'case') return <CasePage key={route.caseId} caseId={route.caseId} />;
  return <CaseListPage />;
}
