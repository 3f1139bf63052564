import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OidcOptions } from './auth/oidc-login';
import type { OrganisationSettings } from './install/home-organisation';
import { InstallationError } from './install/installation-error';
import { checkOrganisationSlug, slugFromName } from './install/organisation-slug';
import type { FirstAdministrator } from './install/prepare-installation';
import type { FrontEnd } from './plugins/front-ends.plugin';

/** How the server is configured: environment variables only (documented in the README). */
export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL connection string; without it the embedded PGlite is used. */
  databaseUrl: string | undefined;
  /** PGlite's data folder. */
  dataDir: string;
  logLevel: string;
  /** Largest JSON body accepted, in bytes. */
  bodyLimit: number;
  /**
   * Seed the Hundeanmeldung, demo cases and the demo accounts (README) on first start. `SEED_DEMO`; by default
   * on the embedded database (the README’s try-out) and off with `DATABASE_URL`, `ADMIN_EMAIL` or `ORGANISATION_NAME`.
   */
  seedDemo: boolean;
  /** The home organisation at the first start (`ORGANISATION_NAME`, `ORGANISATION_SLUG`); later starts keep the stored one. */
  organisation: OrganisationSettings;
  /** The first administrator, created at start while the home organisation has no staff account (`ADMIN_*`). */
  administrator: FirstAdministrator | undefined;
  /**
   * The server's secret: session cookies are signed and stored second-factor secrets encrypted with keys derived
   * from it. The same on every process, and stable (a new one logs everybody out and voids enrolled second
   * factors). Without it the embedded mode keeps one in its data folder.
   */
  serverSecret: string | undefined;
  /**
   * Behind a reverse proxy: the proxy addresses (IPs, networks, or `loopback`, `linklocal`, `uniquelocal`) whose
   * X-Forwarded-* headers are trusted (client address for the login throttle, rate limits and upload budget, HTTPS
   * for Secure cookies); false: none. Never "every sender": a client would name its own address.
   */
  trustProxy: false | string[];
  /** Requests per minute and client address. */
  rateLimits: { login: number; submission: number; upload: number; validation: number; uploadBytes: number; uploadWindowMinutes: number };
  /** Citizen login through OpenID Connect: all of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI, or none. */
  oidc: OidcOptions | undefined;
  /** The built front ends served next to the API; one not built is left out with a warning. */
  frontEnds: FrontEnd[];
  /** The address citizens and staff reach Amtsweg at, for links in e-mails (no trailing slash). */
  publicUrl: string;
  /** E-mail: over SMTP (`SMTP_URL`), or written as `.eml` files into `mailDir` when no SMTP server is set. */
  mail: MailConfig;
  /** Background work (deadlines, e-mail, webhooks, housekeeping) in this process; `JOBS=false` leaves it to others. */
  jobs: { enabled: boolean; pollMs: number; leaseMs: number };
}

