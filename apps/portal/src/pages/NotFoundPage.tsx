import type { ReactNode } from 'react';
import { useLanguage } from '../i18n';
import { Link, PageHeading } from '@amtsweg/ui/app';

export default function NotFoundPage(): ReactNode {
  const { t } = useLanguage();
  return (
    <>
      <PageHeading title={t('notFoundTitle')}>{t('notFoundTitle')}</PageHeading>
      <p>{t('notFoundText')}</p>
      <p>
        <Link to="/">{t('catalogLink')}</Link>
      </p>
    </>
  );
}
