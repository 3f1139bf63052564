import { ensureOrganisation, migrateToLatest, type DatabaseHandle, type Organisation } from '@amtsweg/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createSubmissionContext, type SubmissionContext } from '../cases/submission-context';
import { PublishedVersions } from '../services/published-versions';
import { VersionCache } from '../services/version-cache';

declare module 'fastify' {
  interface FastifyInstance {
    database: DatabaseHandle;
    versions: VersionCache;
    publishedVersions: PublishedVersions;
    /** The submission path of this process (shared reference draws and writes). */
    submissions: SubmissionContext;
    /** The organisation this server acts for until accounts arrive (issue 4 resolves it per caller). */
    organisation: Organisation;
  }
}

export interface DatabasePluginOptions {
  database: DatabaseHandle;
  organisation: { slug: string; name: string; address: string };
}

/** Migrates the database, makes sure the organisation exists and hands both to the routes. */
async function databasePlugin(app: FastifyInstance, options: DatabasePluginOptions): Promise<void> {
  await migrateToLatest(options.database.db);
  const organisation = await ensureOrganisation(options.database.db, { id: crypto.randomUUID(), ...options.organisation });
  app.decorate('database', options.database);
  app.decorate('versions', new VersionCache());
  app.decorate('publishedVersions', new PublishedVersions());
  app.decorate('submissions', createSubmissionContext(options.database.db));
  app.decorate('organisation', organisation);
}

export default fp(databasePlugin, { name: 'database', fastify: '5.x' });
