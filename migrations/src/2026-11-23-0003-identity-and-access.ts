import { sql, type Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * Accounts and what they may do: staff and citizen users of an organisation, process roles per service, API
 * tokens, sessions, MFA recovery codes and the audit trail. Everything owned by an organisation points at it
 * together with the organisation (as in 0002), so a role can never grant a service of another organisation.
 */
export async function up(db: AnyDatabase): Promise<void> {
  await db.schema.alterTable('organisations').addColumn('require_mfa', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  await db.schema.alterTable('services').addUniqueConstraint('services_organisation_unique', ['organisation_id', 'id']).execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('staff', 'citizen')`))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('roles', sql`text[]`, (c) =>
      c.notNull().defaultTo(sql`'{}'::text[]`).check(sql`roles <@ array['administrator', 'designer', 'caseworker']::text[]`),
    )
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled_at', 'timestamptz')
    // The last accepted TOTP time step: a code is accepted once (no replay within its 30 seconds).
    .addColumn('totp_last_step', 'integer')
    .addColumn('oidc_issuer', 'text')
    .addColumn('oidc_subject', 'text')
    .addColumn('disabled_at', 'timestamptz')
    // Sessions that logged in before this moment are void (password changed, second factor reset, "log out
    // everywhere else"): also a session written back by a request that was running while they were deleted.
    .addColumn('sessions_valid_from', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('users_organisation_unique', ['organisation_id', 'id'])
    .execute();
  // One account per address and kind in an organisation, whatever the capitalisation.
  await sql`create unique index users_email_unique on users (organisation_id, kind, lower(email))`.execute(db);
  await sql`create unique index users_oidc_unique on users (organisation_id, oidc_issuer, oidc_subject) where oidc_subject is not null`.execute(db);

  // Failed logins per address (known or not, so the lock says nothing about whether an account exists), counted
  // before the credential is checked: parallel guesses cannot get past the limit, and no lock is held meanwhile.
  await db.schema
    .createTable('login_throttles')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('login_throttles_pk', ['organisation_id', 'kind', 'email_key'])
    .execute();

  await db.schema
    .createTable('user_service_roles')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('service_id', 'uuid', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_service_roles_pk', ['user_id', 'service_id', 'role'])
    .addForeignKeyConstraint('user_service_roles_user_fk', ['organisation_id', 'user_id'], 'users', ['organisation_id', 'id'], (c) => c.onDelete('cascade'))
    .addForeignKeyConstraint('user_service_roles_service_fk', ['organisation_id', 'service_id'], 'services', ['organisation_id', 'id'])
    .execute();
  await db.schema.createIndex('user_service_roles_service').on('user_service_roles').columns(['service_id', 'role']).execute();

  await db.schema
    .createTable('user_recovery_codes')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addPrimaryKeyConstraint('user_recovery_codes_pk', ['user_id', 'code_hash'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', sql`text[]`, (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addForeignKeyConstraint('api_tokens_user_fk', ['organisation_id', 'user_id'], 'users', ['organisation_id', 'id'])
    .addForeignKeyConstraint('api_tokens_creator_fk', ['organisation_id', 'created_by'], 'users', ['organisation_id', 'id'])
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex('audit_events_organisation').on('audit_events').columns(['organisation_id', 'seq']).execute();

  // A case filed by a logged-in citizen belongs to their account as well as to its access token.
  await db.schema.alterTable('cases').addColumn('applicant_user_id', 'uuid').execute();
  await db.schema
    .alterTable('cases')
    .addForeignKeyConstraint('cases_applicant_user_fk', ['organisation_id', 'applicant_user_id'], 'users', ['organisation_id', 'id'])
    .execute();
  await sql`create index cases_applicant_user on cases (organisation_id, applicant_user_id, received_at desc) where applicant_user_id is not null`.execute(db);
}

export async function down(db: AnyDatabase): Promise<void> {
  await db.schema.alterTable('cases').dropConstraint('cases_applicant_user_fk').execute();
  await db.schema.alterTable('cases').dropColumn('applicant_user_id').execute();
  for (const table of ['audit_events', 'api_tokens', 'sessions', 'user_recovery_codes', 'user_service_roles', 'login_throttles', 'users']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('services').dropConstraint('services_organisation_unique').execute();
  await db.schema.alterTable('organisations').dropColumn('require_mfa').execute();
}
