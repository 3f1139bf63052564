import { sql, type Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * Running Amtsweg for real (issue 17): what an organisation says about itself (contact, letterhead, logo, the
 * legal pages its portal shows), the host names its portal answers on (one installation serving several
 * municipalities), and the platform operator's role, who creates organisations.
 */
export async function up(db: AnyDatabase): Promise<void> {
  await db.schema
    .alterTable('organisations')
    // { email, phone, website, openingHours } as the portal's footer and documents show them.
    .addColumn('contact', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // The sender line and footer of documents (Bescheide), as plain text.
    .addColumn('letterhead', 'text', (c) => c.notNull().defaultTo(''))
    // PNG or JPEG, small (checked by its content, not its name); shown in the portal and on documents.
    .addColumn('logo', 'bytea')
    .addColumn('logo_type', 'text', (c) => c.check(sql`logo_type in ('image/png', 'image/jpeg')`))
    // { imprint, privacy, accessibility: LocalizedText (simple Markdown), accessibilityFeedbackEmail }
    .addColumn('legal_pages', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // A host name belongs to one organisation: the portal reached under it is that organisation's.
  await db.schema
    .createTable('organisation_hosts')
    .addColumn('host', 'text', (c) => c.primaryKey().check(sql`host = lower(host)`))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('organisation_hosts_organisation').on('organisation_hosts').column('organisation_id').execute();

  await sql`alter table users drop constraint users_roles_check`.execute(db);
  await sql`alter table users add constraint users_roles_check check (roles <@ array['administrator', 'designer', 'caseworker', 'operator']::text[])`.execute(db);
}

export async function down(db: AnyDatabase): Promise<void> {
  await sql`update users set roles = array_remove(roles, 'operator')`.execute(db);
  await sql`alter table users drop constraint users_roles_check`.execute(db);
  await sql`alter table users add constraint users_roles_check check (roles <@ array['administrator', 'designer', 'caseworker']::text[])`.execute(db);
  await db.schema.dropTable('organisation_hosts').execute();
  await db.schema
    .alterTable('organisations')
    .dropColumn('contact')
    .dropColumn('letterhead')
    .dropColumn('logo')
    .dropColumn('logo_type')
    .dropColumn('legal_pages')
    .dropColumn('updated_at')
    .execute();
}
