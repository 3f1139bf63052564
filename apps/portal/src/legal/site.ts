import { useEffect, useState } from 'react';
import { api } from '@amtsweg/ui/app';

export type LegalPageName = 'imprint' | 'privacy' | 'accessibility';
export interface LegalText {
  de: string;
  en?: string;
}

/** What the portal shows about the organisation (`GET /api/site`). */
export interface Site {
  name: string;
  address: string;
  contact: { email?: string; phone?: string; website?: string; openingHours?: string };
  /** `url` names the organisation (`?organisation=<slug>`), so it serves as an <img> source under /o/<slug>/ too, which sends no header. */
  logo: { type: string; url: string } | null;
  legalPages: Record<LegalPageName, LegalText | null> & { accessibilityFeedbackEmail: string };
}

/** The address of each legal page in the portal. */
export const LEGAL_PATHS: Record<LegalPageName, string> = { imprint: '/impressum', privacy: '/datenschutz', accessibility: '/barrierefreiheit' };

// Read once per page load: every page's footer needs it, and it changes rarely (the server lets it be cached a minute).
let loading: Promise<Site> | undefined;

export function loadSite(): Promise<Site> {
  loading ??= api<Site>('/api/site').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** The organisation's site facts; undefined while loading or when they could not be read (the footer then shows only its links). */
export function useSite(): Site | undefined {
  const [site, setSite] = useState<Site | undefined>(undefined);
  useEffect(() => {
    let current = true;
    loadSite().then(
      (value) => current && setSite(value),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return site;
}
