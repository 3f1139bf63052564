import { createDatabase } from '@amtsweg/db';
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import amtswegApp, { DEFAULT_ORGANISATION } from './app';
import { readConfig, resolveServerSecret } from './config';
import { seedDemo } from './seed-demo';

// The process around the app: configuration, logging, listening, graceful shutdown.
const config = readConfig();
let logConnectionError: (error: Error) => void = () => undefined;
const database = await createDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  onConnectionError: (error) => logConnectionError(error),
});
const app = Fastify({
  logger: { level: config.logLevel },
  bodyLimit: config.bodyLimit,
  requestTimeout: 30_000,
  trustProxy: config.trustProxy,
  // A request id from the caller (a proxy) is kept if it looks sane; otherwise a new one.
  genReqId: (request) => {
    const incoming = request.headers['x-request-id'];
    return typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
  },
});
logConnectionError = (error) => app.log.warn({ err: error }, 'database connection lost; the pool reconnects');
const serverSecret = resolveServerSecret(config, () =>
  app.log.warn(
    'SERVER_SECRET is not set: sessions end and enrolled second factors stop working when this process stops, and other processes do not share them',
  ),
);
await app.register(amtswegApp, {
  database,
  organisation: DEFAULT_ORGANISATION,
  security: { serverSecret, rateLimits: config.rateLimits },
  oidc: config.oidc,
  frontEnds: config.frontEnds,
  jobs: config.jobs.enabled ? { mail: config.mail, publicUrl: config.publicUrl, pollMs: config.jobs.pollMs, leaseMs: config.jobs.leaseMs } : undefined,
});
if (!config.mail.smtpUrl && database.kind === 'postgres') {
  app.log.warn({ mailDir: config.mail.mailDir }, 'SMTP_URL is not set: e-mails are written into the mail folder instead of being sent');
}
await app.ready();
// Demo accounts only on the embedded database: a server on PostgreSQL is a real installation.
if (config.seedDemo) await seedDemo(database, app.organisation, { accounts: database.kind === 'pglite' });

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    void app
      .close()
      .then(() => database.close())
      .then(() => process.exit(0));
  });
}

await app.listen({ port: config.port, host: config.host });
app.log.info(`Amtsweg on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (database: ${database.kind}); API docs at /docs`);
