import { findOrganisationById, insertOrganisation, type Executor, type Organisation } from '@amtsweg/db';
import { sql } from 'kysely';
import { DEFAULT_ORGANISATION } from '../app';
import type { InstallationLog } from './installation-log';
import { slugFromName } from './organisation-slug';

/** What the environment says about the home organisation (`ORGANISATION_NAME`, `ORGANISATION_SLUG`). */
export interface OrganisationSettings {
  name: string | undefined;
  slug: string | undefined;
}

export interface EstablishOptions {
  /** Demo data is being seeded: the demo organisation is what is wanted, not a placeholder. */
  demo?: boolean;
}

// Held for the installation transaction, so processes starting at once on one PostgreSQL database create
// one home organisation and one first administrator between them.
const INSTALLATION_LOCK = sql`select pg_advisory_xact_lock(7316240017)`;

/** Waits for other processes installing the same database (call inside the transaction). */
export async function lockInstallation(trx: Executor): Promise<void> {
  await INSTALLATION_LOCK.execute(trx);
}

/**
 * The organisation this installation acts for: the oldest one stored. Only on an empty database is it
 * created — named by `ORGANISATION_NAME` (slug from `ORGANISATION_SLUG` or the name), else the demo
 * organisation. A later start never renames or duplicates it: renaming is the administration's job.
 */
export async function establishHomeOrganisation(trx: Executor, settings: OrganisationSettings, log: InstallationLog, options: EstablishOptions = {}): Promise<Organisation> {
  const oldest = await trx.selectFrom('organisations').select('id').orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
  const existing = oldest && (await findOrganisationById(trx, oldest.id));
  if (existing) {
    if (settings.name !== undefined && settings.name !== existing.name) {
      log.info({ organisation: existing.slug }, 'ORGANISATION_NAME differs from the stored name and is ignored: it names the organisation at the first start only (rename it in the administration)');
    }
    if (settings.slug !== undefined && settings.slug !== existing.slug) {
      log.info({ organisation: existing.slug }, 'ORGANISATION_SLUG differs from the stored slug and is ignored: it names the organisation at the first start only');
    }
    return existing;
  }
  const values =
    settings.name === undefined
      ? DEFAULT_ORGANISATION
      : { slug: settings.slug ?? slugFromName(settings.name), name: settings.name, address: '' };
  const created = await insertOrganisation(trx, { id: crypto.randomUUID(), ...values });
  if (settings.name === undefined && !options.demo) {
    log.warn({ organisation: created.slug }, `ORGANISATION_NAME is not set: the organisation was created as "${created.name}"; rename it in the administration`);
  } else {
    log.info({ organisation: created.slug }, 'created the home organisation');
  }
  return created;
}

/** How many staff accounts an organisation has (disabled ones count: somebody administers it). */
export async function countStaffAccounts(trx: Executor, organisationId: string): Promise<number> {
  const row = await trx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', 'staff')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
