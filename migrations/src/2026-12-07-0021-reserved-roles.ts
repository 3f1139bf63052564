import { sql, type Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * The ids of the built-in actors as they were when this migration was written. A migration keeps the meaning it
 * had then, so the list is not imported from `@amtsweg/definitions` (whose `RESERVED_ROLE_IDS` may grow).
 */
const RESERVED_ROLE_IDS = ['applicant', 'system'];

/**
 * Issue 18, finding 4: a draft could declare the process roles `applicant` and `system`, and staff were granted
 * them; a caseworker holding `applicant` withdrew a citizen's case as the applicant. Such grants (in any
 * spelling) are removed, each with a `role-revoked` audit entry naming why. Nothing brings them back.
 */
export async function up(db: AnyDatabase): Promise<void> {
  await sql`
    with removed as (
      delete from user_service_roles
      where lower(role) in (${sql.join(RESERVED_ROLE_IDS)})
      returning organisation_id, user_id, service_id, role
    )
    insert into audit_events (id, organisation_id, kind, actor_id, subject_id, details)
    select gen_random_uuid(), organisation_id, 'role-revoked', null, user_id::text,
           jsonb_build_object('serviceId', service_id, 'role', role, 'reason', 'reservedRole')
    from removed`.execute(db);
}

/** The removed grants stay removed: they were never valid. */
export async function down(): Promise<void> {}
