import { sql, type Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * API tokens as case actors (issue 18, finding 1): every case event records the token it came through
 * (`case_events.api_token_id`, null for a session, the applicant or the system), and a token acts only for the
 * person who created it. Tokens an administrator made for someone else could act — and confirm a four-eyes
 * proposal — in that person's name: they are revoked here, each with an audit entry by Amtsweg itself.
 */
export async function up(db: AnyDatabase): Promise<void> {
  // The organisation-scoped key the events point at (as every reference inside an organisation does, 0002/0003).
  await db.schema.alterTable('api_tokens').addUniqueConstraint('api_tokens_organisation_unique', ['organisation_id', 'id']).execute();
  await db.schema.alterTable('case_events').addColumn('api_token_id', 'uuid').execute();
  await db.schema
    .alterTable('case_events')
    .addForeignKeyConstraint('case_events_api_token_fk', ['organisation_id', 'api_token_id'], 'api_tokens', ['organisation_id', 'id'])
    .execute();

  await sql`
    with revoked as (
      update api_tokens set revoked_at = now()
      where user_id <> created_by and revoked_at is null
      returning id, organisation_id
    )
    insert into audit_events (id, organisation_id, kind, actor_id, subject_id, details)
    select gen_random_uuid(), organisation_id, 'api-token-revoked', null, id::text, '{"reason":"acted-for-another-person"}'::jsonb
    from revoked
  `.execute(db);
}

/** Drops the column; tokens revoked by `up` stay revoked (a revocation is never undone). */
export async function down(db: AnyDatabase): Promise<void> {
  await db.schema.alterTable('case_events').dropConstraint('case_events_api_token_fk').execute();
  await db.schema.alterTable('case_events').dropColumn('api_token_id').execute();
  await db.schema.alterTable('api_tokens').dropConstraint('api_tokens_organisation_unique').execute();
}
