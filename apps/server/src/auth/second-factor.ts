import { randomBytes } from 'node:crypto';
import { hashToken } from './hash-token';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

const RECOVERY_CODE_COUNT = 10;
const TOTP_PERIOD_SECONDS = 30;
const BASE32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A new TOTP secret with what an authenticator app needs: the otpauth URI and it as a QR code (SVG). */
export async function createTotpEnrolment(issuer: string, accountName: string): Promise<{ secret: string; uri: string; qrCodeSvg: string }> {
  const secret = generateSecret();
  const uri = generateURI({ issuer, label: accountName, secret });
  const qrCodeSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrCodeSvg };
}

/**
 * Checks a 6-digit code, allowing one step of clock drift either way. A code whose time step is not after
 * `lastStep` is refused, so an observed code cannot be replayed. Returns the accepted time step.
 */
export async function verifyTotp(secret: string, code: string, lastStep: number | null): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const now = Math.floor(Date.now() / 1000);
  const result = await verify({ secret, token: code, epoch: now, epochTolerance: 30, ...(lastStep !== null ? { afterTimeStep: lastStep } : {}) });
  return result.valid ? Math.floor(now / TOTP_PERIOD_SECONDS) + result.delta : undefined;
}

/** Ten one-time codes of 80 random bits each, written XXXX-XXXX-XXXX-XXXX; store only `hashRecoveryCode`. */
export function createRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(16);
    const characters = Array.from(bytes, (byte) => BASE32[byte % BASE32.length]).join('');
    return characters.match(/.{4}/g)!.join('-');
  });
}

/** The stored form of a recovery code; spaces, dashes and case do not matter when typing it. */
export function hashRecoveryCode(code: string): string {
  return hashToken(code.replace(/[\s-]/g, '').toUpperCase());
}
