import type { ReactNode } from 'react';
import type { Translate } from '../i18n';
import { LegalPageEditor } from './LegalPageEditor';
import { LEGAL_PAGE_NAMES } from './organisation-settings-api';
import { OrganisationSettingsPage } from './OrganisationSettingsPage';
import { legalEditorPath, SETTINGS_PATH } from './settings-paths';

/** The organisation's settings: one page, and an editor for each legal page below it. */
export const ORGANISATION_SETTINGS_AREA = {
  path: SETTINGS_PATH,
  label: (t: Translate) => t('settings.title'),
  permission: 'organisation:manage',
  render: (path: string): ReactNode => {
    const page = LEGAL_PAGE_NAMES.find((name) => path === legalEditorPath(name) || path === `${legalEditorPath(name)}/`);
    return page ? <LegalPageEditor key={page} page={page} /> : <OrganisationSettingsPage />;
  },
};
