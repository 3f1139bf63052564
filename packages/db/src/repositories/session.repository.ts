import type { Executor } from './executor';

export async function findSession(db: Executor, sessionId: string): Promise<unknown> {
  const row = await db.selectFrom('sessions').select('data').where('id', '=', sessionId).where('expires_at', '>', new Date()).executeTakeFirst();
  return row?.data;
}

export async function saveSession(db: Executor, session: { id: string; userId: string | null; data: unknown; expiresAt: Date }): Promise<void> {
  const row = { user_id: session.userId, data: JSON.stringify(session.data), expires_at: session.expiresAt };
  await db
    .insertInto('sessions')
    .values({ id: session.id, ...row })
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
