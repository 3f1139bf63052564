import { createTestDatabase, type TestDatabase } from '@amtsweg/db/testing';
import type { DatabaseKind } from '@amtsweg/db';
import type { ServiceDefinition } from '@amtsweg/definitions';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { readExampleSubmissions } from '@amtsweg/examples/node';
import { randomUUID } from 'node:crypto';
import { insertUser, type StaffRole } from '@amtsweg/db';
import Fastify, { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../src/auth/password';
import type { RateLimits } from '../src/plugins/auth.plugin';
import type { FrontEnd } from '../src/plugins/front-ends.plugin';
import type { JobsOptions } from '../src/plugins/jobs.plugin';
import amtswegApp from '../src/app';
import { LOG_SERIALIZERS } from '../src/log-serializers';

export interface TestApp {
  app: FastifyInstance;
  /** Every route Fastify registered, with its declared access. */
  routes: { method: string; url: string; access: string | undefined; allowTokens: boolean; querystring: Record<string, unknown> | undefined }[];
  database: TestDatabase;
  /** A logged-in staff member holding every organisation role (and, via publishService, every process role). */
  staff: Caller;
  /** `app.inject` as `caller` (the all-roles staff member by default; null: anonymous). */
  inject(options: InjectOptions, caller?: Caller | null): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A logged-in session: its cookie and CSRF token, sent as headers. */
export interface Caller {
  userId: string;
  headers: Record<string, string>;
}

export const TEST_PASSWORD = 'Richtig-Langes-Passwort-1';
/** Rate limits high enough that tests hammering one route from one address are not throttled. */
export const UNLIMITED = { login: 100_000, submission: 100_000, upload: 100_000, validation: 100_000 };

/** The whole API on a fresh database of the given kind, reached through Fastify's inject. */
export async function buildTestApp(
  kind: DatabaseKind,
  options: {
    bodyLimit?: number;
    rateLimits?: Partial<RateLimits>;
    logStream?: { write(line: string): void };
    /** The trusted proxy addresses, as `TRUST_PROXY` gives them (ServerConfig.trustProxy). */
    trustProxy?: false | string[];
    frontEnds?: readonly FrontEnd[];
    /** Background work (deadlines, e-mail, webhooks) in this app; none by default. */
    jobs?: JobsOptions;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  const app = Fastify({
    // The server's own serializers, so tests that read the log see what production writes.
    logger: options.logStream ? { level: 'trace', stream: options.logStream, serializers: LOG_SERIALIZERS } : false,
    bodyLimit: options.bodyLimit ?? 1_048_576,
    trustProxy: options.trustProxy ?? false,
  });
  const routes: TestApp['routes'] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const querystring = (route.schema?.querystring as { properties?: Record<string, unknown> } | undefined)?.properties;
    for (const method of methods) routes.push({ method, url: route.url, access: route.config?.access, allowTokens: route.config?.allowTokens === true, querystring });
  });
  await app.register(amtswegApp, { database, security: { rateLimits: { ...UNLIMITED, ...options.rateLimits } }, frontEnds: options.frontEnds, jobs: options.jobs });
  await app.ready();
  const staffUser = await createAccount(app, { email: 'alle.rollen@test.example', kind: 'staff', roles: ['administrator', 'designer', 'caseworker'] });
  const staff = await logIn(app, 'alle.rollen@test.example');
  const staffCaller = { ...staff, userId: staffUser.id };
  return {
    app,
    routes,
    database,
    staff: staffCaller,
    inject(injectOptions, caller = staffCaller) {
      const headers = { ...caller?.headers, ...(injectOptions.headers as Record<string, string> | undefined) };
      return app.inject({ ...injectOptions, headers });
    },
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}

/** Creates an account straight in the database (the administration API is tested on its own). */
export async function createAccount(
  app: FastifyInstance,
  account: { email: string; kind: 'staff' | 'citizen'; roles?: StaffRole[]; organisationId?: string; password?: string },
) {
  return insertUser(app.database.db, {
    id: randomUUID(),
    organisation_id: account.organisationId ?? app.organisation.id,
    kind: account.kind,
    email: account.email,
    display_name: account.email.split('@')[0]!,
    password_hash: await hashPassword(account.password ?? TEST_PASSWORD),
    roles: account.roles ?? [],
  });
}

/** Logs in through POST /api/auth/login; answers the session cookie and CSRF token as headers. */
export async function logIn(
  app: FastifyInstance,
  email: string,
  options: { kind?: 'staff' | 'citizen'; organisation?: string; password?: string } = {},
): Promise<Caller> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: options.password ?? TEST_PASSWORD, kind: options.kind ?? 'staff', ...(options.organisation ? { organisation: options.organisation } : {}) },
  });
  if (response.statusCode !== 200) throw new Error(`login of ${email} failed: ${response.body}`);
  const body = response.json<{ csrfToken: string; account: { id: string } }>();
  return { userId: body.account.id, headers: { cookie: sessionCookie(response), 'x-csrf-token': body.csrfToken } };
}

