import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { MailConfig } from '../config';
import { createWorker, type Worker, type WorkerOptions } from '../jobs/create-worker';
import type { JobContext } from '../jobs/job-context';
import { createMailer } from '../mail/create-mailer';

declare module 'fastify' {
  interface FastifyInstance {
    /** The background worker of this process (deadlines, e-mail, webhooks, housekeeping); absent when it runs elsewhere. */
    worker: Worker | undefined;
  }
}

export interface JobsOptions extends Partial<WorkerOptions> {
  mail: MailConfig;
  /** The address citizens and staff reach Amtsweg at, for links in e-mails. */
  publicUrl: string;
  /** Start polling at once (default); false: the worker exists but only runs when asked (tests). */
  autoStart?: boolean;
  /** The clock (tests move it); default: the real one. */
  now?: () => Date;
}

/**
 * Runs the background work in this process on the app's database, version cache and secrets: the same case
 * operations the routes use, with no request around them. Stopped (and its round finished) when the app closes,
 * before the database goes.
 */
function jobsPlugin(app: FastifyInstance, options: { jobs?: JobsOptions }): Promise<void> {
  const jobs = options.jobs;
  if (!jobs) {
    app.decorate('worker', undefined);
    return Promise.resolve();
  }
  const mailer = createMailer(jobs.mail, jobs.publicUrl);
  const context: JobContext = {
    db: app.database.db,
    database: app.database,
    versions: app.versions,
    mailer,
    secrets: app.secrets,
    publicUrl: jobs.publicUrl,
    homeOrganisationId: app.organisation.id,
    log: app.log.child({ component: 'jobs' }),
    now: jobs.now ?? (() => new Date()),
  };
  const { pollMs = 2000, batchSize, concurrency, leaseMs } = jobs;
  const worker = createWorker(context, { pollMs, ...(batchSize ? { batchSize } : {}), ...(concurrency ? { concurrency } : {}), ...(leaseMs ? { leaseMs } : {}) });
  app.decorate('worker', worker);
  app.addHook('onReady', () => {
    app.log.info({ mail: mailer.target, worker: worker.id }, 'background work started');
    if (jobs.autoStart !== false) worker.start();
    return Promise.resolve();
  });
  app.addHook('onClose', async () => {
    await worker.stop();
    mailer.close();
  });
  return Promise.resolve();
}

export default fp(jobsPlugin, { name: 'jobs', fastify: '5.x', dependencies: ['database', 'auth'] });
