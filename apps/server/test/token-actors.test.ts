import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createAccount, exampleSubmission, grantServiceRoles, logIn, publishService, type Caller, type TestApp } from './helper';

interface HistoryEntry {
  kind: string;
  actorId: string;
  action: string | null;
  apiToken: { id: string; name: string | null } | null;
}
interface CaseView {
  id: string;
  version: number;
  state: { id: string };
  status: string;
  proposal: null | { action: { id: string }; available: string[] };
  history: HistoryEntry[];
}
interface ErrorBody {
  code: string;
  reason?: string;
  message: string;
  errors?: { path: string; code: string; message: string }[];
}

const REASON = 'Der Hund wird nicht im Gemeindegebiet gehalten.';

/**
 * Issue 18, finding 1: an administrator made an API token for the team lead and confirmed a four-eyes proposal
 * with it, and the history named the team lead. A token acts only for the person who created it, can never be
 * the second pair of eyes, and every case event says whether it came through a token and which.
 */
describe.each(DATABASE_KINDS)('API tokens as case actors on %s (issue 18, finding 1)', (kind) => {
  let t: TestApp;
  let serviceId: string;
  let teamLead: Caller & { accountId: string };
  /** The administrator's own token (they also hold the caseworker role and every process role). */
  let token: { id: string; name: string; caller: Caller };

  const submit = async () => {
    const response = await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: exampleSubmission('valid-without-files.json').data }, null);
    expect(response.statusCode).toBe(201);
    return response.json<{ caseId: string }>().caseId;
  };
  const getCase = async (caseId: string, caller: Caller = t.staff) => {
    const response = await t.inject({ method: 'GET', url: `/api/cases/${caseId}` }, caller);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<CaseView>();
  };
  const createToken = (payload: Record<string, unknown>, caller: Caller = t.staff, language = 'de') =>
    t.inject({ method: 'POST', url: '/api/api-tokens', payload, headers: { 'accept-language': language } }, caller);
  const tokenRows = async () => t.database.db.selectFrom('api_tokens').select(['id', 'user_id', 'created_by']).execute();

  beforeAll(async () => {
    t = await buildTestApp(kind);
    serviceId = await publishService(t, 'hundeanmeldung');
    const lead = await createAccount(t.app, { email: 'teamleitung@test.example', kind: 'staff', roles: ['caseworker'] });
    await grantServiceRoles(t, lead.id, serviceId, ['teamLead']);
    teamLead = { ...(await logIn(t.app, 'teamleitung@test.example')), accountId: lead.id };
    const created = await createToken({ name: 'Fachverfahren', scopes: ['cases:read', 'cases:act'] });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json<{ token: string; apiToken: { id: string; name: string; userId: string; createdBy: string } }>();
    expect(body.apiToken).toMatchObject({ userId: t.staff.userId, createdBy: t.staff.userId });
    token = { id: body.apiToken.id, name: body.apiToken.name, caller: { userId: t.staff.userId, headers: { authorization: `Bearer ${body.token}` } } };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a token acting for another person, naming the field in German and English; nothing is created', async () => {
    const before = await tokenRows();
    const refused = await createToken({ name: 'Teamleitung', userId: teamLead.accountId, scopes: ['cases:read', 'cases:act'] });
    expect(refused.statusCode).toBe(400);
    const body = refused.json<ErrorBody>();
    expect(body.code).toBe('REQUEST_INVALID');
    expect(body.errors).toEqual([{ path: '/body/userId', code: 'notCreator', message: expect.stringContaining('für die Person, die es erstellt') as unknown }]);
    const english = (await createToken({ name: 'Team lead', userId: teamLead.accountId, scopes: ['cases:read'] }, t.staff, 'en')).json<ErrorBody>();
    expect(english.errors?.[0]?.message).toContain('acts for the person who creates it');
    expect(await tokenRows()).toEqual(before);
    // Naming oneself is the same as naming nobody.
    const own = await createToken({ name: 'Eigenes', userId: t.staff.userId, scopes: ['cases:read'] });
    expect(own.statusCode).toBe(201);
    expect(own.json<{ apiToken: { userId: string } }>().apiToken.userId).toBe(t.staff.userId);
  });

  it('refuses scopes the creator’s roles do not grant, naming the scope', async () => {
    await createAccount(t.app, { email: 'nur.verwaltung@test.example', kind: 'staff', roles: ['administrator'] });
    const administrator = await logIn(t.app, 'nur.verwaltung@test.example');
    const before = await tokenRows();
    const refused = await createToken({ name: 'Zu viel', scopes: ['cases:read', 'cases:act'] }, administrator);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<ErrorBody>().errors?.map((e) => [e.path, e.code])).toEqual([
      ['/body/scopes/0', 'notGranted'],
      ['/body/scopes/1', 'notGranted'],
    ]);
    expect(await tokenRows()).toEqual(before);
  });

  it('never lets a token confirm or send back a four-eyes proposal: nothing changes; a person in a session still can', async () => {
    const caseId = await submit();
    const opened = await getCase(caseId, teamLead);
    const proposed = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/actions/reject`, payload: { expectedVersion: opened.version, inputs: { reason: REASON } } }, teamLead);
    expect(proposed.statusCode, proposed.body).toBe(200);
    const waiting = proposed.json<CaseView>();
    const rows = async () => t.database.db.selectFrom('case_events').select('id').where('case_id', '=', caseId).execute();
    const eventsBefore = await rows();

    // Through the token, the proposal offers nothing to answer.
    expect((await getCase(caseId, token.caller)).proposal?.available).toEqual([]);
    for (const [path, payload] of [
      ['reject/confirm', { expectedVersion: waiting.version }],
      ['reject/reject-proposal', { expectedVersion: waiting.version, comment: 'Bitte noch einmal prüfen.' }],
    ] as const) {
      const refused = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/actions/${path}`, payload }, token.caller);
      expect(refused.statusCode, path).toBe(403);
      expect(refused.json<ErrorBody>()).toMatchObject({ code: 'FORBIDDEN', reason: 'TOKEN_NOT_A_PERSON', message: expect.stringContaining('angemeldete Person') as unknown });
      const english = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/actions/${path}`, payload, headers: { 'accept-language': 'en' } }, token.caller);
      expect(english.json<ErrorBody>().message).toContain('a person logged in');
      // The documentation names the answer as it is: code FORBIDDEN, reason TOKEN_NOT_A_PERSON.
      const spec = t.app.swagger() as { paths: Record<string, { post: { description?: string } }> };
      expect(spec.paths[`/api/cases/{caseId}/actions/{actionId}/${path.split('/')[1]}`]!.post.description).toContain('403 `FORBIDDEN` with `reason: TOKEN_NOT_A_PERSON`');
    }
    const after = await getCase(caseId);
    expect(after).toMatchObject({ version: waiting.version, state: { id: 'inReview' }, proposal: { action: { id: 'reject' } } });
    expect(await rows()).toEqual(eventsBefore);

    // The same person in a session is a second pair of eyes.
    const confirmed = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/actions/reject/confirm`, payload: { expectedVersion: waiting.version } });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json<CaseView>().history.at(-1)).toMatchObject({ kind: 'action', action: 'reject', actorId: t.staff.userId, apiToken: null });
  });

  it('records the token in every case event made with it, and no token for a session (every case-changing route)', async () => {
    const caseId = await submit();
    const version = async () => (await getCase(caseId)).version;
    const through = async (method: string, url: string, payload: Record<string, unknown>, caller: Caller = token.caller) => {
      const response = await t.inject({ method, url: `/api/cases/${caseId}${url}`, payload }, caller);
      expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
    };
    // Every route that changes a case, driven through the token; the refused and read-only ones are listed too,
    // so a new case route fails this test until it says what it records.
    const driven = new Map<string, () => Promise<void>>([
      ['POST /api/cases/:caseId/comments', () => through('POST', '/comments', { text: 'Rückruf vereinbart.' })],
      ['POST /api/cases/:caseId/assign', async () => through('POST', '/assign', { assigneeId: teamLead.accountId, expectedVersion: await version() })],
      ['POST /api/cases/:caseId/actions/:actionId', async () => through('POST', '/actions/reject', { expectedVersion: await version(), inputs: { reason: REASON } })],
      ['POST /api/cases/:caseId/actions/:actionId/withdraw-proposal', async () => through('POST', '/actions/reject/withdraw-proposal', { expectedVersion: await version() })],
    ]);
    const refusedForTokens = ['POST /api/cases/:caseId/actions/:actionId/confirm', 'POST /api/cases/:caseId/actions/:actionId/reject-proposal'];
    const writeNothing = ['POST /api/cases/:caseId/actions/:actionId/preview', 'POST /api/cases/:caseId/actions/:actionId/preview/pdf'];
    const caseRoutes = t.routes.filter((r) => r.url.startsWith('/api/cases/:caseId') && !['GET', 'HEAD'].includes(r.method)).map((r) => `${r.method} ${r.url}`);
    expect(caseRoutes.sort()).toEqual([...driven.keys(), ...refusedForTokens, ...writeNothing].sort());

    const before = (await getCase(caseId)).history.length;
    for (const drive of driven.values()) await drive();
    // And a plain action (not under the four-eyes principle) through the token, then one by a session.
    await through('POST', '/actions/requestInformation', { expectedVersion: await version(), inputs: { missing: 'Impfpass' } });
    const history = (await getCase(caseId)).history.slice(before);
    expect(history.map((e) => e.kind)).toEqual(['note', 'assigned', 'proposal', 'proposalWithdrawn', 'action']);
    for (const entry of history) expect(entry, entry.kind).toMatchObject({ actorId: t.staff.userId, apiToken: { id: token.id, name: 'Fachverfahren' } });

    await through('POST', '/comments', { text: 'Im Termin besprochen.' }, t.staff);
    expect((await getCase(caseId)).history.at(-1)).toMatchObject({ kind: 'note', apiToken: null });
    // The applicant's own history never shows it (internal detail of the office).
    const stored = await t.database.db.selectFrom('case_events').select(['kind', 'api_token_id']).where('case_id', '=', caseId).orderBy('seq').execute();
    expect(stored.filter((e) => e.api_token_id === token.id).map((e) => e.kind)).toEqual(['note', 'assigned', 'proposal', 'proposalWithdrawn', 'action']);
  });
});
