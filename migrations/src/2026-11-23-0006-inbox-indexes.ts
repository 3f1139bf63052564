import { sql, type Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * Indexes for the inbox list at scale (`pnpm bench:inbox`). Each ends in the list's order (`received_at, id`, or
 * the due key and `id`), so a page is read by walking one index and stopping after it, and a cursor is a
 * condition on the index; counts per state are read from the indexes alone where they can be. They replace the
 * first migration's three inbox indexes, which ended before `id` and had no index for the newest cases overall.
 *
 * Free-text search (`ilike '%…%'` over reference and applicant name) gets trigram indexes where the `pg_trgm`
 * extension can be had: it ships with PostgreSQL and is trusted (an owner of the database may create it).
 * Embedded PGlite loads extensions only when asked, so there the search stays a scan, which is fine at the size
 * of an embedded installation; the results are the same either way.
 */
export async function up(db: AnyDatabase): Promise<void> {
  await sql`drop index cases_inbox_idx`.execute(db);
  await sql`drop index cases_assignee_idx`.execute(db);
  await sql`drop index cases_due_idx`.execute(db);
  // The newest cases of the organisation, filtered by the viewer's services on the way (the default list, paging).
  await sql`create index cases_received_idx on cases (organisation_id, received_at, id)`.execute(db);
  // A service (and state): the filter by service and state, counts per state of the viewer's services.
  await sql`create index cases_service_state_idx on cases (organisation_id, service_id, state, received_at, id)`.execute(db);
  // "Mine", "unassigned", someone's.
  await sql`create index cases_assignee_received_idx on cases (organisation_id, assignee_id, received_at, id)`.execute(db);
  // Counts per state, read from this index alone: its keys repeat, so deduplication keeps it a few percent of the
  // size of the others (0.8 MB at 100,000 cases) and counting the viewer's cases reads that much.
  await sql`create index cases_state_count_idx on cases (organisation_id, service_id, assignee_id, state)`.execute(db);
  // Sorted by due date (none: last), and the overdue view, which stops at now.
  await sql`create index cases_due_order_idx on cases (organisation_id, (coalesce(due_at, 'infinity'::timestamptz)), id)`.execute(db);

  if (await canUseTrigrams(db)) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index cases_reference_trgm_idx on cases using gin (reference gin_trgm_ops)`.execute(db);
    await sql`create index cases_applicant_name_trgm_idx on cases using gin (applicant_name gin_trgm_ops)`.execute(db);
  }
}

export async function down(db: AnyDatabase): Promise<void> {
  await sql`drop index if exists cases_applicant_name_trgm_idx`.execute(db);
  await sql`drop index if exists cases_reference_trgm_idx`.execute(db);
  await sql`drop index cases_due_order_idx`.execute(db);
  await sql`drop index cases_state_count_idx`.execute(db);
  await sql`drop index cases_assignee_received_idx`.execute(db);
  await sql`drop index cases_service_state_idx`.execute(db);
  await sql`drop index cases_received_idx`.execute(db);
  await sql`create index cases_inbox_idx on cases (organisation_id, service_id, state, received_at)`.execute(db);
  await sql`create index cases_assignee_idx on cases (organisation_id, assignee_id, received_at)`.execute(db);
  await sql`create index cases_due_idx on cases (organisation_id, due_at) where status = 'active'`.execute(db);
}

/** pg_trgm is installed already, or available and this role may create it. */
async function canUseTrigrams(db: AnyDatabase): Promise<boolean> {
  const { rows } = await sql<{ usable: boolean }>`
    select exists (select 1 from pg_extension where extname = 'pg_trgm')
        or (exists (select 1 from pg_available_extensions where name = 'pg_trgm')
            and has_database_privilege(current_database(), 'CREATE')) as usable`.execute(db);
  return rows[0]?.usable === true;
}
