import { sql, type Kysely } from 'kysely';

// Migrations see the database as it was when they were written, so they take an untyped Kysely.
type AnyDatabase = Kysely<unknown>;

/**
 * The core tables. Every table carries `organisation_id` (one platform, many municipalities); every index an
 * organisation's queries use starts with it.
 */
export async function up(db: AnyDatabase): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('services')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('draft', 'jsonb', (c) => c.notNull())
    // Optimistic lock of the draft: two designers saving the same draft cannot overwrite each other.
    .addColumn('draft_revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('published_version', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('services_organisation_slug_unique', ['organisation_id', 'slug'])
    .execute();

  await db.schema
    .createTable('service_versions')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('services.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('submission_schema', 'jsonb', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('service_versions_pk', ['service_id', 'version'])
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('services.id'))
    .addColumn('service_version', 'integer', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'done')`))
    .addColumn('outcome', 'text')
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('applicant_email', 'text')
    .addColumn('access_token_hash', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text')
    .addColumn('due_at', 'timestamptz')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addForeignKeyConstraint('cases_service_version_fk', ['service_id', 'service_version'], 'service_versions', ['service_id', 'version'])
    .addUniqueConstraint('cases_organisation_reference_unique', ['organisation_id', 'reference'])
    .execute();
  // The inbox: by service and state, newest first; by assignee; overdue active cases by due date.
  await db.schema.createIndex('cases_inbox_idx').on('cases').columns(['organisation_id', 'service_id', 'state', 'received_at']).execute();
  await db.schema.createIndex('cases_assignee_idx').on('cases').columns(['organisation_id', 'assignee_id', 'received_at']).execute();
  await db.schema
    .createIndex('cases_due_idx')
    .on('cases')
    .columns(['organisation_id', 'due_at'])
    .where(sql.ref('status'), '=', 'active')
    .execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    // Insertion order: several events of one move share a timestamp.
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('action', 'text')
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('comment', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('internal', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('case_events_case_idx').on('case_events').columns(['organisation_id', 'case_id', 'seq']).execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('documents_case_idx').on('documents').columns(['organisation_id', 'case_id']).execute();

  await db.schema
    .createTable('files')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('services.id'))
    .addColumn('case_id', 'uuid', (c) => c.references('cases.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('response', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['organisation_id', 'key'])
    .execute();

  await db.schema
    .createTable('case_deadlines')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('deadline_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_deadlines_pk', ['case_id', 'deadline_id'])
    .execute();
  await db.schema.createIndex('case_deadlines_due_idx').on('case_deadlines').columns(['due_at']).execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('processed_at', 'timestamptz')
    .execute();
}

export async function down(db: AnyDatabase): Promise<void> {
  for (const table of [
    'outbox',
    'case_deadlines',
    'idempotency_keys',
    'files',
    'documents',
    'case_events',
    'cases',
    'service_versions',
    'services',
    'organisations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
