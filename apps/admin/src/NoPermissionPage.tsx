import type { ReactNode } from 'react';
import { PageHeading, useStaffSession } from '@amtsweg/ui/app';
import { useLanguage } from './i18n';

/**
 * For staff without the administrator's permission: says so plainly and leads to the front ends they can use,
 * instead of a page of failed requests.
 */
export function NoPermissionPage(): ReactNode {
  const { t } = useLanguage();
  const { staff } = useStaffSession();
  const permissions = staff?.permissions ?? [];
  const elsewhere = [
    ...(permissions.includes('cases:read') ? [{ href: '/inbox/', label: t('goToInbox') }] : []),
    ...(permissions.includes('services:design') ? [{ href: '/studio/', label: t('goToStudio') }] : []),
  ];
  return (
    <div className="ad-narrow">
      <PageHeading title={`${t('noPermissionTitle')} – ${t('appName')}`}>{t('noPermissionTitle')}</PageHeading>
      <p>{t('noPermissionText')(staff?.displayName ?? '')}</p>
      {elsewhere.length > 0 ? (
        <ul className="pt-actions aw-plain-list">
          {elsewhere.map((link) => (
            <li key={link.href}>
              <a href={link.href}>{link.label}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
