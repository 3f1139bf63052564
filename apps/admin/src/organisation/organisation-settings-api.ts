import { api, uploadWithProgress } from '@amtsweg/ui/app';

export type LegalPageName = 'imprint' | 'privacy' | 'accessibility';
export const LEGAL_PAGE_NAMES: readonly LegalPageName[] = ['imprint', 'privacy', 'accessibility'];

export interface OrganisationContact {
  email?: string;
  phone?: string;
  website?: string;
  openingHours?: string;
}

/** The organisation's settings as `GET /api/organisation` answers them. */
export interface OrganisationSettings {
  id: string;
  name: string;
  address: string;
  requireMfa: boolean;
  contact: OrganisationContact;
  letterhead: string;
  logo: { type: string; url: string } | null;
  legalPages: Record<LegalPageName, { de: string; en?: string } | null> & { accessibilityFeedbackEmail: string };
  updatedAt: string;
}

export interface SettingsChanges {
  name?: string;
  address?: string;
  requireMfa?: boolean;
  contact?: OrganisationContact;
  letterhead?: string;
  legalPages?: Partial<Record<LegalPageName, { de: string; en: string }>> & { accessibilityFeedbackEmail?: string };
}

export function loadSettings(): Promise<OrganisationSettings> {
  return api<OrganisationSettings>('/api/organisation');
}

export function saveSettings(changes: SettingsChanges): Promise<OrganisationSettings> {
  return api<OrganisationSettings>('/api/organisation', { method: 'PATCH', body: changes });
}

export function uploadLogo(file: File): Promise<OrganisationSettings> {
  const form = new FormData();
  form.append('file', file);
  return uploadWithProgress<OrganisationSettings>('/api/organisation/logo', form, () => undefined);
}

export function removeLogo(): Promise<OrganisationSettings> {
  return api<OrganisationSettings>('/api/organisation/logo', { method: 'DELETE' });
}

/** The id of the input a server error points at: `/body/contact/email` → `org-contact-email`. */
export function fieldIdOf(path: string): string {
  return `org-${path.replace(/^\/body\//, '').replace(/\//g, '-')}`;
}
