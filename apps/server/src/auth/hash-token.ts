import { createHash } from 'node:crypto';

/**
 * The stored form of a random token (case access token, API token, recovery code): SHA-256, hex. The tokens
 * carry at least 80 random bits, so a fast hash is enough; only the hash is ever stored.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
