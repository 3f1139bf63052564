import type { ReactNode } from 'react';
import { Link, PageHeading, useLoad } from '@amtsweg/ui/app';
import { ORGANISATIONS_PATH } from '../App';
import { useLanguage } from '../i18n';
import { loadOrganisations } from './organisations-api';
import { LoadStatus } from '../LoadStatus';

/** The platform operator's list of the installation's organisations, with their host names and sizes. */
export function OrganisationsPage(): ReactNode {
  const { t } = useLanguage();
  const loaded = useLoad(loadOrganisations, []);
  return (
    <>
      <PageHeading title={`${t('organisationsTitle')} – ${t('appName')}`}>{t('organisationsTitle')}</PageHeading>
      <p className="ad-lead">{t('organisationsIntro')}</p>
      <p>
        <Link to={`${ORGANISATIONS_PATH}/neu`} className="aw-button">
          {t('newOrganisation')}
        </Link>
      </p>
      <LoadStatus loaded={loaded} />
      {loaded.state === 'done' ? (
        <table className="ad-table">
          <caption>{t('organisationsTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('organisationName')}</th>
              <th scope="col">{t('organisationSlug')}</th>
              <th scope="col">{t('organisationHosts')}</th>
              <th scope="col">{t('organisationStaff')}</th>
              <th scope="col">{t('organisationServices')}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.value.map((organisation) => (
              <tr key={organisation.id}>
                <th scope="row">
                  <Link to={`${ORGANISATIONS_PATH}/${organisation.id}`} aria-label={t('editHosts')(organisation.name)}>
                    {organisation.name}
                  </Link>
                </th>
                <td>
                  <code>{organisation.slug}</code>
                </td>
                <td>{organisation.hosts.length > 0 ? organisation.hosts.join(', ') : t('noHosts')}</td>
                <td>{organisation.staffCount}</td>
                <td>{organisation.serviceCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
