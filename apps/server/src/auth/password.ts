import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../app-error';

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

/**
 * The rules for a new password, wherever it is set (account and administration routes, `ADMIN_PASSWORD`, the
 * CLI): MIN_PASSWORD_LENGTH to MAX_PASSWORD_LENGTH characters, counted as the routes' schemas count them (code
 * points), and what length cannot see — a password that contains the address or is one character repeated.
 * Throws an `AppError` naming `path`.
 *
 * @example
 * checkPasswordStrength(body.password, body.email, '/body/password');
 */
export function checkPasswordStrength(password: string, email: string, path: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
    const message = {
      de: `Das Passwort muss ${MIN_PASSWORD_LENGTH} bis ${MAX_PASSWORD_LENGTH} Zeichen haben, es hat ${length}.`,
      en: `The password must have ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters, it has ${length}.`,
    };
    throw new AppError('REQUEST_INVALID', message, { errors: [{ path, code: length < MIN_PASSWORD_LENGTH ? 'minLength' : 'maxLength', message }] });
  }
  const lower = password.toLowerCase();
  const localPart = email.toLowerCase().split('@')[0] ?? '';
  const guessable = lower === email.toLowerCase() || (localPart.length >= 4 && lower.includes(localPart)) || /^(.)\1+$/.test(password);
  if (guessable) {
    const message = { de: 'Das Passwort ist zu leicht zu erraten (es enthält die E-Mail-Adresse oder nur ein Zeichen).', en: 'The password is too easy to guess (it contains the email address or a single character).' };
    throw new AppError('PASSWORD_TOO_WEAK', message, { errors: [{ path, code: 'weak', message }] });
  }
}
