import type { Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/** Tables that belong to one case, all written with it in the submission statement. */
const CASE_CHILDREN = ['case_events', 'documents', 'idempotency_keys', 'case_deadlines'] as const;

/**
 * Foreign keys that include the organisation. A case now points at its service version together with its
 * organisation, and everything belonging to a case points at the case together with the organisation, so the
 * database itself refuses a row whose organisation differs from its case's (or a case filed under another
 * organisation's service). It also halves the foreign-key checks of a submission: the separate keys to
 * `organisations` and `services` are implied by the composite ones and go.
 */
export async function up(db: AnyDatabase): Promise<void> {
  await db.schema
    .alterTable('service_versions')
    .addUniqueConstraint('service_versions_organisation_unique', ['organisation_id', 'service_id', 'version'])
    .execute();
  await db.schema.alterTable('cases').addUniqueConstraint('cases_organisation_unique', ['organisation_id', 'id']).execute();

  await db.schema.alterTable('cases').dropConstraint('cases_service_version_fk').execute();
  await db.schema.alterTable('cases').dropConstraint('cases_service_id_fkey').execute();
  await db.schema.alterTable('cases').dropConstraint('cases_organisation_id_fkey').execute();
  await db.schema
    .alterTable('cases')
    .addForeignKeyConstraint(
      'cases_service_version_fk',
      ['organisation_id', 'service_id', 'service_version'],
      'service_versions',
      ['organisation_id', 'service_id', 'version'],
    )
    .execute();

  for (const table of CASE_CHILDREN) {
    await db.schema.alterTable(table).dropConstraint(`${table}_case_id_fkey`).execute();
    await db.schema.alterTable(table).dropConstraint(`${table}_organisation_id_fkey`).execute();
    await db.schema
      .alterTable(table)
      .addForeignKeyConstraint(`${table}_case_fk`, ['organisation_id', 'case_id'], 'cases', ['organisation_id', 'id'])
      .execute();
  }
}

export async function down(db: AnyDatabase): Promise<void> {
  for (const table of CASE_CHILDREN) {
    await db.schema.alterTable(table).dropConstraint(`${table}_case_fk`).execute();
    await db.schema.alterTable(table).addForeignKeyConstraint(`${table}_organisation_id_fkey`, ['organisation_id'], 'organisations', ['id']).execute();
    await db.schema.alterTable(table).addForeignKeyConstraint(`${table}_case_id_fkey`, ['case_id'], 'cases', ['id']).execute();
  }
  await db.schema.alterTable('cases').dropConstraint('cases_service_version_fk').execute();
  await db.schema.alterTable('cases').addForeignKeyConstraint('cases_organisation_id_fkey', ['organisation_id'], 'organisations', ['id']).execute();
  await db.schema.alterTable('cases').addForeignKeyConstraint('cases_service_id_fkey', ['service_id'], 'services', ['id']).execute();
  await db.schema
    .alterTable('cases')
    .addForeignKeyConstraint('cases_service_version_fk', ['service_id', 'service_version'], 'service_versions', ['service_id', 'version'])
    .execute();
  await db.schema.alterTable('cases').dropConstraint('cases_organisation_unique').execute();
  await db.schema.alterTable('service_versions').dropConstraint('service_versions_organisation_unique').execute();
}
