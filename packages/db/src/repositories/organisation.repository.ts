import type { NewOrganisation, Organisation, OrganisationUpdate } from '../tables/organisation.table';
import type { Executor } from './executor';

export async function findOrganisationBySlug(db: Executor, slug: string): Promise<Organisation | undefined> {
  return db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Creates the organisation unless one with its slug exists; returns the stored one. */
export async function ensureOrganisation(db: Executor, organisation: NewOrganisation): Promise<Organisation> {
  await db.insertInto('organisations').values(organisation).onConflict((c) => c.column('slug').doNothing()).execute();
  return db.selectFrom('organisations').selectAll().where('slug', '=', organisation.slug).executeTakeFirstOrThrow();
}

export async function findOrganisationById(db: Executor, organisationId: string): Promise<Organisation | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', organisationId).executeTakeFirst();
}

export async function updateOrganisation(db: Executor, organisationId: string, update: OrganisationUpdate): Promise<Organisation | undefined> {
  return db.updateTable('organisations').set(update).where('id', '=', organisationId).returningAll().executeTakeFirst();
}
