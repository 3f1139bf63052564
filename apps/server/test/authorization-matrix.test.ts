import { randomUUID } from 'node:crypto';
import { ensureOrganisation, insertFile } from '@amtsweg/db';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLE_PERMISSIONS, type Permission, type RouteAccess } from '../src/auth/permissions';
import {
  buildTestApp,
  createAccount,
  exampleSubmission,
  grantServiceRoles,
  hundeanmeldung,
  logIn,
  PDF_BYTES,
  publishService,
  withUploadedFiles,
  type Caller,
  type TestApp,
} from './helper';

type PrincipalName =
  | 'anonymous'
  | 'citizen'
  | 'otherCitizen'
  | 'caseworkerWithRole'
  | 'caseworkerWithoutRole'
  | 'caseworkerOfOtherOrganisation'
  | 'designer'
  | 'administrator'
  | 'integrationToken';

interface PrincipalSpec {
  kind: 'anonymous' | 'citizen' | 'staff' | 'token';
  roles: (keyof typeof ROLE_PERMISSIONS)[];
  /** Works on the fixture case: holds a process role for its service. */
  worksOnCase?: true;
  /** Filed the fixture case from their citizen account. */
  filedCase?: true;
  /** Belongs to another organisation than the fixture service and case. */
  otherOrganisation?: true;
  /** An API token: what it may do beyond its account's roles' limit. */
  scopes?: Permission[];
}

const PRINCIPALS: Record<PrincipalName, PrincipalSpec> = {
  anonymous: { kind: 'anonymous', roles: [] },
  citizen: { kind: 'citizen', roles: [], filedCase: true },
  otherCitizen: { kind: 'citizen', roles: [] },
  caseworkerWithRole: { kind: 'staff', roles: ['caseworker'], worksOnCase: true },
  caseworkerWithoutRole: { kind: 'staff', roles: ['caseworker'] },
  caseworkerOfOtherOrganisation: { kind: 'staff', roles: ['caseworker'], otherOrganisation: true },
  designer: { kind: 'staff', roles: ['designer'] },
  administrator: { kind: 'staff', roles: ['administrator'] },
  // An API token, limited to reading cases, of an account that works on the case and created it (a token acts
  // for its creator, so the account also administers: issue 18).
  integrationToken: { kind: 'token', roles: ['caseworker', 'administrator'], worksOnCase: true, scopes: ['cases:read'] },
};

/** Does the route (by its path) open the fixture case, a service, for this caller, or answer 404? */
function reachesObject(url: string, principal: PrincipalSpec): boolean {
  if (url.startsWith('/api/applicant/cases/:caseId')) return principal.filedCase === true;
  if (url.startsWith('/api/cases/:caseId')) return principal.worksOnCase === true;
  // The session fixture is the caseworker's (who works on the case): everyone else's account has no such session.
  if (url.includes(':sessionId')) return principal.worksOnCase === true;
  // The logo fixture is this organisation's: the other organisation has none (its callers get 404).
  if (url === '/api/organisation/logo') return principal.otherOrganisation !== true;
  if (url.includes(':serviceId') || url.includes(':userId') || url.includes(':tokenId') || url.includes(':endpointId')) return principal.otherOrganisation !== true;
  return true;
}

/**
 * Bodies that pass validation, so that a caller let through reaches the lookup of the object (and a caller
 * who may not see it gets its 404, not a 400). Stale versions keep the callers who may act from changing
 * the case: they get 409 instead.
 */
const VALID_BODIES: Record<string, object> = {
  'POST /api/cases/:caseId/actions/:actionId': { expectedVersion: 999_999 },
  'POST /api/cases/:caseId/actions/:actionId/preview': { expectedVersion: 999_999 },
  'POST /api/cases/:caseId/actions/:actionId/preview/pdf': { expectedVersion: 999_999 },
  'POST /api/cases/:caseId/actions/:actionId/confirm': { expectedVersion: 999_999 },
  'POST /api/cases/:caseId/actions/:actionId/reject-proposal': { expectedVersion: 999_999, comment: 'Bitte noch einmal prüfen' },
  'POST /api/cases/:caseId/actions/:actionId/withdraw-proposal': { expectedVersion: 999_999 },
  'POST /api/cases/:caseId/assign': { assigneeId: null, expectedVersion: 999_999 },
  'POST /api/cases/:caseId/comments': { text: 'Rückruf vereinbart' },
  'POST /api/applicant/cases/:caseId/reply': { actionId: 'answer', expectedVersion: 999_999 },
  'PUT /api/drafts/:serviceId': { serviceVersion: 1, answers: {}, pageId: null },
  // A stale revision: a designer let through gets 409 and the fixture service's draft stays as it is.
  'POST /api/services/:serviceId/draft/from-version': { version: 1, expectedRevision: 999_999 },
  'POST /api/studio/check': { definition: {} },
};

