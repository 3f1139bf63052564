import { findServiceVersion, type DatabaseHandle } from '@amtsweg/db';
import { AppError } from '../app-error';
import type { CompiledVersion, VersionCache } from './version-cache';

/** Where compiled versions come from: the running server (Fastify instance) or a background worker. */
export interface VersionSource {
  database: Pick<DatabaseHandle, 'db'>;
  versions: VersionCache;
}

/**
 * The compiled version of one of the organisation's services: from the cache, or loaded and compiled once.
 * The cache is shared by all organisations, so a hit counts only if the version is the organisation's own.
 */
export async function loadVersion(app: VersionSource, organisationId: string, serviceId: string, version: number): Promise<CompiledVersion> {
  const cached = app.versions.find(serviceId, version);
  if (cached && cached.organisationId === organisationId) return cached;
  const row = cached ? undefined : await findServiceVersion(app.database.db, organisationId, serviceId, version);
  if (!row) throw new AppError('VERSION_NOT_FOUND', { de: 'Diese Version gibt es nicht.', en: 'There is no such version.' });
  return app.versions.add(organisationId, serviceId, version, row.definition);
}