export interface MailConfig {
  smtpUrl: string | undefined;
  from: string;
  /** Where mails go without an SMTP server: `DATA_DIR/../mail` unless `MAIL_DIR` says otherwise. */
  mailDir: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const { databaseUrl, dataDir } = readDatabaseLocation(env);
  return {
    port: readInteger(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    dataDir,
    logLevel: env.LOG_LEVEL ?? 'info',
    bodyLimit: readInteger(env.BODY_LIMIT, 1_048_576, 'BODY_LIMIT'),
    // A real installation (PostgreSQL, or a named organisation or first administrator on the embedded database)
    // gets no demo data and no demo accounts with their published password unless it asks for them.
    seedDemo: readBoolean(env.SEED_DEMO, databaseUrl === undefined && !env.ADMIN_EMAIL && !env.ORGANISATION_NAME, 'SEED_DEMO'),
    organisation: readOrganisation(env),
    administrator: readAdministrator(env),
    serverSecret: env.SERVER_SECRET || undefined,
    trustProxy: readTrustProxy(env.TRUST_PROXY),
    rateLimits: {
      login: readInteger(env.RATE_LIMIT_LOGIN, 10, 'RATE_LIMIT_LOGIN'),
      submission: readInteger(env.RATE_LIMIT_SUBMISSION, 60, 'RATE_LIMIT_SUBMISSION'),
      upload: readInteger(env.RATE_LIMIT_UPLOAD, 120, 'RATE_LIMIT_UPLOAD'),
      validation: readInteger(env.RATE_LIMIT_VALIDATION, 600, 'RATE_LIMIT_VALIDATION'),
      // Bytes of files per client address and window (issue 18, finding 8): the count alone let 1.2 GB a minute in.
      uploadBytes: readInteger(env.UPLOAD_BUDGET_MB, 200, 'UPLOAD_BUDGET_MB') * 1024 * 1024,
      uploadWindowMinutes: Math.max(1, readInteger(env.UPLOAD_BUDGET_MINUTES, 60, 'UPLOAD_BUDGET_MINUTES')),
    },
    oidc: readOidc(env),
    publicUrl: readPublicUrl(env),
    mail: {
      smtpUrl: readSmtpUrl(env.SMTP_URL),
      from: env.MAIL_FROM || 'Amtsweg <amtsweg@localhost>',
      mailDir: resolve(env.MAIL_DIR || join(dirname(env.DATA_DIR || '.data/pglite'), 'mail')),
    },
    jobs: {
      enabled: env.JOBS !== 'false',
      pollMs: readInteger(env.JOB_POLL_MS, 2000, 'JOB_POLL_MS'),
      leaseMs: readInteger(env.JOB_LEASE_MS, 120_000, 'JOB_LEASE_MS'),
    },
    frontEnds: [
      { name: 'portal', prefix: '/', root: resolve(env.PORTAL_DIST || fileURLToPath(new URL('../../portal/dist', import.meta.url))) },
      // Its own routes (`/inbox/*`) are more specific than the portal's (`/*`), so the router picks them.
      { name: 'inbox', prefix: '/inbox/', root: resolve(env.INBOX_DIST || fileURLToPath(new URL('../../inbox/dist', import.meta.url))) },
      { name: 'studio', prefix: '/studio/', root: resolve(env.STUDIO_DIST || fileURLToPath(new URL('../../studio/dist', import.meta.url))) },
      { name: 'admin', prefix: '/admin/', root: resolve(env.ADMIN_DIST || fileURLToPath(new URL('../../admin/dist', import.meta.url))) },
    ],
  };
}

/** Where the data is, for the server and the CLI alike: PostgreSQL at DATABASE_URL, else PGlite in DATA_DIR. */
export function readDatabaseLocation(env: NodeJS.ProcessEnv = process.env): { databaseUrl: string | undefined; dataDir: string } {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR || '.data/pglite' };
}

const PROXY_NETWORK_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: the addresses of the reverse proxies, comma-separated — IPs, networks (`10.0.0.0/8`) or the names
 * loopback, linklocal and uniquelocal; `false` or unset: no proxy. Fastify then takes the client's address from
 * the rightmost X-Forwarded-For entry not written by one of them. `true` (every sender trusted) and a hop count
 * are refused: with either, a client chooses its own address by the X-Forwarded-For it sends, and with it fresh
 * login attempts and upload budgets.
 */
function readTrustProxy(value: string | undefined): false | string[] {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false') return false;
  const advice = 'set TRUST_PROXY to the address of the reverse proxy instead: TRUST_PROXY=loopback for one on the same machine, else its IP or network (e.g. 10.0.0.2 or 172.16.0.0/12)';
  if (text === 'true') throw new InstallationError(`TRUST_PROXY=true is no longer accepted: it trusted X-Forwarded-For from any client, so any client could name its own address; ${advice}`);
  if (/^\d+$/.test(text)) throw new InstallationError(`TRUST_PROXY=${text} is a hop count, which cannot tell the proxy from a client connecting directly; ${advice}`);
  return text.split(',').map((entry) => {
    const proxy = entry.trim();
    if (!PROXY_NETWORK_NAMES.includes(proxy) && !isAddressOrNetwork(proxy)) {
      throw new InstallationError(`TRUST_PROXY: "${proxy}" is not an IP address, a network (10.0.0.0/8) or ${PROXY_NETWORK_NAMES.join(', ')}`);
    }
    return proxy;
  });
}

