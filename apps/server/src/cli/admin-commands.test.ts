import { ACCOUNT_WIDE_CLIENT, claimLoginAttempt, saveSession, summariseLoginThrottles, type DatabaseKind } from '@amtsweg/db';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../auth/password';
import { createAdministrator, resetAdministratorPassword } from './admin-commands';

const PASSWORD = 'Rathaus-Schluessel-2026';

describe.each(DATABASE_KINDS)('the administration commands on %s', (kind: DatabaseKind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database?.dispose());

  const staffCount = async () =>
    Number((await database.db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', 'staff').executeTakeFirstOrThrow()).n);
  const auditKinds = async (userId: string) =>
    (await database.db.selectFrom('audit_events').select(['kind', 'actor_id']).where('subject_id', '=', userId).orderBy('seq').execute()).map((row) => `${row.kind}:${row.actor_id}`);

  it('refuses an organisation that does not exist unless --organisation-name creates it', async () => {
    await expect(createAdministrator(database, { email: 'it@nordstadt.example', organisation: 'nordstadt', password: PASSWORD })).rejects.toThrow(
      'There is no organisation "nordstadt" (organisations: none yet). Pass --organisation-name "…" to create it.',
    );
    expect(await database.db.selectFrom('organisations').selectAll().execute()).toEqual([]);
    const created = await createAdministrator(database, { email: 'it@nordstadt.example', organisation: 'nordstadt', organisationName: 'Stadt Nordstadt', displayName: 'Ina IT', password: PASSWORD });
    expect(created.organisationCreated).toBe(true);
    expect(created.organisation).toMatchObject({ slug: 'nordstadt', name: 'Stadt Nordstadt' });
    expect(created.user).toMatchObject({ kind: 'staff', email: 'it@nordstadt.example', display_name: 'Ina IT', roles: ['administrator'] });
    expect(await verifyPassword(created.user.password_hash, PASSWORD)).toBe(true);
    expect(await auditKinds(created.user.id)).toEqual(['user-created:null']);
  });

  it('adds an operator to an existing organisation, and refuses an address that has a staff account there already', async () => {
    const operator = await createAdministrator(database, { email: 'betrieb@nordstadt.example', organisation: 'nordstadt', operator: true, password: PASSWORD });
    expect(operator).toMatchObject({ organisationCreated: false, user: { roles: ['administrator', 'operator'], display_name: 'betrieb@nordstadt.example' } });
    const before = await staffCount();
    await expect(createAdministrator(database, { email: 'IT@Nordstadt.example', organisation: 'nordstadt', password: PASSWORD })).rejects.toThrow(
      'There is a staff account with this e-mail address in "nordstadt" already: use admin:reset-password to set its password',
    );
    expect(await staffCount()).toBe(before);
  });

  it('refuses bad input, naming the option, before anything is written', async () => {
    const before = await staffCount();
    const cases: [Parameters<typeof createAdministrator>[1], RegExp | string][] = [
      [{ email: 'kein-at', organisation: 'nordstadt', password: PASSWORD }, '--email must be an e-mail address'],
      [{ email: 'a@nordstadt.example', organisation: 'Nord Stadt', password: PASSWORD }, /--organisation must be 2 to 63 lower-case letters/],
      [{ email: 'a@nordstadt.example', organisation: 'nordstadt', password: 'kurz' }, 'The password: The password must have 12 to 256 characters, it has 4'],
      [{ email: 'anna.admin@nordstadt.example', organisation: 'nordstadt', password: 'anna.admin-2026!' }, /^The password: The password is too easy to guess/],
      [{ email: 'a@nordstadt.example', organisation: 'nordstadt', displayName: '  ', password: PASSWORD }, '--name must have 1 to 200 characters'],
    ];
    for (const [input, message] of cases) await expect(createAdministrator(database, input)).rejects.toThrow(message);
    expect(await staffCount()).toBe(before);
  });

  it('resets a locked-out administrator: new password, sessions ended, lock cleared, second factor removed if asked', async () => {
    const user = (await database.db.selectFrom('users').selectAll().where('email', '=', 'it@nordstadt.example').executeTakeFirstOrThrow());
    const address = { organisationId: user.organisation_id, kind: 'staff' as const, email: user.email };
    const policy = { freeAttempts: 5, baseWaitSeconds: 60, maxWaitSeconds: 3600, halfLifeSeconds: 3600 };
    for (const client of ['ip:192.0.2.1', ACCOUNT_WIDE_CLIENT]) for (let i = 0; i < 6; i++) await claimLoginAttempt(database.db, address, client, policy);
    expect(await summariseLoginThrottles(database.db, address)).toMatchObject({ waitingClients: 2 });
    await saveSession(database.db, { id: 'sitzung-1', userId: user.id, data: {}, expiresAt: new Date(Date.now() + 3_600_000) });
    await database.db.updateTable('users').set({ totp_secret: 'versiegelt', totp_enabled_at: new Date() }).where('id', '=', user.id).execute();

    const updated = await resetAdministratorPassword(database, { email: 'It@Nordstadt.example', organisation: 'nordstadt', password: 'Neues-Rathaus-Schluessel-1', resetSecondFactor: true });
    expect(await verifyPassword(updated.password_hash, 'Neues-Rathaus-Schluessel-1')).toBe(true);
    expect(await verifyPassword(updated.password_hash, PASSWORD)).toBe(false);
    expect(updated.sessions_valid_from).not.toBeNull();
    expect(updated).toMatchObject({ totp_secret: null, totp_enabled_at: null });
    expect(await database.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute()).toEqual([]);
    expect(await summariseLoginThrottles(database.db, address)).toEqual({ waitingClients: 0, waitingUntil: null });
    expect(await auditKinds(user.id)).toEqual(['user-created:null', 'password-reset:null', 'user-unlocked:null', 'second-factor-reset:null']);
  });

  it('resets administrators only, of organisations and addresses that exist, with a strong password', async () => {
    const organisation = await database.db.selectFrom('organisations').select('id').where('slug', '=', 'nordstadt').executeTakeFirstOrThrow();
    await database.db
      .insertInto('users')
      .values({ id: crypto.randomUUID(), organisation_id: organisation.id, kind: 'staff', email: 'sb@nordstadt.example', display_name: 'SB', password_hash: await hashPassword(PASSWORD), roles: ['caseworker'] })
      .execute();
    const reset = (email: string, organisationSlug: string, password = 'Noch-ein-Passwort-2026') => resetAdministratorPassword(database, { email, organisation: organisationSlug, password });
    await expect(reset('sb@nordstadt.example', 'nordstadt')).rejects.toThrow(/is no administrator/);
    await expect(reset('niemand@nordstadt.example', 'nordstadt')).rejects.toThrow('There is no staff account with this e-mail address in "nordstadt": create one with admin:create');
    await expect(reset('it@nordstadt.example', 'suedstadt')).rejects.toThrow('There is no organisation "suedstadt" (organisations: nordstadt)');
    await expect(reset('it@nordstadt.example', 'nordstadt', 'aaaaaaaaaaaaaaaa')).rejects.toThrow(/too easy to guess/);
    const admin = await database.db.selectFrom('users').select('password_hash').where('email', '=', 'it@nordstadt.example').executeTakeFirstOrThrow();
    expect(await verifyPassword(admin.password_hash, 'Neues-Rathaus-Schluessel-1')).toBe(true);
  });
});
