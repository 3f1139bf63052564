import type { StaffRole } from '@amtsweg/db';

/** What a staff role or an API token allows; routes require one of these. */
export const PERMISSIONS = [
  'cases:read',
  'cases:act',
  'services:design',
  'users:manage',
  'tokens:manage',
  'audit:read',
  'organisation:manage',
  'organisations:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Who may call a route, declared next to its schema in `config.access`:
 * - `public`: anyone;
 * - `applicant`: anyone, but the route opens a case only for its access token or the citizen account that filed it;
 * - `account`: any logged-in account, also while its login still waits for the second factor;
 * - `citizen`: a logged-in citizen;
 * - a permission: a fully logged-in staff member (or API token) whose roles grant it.
 */
export type RouteAccess = 'public' | 'applicant' | 'account' | 'citizen' | Permission;

export const STAFF_ROLES: readonly StaffRole[] = ['administrator', 'designer', 'caseworker'];

export const ROLE_PERMISSIONS: Readonly<Record<StaffRole, readonly Permission[]>> = {
  administrator: ['users:manage', 'tokens:manage', 'audit:read', 'organisation:manage'],
  designer: ['services:design'],
  caseworker: ['cases:read', 'cases:act'],
  // Runs the installation: creates organisations. Granted at installation (CLI), never by an organisation's administrator.
  operator: ['organisations:manage'],
};

/** What an API token may be limited to; administration stays with people. */
export const TOKEN_SCOPES = ['cases:read', 'cases:act', 'services:design'] as const satisfies readonly Permission[];

export function permissionsOfRoles(roles: readonly StaffRole[]): Set<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** false for the few state-changing routes that need no CSRF token (logging in starts a new session anyway). */
    csrf?: boolean;
    /**
     * `account` routes are for people with a session; an API token may call one only where this is true (asking
     * who it is). A token must never change its account's password or second factor.
     */
    allowTokens?: boolean;
  }
}