/** The session cookie a response set, as a Cookie header value. */
export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'amtsweg_session');
  if (!cookie) throw new Error('no session cookie in the response');
  return `${cookie.name}=${cookie.value}`;
}

/** Grants an account process roles for a service (adding to what it holds), through the administration API. */
export async function grantServiceRoles(t: TestApp, userId: string, serviceId: string, roles: readonly string[]): Promise<void> {
  const current = await t.inject({ method: 'GET', url: `/api/users/${userId}` });
  const held = current.json<{ serviceRoles: { serviceId: string; role: string }[] }>().serviceRoles;
  const serviceRoles = [...held, ...roles.map((role) => ({ serviceId, role }))];
  const updated = await t.inject({ method: 'PATCH', url: `/api/users/${userId}`, payload: { serviceRoles } });
  if (updated.statusCode !== 200) throw new Error(`granting roles failed: ${updated.body}`);
}

export function hundeanmeldung(): ServiceDefinition {
  return structuredClone(HUNDEANMELDUNG) as ServiceDefinition;
}

export function exampleSubmission(file: string): { data: Record<string, unknown>; expectedErrors?: { path: string; code: string }[] } {
  const submission = readExampleSubmissions().find((s) => s.file === file);
  if (!submission) throw new Error(`no example submission ${file}`);
  return submission as { data: Record<string, unknown>; expectedErrors?: { path: string; code: string }[] };
}

/** The reference pattern publishService gives a copy of the Hundeanmeldung published under `slug`. */
export function referencePatternOf(slug: string): string {
  return `${slug.slice(0, 40).toUpperCase()}-{YYYY}-{SEQ:5}`;
}

/**
 * Creates and publishes a service through the API as the all-roles staff member, and grants them every
 * process role of the service; returns its id. Two services of an organisation may not share a reference
 * pattern, so a copy of the Hundeanmeldung under another slug than `hundeanmeldung` numbers its cases after
 * its slug (`zweitwohnung` → `ZWEITWOHNUNG-{YYYY}-{SEQ:5}`); a pattern of the caller's own is kept.
 */
export async function publishService(t: TestApp, slug: string, definition: ServiceDefinition = hundeanmeldung()): Promise<string> {
  if (slug !== 'hundeanmeldung' && definition.settings.referencePattern === (HUNDEANMELDUNG as ServiceDefinition).settings.referencePattern) {
    definition = { ...definition, settings: { ...definition.settings, referencePattern: referencePatternOf(slug) } };
  }
  const created = await t.inject({ method: 'POST', url: '/api/services', payload: { slug, definition } });
  if (created.statusCode !== 201) throw new Error(`create failed: ${created.body}`);
  const { id } = created.json<{ id: string }>();
  const published = await t.inject({ method: 'POST', url: `/api/services/${id}/publish` });
  if (published.statusCode !== 201) throw new Error(`publish failed: ${published.body}`);
  await grantServiceRoles(t, t.staff.userId, id, definition.settings.roles.map((role) => role.id));
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
  headers: Record<string, string> = {},
) {
  const boundary = `----amtsweg${Math.random().toString(16).slice(2)}`;
  const parts = [
    ...Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.mediaType}\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ];
  return app.inject({ method: 'POST', url: '/api/files', headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) });
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

/** `YYYY-MM-DD` plus whole days, on the calendar. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}
