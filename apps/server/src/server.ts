import type { DatabaseHandle } from '@amtsweg/db';
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import amtswegApp from './app';
import { readConfig, resolveServerSecret, type ServerConfig } from './config';
import { LOG_SERIALIZERS } from './log-serializers';
import { InstallationError } from './install/installation-error';
import { openInstallationDatabase } from './install/open-installation-database';
import { prepareInstallation } from './install/prepare-installation';
import { seedDemo } from './seed-demo';

// The process around the app: configuration, logging, the database (and the embedded one's lock), the
// installation's home organisation and first administrator, listening, graceful shutdown.
let config: ServerConfig;
try {
  config = readConfig();
} catch (error) {
  // No logger yet (its level is configuration too): one plain line, no stack for a known mistake.
  process.stderr.write(`Amtsweg did not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
const app = Fastify({
  logger: {
    level: config.logLevel,
    // No personal data in any log line: requests without their query string, errors without SQL parameters.
    serializers: LOG_SERIALIZERS,
  },
  bodyLimit: config.bodyLimit,
  requestTimeout: 30_000,
  trustProxy: config.trustProxy,
  // A request id from the caller (a proxy) is kept if it looks sane; otherwise a new one.
  genReqId: (request) => {
    const incoming = request.headers['x-request-id'];
    return typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
  },
});
let database: DatabaseHandle | undefined;
try {
  database = await openInstallationDatabase(config, {
    program: 'server',
    onStaleLock: (owner, file, reason) =>
      app.log.warn({ lockFile: file, previousPid: owner?.pid, previousHost: owner?.host, reason }, 'took over the data folder’s lock from a process that was not shut down cleanly'),
    // Another process took the folder (this one was frozen past the heartbeat's limit): stop at once, so that two
    // processes never write one database.
    onLost: (reason) => {
      app.log.fatal({ reason }, 'the data folder’s lock is no longer this process’s: stopping');
      process.exit(1);
    },
    onConnectionError: (error) => app.log.warn({ err: error }, 'database connection lost; the pool reconnects'),
  });
  const installation = await prepareInstallation(
    database,
    { organisation: config.organisation, administrator: config.administrator, seedDemo: config.seedDemo },
    app.log,
  );
  const serverSecret = resolveServerSecret(config, () =>
    app.log.warn(
      'SERVER_SECRET is not set: sessions end and enrolled second factors stop working when this process stops, and other processes do not share them',
    ),
  );
  const home = installation.organisation;
  await app.register(amtswegApp, {
    database,
    organisation: { slug: home.slug, name: home.name, address: home.address },
    security: { serverSecret, rateLimits: config.rateLimits },
    oidc: config.oidc,
    frontEnds: config.frontEnds,
    jobs: config.jobs.enabled ? { mail: config.mail, publicUrl: config.publicUrl, pollMs: config.jobs.pollMs, leaseMs: config.jobs.leaseMs } : undefined,
  });
  if (!config.mail.smtpUrl && database.kind === 'postgres') {
    app.log.warn({ mailDir: config.mail.mailDir }, 'SMTP_URL is not set: e-mails are written into the mail folder instead of being sent');
  }
  await app.ready();
  // Demo data and demo accounts only when asked (SEED_DEMO; on by default on the embedded database only).
  if (config.seedDemo) await seedDemo(database, app.organisation, { accounts: true });
  else if (installation.administrator === 'none') {
    app.log.warn(
      { organisation: home.slug },
      'the organisation has no staff account: set ADMIN_EMAIL and ADMIN_PASSWORD and start again, or run `pnpm --filter @amtsweg/server admin:create`',
    );
  }
} catch (error) {
  if (error instanceof InstallationError) app.log.fatal(`Amtsweg did not start: ${error.message}`);
  else app.log.fatal({ err: error }, 'Amtsweg did not start');
  await app.close().catch(() => undefined);
  await database?.close().catch(() => undefined);
  process.exit(1);
}

const openDatabase = database;
let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // The database closes (and the embedded one's lock goes) only after the last request is answered.
    void app
      .close()
      .then(() => openDatabase.close())
      .then(() => process.exit(0));
  });
}

await app.listen({ port: config.port, host: config.host });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
app.log.info(`Amtsweg on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port} (database: ${openDatabase.kind}); API docs at /docs`);
