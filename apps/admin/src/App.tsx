import type { ReactNode } from 'react';
import { accountPathOf, Link, matchPath, RouterProvider, StaffAccountPage, StaffFrame, StaffSessionProvider, usePlace, useStaffSession } from '@amtsweg/ui/app';
import { LanguageProvider, useLanguage, type Translate } from './i18n';
import { NoPermissionPage } from './NoPermissionPage';
import { AUDIT_AREA } from './audit/audit-area';
import { ORGANISATION_SETTINGS_AREA } from './organisation/organisation-area';
import { STAFF_AREA } from './staff/staff-area';
import { TOKENS_AREA } from './tokens/tokens-area';
import { NewOrganisationPage } from './organisations/NewOrganisationPage';
import { OrganisationPage } from './organisations/OrganisationPage';
import { OrganisationsPage } from './organisations/OrganisationsPage';
import { EndpointPage } from './webhooks/EndpointPage';
import { NewEndpointPage } from './webhooks/NewEndpointPage';
import { WebhooksPage } from './webhooks/WebhooksPage';

export const BASE = '/admin';
export const WEBHOOKS_PATH = `${BASE}/webhooks`;
export const ORGANISATIONS_PATH = `${BASE}/organisationen`;

/**
 * An area of the administration: where it lives, what it is called, which permission its routes on the server
 * require (an area the person may not use is not offered), and what it shows for a path below it.
 */
interface Area {
  path: string;
  label: (t: Translate) => string;
  permission: string;
  render: (path: string) => ReactNode;
}

/** The areas in the order the navigation offers them; the first the person may use is the start page. */
const AREAS: readonly Area[] = [
  STAFF_AREA,
  {
    path: WEBHOOKS_PATH,
    label: (t) => t('webhooksTitle'),
    permission: 'organisation:manage',
    render: (path) => {
      if (matchPath(`${WEBHOOKS_PATH}/neu`, path)) return <NewEndpointPage />;
      const params = matchPath(`${WEBHOOKS_PATH}/:endpointId`, path);
      if (params && /^[0-9a-f-]{36}$/i.test(params.endpointId!)) return <EndpointPage key={params.endpointId} endpointId={params.endpointId!} />;
      return <WebhooksPage />;
    },
  },
  TOKENS_AREA,
  AUDIT_AREA,
  ORGANISATION_SETTINGS_AREA,
  {
    path: ORGANISATIONS_PATH,
    label: (t) => t('organisationsTitle'),
    permission: 'organisations:manage',
    render: (path) => {
      if (matchPath(`${ORGANISATIONS_PATH}/neu`, path)) return <NewOrganisationPage />;
      const params = matchPath(`${ORGANISATIONS_PATH}/:organisationId`, path);
      if (params && /^[0-9a-f-]{36}$/i.test(params.organisationId!)) return <OrganisationPage key={params.organisationId} organisationId={params.organisationId!} />;
      return <OrganisationsPage />;
    },
  },
];

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
    <StaffFrame appName={t('appName')} frontEnd="admin" language={language} setLanguage={setLanguage}>
      <Permitted />
    </StaffFrame>
  );
}

/** The frame shows this only to someone logged in; without any area's permission they learn so instead of seeing errors. */
function Permitted(): ReactNode {
  const { staff } = useStaffSession();
  const { path } = usePlace();
  const { t, language } = useLanguage();
  // Every staff member's own account lives here too, whatever their roles.
  if (matchPath(accountPathOf('admin'), path)) return <StaffAccountPage appName={t('appName')} language={language} />;
  const areas = AREAS.filter((area) => staff?.permissions.includes(area.permission));
  if (areas.length === 0) return <NoPermissionPage />;
  const current = areas.find((area) => path === area.path || path.startsWith(`${area.path}/`)) ?? areas[0]!;
  return (
    <>
      <AreaNav areas={areas} current={current} />
      {current.render(path)}
    </>
  );
}

function AreaNav({ areas, current }: { areas: readonly Area[]; current: Area }): ReactNode {
  const { t } = useLanguage();
  return (
    <nav aria-label={t('areas')} className="aw-tabs">
      <ul>
        {areas.map((area) => (
          <li key={area.path}>
            <Link to={`${area.path}/`} aria-current={area === current ? 'page' : undefined}>
              {area.label(t)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
