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
  /** Seed the demo organisation, the Hundeanmeldung service and demo cases on first start. */
  seedDemo: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: readInteger(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? '.data/pglite',
    logLevel: env.LOG_LEVEL ?? 'info',
    bodyLimit: readInteger(env.BODY_LIMIT, 1_048_576, 'BODY_LIMIT'),
    seedDemo: (env.SEED_DEMO ?? 'true') !== 'false',
  };
}

function readInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return parsed;
}
