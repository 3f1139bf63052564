import { findServiceVersion } from '@amtsweg/db';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../app-error';
import type { CompiledVersion } from './version-cache';

/**
 * The compiled version of one of the organisation's services: from the cache, or loaded and compiled once.
 * The cache is shared by all organisations, so a hit counts only if the version is the organisation's own.
 */
export async function loadVersion(app: FastifyInstance, organisationId: string, serviceId: string, version: number): Promise<CompiledVersion> {
  const cached = app.versions.find(serviceId, version);
  if (cached && cached.organisationId === organisationId) return cached;
  const row = cached ? undefined : await findServiceVersion(app.database.db, organisationId, serviceId, version);
  if (!row) throw new AppError('VERSION_NOT_FOUND', { de: 'Diese Version gibt es nicht.', en: 'There is no such version.' });
  return app.versions.add(organisationId, serviceId, version, row.definition);
}
