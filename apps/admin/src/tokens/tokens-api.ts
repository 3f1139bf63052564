import { api } from '@amtsweg/ui/app';

/** What an API token may be limited to (the server's TOKEN_SCOPES). */
export const TOKEN_SCOPES = ['cases:read', 'cases:act', 'services:design'] as const;

/** A token as the server lists it: never the token itself. */
export interface ApiTokenInfo {
  id: string;
  name: string;
  /** The person it acts for: who created it. */
  userId: string;
  userName: string | null;
  scopes: string[];
  createdBy: string;
  createdByName: string | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function loadTokens(): Promise<ApiTokenInfo[]> {
  return (await api<{ tokens: ApiTokenInfo[] }>('/api/api-tokens')).tokens;
}

/** Creates a token acting for the person logged in (the server refuses one for anybody else). */
export function createToken(body: { name: string; scopes: string[]; expiresAt?: string }): Promise<{ token: string; apiToken: ApiTokenInfo }> {
  return api<{ token: string; apiToken: ApiTokenInfo }>('/api/api-tokens', { method: 'POST', body });
}

export function revokeToken(tokenId: string): Promise<void> {
  return api<void>(`/api/api-tokens/${tokenId}`, { method: 'DELETE' });
}

/**
 * The end of a calendar day in Berlin as an instant with its offset: a token "valid until 31 December" works
 * through that day where the authority is.
 *
 * @example
 * endOfBerlinDay('2027-12-31') // '2027-12-31T23:59:59+01:00'
 */
export function endOfBerlinDay(day: string): string {
  // The offset at noon is the evening's too: the clocks change in the small hours.
  const zone = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' }).formatToParts(new Date(`${day}T12:00:00Z`)).find((part) => part.type === 'timeZoneName')?.value;
  const offset = zone && zone !== 'GMT' ? zone.slice(3) : '+00:00';
  return `${day}T23:59:59${offset}`;
}
