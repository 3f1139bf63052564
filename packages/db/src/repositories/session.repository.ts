import type { Executor } from './executor';

/** How stale `last_seen_at` may get before a read notes the use again: the account page shows it to the minute. */
const LAST_SEEN_GRANULARITY_MS = 5 * 60 * 1000;

/**
 * A live session's data for a request using it; notes the use in `last_seen_at` when that is older than a few
 * minutes, so almost every request costs one read and no write.
 */
export async function findSessionInUse(db: Executor, sessionId: string, now = new Date()): Promise<unknown> {
  const row = await db.selectFrom('sessions').select(['data', 'last_seen_at']).where('id', '=', sessionId).where('expires_at', '>', now).executeTakeFirst();
  if (!row) return undefined;
  if (!row.last_seen_at || now.getTime() - row.last_seen_at.getTime() >= LAST_SEEN_GRANULARITY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
  }
  return row.data;
}

export async function saveSession(db: Executor, session: { id: string; userId: string | null; data: unknown; expiresAt: Date }): Promise<void> {
  const row = { user_id: session.userId, data: JSON.stringify(session.data), expires_at: session.expiresAt };
  await db
    .insertInto('sessions')
    // A new session is in use the moment it is written (a login); a save of an existing one keeps its mark.
    .values({ id: session.id, ...row, last_seen_at: new Date() })
    .onConflict((c) => c.column('id').doUpdateSet(row))
    .execute();
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of an account (disabled, password or second factor changed), or all but one. */
export async function deleteUserSessions(db: Executor, userId: string, keepSessionId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  await query.execute();
}

export async function deleteExpiredSessions(db: Executor): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', new Date()).execute();
}

/** The account's sessions that have not expired, with their stored data (for the account's own list). */
export async function listUserSessions(db: Executor, userId: string): Promise<{ id: string; data: unknown; expiresAt: Date; lastSeenAt: Date | null }[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'data', 'expires_at', 'last_seen_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', new Date())
    .execute();
  return rows.map((row) => ({ id: row.id, data: row.data, expiresAt: row.expires_at, lastSeenAt: row.last_seen_at }));
}

/** Ends one session, only if it is the account's; answers whether there was one. */
export async function deleteUserSession(db: Executor, userId: string, sessionId: string): Promise<boolean> {
  const result = await db.deleteFrom('sessions').where('id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
