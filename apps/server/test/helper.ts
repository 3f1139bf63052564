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
  for (const table of ['cases', 'case_events', 'documents', 'idempotency_keys', 'case_deadlines', 'files'] as const) {
    const row = await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.count);
  }
  return counts;
}

/** A minimal but real PDF (file-type recognises it by its %PDF header). */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

/** Uploads a file through POST /api/files as a browser form would (fields first, then the file). */
export async function uploadFile(
  app: FastifyInstance,
  fields: { serviceId: string; field: string },
  file: { name: string; mediaType: string; content: Buffer },
) {
  const boundary = `----amtsweg${Math.random().toString(16).slice(2)}`;
  const parts = [
    ...Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.mediaType}\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ];
  return app.inject({ method: 'POST', url: '/api/files', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) });
}

/** Replaces the example's made-up file references with files really uploaded for this service. */
export async function withUploadedFiles(app: FastifyInstance, serviceId: string, data: Record<string, unknown>): Promise<Record<string, unknown>> {
  const copy = structuredClone(data) as { dogs?: { certificate?: unknown[] }[] };
  for (const dog of copy.dogs ?? []) {
    if (!dog.certificate) continue;
    dog.certificate = await Promise.all(
      dog.certificate.map(async () => {
        const response = await uploadFile(app, { serviceId, field: 'dogs.certificate' }, { name: 'wesenstest.pdf', mediaType: 'application/pdf', content: PDF_BYTES });
        if (response.statusCode !== 201) throw new Error(`upload failed: ${response.body}`);
        return response.json();
      }),
    );
  }
  return copy;
}
