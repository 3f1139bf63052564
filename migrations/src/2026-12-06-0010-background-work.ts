import { sql, type Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * Background work (issue 16): a durable job queue claimed with `FOR UPDATE SKIP LOCKED` (the outbox becomes
 * its first kind of job), deadlines that are claimed and fired, reminders before them, webhook endpoints with
 * their deliveries and attempts, the organisation's allow-list of webhook hosts, the staff digest opt-out, and
 * the language an application was made in (its e-mails speak it).
 */
export async function up(db: AnyDatabase): Promise<void> {
  await db.schema.alterTable('cases').addColumn('language', 'text', (c) => c.notNull().defaultTo('de')).execute();

  await db.schema
    .alterTable('case_deadlines')
    .addColumn('remind_at', 'timestamptz')
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('claimed_until', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('case_deadlines_remind_idx')
    .on('case_deadlines')
    .column('remind_at')
    .where(sql.ref('reminded_at'), 'is', null)
    .where(sql.ref('remind_at'), 'is not', null)
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // Enqueuing the same work twice (a retried fan-out, a reminder claimed again) adds nothing.
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'done', 'failed')`))
    .addColumn('run_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(15))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').column('run_at').where(sql.ref('status'), '=', 'pending').execute();
  await db.schema.createIndex('jobs_finished_idx').on('jobs').column('finished_at').where(sql.ref('status'), '<>', 'pending').execute();

  // Unsent notifications of the outbox become mail jobs of the case's event; the table goes.
  await sql`
    insert into jobs (id, organisation_id, kind, payload, created_at)
    select id, organisation_id, 'applicantMail',
      jsonb_build_object('caseId', payload->'caseId', 'occasion', 'notice', 'messages', jsonb_build_array(payload->'message')), created_at
    from outbox where processed_at is null and kind = 'notifyApplicant'`.execute(db);
  await db.schema.dropTable('outbox').execute();

  await db.schema
    .createTable('job_schedules')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('next_run_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('organisations').addColumn('webhook_hosts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`)).execute();
  await db.schema.alterTable('users').addColumn('daily_digest', 'boolean', (c) => c.notNull().defaultTo(true)).execute();

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('service_id', 'uuid', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('events', 'jsonb', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('webhook_endpoints_organisation_id_unique', ['organisation_id', 'id'])
    .addForeignKeyConstraint('webhook_endpoints_service_fk', ['organisation_id', 'service_id'], 'services', ['organisation_id', 'id'])
    .execute();
  await db.schema.createIndex('webhook_endpoints_service_idx').on('webhook_endpoints').columns(['organisation_id', 'service_id']).execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('endpoint_id', 'uuid', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    // The event job and endpoint it was made for: a fan-out that runs again makes no second delivery.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'delivered', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('next_attempt_at', 'timestamptz')
    .addUniqueConstraint('webhook_deliveries_source_unique', ['endpoint_id', 'source'])
    .addForeignKeyConstraint('webhook_deliveries_endpoint_fk', ['organisation_id', 'endpoint_id'], 'webhook_endpoints', ['organisation_id', 'id'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('webhook_deliveries_endpoint_idx').on('webhook_deliveries').columns(['organisation_id', 'endpoint_id', 'created_at']).execute();

  await db.schema
    .createTable('webhook_attempts')
    .addColumn('delivery_id', 'uuid', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('webhook_attempts_delivery_idx').on('webhook_attempts').columns(['delivery_id', 'at']).execute();
}

export async function down(db: AnyDatabase): Promise<void> {
  for (const table of ['webhook_attempts', 'webhook_deliveries', 'webhook_endpoints', 'job_schedules', 'jobs']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('users').dropColumn('daily_digest').execute();
  await db.schema.alterTable('organisations').dropColumn('webhook_hosts').execute();
  await db.schema.alterTable('case_deadlines').dropColumn('remind_at').dropColumn('reminded_at').dropColumn('claimed_until').execute();
  await db.schema.alterTable('cases').dropColumn('language').execute();
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
