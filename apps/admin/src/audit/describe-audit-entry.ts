import { localize } from '@amtsweg/ui';
import { TEXTS } from '../texts';
import type { Translate } from '../i18n';
import type { AuditEntry } from './audit-api';

type KindKey = Extract<keyof typeof TEXTS, `audit.kind.${string}`>;
type ReasonKey = Extract<keyof typeof TEXTS, `audit.reason.${string}`>;
type SubjectTypeKey = Extract<keyof typeof TEXTS, `audit.subjectType.${string}`>;
type ScopeKey = Extract<keyof typeof TEXTS, `tokens.scope.${string}`>;
type RoleKey = Extract<keyof typeof TEXTS, `staff.role.${string}`>;

const known = (key: string) => key in TEXTS;

/** An event's kind for people ("Anmeldung fehlgeschlagen"); a kind this front end does not know keeps its name. */
export function auditKindLabel(t: Translate, kind: string): string {
  return known(`audit.kind.${kind}`) ? t(`audit.kind.${kind}` as KindKey) : kind;
}

/** Who did it: a person by name, Amtsweg itself, nobody logged in, or an account that is gone. */
export function auditActor(t: Translate, entry: AuditEntry): string {
  if (entry.actorId === null) return ['login-failed', 'login-throttled', 'account-locked'].includes(entry.kind) ? t('audit.nobody') : t('audit.system');
  return entry.actorName ?? t('audit.unknownAccount');
}

/** Whom or what it concerned: an account, token, webhook or the organisation by name, or that it is gone. */
export function auditSubject(t: Translate, entry: AuditEntry): string {
  if (entry.subjectId === null) return typeof entry.details.email === 'string' ? t('audit.unknownEmail')(entry.details.email) : '–';
  if (entry.subjectName === null) return entry.subjectId === entry.actorId ? t('audit.unknownAccount') : t('audit.unknownSubject');
  const type = `audit.subjectType.${entry.subjectType ?? ''}`;
  return known(type) ? `${t(type as SubjectTypeKey)}: ${entry.subjectName}` : entry.subjectName;
}

/** The details worth a glance, in words: which role in which service, roles before and after, why a login failed. */
export function auditDetails(t: Translate, language: 'de' | 'en', entry: AuditEntry): string {
  const d = entry.details;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const role = (id: string) => (known(`staff.role.${id}`) ? t(`staff.role.${id}` as RoleKey) : id);
  switch (entry.kind) {
    case 'role-granted':
    case 'role-revoked':
      return t('audit.roleInService')(localize(d.roleLabel ?? { de: text(d.role) }, language), localize(d.serviceTitle ?? { de: text(d.serviceId) }, language));
    case 'roles-changed': {
      const parts: string[] = [];
      const roles = d.roles as { from?: string[]; to?: string[] } | undefined;
      if (roles?.from && roles.to) parts.push(t('audit.rolesFromTo')(roles.from.map(role).join(', ') || '–', roles.to.map(role).join(', ') || '–'));
      const grants = d.serviceRoles as { from?: unknown[]; to?: unknown[] } | undefined;
      if (grants?.from && grants.to) parts.push(t('audit.serviceRolesFromTo')(grants.from.length, grants.to.length));
      return parts.join('; ');
    }
    case 'user-renamed':
      return t('audit.renamed')(text(d.from), text(d.to));
    case 'user-created':
      return Array.isArray(d.roles) ? (d.roles as string[]).map(role).join(', ') : '';
    case 'api-token-created':
      return Array.isArray(d.scopes)
        ? t('audit.scopes')((d.scopes as string[]).map((scope) => (known(`tokens.scope.${scope}`) ? t(`tokens.scope.${scope}` as ScopeKey) : scope)).join(', '))
        : '';
    case 'api-token-revoked':
    case 'login-failed':
    case 'login-throttled':
    case 'account-locked': {
      const reason = text(d.reason);
      const parts = [known(`audit.reason.${reason}`) ? t(`audit.reason.${reason}` as ReasonKey) : reason];
      if (typeof d.failedAttempts === 'number') parts.push(t('audit.failedAttempts')(d.failedAttempts));
      return parts.filter(Boolean).join(', ');
    }
    case 'login':
      return typeof d.method === 'string' && d.method !== 'password' ? t('audit.via')(d.method) : '';
    default:
      return '';
  }
}
