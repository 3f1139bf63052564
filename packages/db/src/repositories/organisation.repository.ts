import type { NewOrganisation, Organisation, OrganisationUpdate } from '../tables/organisation.table';
import type { Executor } from './executor';

/**
 * Every column but the logo: what requests and the per-request cache read. The logo's bytes (up to 256 KB)
 * are read only where they are shown, by `findOrganisationLogo`.
 */
const ORGANISATION_COLUMNS = [
  'id',
  'slug',
  'name',
  'address',
  'require_mfa',
  'webhook_hosts',
  'contact',
  'letterhead',
  'logo_type',
  'legal_pages',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof Organisation)[];

/** An organisation's logo as stored (PNG or JPEG, checked by its content on upload). */
export interface OrganisationLogo {
  bytes: Buffer;
  type: 'image/png' | 'image/jpeg';
  updatedAt: Date;
}

/** The organisation's logo, or undefined when it has none. */
export async function findOrganisationLogo(db: Executor, organisationId: string): Promise<OrganisationLogo | undefined> {
  const row = await db.selectFrom('organisations').select(['logo', 'logo_type', 'updated_at']).where('id', '=', organisationId).executeTakeFirst();
  if (!row?.logo || !row.logo_type) return undefined;
  // PGlite answers bytea as a Uint8Array, pg as a Buffer: callers get a Buffer either way.
  return { bytes: Buffer.from(row.logo), type: row.logo_type, updatedAt: row.updated_at };
}

export async function findOrganisationBySlug(db: Executor, slug: string): Promise<Organisation | undefined> {
  return db.selectFrom('organisations').select(ORGANISATION_COLUMNS).where('slug', '=', slug).executeTakeFirst();
}

/** Creates the organisation unless one with its slug exists; returns the stored one. */
export async function ensureOrganisation(db: Executor, organisation: NewOrganisation): Promise<Organisation> {
  await db.insertInto('organisations').values(organisation).onConflict((c) => c.column('slug').doNothing()).execute();
  return db.selectFrom('organisations').select(ORGANISATION_COLUMNS).where('slug', '=', organisation.slug).executeTakeFirstOrThrow();
}

/**
 * The organisation as stored. With `forUpdate` (inside a transaction) the row stays locked until it ends, so a
 * change merged into what was read here cannot undo a concurrent one.
 */
export async function findOrganisationById(db: Executor, organisationId: string, options: { forUpdate?: boolean } = {}): Promise<Organisation | undefined> {
  const query = db.selectFrom('organisations').select(ORGANISATION_COLUMNS).where('id', '=', organisationId);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function updateOrganisation(db: Executor, organisationId: string, update: OrganisationUpdate): Promise<Organisation | undefined> {
  return db.updateTable('organisations').set(update).where('id', '=', organisationId).returning(ORGANISATION_COLUMNS).executeTakeFirst();
}

/** Which organisation answers under which host name and slug: what a request without an account is resolved by. */
export interface OrganisationDirectory {
  hosts: { host: string; organisation_id: string }[];
  organisations: { id: string; slug: string }[];
}

/** Every host name and slug of the installation (a few rows per organisation), read as one snapshot. */
export async function loadOrganisationDirectory(db: Executor): Promise<OrganisationDirectory> {
  const [hosts, organisations] = await Promise.all([
    db.selectFrom('organisation_hosts').select(['host', 'organisation_id']).execute(),
    db.selectFrom('organisations').select(['id', 'slug']).execute(),
  ]);
  return { hosts, organisations };
}

/** An organisation as the platform operator sees it in the list of the installation's organisations. */
export interface OrganisationSummary {
  id: string;
  slug: string;
  name: string;
  address: string;
  hosts: string[];
  staffCount: number;
  serviceCount: number;
  createdAt: Date;
}

/** The installation's organisations by name, with their host names and how many staff accounts and services each has. */
export async function listOrganisationSummaries(db: Executor): Promise<OrganisationSummary[]> {
  const rows = await db
    .selectFrom('organisations as o')
    .select((eb) => [
      'o.id',
      'o.slug',
      'o.name',
      'o.address',
      'o.created_at',
      eb.selectFrom('users').whereRef('users.organisation_id', '=', 'o.id').where('users.kind', '=', 'staff').select((c) => c.fn.countAll<string>().as('n')).as('staff_count'),
      eb.selectFrom('services').whereRef('services.organisation_id', '=', 'o.id').select((c) => c.fn.countAll<string>().as('n')).as('service_count'),
    ])
    .orderBy('o.name')
    .orderBy('o.id')
    .execute();
  const hosts = await db.selectFrom('organisation_hosts').select(['host', 'organisation_id']).orderBy('host').execute();
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    address: row.address,
    hosts: hosts.filter((h) => h.organisation_id === row.id).map((h) => h.host),
    staffCount: Number(row.staff_count ?? 0),
    serviceCount: Number(row.service_count ?? 0),
    createdAt: row.created_at,
  }));
}

/** The host names of one organisation, sorted. */
export async function listOrganisationHosts(db: Executor, organisationId: string): Promise<string[]> {
  const rows = await db.selectFrom('organisation_hosts').select('host').where('organisation_id', '=', organisationId).orderBy('host').execute();
  return rows.map((row) => row.host);
}

/** Which of these host names belong to another organisation than `organisationId` (null: to any). */
export async function findTakenHosts(db: Executor, hosts: readonly string[], organisationId: string | null): Promise<string[]> {
  if (hosts.length === 0) return [];
  let query = db.selectFrom('organisation_hosts').select('host').where('host', 'in', hosts);
  if (organisationId) query = query.where('organisation_id', '<>', organisationId);
  return (await query.execute()).map((row) => row.host);
}

/** Replaces an organisation's host names (lower case); a host of another organisation fails on the primary key. */
export async function replaceOrganisationHosts(db: Executor, organisationId: string, hosts: readonly string[]): Promise<void> {
  await db.deleteFrom('organisation_hosts').where('organisation_id', '=', organisationId).execute();
  if (hosts.length > 0) await db.insertInto('organisation_hosts').values(hosts.map((host) => ({ host, organisation_id: organisationId }))).execute();
}

export async function insertOrganisation(db: Executor, organisation: NewOrganisation): Promise<Organisation> {
  return db.insertInto('organisations').values(organisation).returning(ORGANISATION_COLUMNS).executeTakeFirstOrThrow();
}
