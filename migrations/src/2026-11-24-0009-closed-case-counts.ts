import { sql, type Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * Counts of closed cases per service, state and assignee, kept by the database itself, so the inbox's counts per
 * state no longer read every case a caseworker may see. Open cases stay counted live from a partial index: they
 * are the work at hand, a few percent of all cases, and that is where exact, current numbers matter. Closed cases
 * are the growing archive (94 % at 100,000 cases); counting them live cost the default list 9–13 ms at 100,000
 * cases and would cost ten times that at a million.
 *
 * Triggers on `cases` keep the table right whatever writes a case (the server, the seeding script, a repair by
 * hand): statement-level, with transition tables, so an `INSERT … SELECT` of a million cases adds one row per key
 * instead of firing a million times. Only rows that are or were closed touch the table, so submissions (which open
 * cases) never wait on a counter; a decision updates one row, the one of its service, state and caseworker.
 * The rows are derived data: no foreign keys, a count may fall to 0 and stay.
 */
export async function up(db: AnyDatabase): Promise<void> {
  await sql`
    create table closed_case_counts (
      organisation_id uuid not null,
      service_id uuid not null,
      state text not null,
      assignee_id text,
      count bigint not null,
      constraint closed_case_counts_key unique nulls not distinct (organisation_id, service_id, state, assignee_id)
    )`.execute(db);

  // Each statement's closed rows, added and taken away, summed per key; keys in order so that two transactions
  // lock shared counters in the same order and never deadlock.
  await sql`
    create function count_closed_cases() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into closed_case_counts as counted (organisation_id, service_id, state, assignee_id, count)
        select organisation_id, service_id, state, assignee_id, count(*) from new_rows where status = 'done'
        group by organisation_id, service_id, state, assignee_id
        order by organisation_id, service_id, state, assignee_id
        on conflict on constraint closed_case_counts_key do update set count = counted.count + excluded.count;
      elsif tg_op = 'UPDATE' then
        insert into closed_case_counts as counted (organisation_id, service_id, state, assignee_id, count)
        select organisation_id, service_id, state, assignee_id, sum(change) from (
          select organisation_id, service_id, state, assignee_id, 1 as change from new_rows where status = 'done'
          union all
          select organisation_id, service_id, state, assignee_id, -1 from old_rows where status = 'done'
        ) changes
        group by organisation_id, service_id, state, assignee_id
        having sum(change) <> 0
        order by organisation_id, service_id, state, assignee_id
        on conflict on constraint closed_case_counts_key do update set count = counted.count + excluded.count;
      else
        insert into closed_case_counts as counted (organisation_id, service_id, state, assignee_id, count)
        select organisation_id, service_id, state, assignee_id, -count(*) from old_rows where status = 'done'
        group by organisation_id, service_id, state, assignee_id
        order by organisation_id, service_id, state, assignee_id
        on conflict on constraint closed_case_counts_key do update set count = counted.count + excluded.count;
      end if;
      return null;
    end
    $$`.execute(db);
  await sql`create trigger cases_count_closed_insert after insert on cases referencing new table as new_rows for each statement execute function count_closed_cases()`.execute(db);
  await sql`create trigger cases_count_closed_update after update on cases referencing old table as old_rows new table as new_rows for each statement execute function count_closed_cases()`.execute(db);
  await sql`create trigger cases_count_closed_delete after delete on cases referencing old table as old_rows for each statement execute function count_closed_cases()`.execute(db);

  await sql`
    insert into closed_case_counts (organisation_id, service_id, state, assignee_id, count)
    select organisation_id, service_id, state, assignee_id, count(*) from cases where status = 'done'
    group by organisation_id, service_id, state, assignee_id`.execute(db);

  // Open cases counted per state from the index alone; it holds only the open ones, so it stays small.
  await sql`create index cases_open_count_idx on cases (organisation_id, service_id, assignee_id, state) where status = 'active'`.execute(db);
}

export async function down(db: AnyDatabase): Promise<void> {
  await sql`drop index cases_open_count_idx`.execute(db);
  await sql`drop trigger cases_count_closed_delete on cases`.execute(db);
  await sql`drop trigger cases_count_closed_update on cases`.execute(db);
  await sql`drop trigger cases_count_closed_insert on cases`.execute(db);
  await sql`drop function count_closed_cases()`.execute(db);
  await sql`drop table closed_case_counts`.execute(db);
}
