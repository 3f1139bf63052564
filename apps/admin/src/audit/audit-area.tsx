import type { ReactNode } from 'react';
import type { Translate } from '../i18n';
import { AuditPage } from './AuditPage';

export const AUDIT_PATH = '/admin/protokoll';

/** The audit trail: one page, filtered by kind and period, fifty entries at a time. */
export const AUDIT_AREA = {
  path: AUDIT_PATH,
  label: (t: Translate) => t('audit.title'),
  permission: 'audit:read',
  render: (): ReactNode => <AuditPage />,
};
