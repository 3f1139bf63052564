import type { Translate } from '../i18n';

type RoleKey = `staff.role.${'administrator' | 'designer' | 'caseworker' | 'operator'}`;
type RoleHintKey = `staff.roleHint.${'administrator' | 'designer' | 'caseworker' | 'operator'}`;
const KNOWN = new Set(['administrator', 'designer', 'caseworker', 'operator']);

/** A staff role as people call it; a role this front end does not know keeps its technical name. */
export function staffRoleLabel(t: Translate, role: string): string {
  return KNOWN.has(role) ? t(`staff.role.${role}` as RoleKey) : role;
}

/** What a staff role allows, in one sentence. */
export function staffRoleHint(t: Translate, role: string): string {
  return KNOWN.has(role) ? t(`staff.roleHint.${role}` as RoleHintKey) : '';
}

/** A list of roles for a table cell: "Administration, Gestaltung (Studio)", or "keine". */
export function staffRoleList(t: Translate, roles: readonly string[]): string {
  return roles.length === 0 ? t('staff.noRoles') : roles.map((role) => staffRoleLabel(t, role)).join(', ');
}
