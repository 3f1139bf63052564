import type { LegalPageName } from './organisation-settings-api';

export const SETTINGS_PATH = '/admin/einstellungen';
/** The editor of each legal page, under the settings: the same words the portal's addresses use. */
export const LEGAL_SLUGS: Record<LegalPageName, string> = { imprint: 'impressum', privacy: 'datenschutz', accessibility: 'barrierefreiheit' };

export function legalEditorPath(page: LegalPageName): string {
  return `${SETTINGS_PATH}/${LEGAL_SLUGS[page]}`;
}
