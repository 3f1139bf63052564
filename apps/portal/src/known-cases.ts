import type { LocalizedText } from '@amtsweg/definitions';
import { apiOrganisation, withRouterBase } from '@amtsweg/ui/app';
import { safeStorage } from './i18n';

/**
 * Applications sent from this browser without an account: the access code (the case's bearer token) is kept
 * for this browser session (it survives reloads, and goes when the browser closes, so the next person at a
 * shared computer does not see it), and on this device for good only when the person asks for it. It never
 * leaves the browser except as the Authorization header of the applicant routes.
 */
export interface KnownCase {
  caseId: string;
  reference: string;
  accessToken: string;
  serviceTitle?: LocalizedText;
  receivedAt?: string;
}

/** Per organisation where several share a host (`/o/<slug>/`): one portal's applications never list in another's. */
const key = (): string => {
  const organisation = apiOrganisation();
  return organisation ? `amtsweg.cases.${organisation}` : 'amtsweg.cases';
};

function sessionStore(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

function readList(storage: Storage | undefined): KnownCase[] {
  try {
    const stored = JSON.parse(storage?.getItem(key()) ?? '[]') as unknown;
    return Array.isArray(stored) ? (stored as KnownCase[]) : [];
  } catch {
    return [];
  }
}

function writeList(storage: Storage | undefined, list: KnownCase[]): void {
  try {
    storage?.setItem(key(), JSON.stringify(list.slice(0, 50)));
  } catch {
    // Storage refused: the access link still opens the application.
  }
}

export function listKnownCases(): KnownCase[] {
  const kept = readList(safeStorage());
  return [...readList(sessionStore()).filter((c) => !kept.some((k) => k.caseId === c.caseId)), ...kept];
}

/** Whether the code of a case is kept on this device beyond the browser session. */
export function isRememberedOnDevice(caseId: string): boolean {
  return readList(safeStorage()).some((c) => c.caseId === caseId);
}

export function findKnownCase(caseId: string): KnownCase | undefined {
  return listKnownCases().find((c) => c.caseId === caseId);
}

/** Keeps the code for this browser session (and updates it where it is kept on the device). */
export function rememberCase(entry: KnownCase): void {
  writeList(sessionStore(), [entry, ...readList(sessionStore()).filter((c) => c.caseId !== entry.caseId)]);
  if (isRememberedOnDevice(entry.caseId)) rememberOnDevice(entry);
}

/** Keeps the code on this device for good, at the person's request (their own device). */
export function rememberOnDevice(entry: KnownCase): void {
  writeList(safeStorage(), [entry, ...readList(safeStorage()).filter((c) => c.caseId !== entry.caseId)]);
}

export function forgetOnDevice(caseId: string): void {
  writeList(safeStorage(), readList(safeStorage()).filter((c) => c.caseId !== caseId));
  writeList(sessionStore(), readList(sessionStore()).filter((c) => c.caseId !== caseId));
}

/** The address that opens an application with its code; the code is in the fragment, which no server sees. */
export function accessLink(caseId: string, accessToken: string): string {
  return `${location.origin}${withRouterBase(`/antraege/${encodeURIComponent(caseId)}`)}#code=${encodeURIComponent(accessToken)}`;
}
