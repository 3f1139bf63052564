import { createHash } from 'node:crypto';

declare module 'fastify' {
  interface Session {
    /** When this login began (ISO time); unlike `authenticatedAt` never re-stamped. */
    startedAt?: string;
    /** Which browser on which system logged in, for the account's list of sessions (no address, no version). */
    client?: SessionClient;
  }
}

/** A browser and its operating system by name only ("Firefox", "Windows"); unknown parts stay null. */
export interface SessionClient {
  browser: string | null;
  system: string | null;
}

// Order matters: Edge and Opera also say Chrome, Chrome also says Safari, Android also says Linux.
const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\b(OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\bChromium\//, 'Chromium'],
  [/\b(HeadlessChrome|Chrome|CriOS)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/\bcurl\//, 'curl'],
];
const SYSTEMS: readonly [RegExp, string][] = [
  [/\bWindows\b/, 'Windows'],
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
];

/**
 * The short summary of a User-Agent header kept with a session ("Chrome" on "Linux"): enough for a person to
 * recognise their own devices, too little to fingerprint anyone; the header itself is not stored.
 */
export function summariseUserAgent(userAgent: string | undefined): SessionClient {
  const header = (userAgent ?? '').slice(0, 512);
  const browser = BROWSERS.find(([pattern]) => pattern.test(header))?.[1] ?? null;
  const system = SYSTEMS.find(([pattern]) => pattern.test(header))?.[1] ?? null;
  return { browser, system };
}

/**
 * The id under which a session is shown and ended. The session id is the cookie's secret, so it never leaves
 * the server: this is a SHA-256 of it (43 characters, base64url), from which the id cannot be recovered.
 */
export function sessionHandle(sessionId: string): string {
  return createHash('sha256').update(`amtsweg session handle\u0000${sessionId}`).digest('base64url');
}

export const SESSION_HANDLE_PATTERN = '^[A-Za-z0-9_-]{43}$';
