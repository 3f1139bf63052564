import {
  appendAuditEvent,
  clearLoginAttempts,
  deleteUserSessions,
  findOrganisationBySlug,
  findUserByEmail,
  insertOrganisation,
  replaceRecoveryCodes,
  updateUser,
  type DatabaseHandle,
  type Organisation,
  type StaffRole,
  type UserRow,
} from '@amtsweg/db';
import { hashPassword } from '../auth/password';
import { checkNewPassword } from '../install/check-new-password';
import { insertAdministrator } from '../install/create-administrator';
import { lockInstallation } from '../install/home-organisation';
import { InstallationError } from '../install/installation-error';
import { checkOrganisationSlug } from '../install/organisation-slug';

export interface CreateAdministratorInput {
  email: string;
  /** The organisation's slug. */
  organisation: string;
  displayName?: string;
  /** Creates the organisation under this name if no organisation has the slug. */
  organisationName?: string;
  /** Adds the operator role: may create further organisations. */
  operator?: boolean;
  password: string;
}

export interface CreatedAdministrator {
  user: UserRow;
  organisation: Organisation;
  organisationCreated: boolean;
}

/**
 * `admin:create`: an administrator account in an organisation (created first if `organisationName` is given
 * and the slug is free). Refuses an address that has a staff account in the organisation already.
 */
export async function createAdministrator(database: DatabaseHandle, input: CreateAdministratorInput): Promise<CreatedAdministrator> {
  const email = checkEmail(input.email);
  const slug = checkOrganisationSlug(input.organisation, '--organisation');
  // Without a name the account is called by its address, not by a role.
  const displayName = (input.displayName ?? email).trim();
  if (displayName === '' || displayName.length > 200) throw new InstallationError('--name must have 1 to 200 characters');
  const organisationName = input.organisationName?.trim();
  if (organisationName !== undefined && (organisationName === '' || organisationName.length > 200)) {
    throw new InstallationError('--organisation-name must have 1 to 200 characters');
  }
  checkNewPassword(input.password, email, 'The password');
  const passwordHash = await hashPassword(input.password);
  const roles: StaffRole[] = input.operator ? ['administrator', 'operator'] : ['administrator'];
  return database.db.transaction().execute(async (trx) => {
    // The same lock as a starting server's, so the two never create one organisation twice.
    await lockInstallation(trx);
    let organisation = await findOrganisationBySlug(trx, slug);
    const organisationCreated = organisation === undefined;
    if (!organisation) {
      if (organisationName === undefined) throw new InstallationError(await describeMissingOrganisation(trx, slug));
      organisation = await insertOrganisation(trx, { id: crypto.randomUUID(), slug, name: organisationName, address: '' });
    }
    if (await findUserByEmail(trx, organisation.id, 'staff', email)) {
      throw new InstallationError(`There is a staff account with this e-mail address in "${slug}" already: use admin:reset-password to set its password`);
    }
    const user = await insertAdministrator(trx, organisation, { email, displayName, passwordHash, roles, source: 'cli admin:create' });
    return { user, organisation, organisationCreated };
  });
}

export interface ResetPasswordInput {
  email: string;
  organisation: string;
  password: string;
  /** Also removes the account's second factor and recovery codes (a lost phone); it enrols again at login. */
  resetSecondFactor?: boolean;
}

/**
 * `admin:reset-password`: how an installation gets back in when an administrator's password is lost. Sets the
 * password, ends the account's sessions and clears its failed logins and lock.
 */
export async function resetAdministratorPassword(database: DatabaseHandle, input: ResetPasswordInput): Promise<UserRow> {
  const email = checkEmail(input.email);
  const slug = checkOrganisationSlug(input.organisation, '--organisation');
  const organisation = await findOrganisationBySlug(database.db, slug);
  if (!organisation) throw new InstallationError(await describeMissingOrganisation(database.db, slug));
  const user = await findUserByEmail(database.db, organisation.id, 'staff', email);
  if (!user) throw new InstallationError(`There is no staff account with this e-mail address in "${slug}": create one with admin:create`);
  if (!user.roles.includes('administrator')) {
    throw new InstallationError(`The account with this e-mail address in "${slug}" is no administrator: its organisation's administrators set its password in the administration`);
  }
  checkNewPassword(input.password, user.email, 'The password');
  const passwordHash = await hashPassword(input.password);
  return database.db.transaction().execute(async (trx) => {
    const secondFactor = input.resetSecondFactor ? { totp_secret: null, totp_enabled_at: null, totp_last_step: null } : {};
    const updated = (await updateUser(trx, organisation.id, user.id, { password_hash: passwordHash, sessions_valid_from: new Date(), ...secondFactor }))!;
    await deleteUserSessions(trx, user.id);
    await clearLoginAttempts(trx, { organisationId: organisation.id, kind: 'staff', email: user.email });
    const audit = (kind: string) => appendAuditEvent(trx, { organisationId: organisation.id, kind, actorId: null, subjectId: user.id, details: { source: 'cli admin:reset-password' } });
    await audit('password-reset');
    await audit('user-unlocked');
    if (input.resetSecondFactor) {
      await replaceRecoveryCodes(trx, user.id, []);
      await audit('second-factor-reset');
    }
    return updated;
  });
}

function checkEmail(email: string): string {
  const trimmed = email.trim();
  if (trimmed.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(trimmed)) throw new InstallationError('--email must be an e-mail address');
  return trimmed;
}

async function describeMissingOrganisation(db: DatabaseHandle['db'], slug: string): Promise<string> {
  const known = await db.selectFrom('organisations').select('slug').orderBy('slug').limit(20).execute();
  const list = known.length > 0 ? known.map((row) => row.slug).join(', ') : 'none yet';
  return `There is no organisation "${slug}" (organisations: ${list}). Pass --organisation-name "…" to create it.`;
}
