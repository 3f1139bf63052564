import type { ApiTokenRow } from '../tables/api-token.table';
import type { Executor } from './executor';

export type ApiTokenInfo = Omit<ApiTokenRow, 'token_hash'>;

export async function insertApiToken(db: Executor, token: Omit<ApiTokenRow, 'created_at' | 'last_used_at' | 'revoked_at'>): Promise<ApiTokenInfo> {
  return db
    .insertInto('api_tokens')
    .values(token)
    .returning(['id', 'organisation_id', 'user_id', 'name', 'scopes', 'created_by', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .executeTakeFirstOrThrow();
}

/** A live token by its hash: not revoked, not expired. Marks it used. */
export async function useApiToken(db: Executor, tokenHash: string): Promise<ApiTokenInfo | undefined> {
  return db
    .updateTable('api_tokens')
    .set({ last_used_at: new Date() })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
    .returning(['id', 'organisation_id', 'user_id', 'name', 'scopes', 'created_by', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .executeTakeFirst();
}

export async function listApiTokens(db: Executor, organisationId: string): Promise<ApiTokenInfo[]> {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'organisation_id', 'user_id', 'name', 'scopes', 'created_by', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
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
    .returning(['id', 'organisation_id', 'user_id', 'name', 'scopes', 'created_by', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .executeTakeFirst();
}
