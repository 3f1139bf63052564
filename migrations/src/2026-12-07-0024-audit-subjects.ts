import type { Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * The audit events about one account, newest last (issue 18: administrators see the failed logins of the last
 * 24 hours from the audit log, which keeps every attempt, not from the login throttle, which forgets a client's
 * failures when it logs in).
 */
export async function up(db: AnyDatabase): Promise<void> {
  await db.schema.createIndex('audit_events_subject').on('audit_events').columns(['organisation_id', 'subject_id', 'at']).execute();
}

export async function down(db: AnyDatabase): Promise<void> {
  await db.schema.dropIndex('audit_events_subject').execute();
}
