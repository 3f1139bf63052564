import type { ReactNode } from 'react';
import { matchPath } from '@amtsweg/ui/app';
import type { Translate } from '../i18n';
import { NewStaffPage } from './NewStaffPage';
import { STAFF_PATH } from './staff-paths';
import { StaffListPage } from './StaffListPage';
import { StaffPage } from './StaffPage';

/** The staff area: the list of accounts, creating one, and an account's page. */
export const STAFF_AREA = {
  path: STAFF_PATH,
  label: (t: Translate) => t('staff.staffTitle'),
  permission: 'users:manage',
  render: (path: string): ReactNode => {
    if (matchPath(`${STAFF_PATH}/neu`, path)) return <NewStaffPage />;
    const params = matchPath(`${STAFF_PATH}/:userId`, path);
    if (params && /^[0-9a-f-]{36}$/i.test(params.userId!)) return <StaffPage key={params.userId} userId={params.userId!} />;
    return <StaffListPage />;
  },
};
