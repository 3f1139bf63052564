import { randomUUID } from 'node:crypto';
import { insertUser, type StaffRole } from '@amtsweg/db';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@amtsweg/db/testing';
import Fastify, { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import amtswegApp from '../src/app';
import { hashPassword } from '../src/auth/password';
import { exampleSubmission, hundeanmeldung, PDF_BYTES, referencePatternOf, sessionCookie, TEST_PASSWORD, UNLIMITED } from './helper';
import { registerCitizen } from './register-citizen';

/**
 * Issue 17: "Two organisations on one installation: nothing of one is visible to the other's staff, citizens or
 * portal (test over every list route)." Both organisations get everything (services with published versions,
 * cases with files and documents, drafts, staff of every role, citizens, API tokens, webhook endpoints with a
 * delivery, audit events); then every GET route Fastify knows is called as the first organisation's callers —
 * with the second's ids in every path parameter and id-valued query parameter — and no answer may carry
 * anything of the second. The route list comes from Fastify, so a route added later is covered at once, and a
 * parameter the test cannot fill fails it.
 */

interface Route {
  method: string;
  url: string;
  schema: { querystring?: { properties?: Record<string, { format?: string }> } } | undefined;
}

interface Caller {
  name: string;
  headers: Record<string, string>;
}

interface Tenant {
  slug: string;
  host: string;
  organisationId: string;
  staff: Caller;
  staffId: string;
  token: Caller;
  tokenId: string;
  citizen: Caller;
  citizenId: string;
  serviceId: string;
  caseId: string;
  anonymousCaseId: string;
  documentId: string;
  fileId: string;
  endpointId: string;
  reference: string;
  /** What must never reach the other organisation: ids, names, e-mail addresses, references, host names. */
  secrets: string[];
}

const ALL_ROLES: StaffRole[] = ['administrator', 'designer', 'caseworker'];
const OPERATOR_EVENTS = new Set(['organisation-created', 'organisation-hosts-changed']);

describe.each(DATABASE_KINDS)('two organisations on one installation (%s)', (kind) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const routes: Route[] = [];
  let a: Tenant;
  let b: Tenant;

  const call = (options: InjectOptions, caller: Caller | null, host: string): Promise<LightMyRequestResponse> =>
    app.inject({ ...options, headers: { host, ...caller?.headers, ...(options.headers as Record<string, string> | undefined) } });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    app = Fastify({ logger: false });
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) routes.push({ method, url: route.url, schema: route.schema as Route['schema'] });
    });
    await app.register(amtswegApp, { database, security: { rateLimits: UNLIMITED } });
    await app.ready();

    // The platform operator of the home organisation creates the second one with its first administrator.
    const operatorEmail = 'betrieb@musterstadt.example';
    await createStaff(app.organisation.id, operatorEmail, ['operator']);
    const operator = await logIn('localhost', operatorEmail, 'staff');
    const createdB = await call(
      {
        method: 'POST',
        url: '/api/organisations',
        payload: {
          name: 'Gemeinde Kleinstadt-Zanderhof',
          slug: 'kleinstadt',
          address: 'Dorfstraße 3, 54321 Kleinstadt',
          hosts: ['Amtsweg.Kleinstadt.example'],
          administrator: { email: 'chefin@kleinstadt.example', displayName: 'Zora Kleinstadt-Verwalterin', password: TEST_PASSWORD },
        },
      },
      operator,
      'localhost',
    );
    expect(createdB.statusCode, createdB.body).toBe(201);
    const organisationB = createdB.json<{ id: string; hosts: string[] }>();
    expect(organisationB.hosts).toEqual(['amtsweg.kleinstadt.example']);
    const hostsA = await call({ method: 'PATCH', url: `/api/organisations/${app.organisation.id}`, payload: { hosts: ['amtsweg.musterstadt.example'] } }, operator, 'localhost');
    expect(hostsA.statusCode, hostsA.body).toBe(200);

    a = await populate({ slug: app.organisation.slug, host: 'amtsweg.musterstadt.example', organisationId: app.organisation.id, marker: 'musterstadt', serviceSlug: 'musterstadt-hunde' });
    b = await populate({ slug: 'kleinstadt', host: 'amtsweg.kleinstadt.example', organisationId: organisationB.id, marker: 'kleinstadt', serviceSlug: 'kleinstadt-hunde' });
    b.secrets.push('Gemeinde Kleinstadt-Zanderhof', 'Dorfstraße 3', 'chefin@kleinstadt.example', 'Zora Kleinstadt-Verwalterin', 'amtsweg.kleinstadt.example', organisationB.id);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  async function createStaff(organisationId: string, email: string, roles: StaffRole[], displayName = email.split('@')[0]!) {
    return insertUser(app.database.db, {
      id: randomUUID(),
      organisation_id: organisationId,
      kind: 'staff',
      email,
      display_name: displayName,
      password_hash: await hashPassword(TEST_PASSWORD),
      roles,
    });
  }

  /** Logs in on the host (the organisation is the host's: no `organisation` in the body). */
  async function logIn(host: string, email: string, accountKind: 'staff' | 'citizen'): Promise<Caller> {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { host }, payload: { email, password: TEST_PASSWORD, kind: accountKind } });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ csrfToken: string }>();
    return { name: `${accountKind} ${email}`, headers: { cookie: sessionCookie(response), 'x-csrf-token': body.csrfToken } };
  }

  async function upload(host: string, serviceId: string): Promise<unknown> {
    const boundary = `----amtsweg${randomUUID()}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="serviceId"\r\n\r\n${serviceId}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="field"\r\n\r\ndogs.certificate\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="wesenstest.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      PDF_BYTES,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await app.inject({ method: 'POST', url: '/api/files', headers: { host, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  /** One organisation with everything, created through the API on its own host; `marker` makes its names unique. */
  async function populate(options: { slug: string; host: string; organisationId: string; marker: string; serviceSlug: string }): Promise<Tenant> {
    const { host, marker } = options;
    const Marker = marker[0]!.toUpperCase() + marker.slice(1);
    const staffUser = await createStaff(options.organisationId, `alle.rollen@${marker}.example`, ALL_ROLES, `Alle Rollen ${Marker}`);
    const staff = await logIn(host, staffUser.email, 'staff');
    const caseworkerUser = await createStaff(options.organisationId, `sachbearbeitung@${marker}.example`, ['caseworker'], `Sachbearbeitung ${Marker}`);

    const definition = hundeanmeldung();
    definition.title = { de: `Hundesteuer ${Marker}`, en: `Dog tax ${Marker}` };
    definition.settings = { ...definition.settings, referencePattern: referencePatternOf(options.serviceSlug) };
    const created = await call({ method: 'POST', url: '/api/services', payload: { slug: options.serviceSlug, definition } }, staff, host);
    expect(created.statusCode, created.body).toBe(201);
    const serviceId = created.json<{ id: string }>().id;
    expect((await call({ method: 'POST', url: `/api/services/${serviceId}/publish` }, staff, host)).statusCode).toBe(201);
    // A draft change after publishing, so the Studio's draft differs from the version.
    const roles = definition.settings.roles.map((role) => role.id);
    for (const user of [staffUser, caseworkerUser]) {
      const granted = await call({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { serviceRoles: roles.map((role) => ({ serviceId, role })) } }, staff, host);
      expect(granted.statusCode, granted.body).toBe(200);
    }

    // A citizen registers on the organisation's host and files from the account; someone else files anonymously.
    const citizenEmail = `buergerin@${marker}-mail.example`;
    const registered = await registerCitizen(app, { email: citizenEmail, password: TEST_PASSWORD, displayName: `Bürgerin ${Marker}` }, { host });
    expect(registered.statusCode, registered.body).toBe(200);
    const citizen: Caller = { name: `citizen of ${marker}`, headers: { cookie: sessionCookie(registered), 'x-csrf-token': registered.json<{ csrfToken: string }>().csrfToken } };
    const citizenId = registered.json<{ account: { id: string } }>().account.id;

    const data = structuredClone(exampleSubmission('valid.json').data) as { holder: Record<string, string>; dogs: { certificate?: unknown[] }[] };
    data.holder = { ...data.holder, firstName: `Vorname${Marker}`, lastName: `Nachname${Marker}`, email: `halter@${marker}-mail.example` };
    for (const dog of data.dogs) if (dog.certificate) dog.certificate = [await upload(host, serviceId)];
    const fileId = (data.dogs.flatMap((dog) => dog.certificate ?? [])[0] as { id: string }).id;
    const submitted = await call({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: data }, citizen, host);
    expect(submitted.statusCode, submitted.body).toBe(201);
    const filed = submitted.json<{ caseId: string; reference: string; receipt: { documentId: string } }>();
    const anonymousData = structuredClone(data);
    for (const dog of anonymousData.dogs) if (dog.certificate) dog.certificate = [await upload(host, serviceId)];
    const anonymous = await call({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: anonymousData }, null, host);
    expect(anonymous.statusCode, anonymous.body).toBe(201);
    const anonymousCase = anonymous.json<{ caseId: string; reference: string }>();

    // Work on the case: claimed, with an internal note.
    const claimed = await call({ method: 'POST', url: `/api/cases/${filed.caseId}/assign`, payload: { assigneeId: staffUser.id, expectedVersion: 1 } }, staff, host);
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect((await call({ method: 'POST', url: `/api/cases/${filed.caseId}/comments`, payload: { text: `Notiz ${Marker}` } }, staff, host)).statusCode).toBe(201);
    const draft = await call({ method: 'PUT', url: `/api/drafts/${serviceId}`, payload: { serviceVersion: 1, answers: { remarks: `Entwurf ${Marker}` }, pageId: null } }, citizen, host);
    expect(draft.statusCode, draft.body).toBe(200);

    const token = await call(
      { method: 'POST', url: '/api/api-tokens', payload: { name: `Fachverfahren ${Marker}`, userId: staffUser.id, scopes: ['cases:read', 'cases:act', 'services:design'] } },
      staff,
      host,
    );
    expect(token.statusCode, token.body).toBe(201);
    const tokenAnswer = { token: token.json<{ token: string }>().token, id: token.json<{ apiToken: { id: string } }>().apiToken.id };

    const webhookHost = `fachverfahren.${marker}.example`;
    expect((await call({ method: 'PATCH', url: '/api/organisation', payload: { webhookHosts: [webhookHost] } }, staff, host)).statusCode).toBe(200);
    const endpoint = await call({ method: 'POST', url: '/api/webhooks', payload: { serviceId, url: `https://${webhookHost}/amtsweg`, events: ['case.submitted'] } }, staff, host);
    expect(endpoint.statusCode, endpoint.body).toBe(201);
    const endpointId = endpoint.json<{ id: string }>().id;
    expect((await call({ method: 'POST', url: `/api/webhooks/${endpointId}/test` }, staff, host)).statusCode).toBeLessThan(300);

    return {
      slug: options.slug,
      host,
      organisationId: options.organisationId,
      staff: { ...staff, name: `staff session of ${marker}` },
      staffId: staffUser.id,
      token: { name: `API token of ${marker}`, headers: { authorization: `Bearer ${tokenAnswer.token}` } },
      tokenId: tokenAnswer.id,
      citizen,
      citizenId,
      serviceId,
      caseId: filed.caseId,
      anonymousCaseId: anonymousCase.caseId,
      documentId: filed.receipt.documentId,
      fileId,
      endpointId,
      reference: filed.reference,
      secrets: [
        options.organisationId,
        staffUser.id,
        staffUser.email,
        `Alle Rollen ${Marker}`,
        caseworkerUser.id,
        caseworkerUser.email,
        `Sachbearbeitung ${Marker}`,
        citizenId,
        citizenEmail,
        `Bürgerin ${Marker}`,
        serviceId,
        options.serviceSlug,
        `Hundesteuer ${Marker}`,
        `Dog tax ${Marker}`,
        filed.caseId,
        filed.reference,
        anonymousCase.caseId,
        anonymousCase.reference,
        filed.receipt.documentId,
        fileId,
        `Vorname${Marker}`,
        `Nachname${Marker}`,
        `halter@${marker}-mail.example`,
        `Notiz ${Marker}`,
        `Entwurf ${Marker}`,
        tokenAnswer.id,
        `Fachverfahren ${Marker}`,
        endpointId,
        webhookHost,
      ],
    };
  }

  /** A value for each path parameter: the other organisation's object (and for the second variant the own parent). */
  function pathValue(name: string, owner: Tenant): string {
    const values: Record<string, string> = {
      caseId: owner.caseId,
      documentId: owner.documentId,
      fileId: owner.fileId,
      serviceId: owner.serviceId,
      version: '1',
      userId: owner.staffId,
      endpointId: owner.endpointId,
      tokenId: owner.tokenId,
      organisationId: owner.organisationId,
    };
    const value = values[name];
    if (value === undefined) throw new Error(`the isolation test does not know how to fill the path parameter :${name}; add it to pathValue`);
    return value;
  }

  /** An id-valued query parameter of a list, filled with the other organisation's object. */
  function queryValue(name: string, owner: Tenant): string {
    const values: Record<string, string> = { serviceId: owner.serviceId, assigneeId: owner.staffId, userId: owner.staffId, actorId: owner.staffId, caseId: owner.caseId, subjectId: owner.staffId };
    const value = values[name];
    if (value === undefined) throw new Error(`the isolation test does not know how to fill the query parameter ${name}; add it to queryValue`);
    return value;
  }

  /** Every way to call the GET route with the other organisation's ids: [url, must it be refused?]. */
  function urlsFor(route: Route, other: Tenant, own: Tenant): [string, boolean][] {
    if (route.url.includes('*')) return [[route.url.replace('*', 'index.html'), false]];
    const names = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]!);
    const fill = (owners: Tenant[]) => route.url.replace(/:([A-Za-z]+)/g, (_m, name: string) => encodeURIComponent(pathValue(name, owners.shift() ?? other)));
    const urls: [string, boolean][] = [[fill(names.map(() => other)), names.length > 0]];
    // The own parent with the other's child (own case, other's document): refused as well, but the own parent may answer.
    if (names.length > 1) urls.push([fill([own, ...names.slice(1).map(() => other)]), !['version'].includes(names[1]!)]);
    for (const [name, property] of Object.entries(route.schema?.querystring?.properties ?? {})) {
      if (property.format === 'uuid') urls.push([`${urls[0]![0]}?${name}=${queryValue(name, other)}`, false]);
    }
    return urls;
  }

  function leaksOf(response: LightMyRequestResponse, url: string, other: Tenant): string[] {
    const text = `${JSON.stringify(response.headers)}\n${withoutOperatorEvents(url, response.body)}`.toLowerCase();
    // An id the caller put into the address may be echoed back (it is theirs to know); nothing else of the other.
    return other.secrets.filter((secret) => !url.toLowerCase().includes(secret.toLowerCase()) && text.includes(secret.toLowerCase()));
  }

  /**
   * The one thing an organisation may know of another: its operator's own record of creating it or changing its
   * host names (audited in the operator's organisation, as the issue asks). Those events, and nothing else, are
   * left out of the check.
   */
  function withoutOperatorEvents(url: string, body: string): string {
    if (!url.startsWith('/api/audit-events') || !body.startsWith('{')) return body;
    const answer = JSON.parse(body) as { events?: { kind: string }[] };
    const events = answer.events?.filter((event) => !OPERATOR_EVENTS.has(event.kind));
    return JSON.stringify({ ...answer, events });
  }

  it('knows every GET route and finds nothing of the other organisation in any answer, for every caller', async () => {
    const getRoutes = routes.filter((route) => route.method === 'GET');
    expect(getRoutes.length).toBeGreaterThan(25);
    const failures: string[] = [];
    const seenOwn = new Set<string>();
    for (const [own, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const callers: [Caller | null, string, string][] = [
        [own.staff, own.host, own.staff.name],
        [own.token, own.host, own.token.name],
        [own.citizen, own.host, own.citizen.name],
        [null, own.host, `anonymous on ${own.host}`],
        // The portal under its path prefix /o/<slug>/ on a shared host names its organisation in a header.
        [{ name: 'path prefix', headers: { 'x-amtsweg-organisation': own.slug } }, 'amtsweg.verwaltungsgemeinschaft.example', `anonymous under /o/${own.slug}/`],
        // The other's citizen with their session cookie on this organisation's portal is a visitor here.
        [other.citizen, own.host, `${other.citizen.name} on ${own.host}`],
        // Staff act in their own organisation even on the other's host.
        [own.staff, other.host, `${own.staff.name} on ${other.host}`],
      ];
      for (const route of getRoutes) {
        for (const [url, mustRefuse] of urlsFor(route, other, own)) {
          for (const [caller, host, name] of callers) {
            const response = await call({ method: 'GET', url }, caller, host);
            const leaks = leaksOf(response, url, other);
            if (leaks.length > 0) failures.push(`${name}: GET ${url} → ${response.statusCode} shows ${leaks.join(', ')}`);
            if (mustRefuse && response.statusCode < 400) failures.push(`${name}: GET ${url} → ${response.statusCode}, expected a refusal`);
            for (const secret of own.secrets) if (response.body.includes(secret)) seenOwn.add(secret);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // The callers really reached their own organisation's things (else an empty answer would pass).
    for (const own of [a, b]) for (const secret of [own.caseId, own.reference, own.serviceId, own.citizenId, own.endpointId, own.tokenId]) expect(seenOwn).toContain(secret);
  }, 600_000);

  it('shows each portal its own organisation: by host name, by path prefix, else the home organisation', async () => {
    const servicesOn = async (host: string, headers: Record<string, string> = {}) => {
      const response = await call({ method: 'GET', url: '/api/services' }, { name: 'visitor', headers }, host);
      return response.statusCode === 200 ? response.json<{ services: { id: string }[] }>().services.map((service) => service.id) : response.statusCode;
    };
    expect(await servicesOn('amtsweg.kleinstadt.example')).toEqual([b.serviceId]);
    expect(await servicesOn('AMTSWEG.Kleinstadt.example:8443')).toEqual([b.serviceId]);
    expect(await servicesOn('amtsweg.musterstadt.example')).toEqual([a.serviceId]);
    expect(await servicesOn('localhost', { 'x-amtsweg-organisation': 'kleinstadt' })).toEqual([b.serviceId]);
    expect(await servicesOn('localhost')).toEqual([a.serviceId]);
    // A host name wins over the header; an unknown organisation is a 404, never the home organisation's portal.
    expect(await servicesOn('amtsweg.musterstadt.example', { 'x-amtsweg-organisation': 'kleinstadt' })).toEqual([a.serviceId]);
    expect(await servicesOn('localhost', { 'x-amtsweg-organisation': 'nirgendwo' })).toBe(404);
  });

  it('files a citizen on the other portal with that organisation, and their session counts only on their own', async () => {
    const onB = await call({ method: 'GET', url: '/api/auth/me' }, a.citizen, b.host);
    expect(onB.statusCode).toBe(401);
    const onA = await call({ method: 'GET', url: '/api/auth/me' }, a.citizen, a.host);
    expect(onA.statusCode).toBe(200);
    expect(onA.json<{ account: { organisation: { slug: string } } }>().account.organisation.slug).toBe(a.slug);
    // The same address registers separately with the other organisation (its own account there).
    const registered = await registerCitizen(app, { email: `buergerin@musterstadt-mail.example`, password: TEST_PASSWORD, displayName: 'Zweites Konto' }, { host: b.host });
    expect(registered.statusCode, registered.body).toBe(200);
    expect(registered.json<{ account: { organisation: { slug: string } } }>().account.organisation.slug).toBe(b.slug);
    // Staff of B log in on B's host without naming the organisation; on A's host they must name it.
    const staffLogin = (host: string, organisation?: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', headers: { host }, payload: { email: 'alle.rollen@kleinstadt.example', password: TEST_PASSWORD, ...(organisation ? { organisation } : {}) } });
    expect((await staffLogin(b.host)).statusCode).toBe(200);
    expect((await staffLogin(a.host)).statusCode).toBe(401);
    expect((await staffLogin(a.host, 'kleinstadt')).statusCode).toBe(200);
  });
});
