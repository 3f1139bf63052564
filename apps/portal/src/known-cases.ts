import type { LocalizedText } from '@amtsweg/definitions';
import { safeStorage } from './i18n';

/**
 * Applications sent from this browser without an account: the access code (the case's bearer token) is kept
 * here, so the status page opens again after a reload or next week. It never leaves the browser except as the
 * Authorization header of the applicant routes.
 */
export interface KnownCase {
  caseId: string;
  reference: string;
  accessToken: string;
  serviceTitle?: LocalizedText;
  receivedAt?: string;
}

const KEY = 'amtsweg.cases';

export function listKnownCases(): KnownCase[] {
  try {
    const stored = JSON.parse(safeStorage()?.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(stored) ? (stored as KnownCase[]) : [];
  } catch {
    return [];
  }
}

export function findKnownCase(caseId: string): KnownCase | undefined {
  return listKnownCases().find((c) => c.caseId === caseId);
}

export function rememberCase(entry: KnownCase): void {
  const others = listKnownCases().filter((c) => c.caseId !== entry.caseId);
  safeStorage()?.setItem(KEY, JSON.stringify([entry, ...others].slice(0, 50)));
}

/** The address that opens an application with its code; the code is in the fragment, which no server sees. */
export function accessLink(caseId: string, accessToken: string): string {
  return `${location.origin}/antraege/${encodeURIComponent(caseId)}#code=${encodeURIComponent(accessToken)}`;
}
