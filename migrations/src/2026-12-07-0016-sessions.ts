import type { Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * When a session was last used (issue 17: the account page lists its sessions). Noted at most every few minutes
 * per session, so reading a session stays one statement on almost every request.
 */
export async function up(db: AnyDatabase): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'timestamptz').execute();
}

export async function down(db: AnyDatabase): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('last_seen_at').execute();
}
