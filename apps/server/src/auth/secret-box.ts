import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts secrets the server must read back later (TOTP secrets), so a copy of the database does not carry them.
 * `context` binds a value to where it belongs (the account's id): a value copied to another row does not open.
 */
export interface SecretBox {
  seal(plain: string, context: string): string;
  /** The plain text; throws if the value was changed, sealed under another key or for another context. */
  open(sealed: string, context: string): string;
  /**
   * The plain text, or undefined where `open` throws: for values that may fail to open in ordinary use (a cookie
   * of another browser, a value sealed before SERVER_SECRET changed) and are then simply not there.
   */
  tryOpen(sealed: string, context: string): string | undefined;
}

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A key for one purpose, derived from the server secret (HKDF-SHA256): the session cookie's signing secret and
 * the key of stored secrets are independent even though one secret is configured.
 */
export function deriveKey(serverSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, 'amtsweg', purpose, 32));
}

/**
 * AES-256-GCM with a random IV per value; `v1:` + base64url(iv ‖ tag ‖ ciphertext). Opening a value that was
 * changed, or sealed with another key, throws.
 */
export function createSecretBox(key: Buffer): SecretBox {
  const box: SecretBox = {
    seal(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${FORMAT}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
    },
    open(sealed, context) {
      const [format, body = ''] = sealed.split(':', 2);
      if (format !== FORMAT) throw new Error('unknown sealed format');
      const bytes = Buffer.from(body, 'base64url');
      // A shortened value would otherwise be checked against a shortened tag.
      if (bytes.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
    tryOpen(sealed, context) {
      try {
        return box.open(sealed, context);
      } catch {
        return undefined;
      }
    },
  };
  return box;
}
