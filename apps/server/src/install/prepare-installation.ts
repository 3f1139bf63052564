import type { DatabaseHandle, Organisation } from '@amtsweg/db';
import { hashPassword } from '../auth/password';
import { checkNewPassword } from './check-new-password';
import { insertAdministrator } from './create-administrator';
import { countStaffAccounts, establishHomeOrganisation, lockInstallation, type OrganisationSettings } from './home-organisation';
import type { InstallationLog } from './installation-log';

/** The first administrator as the environment describes it (`ADMIN_EMAIL`, `ADMIN_PASSWORD[_FILE]`, `ADMIN_NAME`). */
export interface FirstAdministrator {
  email: string;
  password: string;
  displayName: string;
  /** The variable the password came from, named in messages. */
  passwordSource: 'ADMIN_PASSWORD' | 'ADMIN_PASSWORD_FILE';
}

export interface PreparedInstallation {
  organisation: Organisation;
  /** `created`: the first administrator was created now; `exists`: the organisation has staff; `none`: it has none. */
  administrator: 'created' | 'exists' | 'none';
}

/**
 * What a start establishes before serving, in one transaction (under a lock, so processes starting at once
 * agree): the home organisation, and its first administrator (roles administrator and operator) when it has
 * no staff account yet and the environment names one. A refused password leaves nothing written.
 */
export async function prepareInstallation(
  database: DatabaseHandle,
  settings: { organisation: OrganisationSettings; administrator: FirstAdministrator | undefined; seedDemo?: boolean },
  log: InstallationLog,
): Promise<PreparedInstallation> {
  return database.db.transaction().execute(async (trx) => {
    await lockInstallation(trx);
    const organisation = await establishHomeOrganisation(trx, settings.organisation, log, { demo: settings.seedDemo });
    const wanted = settings.administrator;
    if ((await countStaffAccounts(trx, organisation.id)) > 0) {
      if (wanted) log.info({ organisation: organisation.slug }, 'ADMIN_EMAIL and ADMIN_PASSWORD are ignored: the organisation has staff accounts already (passwords are changed in the administration or with admin:reset-password)');
      return { organisation, administrator: 'exists' as const };
    }
    if (!wanted) return { organisation, administrator: 'none' as const };
    checkNewPassword(wanted.password, wanted.email, wanted.passwordSource);
    const user = await insertAdministrator(trx, organisation, {
      email: wanted.email,
      displayName: wanted.displayName,
      passwordHash: await hashPassword(wanted.password),
      roles: ['administrator', 'operator'],
      source: 'ADMIN_EMAIL',
    });
    log.info({ accountId: user.id, organisation: organisation.slug }, 'created the first administrator (ADMIN_EMAIL)');
    return { organisation, administrator: 'created' as const };
  });
}
