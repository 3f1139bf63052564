import { hash, verify } from '@node-rs/argon2';

// Argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's recommended minimum). The variant
// is given by number: the package's `Algorithm` is a const enum, which does not exist at run time under tsx.
const ARGON2ID = 2;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. Without a hash (unknown account, or one that logs in elsewhere) it
 * checks against a hash of a random password, so answering takes as long as for a real account and the
 * timing does not tell which addresses have accounts.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  const against = storedHash ?? (await dummyHash);
  try {
    const matches = await verify(against, password);
    return matches && storedHash !== undefined && storedHash !== null;
  } catch {
    return false;
  }
}
