import type { ReactNode } from 'react';
import { Link, matchPath, RouterProvider, StaffFrame, StaffSessionProvider, usePlace, useStaffSession } from '@amtsweg/ui/app';
import { LanguageProvider, useLanguage } from './i18n';
import { NoPermissionPage } from './NoPermissionPage';
import { EndpointPage } from './webhooks/EndpointPage';
import { NewEndpointPage } from './webhooks/NewEndpointPage';
import { WebhooksPage } from './webhooks/WebhooksPage';

export const BASE = '/admin';
export const WEBHOOKS_PATH = `${BASE}/webhooks`;
/** What the administration is for: the permission its routes on the server require. */
const PERMISSION = 'organisation:manage';

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
      <Permitted />
    </StaffFrame>
  );
}

/** The frame shows this only to someone logged in; without the permission they learn so instead of seeing errors. */
function Permitted(): ReactNode {
  const { staff } = useStaffSession();
  if (!staff?.permissions.includes(PERMISSION)) return <NoPermissionPage />;
  return (
    <>
      <AreaNav />
      <Routes />
    </>
  );
}

/** The administration's areas; webhooks are the first. */
function AreaNav(): ReactNode {
  const { t } = useLanguage();
  const { path } = usePlace();
  return (
    <nav aria-label={t('areas')} className="aw-tabs">
      <ul>
        <li>
          <Link to={`${WEBHOOKS_PATH}/`} aria-current={path.startsWith(WEBHOOKS_PATH) || path === `${BASE}/` ? 'page' : undefined}>
            {t('webhooksTitle')}
          </Link>
        </li>
      </ul>
    </nav>
  );
}

function Routes(): ReactNode {
  const { path } = usePlace();
  if (matchPath(`${WEBHOOKS_PATH}/neu`, path)) return <NewEndpointPage />;
  const params = matchPath(`${WEBHOOKS_PATH}/:endpointId`, path);
  if (params && /^[0-9a-f-]{36}$/i.test(params.endpointId!)) return <EndpointPage key={params.endpointId} endpointId={params.endpointId!} />;
  return <WebhooksPage />;
}
