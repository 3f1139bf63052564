import { describe, expect, it } from 'vitest';
import type { Translate } from '../i18n';
import { TEXTS } from '../texts';
import type { AuditEntry } from './audit-api';
import { auditActor, auditDetails, auditKindLabel, auditSubject } from './describe-audit-entry';

const t = ((key: keyof typeof TEXTS) => TEXTS[key].de) as Translate;
const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  at: '2026-12-07T08:00:00.000Z',
  kind: 'role-granted',
  actorId: 'a',
  actorName: 'Anna Admin',
  subjectId: 'b',
  subjectName: 'Berta Bauer',
  subjectType: 'account',
  ip: null,
  details: {},
  ...overrides,
});

describe('audit entries in words', () => {
  it('names kinds for people and keeps unknown kinds as they are', () => {
    expect(auditKindLabel(t, 'login-failed')).toBe('Anmeldung fehlgeschlagen');
    expect(auditKindLabel(t, 'something-new')).toBe('something-new');
  });

  it('names actors and subjects, and says when one is gone or was never an account', () => {
    expect(auditActor(t, entry({}))).toBe('Anna Admin');
    expect(auditActor(t, entry({ actorName: null }))).toBe('unbekanntes oder gelöschtes Konto');
    expect(auditActor(t, entry({ actorId: null, kind: 'login-failed' }))).toBe('niemand Angemeldetes');
    expect(auditActor(t, entry({ actorId: null, kind: 'user-created' }))).toBe('Amtsweg (automatisch)');
    expect(auditSubject(t, entry({}))).toBe('Berta Bauer');
    expect(auditSubject(t, entry({ subjectType: 'api-token', subjectName: 'Fachverfahren' }))).toBe('Token: Fachverfahren');
    expect(auditSubject(t, entry({ subjectName: null, subjectType: null }))).toBe('nicht mehr vorhanden');
    expect(auditSubject(t, entry({ subjectId: null, details: { email: 'x@example.org' } }))).toBe('kein Konto für x@example.org');
  });

  it('words the details of grants, role changes and failed logins', () => {
    const grant = entry({ details: { serviceId: 's', role: 'dogTax', serviceTitle: { de: 'Hundeanmeldung', en: 'Dog registration' }, roleLabel: { de: 'Sachbearbeitung Hundesteuer' } } });
    expect(auditDetails(t, 'de', grant)).toBe('„Sachbearbeitung Hundesteuer“ im Dienst „Hundeanmeldung“');
    expect(auditDetails(t, 'en', grant)).toBe('„Sachbearbeitung Hundesteuer“ im Dienst „Dog registration“');
    const changed = entry({ kind: 'roles-changed', details: { roles: { from: ['caseworker'], to: ['caseworker', 'designer'] }, serviceRoles: { from: [1, 2], to: [1] } } });
    expect(auditDetails(t, 'de', changed)).toBe('Rollen: Sachbearbeitung (Posteingang) → Sachbearbeitung (Posteingang), Gestaltung (Studio); Rollen in Diensten: 2 → 1');
    expect(auditDetails(t, 'de', entry({ kind: 'login-failed', details: { reason: 'wrong-password', failedAttempts: 3 } }))).toBe('falsches Passwort, 3. Fehlversuch');
    expect(auditDetails(t, 'de', entry({ kind: 'webhook-changed', details: { url: 'https://x' } }))).toBe('');
  });

  it('says why the upgrade revoked a token that acted for another person than its creator (issue 18)', () => {
    const revoked = entry({ kind: 'api-token-revoked', actorId: null, actorName: null, subjectType: 'api-token', subjectName: 'Fachverfahren', details: { reason: 'acted-for-another-person' } });
    expect(auditActor(t, revoked)).toBe('Amtsweg (automatisch)');
    expect(auditDetails(t, 'de', revoked)).toBe('handelte für eine andere Person als die, die es erstellt hat (beim Update widerrufen)');
    expect(auditDetails(t, 'de', entry({ kind: 'api-token-revoked', details: {} }))).toBe('');
  });
});
