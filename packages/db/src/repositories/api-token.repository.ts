import type { ApiTokenRow } from '../tables/api-token.table';
import type { Executor } from './executor';

export type ApiTokenInfo = Omit<ApiTokenRow, 'token_hash'>;

const TOKEN_COLUMNS = ['id', 'organisation_id', 'user_id', 'name', 'scopes', 'created_by', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'] as const;
/** How stale `last_used_at` may get: an integration calling many times a minute writes it once a minute. */
const LAST_USED_RESOLUTION_MS = 60_000;

export async function insertApiToken(db: Executor, token: Omit<ApiTokenRow, 'created_at' | 'last_used_at' | 'revoked_at'>): Promise<ApiTokenInfo> {
  return db
    .insertInto('api_tokens')
    .values(token)
    .returning(TOKEN_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** A live token by its hash: not revoked, not expired. Notes that it was used (at most once a minute). */
export async function useApiToken(db: Executor, tokenHash: string): Promise<ApiTokenInfo | undefined> {
  const now = new Date();
  const token = await db
    .selectFrom('api_tokens')
    .select(TOKEN_COLUMNS)
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  if (token && (token.last_used_at === null || now.getTime() - token.last_used_at.getTime() > LAST_USED_RESOLUTION_MS)) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', token.id).execute();
    return { ...token, last_used_at: now };
  }
  return token;
}

export async function listApiTokens(db: Executor, organisationId: string): Promise<ApiTokenInfo[]> {
  return db
    .selectFrom('api_tokens')
    .select(TOKEN_COLUMNS)
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeApiToken(db: Executor, organisationId: string, tokenId: string): Promise<ApiTokenInfo | undefined> {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .returning(TOKEN_COLUMNS)
    .executeTakeFirst();
}

/** The names of tokens by id (revoked ones too: a case's history names the token an event came through). */
export async function findApiTokenNames(db: Executor, organisationId: string, tokenIds: readonly string[]): Promise<Map<string, string>> {
  if (tokenIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'name'])
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', [...new Set(tokenIds)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
