import type { ReactNode } from 'react';
import { StaffNoPermissionPage } from '@amtsweg/ui/app';
import { useLanguage } from './i18n';

/**
 * For staff without any administration area's permission: says so plainly and leads to the front ends they can
 * use and to their own account, instead of a page of failed requests.
 */
export function NoPermissionPage(): ReactNode {
  const { t, language } = useLanguage();
  return <StaffNoPermissionPage frontEnd="admin" appName={t('appName')} language={language} />;
}