function emailOf(name: PrincipalName): string {
  return name === 'caseworkerOfOtherOrganisation' ? 'hund@nachbarstadt.example' : `${name.toLowerCase()}@matrix.example`;
}

/** What the access layer must answer before the route runs: 401, 403, or let it through. */
function gateFor(route: { access: RouteAccess; allowTokens: boolean }, principal: PrincipalSpec): 401 | 403 | 'pass' {
  const { access } = route;
  if (access === 'public' || access === 'applicant') return 'pass';
  if (principal.kind === 'anonymous') return 401;
  if (access === 'account') return principal.kind !== 'token' || route.allowTokens ? 'pass' : 403;
  if (access === 'citizen') return principal.kind === 'citizen' ? 'pass' : 403;
  const granted = new Set<Permission>(principal.roles.flatMap((role) => ROLE_PERMISSIONS[role]).filter((p) => !principal.scopes || principal.scopes.includes(p)));
  return principal.kind !== 'citizen' && granted.has(access) ? 'pass' : 403;
}

/**
 * Every route Fastify knows × every kind of caller → the expected status. The route list comes from Fastify
 * itself, so a new route is in the matrix the moment it exists; a path parameter without a fixture fails.
 */
describe.each(DATABASE_KINDS)('authorisation matrix on %s', (kind) => {
  let t: TestApp;
  const callers = new Map<PrincipalName, Caller | null>();
  const fixtures: Record<string, string> = {};
  let reference = '';
  let applicantName = '';

  beforeAll(async () => {
    t = await buildTestApp(kind);
    const dogs = await publishService(t, 'hundeanmeldung');
    const otherService = await publishService(t, 'zweitwohnung', { ...hundeanmeldung(), title: { de: 'Zweitwohnungsteuer', en: 'Second home tax' } });

    const accounts: [PrincipalName, string][] = [
      ['citizen', 'citizen'],
      ['otherCitizen', 'citizen'],
      ['caseworkerWithRole', 'staff'],
      ['caseworkerWithoutRole', 'staff'],
      ['designer', 'staff'],
      ['administrator', 'staff'],
    ];
    for (const [name, accountKind] of accounts) {
      const email = emailOf(name);
      const account = await createAccount(t.app, { email, kind: accountKind as 'staff' | 'citizen', roles: PRINCIPALS[name].roles });
      if (name === 'caseworkerWithRole') await grantServiceRoles(t, account.id, dogs, ['dogTax', 'teamLead']);
      if (name === 'caseworkerWithoutRole') await grantServiceRoles(t, account.id, otherService, ['dogTax', 'teamLead']);
      callers.set(name, await logIn(t.app, email, { kind: accountKind as 'staff' | 'citizen' }));
      if (name === 'caseworkerWithRole') fixtures.userId = account.id;
    }
    callers.set('anonymous', null);

    // Another organisation with its own designer, service and caseworker holding every role there.
    const neighbour = await ensureOrganisation(t.app.database.db, { id: randomUUID(), slug: 'nachbarstadt', name: 'Gemeinde Nachbarstadt', address: '' });
    await createAccount(t.app, { email: 'designer@nachbarstadt.example', kind: 'staff', roles: ['designer', 'administrator'], organisationId: neighbour.id });
    const neighbourDesigner = await logIn(t.app, 'designer@nachbarstadt.example', { organisation: 'nachbarstadt' });
    const created = await t.inject({ method: 'POST', url: '/api/services', payload: { slug: 'hundeanmeldung', definition: hundeanmeldung() } }, neighbourDesigner);
    const neighbourService = created.json<{ id: string }>().id;
    expect((await t.inject({ method: 'POST', url: `/api/services/${neighbourService}/publish` }, neighbourDesigner)).statusCode).toBe(201);
    const neighbourCaseworker = await createAccount(t.app, { email: 'hund@nachbarstadt.example', kind: 'staff', roles: ['caseworker'], organisationId: neighbour.id });
    const granted = await t.inject(
      { method: 'PATCH', url: `/api/users/${neighbourCaseworker.id}`, payload: { serviceRoles: [{ serviceId: neighbourService, role: 'dogTax' }, { serviceId: neighbourService, role: 'teamLead' }] } },
      neighbourDesigner,
    );
    expect(granted.statusCode).toBe(200);
    callers.set('caseworkerOfOtherOrganisation', await logIn(t.app, 'hund@nachbarstadt.example', { organisation: 'nachbarstadt' }));

    // The case everyone tries to reach: filed by the citizen from their account, with an uploaded file.
    const data = await withUploadedFiles(t.app, dogs, exampleSubmission('valid.json').data);
    const submitted = await t.inject({ method: 'POST', url: `/api/services/${dogs}/submissions`, payload: data }, callers.get('citizen'));
    expect(submitted.statusCode).toBe(201);
    const answer = submitted.json<{ caseId: string; reference: string; receipt: { documentId: string } }>();
    reference = answer.reference;
    const staffView = (await t.inject({ method: 'GET', url: `/api/cases/${answer.caseId}` }, callers.get('caseworkerWithRole'))).json<{ applicantName: string }>();
    applicantName = staffView.applicantName;
    const certificate = (data.dogs as { certificate?: { id: string }[] }[]).flatMap((dog) => dog.certificate ?? [])[0]!;
    // Each citizen has a draft of the service, so reading one's own draft is a 200 (a 404 would look like a refusal).
    for (const name of ['citizen', 'otherCitizen'] as const) {
      const saved = await t.inject({ method: 'PUT', url: `/api/drafts/${dogs}`, payload: { serviceVersion: 1, answers: { remarks: name }, pageId: null } }, callers.get(name));
      expect(saved.statusCode).toBe(200);
    }

    const integration = await createAccount(t.app, { email: emailOf('integrationToken'), kind: 'staff', roles: PRINCIPALS.integrationToken.roles });
    await grantServiceRoles(t, integration.id, dogs, ['dogTax', 'teamLead']);
    const integrationSession = await logIn(t.app, emailOf('integrationToken'));
    const token = await t.inject({ method: 'POST', url: '/api/api-tokens', payload: { name: 'Fachverfahren', scopes: ['cases:read'] } }, integrationSession);
    expect(token.statusCode).toBe(201);
    callers.set('integrationToken', { userId: integration.id, headers: { authorization: `Bearer ${token.json<{ token: string }>().token}` } });
    // A second token is the one the matrix revokes (DELETE /api/api-tokens/:tokenId), so the first keeps working.
    const revocable = await t.inject({ method: 'POST', url: '/api/api-tokens', payload: { name: 'Zum Widerrufen', scopes: ['cases:read'] } }, integrationSession);
    // A webhook of the service with one delivery (a test event); the matrix deletes the endpoint near the end.
    const administrator = callers.get('administrator');
    expect((await t.inject({ method: 'PATCH', url: '/api/organisation', payload: { webhookHosts: ['fachverfahren.musterstadt.example'] } }, administrator)).statusCode).toBe(200);
    // A logo for GET /api/organisation/logo to serve (stored directly: the upload is tested in organisation-settings.test.ts).
    await t.database.db.updateTable('organisations').set({ logo: Buffer.from('logo'), logo_type: 'image/png' }).where('id', '=', t.app.organisation.id).execute();
    t.app.organisations.forget(t.app.organisation.id);
    const endpoint = await t.inject(
      { method: 'POST', url: '/api/webhooks', payload: { serviceId: dogs, url: 'https://fachverfahren.musterstadt.example/amtsweg', events: ['case.submitted'] } },
      administrator,
    );
    expect(endpoint.statusCode, endpoint.body).toBe(201);
    const endpointId = endpoint.json<{ id: string }>().id;
    const ping = await t.inject({ method: 'POST', url: `/api/webhooks/${endpointId}/test` }, administrator);
    // An attachment waiting for the citizen's reply (put there directly: uploading needs the case to wait).
    const attachmentId = randomUUID();
    await insertFile(t.database.db, {
      id: attachmentId,
      organisation_id: t.app.organisation.id,
      service_id: dogs,
      pending_case_id: answer.caseId,
      name: 'anlage.pdf',
      media_type: 'application/pdf',
      size: PDF_BYTES.length,
      sha256: '0'.repeat(64),
      content: PDF_BYTES,
    });
    // A second session of the caseworker holding the role: only she may end it (DELETE /api/auth/sessions/:sessionId).
    await logIn(t.app, emailOf('caseworkerWithRole'));
    const ownSessions = await t.inject({ method: 'GET', url: '/api/auth/sessions' }, callers.get('caseworkerWithRole'));
    const spareSessionId = ownSessions.json<{ sessions: { id: string; current: boolean }[] }>().sessions.find((session) => !session.current)!.id;
    Object.assign(fixtures, {
      sessionId: spareSessionId,
      attachmentId,
      caseId: answer.caseId,
      documentId: answer.receipt.documentId,
      fileId: certificate.id,
      serviceId: dogs,
      version: '1',
      actionId: 'approve',
      templateId: 'receipt',
      tokenId: revocable.json<{ apiToken: { id: string } }>().apiToken.id,
      // A grant the matrix revokes (DELETE /api/users/:userId/service-roles/:serviceId/:role); dogTax stays.
      role: 'teamLead',
      endpointId,
      deliveryId: ping.json<{ deliveryId: string }>().deliveryId,
      // The platform operator's routes (no caller of the matrix is an operator: all are refused).
      organisationId: neighbour.id,
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('covers every route with a declared access and a fixture for each path parameter', () => {
    const apiRoutes = t.routes.filter((route) => route.url.startsWith('/api') && route.method !== 'HEAD');
    expect(apiRoutes.length).toBeGreaterThan(40);
    const declarable: readonly string[] = ['public', 'applicant', 'account', 'citizen', ...PERMISSIONS];
    for (const route of apiRoutes) {
      expect(declarable, `${route.method} ${route.url}`).toContain(route.access);
      for (const [, name] of route.url.matchAll(/:(\w+)/g)) expect(Object.keys(fixtures), `fixture for :${name}`).toContain(name);
    }
  });

  it('answers every route × caller as the declared access says, and 404 for cases of others', async () => {
    const apiRoutes = t.routes.filter((route) => route.url.startsWith('/api') && route.method !== 'HEAD');
    // Logging out ends the session the rest of the matrix uses, so it goes last; discarding the citizens' drafts
    // goes just before it, after every route that reads them; so does removing the webhook endpoint.
    // Ending one session goes first, before "log out everywhere else" ends it together with the rest.
    const rank = (route: { method: string; url: string }) =>
      route.url === '/api/auth/sessions/:sessionId' ? -1 : route.url === '/api/auth/logout' ? 2 : route.method === 'DELETE' && (route.url === '/api/drafts/:serviceId' || route.url === '/api/webhooks/:endpointId') ? 1 : 0;
    apiRoutes.sort((a, b) => rank(a) - rank(b));
    const mismatches: string[] = [];
    for (const route of apiRoutes) {
      const url = route.url.replace(/:(\w+)/g, (_, name: string) => fixtures[name]!);
      for (const [name, spec] of Object.entries(PRINCIPALS) as [PrincipalName, PrincipalSpec][]) {
        const key = `${route.method} ${route.url}`;
        const payload = route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: VALID_BODIES[key] ?? {} };
        const response = await t.inject({ method: route.method, url, ...payload }, callers.get(name));
        const gate = gateFor({ access: route.access as RouteAccess, allowTokens: route.allowTokens }, spec);
        const label = `${key} as ${name}: ${response.statusCode}`;
        if (response.statusCode >= 500) mismatches.push(`${label} (server error)`);
        else if (gate !== 'pass') {
          if (response.statusCode !== gate) mismatches.push(`${label}, expected ${gate}`);
        } else if (!reachesObject(route.url, spec)) {
          if (response.statusCode !== 404) mismatches.push(`${label}, expected 404 (not theirs to see)`);
        } else if ([401, 403, 404].includes(response.statusCode)) {
          mismatches.push(`${label}, expected to be let through`);
        }
        if (!reachesObject(route.url, spec) && (response.body.includes(reference) || response.body.includes(applicantName))) mismatches.push(`${label} leaks the case`);
        // Logging out ended this caller's session; log in again for the rest of the suite.
        if (route.url === '/api/auth/logout' && response.statusCode === 204 && spec.kind !== 'token') callers.set(name, await logIn(t.app, emailOf(name), { kind: spec.kind as 'staff' | 'citizen', ...(spec.otherOrganisation ? { organisation: 'nachbarstadt' } : {}) }));
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('lets the caseworker holding the role and the citizen who filed it read the case, its document and its file', async () => {
    const { caseId, documentId, fileId } = fixtures;
    const caseworker = callers.get('caseworkerWithRole');
    for (const url of [`/api/cases/${caseId}`, `/api/cases/${caseId}/documents/${documentId}`, `/api/cases/${caseId}/files/${fileId}`]) {
      expect((await t.inject({ method: 'GET', url }, caseworker)).statusCode, url).toBe(200);
    }
    const citizen = callers.get('citizen');
    for (const url of [`/api/applicant/cases/${caseId}`, `/api/applicant/cases/${caseId}/documents/${documentId}`, `/api/applicant/cases/${caseId}/files/${fileId}`]) {
      expect((await t.inject({ method: 'GET', url }, citizen)).statusCode, url).toBe(200);
    }
    const mine = await t.inject({ method: 'GET', url: '/api/applicant/cases' }, citizen);
    expect(mine.json<{ cases: { reference: string }[] }>().cases.map((c) => c.reference)).toEqual([reference]);
    const notMine = await t.inject({ method: 'GET', url: '/api/applicant/cases' }, callers.get('otherCitizen'));
    expect(notMine.json<{ cases: unknown[] }>().cases).toEqual([]);
  });

  it('lists to each caseworker only the cases of services they hold a role for, in their own organisation', async () => {
    const listed = async (name: PrincipalName) =>
      (await t.inject({ method: 'GET', url: '/api/cases' }, callers.get(name))).json<{ cases: { reference: string }[]; countsByState: Record<string, number> }>();
    expect((await listed('caseworkerWithRole')).cases.map((c) => c.reference)).toContain(reference);
    for (const name of ['caseworkerWithoutRole', 'caseworkerOfOtherOrganisation'] as const) {
      const view = await listed(name);
      expect(view.cases, name).toEqual([]);
      expect(view.countsByState, name).toEqual({});
    }
    const search = await t.inject({ method: 'GET', url: `/api/cases?q=${encodeURIComponent(reference)}` }, callers.get('caseworkerOfOtherOrganisation'));
    expect(search.json<{ cases: unknown[] }>().cases).toEqual([]);
  });

  it('keeps another organisation’s services, users and audit trail out of reach', async () => {
    const neighbour = await logIn(t.app, 'designer@nachbarstadt.example', { organisation: 'nachbarstadt' });
    const service = await t.inject({ method: 'GET', url: `/api/services/${fixtures.serviceId}` }, neighbour);
    expect(service.statusCode).toBe(404);
    const draft = await t.inject({ method: 'PUT', url: `/api/services/${fixtures.serviceId}/draft`, payload: { definition: hundeanmeldung(), expectedRevision: 1 } }, neighbour);
    expect(draft.statusCode).toBe(404);
    const user = await t.inject({ method: 'GET', url: `/api/users/${fixtures.userId}` }, neighbour);
    expect(user.statusCode).toBe(404);
    const users = await t.inject({ method: 'GET', url: '/api/users' }, neighbour);
    expect(users.json<{ users: { email: string }[] }>().users.map((u) => u.email)).toEqual(['designer@nachbarstadt.example', 'hund@nachbarstadt.example']);
    const audit = await t.inject({ method: 'GET', url: '/api/audit-events?limit=200' }, neighbour);
    expect(audit.body).not.toContain('matrix.example');
    // Granting a role on a service of another organisation is refused, naming the field.
    const foreignGrant = await t.inject({ method: 'PATCH', url: `/api/users/${fixtures.userId}`, payload: { serviceRoles: [{ serviceId: fixtures.serviceId, role: 'dogTax' }] } }, neighbour);
    expect(foreignGrant.statusCode).toBe(404);
  });
});
