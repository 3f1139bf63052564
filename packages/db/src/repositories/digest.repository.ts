import { sql } from 'kysely';
import type { Executor } from './executor';

/** One line of a caseworker's daily digest: a service they work on, with its new and overdue cases. */
export interface DigestLine {
  organisation_id: string;
  user_id: string;
  service_id: string;
  /** The service's title (German) as published, else its slug. */
  service_title: string;
  new_cases: number;
  overdue_cases: number;
}

/**
 * The figures of the staff digest: for every active caseworker who has not turned it off, each service they hold
 * a process role for, with the cases received since `since` and the open cases whose deadline passed by `now`.
 */
export async function listDigestLines(db: Executor, since: Date, now: Date): Promise<DigestLine[]> {
  const result = await sql<{ organisation_id: string; user_id: string; service_id: string; service_title: string; new_cases: string; overdue_cases: string }>`
    with grants as (
      select distinct r.organisation_id, r.user_id, r.service_id
      from user_service_roles r
      join users u on u.organisation_id = r.organisation_id and u.id = r.user_id
      where u.kind = 'staff' and u.disabled_at is null and u.daily_digest and 'caseworker' = any(u.roles)
    )
    select g.organisation_id, g.user_id, g.service_id,
      coalesce(v.definition->'title'->>'de', s.slug) as service_title,
      (select count(*) from cases c where c.organisation_id = g.organisation_id and c.service_id = g.service_id and c.received_at >= ${since}) as new_cases,
      (select count(*) from cases c where c.organisation_id = g.organisation_id and c.service_id = g.service_id and c.status = 'active' and c.due_at < ${now}) as overdue_cases
    from grants g
    join services s on s.organisation_id = g.organisation_id and s.id = g.service_id
    left join service_versions v on v.organisation_id = s.organisation_id and v.service_id = s.id and v.version = s.published_version
    order by g.user_id, service_title`.execute(db);
  return result.rows.map((row) => ({ ...row, new_cases: Number(row.new_cases), overdue_cases: Number(row.overdue_cases) }));
}
