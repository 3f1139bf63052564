import { createTestDatabase, type TestDatabase } from '@amtsweg/db/testing';
import type { DatabaseKind } from '@amtsweg/db';
import type { ServiceDefinition } from '@amtsweg/definitions';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { readExampleSubmissions } from '@amtsweg/examples/node';
import Fastify, { type FastifyInstance } from 'fastify';
import amtswegApp from '../src/app';

export interface TestApp {
  app: FastifyInstance;
  /** Every route Fastify registered, with its declared access. */
  routes: { method: string; url: string; access: string | undefined }[];
  database: TestDatabase;
  close(): Promise<void>;
}

/** The whole API on a fresh database of the given kind, reached through Fastify's inject. */
export async function buildTestApp(kind: DatabaseKind, options: { bodyLimit?: number } = {}): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimit ?? 1_048_576 });
  const routes: TestApp['routes'] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method, url: route.url, access: route.config?.access });
  });
  await app.register(amtswegApp, { database });
  await app.ready();
  return {
    app,
    routes,
    database,
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}

export function hundeanmeldung(): ServiceDefinition {
  return structuredClone(HUNDEANMELDUNG) as ServiceDefinition;
}

export function exampleSubmission(file: string): { data: Record<string, unknown>; expectedErrors?: { path: string; code: string }[] } {
  const submission = readExampleSubmissions().find((s) => s.file === file);
  if (!submission) throw new Error(`no example submission ${file}`);
  return submission as { data: Record<string, unknown>; expectedErrors?: { path: string; code: string }[] };
}

/** Creates and publishes a service through the API; returns its id. */
export async function publishService(app: FastifyInstance, slug: string, definition: ServiceDefinition = hundeanmeldung()): Promise<string> {
  const created = await app.inject({ method: 'POST', url: '/api/services', payload: { slug, definition } });
  if (created.statusCode !== 201) throw new Error(`create failed: ${created.body}`);
  const { id } = created.json<{ id: string }>();
  const published = await app.inject({ method: 'POST', url: `/api/services/${id}/publish` });
  if (published.statusCode !== 201) throw new Error(`publish failed: ${published.body}`);
  return id;
}

/** Row counts of the tables a submission writes to. */
export async function countRows(database: TestDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['cases', 'case_events', 'documents', 'idempotency_keys', 'case_deadlines', 'reference_counters'] as const) {
    const row = await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.count);
  }
  return counts;
}