function isAddressOrNetwork(text: string): boolean {
  const [address = '', prefix, ...rest] = text.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

/** ORGANISATION_NAME and ORGANISATION_SLUG (a slug needs a name: it names the organisation the name creates). */
function readOrganisation(env: NodeJS.ProcessEnv): OrganisationSettings {
  const name = env.ORGANISATION_NAME?.trim() || undefined;
  const slug = env.ORGANISATION_SLUG?.trim() || undefined;
  if (slug !== undefined && name === undefined) throw new InstallationError('ORGANISATION_SLUG is set without ORGANISATION_NAME: set both, or only ORGANISATION_NAME');
  if (name !== undefined && name.length > 200) throw new InstallationError('ORGANISATION_NAME must be at most 200 characters');
  if (slug !== undefined) return { name, slug: checkOrganisationSlug(slug, 'ORGANISATION_SLUG') };
  if (name !== undefined && slugFromName(name).length < 2) {
    throw new InstallationError(`ORGANISATION_NAME "${name}" gives no usable slug (2 to 63 letters and digits): set ORGANISATION_SLUG as well`);
  }
  return { name, slug };
}

/**
 * ADMIN_EMAIL with ADMIN_PASSWORD or ADMIN_PASSWORD_FILE (a Docker secret: a file holding the password, its
 * final line break dropped), ADMIN_NAME optional. Half a configuration stops the start.
 */
function readAdministrator(env: NodeJS.ProcessEnv): FirstAdministrator | undefined {
  const email = env.ADMIN_EMAIL?.trim() || undefined;
  const password = env.ADMIN_PASSWORD || undefined;
  const passwordFile = env.ADMIN_PASSWORD_FILE || undefined;
  if (password !== undefined && passwordFile !== undefined) {
    throw new InstallationError('ADMIN_PASSWORD and ADMIN_PASSWORD_FILE are both set: set only one of them');
  }
  if (email === undefined) {
    if (password !== undefined || passwordFile !== undefined) {
      throw new InstallationError(`${password !== undefined ? 'ADMIN_PASSWORD' : 'ADMIN_PASSWORD_FILE'} is set without ADMIN_EMAIL: set both, or neither`);
    }
    return undefined;
  }
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new InstallationError('ADMIN_EMAIL must be an e-mail address (the value is not repeated here)');
  if (password === undefined && passwordFile === undefined) {
    throw new InstallationError('ADMIN_EMAIL is set without ADMIN_PASSWORD or ADMIN_PASSWORD_FILE: set one of them, or remove ADMIN_EMAIL');
  }
  // Without a name the account is called by its address ("Sie sind als it@… angemeldet"), not by a role.
  const displayName = env.ADMIN_NAME?.trim() || email;
  if (displayName.length > 200) throw new InstallationError('ADMIN_NAME must be at most 200 characters');
  if (password !== undefined) return { email, password, displayName, passwordSource: 'ADMIN_PASSWORD' };
  return { email, password: readPasswordFile(passwordFile!), displayName, passwordSource: 'ADMIN_PASSWORD_FILE' };
}

function readPasswordFile(file: string): string {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InstallationError(`ADMIN_PASSWORD_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  // Editors and `echo` end a file with a line break; it is not part of the password.
  const password = content.replace(/\r?\n$/, '');
  if (password === '') throw new InstallationError(`ADMIN_PASSWORD_FILE: ${file} is empty`);
  return password;
}

/** PUBLIC_URL, or where this server listens. */
function readPublicUrl(env: NodeJS.ProcessEnv): string {
  const value = env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_URL must be a URL, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`PUBLIC_URL must be an http(s):// URL, got "${value}"`);
  return value.replace(/\/+$/, '');
}

// smtp:// (STARTTLS when offered) or smtps:// (TLS from the start); the password never reaches a log line.
function readSmtpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('SMTP_URL must be a URL such as smtp://user:password@mail.example.org:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`SMTP_URL must start with smtp:// or smtps://, got "${url.protocol}"`);
  return value;
}

const OIDC_VARIABLES = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const;

/** The OpenID Connect provider: all four variables or none; half a configuration stops the start. */
function readOidc(env: NodeJS.ProcessEnv): OidcOptions | undefined {
  const missing = OIDC_VARIABLES.filter((name) => !env[name]);
  if (missing.length === OIDC_VARIABLES.length) return undefined;
  if (missing.length > 0) throw new Error(`OpenID Connect login needs all of ${OIDC_VARIABLES.join(', ')}; missing: ${missing.join(', ')}`);
  const issuer = readHttpsUrl(env.OIDC_ISSUER!, 'OIDC_ISSUER');
  const redirectUri = readHttpsUrl(env.OIDC_REDIRECT_URI!, 'OIDC_REDIRECT_URI');
  return { issuer, clientId: env.OIDC_CLIENT_ID!, clientSecret: env.OIDC_CLIENT_SECRET!, redirectUri };
}

// Tokens and the client secret travel over these addresses; plain HTTP is for tests only (OidcOptions.allowInsecureHttp).
function readHttpsUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be a URL, got "${value}"`);
  }
  if (url.protocol !== 'https:') throw new Error(`${name} must be an https:// URL, got "${value}"`);
  return value;
}

/** The server secret: configured, or (embedded mode) made once and kept next to the data folder. */
export function resolveServerSecret(config: ServerConfig, onEphemeral: () => void): string {
  if (config.serverSecret) {
    if (config.serverSecret.length < 32) throw new Error('SERVER_SECRET must be at least 32 characters');
    return config.serverSecret;
  }
  if (config.databaseUrl) {
    onEphemeral();
    return randomBytes(32).toString('base64url');
  }
  const file = join(dirname(config.dataDir), 'server-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function readBoolean(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InstallationError(`${name} must be true or false, got "${value}"`);
}

function readInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return parsed;
}
