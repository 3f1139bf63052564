import type { LocalizedText } from '@amtsweg/definitions';
import { api } from '@amtsweg/ui/app';

export interface Grant {
  serviceId: string;
  role: string;
}

/** A staff account as the administration API shows it. */
export interface StaffAccount {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  serviceRoles: Grant[];
  secondFactorEnabled: boolean;
  /** Failed logins of the last 24 hours, from every client. */
  failedLogins: number;
  /** Clients (connections) that must wait after failed logins; the others log in as usual. */
  waitingClients: number;
  /** Until when the last of them waits. */
  lockedUntil: string | null;
  disabled: boolean;
  createdAt: string;
}

/** The staff roles an administrator grants (the operator role is granted at installation only). */
export const STAFF_ROLES = ['administrator', 'designer', 'caseworker'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** What can be granted: every service with the process roles its published versions declare, with labels (never a draft's, never `applicant` or `system`). */
export interface ServiceWithRoles {
  serviceId: string;
  slug: string;
  title: LocalizedText;
  roles: { id: string; label: LocalizedText }[];
}

export interface AccountChanges {
  displayName?: string;
  roles?: string[];
  /** A new password: the old one stops working and the account's sessions end. */
  password?: string;
  disabled?: boolean;
  unlock?: true;
  resetSecondFactor?: true;
}

export async function loadStaff(): Promise<StaffAccount[]> {
  return (await api<{ users: StaffAccount[] }>('/api/users')).users;
}

export function loadAccount(userId: string): Promise<StaffAccount> {
  return api<StaffAccount>(`/api/users/${userId}`);
}

export async function loadServicesWithRoles(): Promise<ServiceWithRoles[]> {
  return (await api<{ services: ServiceWithRoles[] }>('/api/roles')).services;
}

export function createAccount(body: { email: string; displayName: string; password: string; roles: string[] }): Promise<StaffAccount> {
  return api<StaffAccount>('/api/users', { method: 'POST', body });
}

export function changeAccount(userId: string, changes: AccountChanges): Promise<StaffAccount> {
  return api<StaffAccount>(`/api/users/${userId}`, { method: 'PATCH', body: changes });
}

export function grantServiceRole(userId: string, grant: Grant): Promise<StaffAccount> {
  return api<StaffAccount>(`/api/users/${userId}/service-roles`, { method: 'POST', body: grant });
}

export function revokeServiceRole(userId: string, grant: Grant): Promise<StaffAccount> {
  return api<StaffAccount>(`/api/users/${userId}/service-roles/${grant.serviceId}/${encodeURIComponent(grant.role)}`, { method: 'DELETE' });
}
