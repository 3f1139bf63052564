import { lazy, Suspense, type ReactNode } from 'react';
import { accountPathOf, matchPath, mayUseFrontEnd, RouterProvider, StaffAccountPage, StaffFrame, StaffNoPermissionPage, StaffSessionProvider, usePlace, useStaffSession } from '@amtsweg/ui/app';
import { LanguageProvider, useLanguage } from './i18n';
import { ServiceListPage } from './pages/ServiceListPage';

export const BASE = '/studio';

// The editor (dnd-kit, the designers, the preview) loads only when a service is opened.
const EditorPage = lazy(() => import('./pages/EditorPage').then((module) => ({ default: module.EditorPage })));

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
    <StaffFrame appName={t('appName')} frontEnd="studio" language={language} setLanguage={setLanguage}>
      <Routes />
    </StaffFrame>
  );
}

function Routes(): ReactNode {
  const { t, language } = useLanguage();
  const { staff } = useStaffSession();
  const { path } = usePlace();
  // The account page is every staff member's; the rest needs the designer's permission, else an explanation.
  if (matchPath(accountPathOf('studio'), path)) return <StaffAccountPage appName={t('appName')} language={language} />;
  if (!mayUseFrontEnd('studio', staff?.permissions ?? [])) return <StaffNoPermissionPage frontEnd="studio" appName={t('appName')} language={language} />;
  const params = matchPath(`${BASE}/dienste/:serviceId`, path);
  if (params && /^[0-9a-f-]{36}$/i.test(params.serviceId!)) {
    return (
      <Suspense fallback={<p role="status">{t('loading')}</p>}>
        <EditorPage key={params.serviceId} serviceId={params.serviceId!} />
      </Suspense>
    );
  }
  return <ServiceListPage />;
}
