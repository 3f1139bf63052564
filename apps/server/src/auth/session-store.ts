import type { SessionStore } from '@fastify/session';
import { deleteSession, findSessionInUse, saveSession, type Database } from '@amtsweg/db';
import type { Session } from 'fastify';
import type { Kysely } from 'kysely';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Sessions in PostgreSQL, so every server process behind a load balancer knows every session and a restart
 * logs nobody out. A row remembers its account, so all sessions of an account can end at once, and when it was
 * last used, for the account's list of its sessions.
 */
export function createSessionStore(db: () => Kysely<Database>): SessionStore {
  return {
    set(sessionId, session, callback) {
      const expiresAt = session.cookie.expires ?? new Date(Date.now() + DAY_MS);
      saveSession(db(), { id: sessionId, userId: session.userId ?? null, data: session, expiresAt }).then(() => callback(), callback);
    },
    get(sessionId, callback) {
      findSessionInUse(db(), sessionId).then((data) => callback(null, (data ?? null) as Session), (error: Error) => callback(error));
    },
    destroy(sessionId, callback) {
      deleteSession(db(), sessionId).then(() => callback(), callback);
    },
  };
}
