import { findServiceVersion } from '@amtsweg/db';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../app-error';
import type { CompiledVersion } from './version-cache';

/** The compiled version: from the cache, or loaded and compiled once. */
export async function loadVersion(app: FastifyInstance, serviceId: string, version: number): Promise<CompiledVersion> {
  const cached = app.versions.find(serviceId, version);
  if (cached) return cached;
  const row = await findServiceVersion(app.database.db, app.organisation.id, serviceId, version);
  if (!row) throw new AppError('VERSION_NOT_FOUND', { de: 'Diese Version gibt es nicht.', en: 'There is no such version.' });
  return app.versions.add(serviceId, version, row.definition);
}
