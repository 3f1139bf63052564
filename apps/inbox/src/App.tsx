import type { ReactNode } from 'react';
import { matchPath, RouterProvider, StaffFrame, StaffSessionProvider, usePlace } from '@amtsweg/ui/app';
import { LanguageProvider, useLanguage } from './i18n';
import { CaseListPage } from './pages/CaseListPage';
import { CasePage } from './pages/CasePage';

export const BASE = '/inbox';

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
    <StaffFrame appName={t('appName')} language={language} setLanguage={setLanguage}>
      <Routes />
    </StaffFrame>
  );
}

function Routes(): ReactNode {
  const { path } = usePlace();
  const params = matchPath(`${BASE}/vorgaenge/:caseId`, path);
  if (params && /^[0-9a-f-]{36}$/i.test(params.caseId!)) return <CasePage key={params.caseId} caseId={params.caseId!} />;
  return <CaseListPage />;
}
