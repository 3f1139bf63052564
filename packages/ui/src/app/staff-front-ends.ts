/** The staff front ends and the permissions that open them (any one of them suffices). */
export const STAFF_FRONT_ENDS = [
  { key: 'inbox', href: '/inbox/', permissions: ['cases:read'] },
  { key: 'studio', href: '/studio/', permissions: ['services:design'] },
  { key: 'admin', href: '/admin/', permissions: ['users:manage', 'organisation:manage', 'tokens:manage', 'audit:read', 'organisations:manage'] },
] as const;

export type StaffFrontEnd = (typeof STAFF_FRONT_ENDS)[number]['key'];

/** Whether someone with these permissions may use the front end. */
export function mayUseFrontEnd(frontEnd: StaffFrontEnd, permissions: readonly string[]): boolean {
  const entry = STAFF_FRONT_ENDS.find((candidate) => candidate.key === frontEnd)!;
  return entry.permissions.some((permission) => permissions.includes(permission));
}

/** The front ends someone with these permissions may use, in the header's order. */
export function usableFrontEnds(permissions: readonly string[]): (typeof STAFF_FRONT_ENDS)[number][] {
  return STAFF_FRONT_ENDS.filter((entry) => mayUseFrontEnd(entry.key, permissions));
}

/** Where the front end keeps the account page. */
export function accountPathOf(frontEnd: StaffFrontEnd): string {
  return `/${frontEnd}/konto`;
}
