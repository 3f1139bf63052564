import { describe, expect, it } from 'vitest';
import { accountFieldOf, refusalByField } from './account-fields';

describe('account form errors', () => {
  it('finds the field of a pointer', () => {
    expect(accountFieldOf('/body/roles/1')).toBe('roles');
    expect(accountFieldOf('/body/email')).toBe('email');
    expect(accountFieldOf('/body/serviceRoles/0/role')).toBeUndefined();
    expect(accountFieldOf('/params/userId')).toBeUndefined();
  });

  it('keeps messages written for people and words schema errors itself', () => {
    const friendly = { displayName: 'Name?', email: 'Adresse?', roles: 'Rollen?', password: 'Passwort?' };
    const refusal = refusalByField(
      [
        { path: '/body/email', code: 'taken', message: 'Für diese E-Mail-Adresse gibt es schon ein Konto.' },
        { path: '/body/password', code: 'minLength', message: '„password“ ist ungültig (minLength).' },
      ],
      'Die Anfrage ist ungültig.',
      friendly,
      'email',
    );
    expect(refusal).toEqual([
      ['email', 'Für diese E-Mail-Adresse gibt es schon ein Konto.'],
      ['password', 'Passwort?'],
    ]);
    expect(refusalByField([], 'Sitzung abgelaufen', friendly, 'displayName')).toEqual([['displayName', 'Sitzung abgelaufen']]);
  });
});
