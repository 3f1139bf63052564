import { randomUUID } from 'node:crypto';
import { ensureOrganisation } from '@amtsweg/db';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createAccount, hundeanmeldung, logIn, publishService, type TestApp } from './helper';

interface UserView {
  id: string;
  roles: string[];
  serviceRoles: { serviceId: string; role: string }[];
}

interface AuditView {
  at: string;
  kind: string;
  actorId: string | null;
  actorName: string | null;
  subjectId: string | null;
  subjectName: string | null;
  subjectType: string | null;
  details: Record<string, unknown>;
}

/**
 * Issue 17: granting a caseworker the role for a new service took a PATCH with the whole role list, and sending
 * only the new role silently dropped the others. Single grants add or remove one; a full list that drops grants
 * must name them and be confirmed. The audit trail names who did it to whom, and filters by kind and period.
 */
describe.each(DATABASE_KINDS)('single grants of process roles, on %s', (kind) => {
  let t: TestApp;
  let dogs = '';
  let homes = '';
  let counter = 0;

  const newCaseworker = async (roles: ('caseworker' | 'designer' | 'operator')[] = ['caseworker']) => {
    counter += 1;
    const email = `bearbeiterin${counter}@grants.example`;
    const user = await createAccount(t.app, { email, kind: 'staff', roles });
    await t.database.db.updateTable('users').set({ display_name: `Berta Bearbeiterin ${counter}` }).where('id', '=', user.id).execute();
    return { ...user, display_name: `Berta Bearbeiterin ${counter}` };
  };
  const grantsOf = async (userId: string) =>
    (await t.database.db.selectFrom('user_service_roles').select(['service_id', 'role']).where('user_id', '=', userId).orderBy('service_id').orderBy('role').execute()).map(
      (row) => `${row.service_id === dogs ? 'dogs' : row.service_id === homes ? 'homes' : row.service_id}:${row.role}`,
    ).sort();
  const auditOf = async (query = '') => (await t.inject({ method: 'GET', url: `/api/audit-events?limit=200${query}` })).json<{ events: AuditView[]; nextBefore: string | null }>();

  beforeAll(async () => {
    t = await buildTestApp(kind);
    dogs = await publishService(t, 'hundeanmeldung');
    homes = await publishService(t, 'zweitwohnung', { ...hundeanmeldung(), title: { de: 'Zweitwohnungsteuer', en: 'Second home tax' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('adds one grant and keeps the others; the same grant again answers 200 and changes nothing', async () => {
    const berta = await newCaseworker();
    const first = await t.inject({ method: 'POST', url: `/api/users/${berta.id}/service-roles`, payload: { serviceId: homes, role: 'dogTax' } });
    expect(first.statusCode, first.body).toBe(201);
    const added = await t.inject({ method: 'POST', url: `/api/users/${berta.id}/service-roles`, payload: { serviceId: dogs, role: 'teamLead' } });
    expect(added.statusCode).toBe(201);
    expect(added.json<UserView>().serviceRoles).toEqual(expect.arrayContaining([{ serviceId: homes, role: 'dogTax' }, { serviceId: dogs, role: 'teamLead' }]));
    expect(await grantsOf(berta.id)).toEqual(expect.arrayContaining(['homes:dogTax', 'dogs:teamLead']));
    expect(await grantsOf(berta.id)).toHaveLength(2);

    const before = (await auditOf('&kind=role-granted')).events.length;
    const again = await t.inject({ method: 'POST', url: `/api/users/${berta.id}/service-roles`, payload: { serviceId: dogs, role: 'teamLead' } });
    expect(again.statusCode).toBe(200);
    expect(await grantsOf(berta.id)).toHaveLength(2);
    expect((await auditOf('&kind=role-granted')).events).toHaveLength(before);

    const [latest] = (await auditOf('&kind=role-granted')).events;
    expect(latest).toMatchObject({
      actorId: t.staff.userId,
      actorName: 'alle.rollen',
      subjectId: berta.id,
      subjectName: berta.display_name,
      subjectType: 'account',
      details: { serviceId: dogs, role: 'teamLead', serviceTitle: { de: 'Hundeanmeldung', en: 'Dog registration' }, roleLabel: { de: 'Teamleitung Steueramt', en: 'Tax office team lead' } },
    });
  });

  it('removes one grant and keeps the others; a grant the account does not hold is a 404', async () => {
    const berta = await newCaseworker();
    for (const [serviceId, role] of [
      [dogs, 'dogTax'],
      [dogs, 'teamLead'],
      [homes, 'dogTax'],
    ] as const) {
      expect((await t.inject({ method: 'POST', url: `/api/users/${berta.id}/service-roles`, payload: { serviceId, role } })).statusCode).toBe(201);
    }
    const removed = await t.inject({ method: 'DELETE', url: `/api/users/${berta.id}/service-roles/${dogs}/dogTax` });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json<UserView>().serviceRoles).toHaveLength(2);
    expect(await grantsOf(berta.id)).toEqual(expect.arrayContaining(['dogs:teamLead', 'homes:dogTax']));
    expect(await grantsOf(berta.id)).toHaveLength(2);

    const [revoked] = (await auditOf('&kind=role-revoked')).events;
    expect(revoked).toMatchObject({ subjectId: berta.id, subjectName: berta.display_name, details: { serviceId: dogs, role: 'dogTax', roleLabel: { de: 'Sachbearbeitung Hundesteuer' } } });

    const twice = await t.inject({ method: 'DELETE', url: `/api/users/${berta.id}/service-roles/${dogs}/dogTax`, headers: { 'accept-language': 'en' } });
    expect(twice.statusCode).toBe(404);
    expect(twice.json()).toMatchObject({ code: 'SERVICE_ROLE_NOT_GRANTED', message: 'The account does not hold this role on this service.' });
    const german = await t.inject({ method: 'DELETE', url: `/api/users/${berta.id}/service-roles/${dogs}/dogTax` });
    expect(german.json()).toMatchObject({ message: 'Das Konto hat diese Rolle in diesem Dienst nicht.' });
    expect(await grantsOf(berta.id)).toHaveLength(2);
  });

  it('refuses unknown roles and services naming the field, and accounts that are not staff of this organisation', async () => {
    const berta = await newCaseworker();
    const unknownRole = await t.inject({ method: 'POST', url: `/api/users/${berta.id}/service-roles`, payload: { serviceId: dogs, role: 'mayor' } });
    expect(unknownRole.statusCode).toBe(422);
    expect(unknownRole.json()).toMatchObject({ code: 'ROLE_UNKNOWN', errors: [{ path: '/body/role', message: 'Der Dienst kennt die Rolle „mayor“ nicht: Keine veröffentlichte Version legt sie an.' }] });
    const unknownService = await t.inject({ method: 'POST', url: `/api/users/${berta.id}/service-roles`, payload: { serviceId: randomUUID(), role: 'dogTax' }, headers: { 'accept-language': 'en' } });
    expect(unknownService.statusCode).toBe(422);
    expect(unknownService.json()).toMatchObject({ errors: [{ path: '/body/serviceId', message: 'There is no such service.' }] });

    const citizen = await createAccount(t.app, { email: 'buergerin@grants.example', kind: 'citizen' });
    expect((await t.inject({ method: 'POST', url: `/api/users/${citizen.id}/service-roles`, payload: { serviceId: dogs, role: 'dogTax' } })).statusCode).toBe(404);
    expect((await t.inject({ method: 'POST', url: `/api/users/${randomUUID()}/service-roles`, payload: { serviceId: dogs, role: 'dogTax' } })).statusCode).toBe(404);

    // Another organisation's administrator reaches neither the account nor the service.
    const neighbour = await ensureOrganisation(t.database.db, { id: randomUUID(), slug: 'nachbarort', name: 'Gemeinde Nachbarort', address: '' });
    await createAccount(t.app, { email: 'admin@nachbarort.example', kind: 'staff', roles: ['administrator'], organisationId: neighbour.id });
    const other = await logIn(t.app, 'admin@nachbarort.example', { organisation: 'nachbarort' });
    expect((await t.inject({ method: 'POST', url: `/api/users/${berta.id}/service-roles`, payload: { serviceId: dogs, role: 'dogTax' } }, other)).statusCode).toBe(404);
    expect((await t.inject({ method: 'DELETE', url: `/api/users/${berta.id}/service-roles/${dogs}/dogTax` }, other)).statusCode).toBe(404);
    const foreignAudit = await t.inject({ method: 'GET', url: '/api/audit-events?limit=200' }, other);
    expect(foreignAudit.body).not.toContain(berta.id);
    // A caseworker may not grant anything, not even to herself.
    const self = await logIn(t.app, berta.email);
    expect((await t.inject({ method: 'POST', url: `/api/users/${berta.id}/service-roles`, payload: { serviceId: dogs, role: 'dogTax' } }, self)).statusCode).toBe(403);
    expect(await grantsOf(berta.id)).toEqual([]);
  });

  it('refuses hostile path values and bodies with a 400 naming the field', async () => {
    const berta = await newCaseworker();
    await t.inject({ method: 'POST', url: `/api/users/${berta.id}/service-roles`, payload: { serviceId: dogs, role: 'dogTax' } });
    const cases: [string, string, unknown, string][] = [
      ['POST', `/api/users/not-a-uuid/service-roles`, { serviceId: dogs, role: 'dogTax' }, '/params/userId'],
      ['POST', `/api/users/${berta.id}/service-roles`, { serviceId: dogs, role: "dogTax' or '1'='1" }, '/body/role'],
      ['POST', `/api/users/${berta.id}/service-roles`, { serviceId: dogs, role: 'dogTax', admin: true }, '/body/admin'],
      ['POST', `/api/users/${berta.id}/service-roles`, { serviceId: `${dogs}x`, role: 'dogTax' }, '/body/serviceId'],
      ['POST', `/api/users/${berta.id}/service-roles`, { serviceId: dogs, role: ['dogTax'] }, '/body/role'],
      ['DELETE', `/api/users/${berta.id}/service-roles/${dogs}/${encodeURIComponent("dogTax' or '1'='1")}`, undefined, '/params/role'],
      ['DELETE', `/api/users/${berta.id}/service-roles/${dogs}/${'a'.repeat(64)}`, undefined, '/params/role'],
      ['DELETE', `/api/users/${berta.id}/service-roles/..%2F..%2Fetc/dogTax`, undefined, '/params/serviceId'],
    ];
    for (const [method, url, payload, path] of cases) {
      const response = await t.inject({ method: method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
      expect(response.statusCode, `${method} ${url}`).toBe(400);
      expect(response.json<{ errors: { path: string }[] }>().errors.map((e) => e.path), `${method} ${url}`).toContain(path);
    }
    expect(await grantsOf(berta.id)).toEqual(['dogs:dogTax']);
  });

  it('refuses a full list that drops grants, naming each in German and English, until the drop is confirmed', async () => {
    const berta = await newCaseworker();
    for (const [serviceId, role] of [
      [dogs, 'dogTax'],
      [dogs, 'teamLead'],
      [homes, 'dogTax'],
    ] as const) {
      await t.inject({ method: 'POST', url: `/api/users/${berta.id}/service-roles`, payload: { serviceId, role } });
    }
    // Sending only the new role, as before: refused, nothing changes.
    const dropping = await t.inject({ method: 'PATCH', url: `/api/users/${berta.id}`, payload: { displayName: 'Umbenannt', serviceRoles: [{ serviceId: dogs, role: 'dogTax' }] } });
    expect(dropping.statusCode).toBe(409);
    const refusal = dropping.json<{ code: string; message: string; dropped: unknown[]; errors: { path: string; message: string }[] }>();
    expect(refusal.code).toBe('SERVICE_ROLES_DROPPED');
    expect(refusal.dropped).toEqual(
      expect.arrayContaining([
        { serviceId: dogs, role: 'teamLead', serviceTitle: { de: 'Hundeanmeldung', en: 'Dog registration' }, roleLabel: { de: 'Teamleitung Steueramt', en: 'Tax office team lead' } },
        { serviceId: homes, role: 'dogTax', serviceTitle: { de: 'Zweitwohnungsteuer', en: 'Second home tax' }, roleLabel: { de: 'Sachbearbeitung Hundesteuer', en: 'Dog tax caseworker' } },
      ]),
    );
    expect(refusal.dropped).toHaveLength(2);
    expect(refusal.errors.map((e) => e.message)).toEqual(
      expect.arrayContaining(['Entzöge die Rolle „Teamleitung Steueramt“ im Dienst „Hundeanmeldung“.', 'Entzöge die Rolle „Sachbearbeitung Hundesteuer“ im Dienst „Zweitwohnungsteuer“.']),
    );
    expect(refusal.errors.every((e) => e.path === '/body/serviceRoles')).toBe(true);
    const english = await t.inject({ method: 'PATCH', url: `/api/users/${berta.id}`, payload: { serviceRoles: [] }, headers: { 'accept-language': 'en' } });
    expect(english.statusCode).toBe(409);
    expect(english.json<{ errors: { message: string }[] }>().errors.map((e) => e.message)).toContain('Would take away the role “Dog tax caseworker” on the service “Second home tax”.');
    expect(await grantsOf(berta.id)).toHaveLength(3);
    expect((await t.database.db.selectFrom('users').select('display_name').where('id', '=', berta.id).executeTakeFirstOrThrow()).display_name).toBe(berta.display_name);

    // Confirming only one of the two is still refused, naming the other; confirming one not dropped is a 400.
    const half = await t.inject({
      method: 'PATCH',
      url: `/api/users/${berta.id}`,
      payload: { serviceRoles: [{ serviceId: dogs, role: 'dogTax' }], dropServiceRoles: [{ serviceId: homes, role: 'dogTax' }] },
    });
    expect(half.statusCode).toBe(409);
    expect(half.json<{ dropped: { serviceId: string; role: string }[] }>().dropped).toMatchObject([{ serviceId: dogs, role: 'teamLead' }]);
    const stray = await t.inject({
      method: 'PATCH',
      url: `/api/users/${berta.id}`,
      payload: { serviceRoles: [{ serviceId: dogs, role: 'dogTax' }], dropServiceRoles: [{ serviceId: homes, role: 'dogTax' }, { serviceId: dogs, role: 'dogTax' }, { serviceId: dogs, role: 'teamLead' }] },
    });
    expect(stray.statusCode).toBe(400);
    expect(stray.json()).toMatchObject({ errors: [{ path: '/body/dropServiceRoles/1', code: 'not-dropped' }] });
    const alone = await t.inject({ method: 'PATCH', url: `/api/users/${berta.id}`, payload: { dropServiceRoles: [{ serviceId: dogs, role: 'teamLead' }] } });
    expect(alone.statusCode).toBe(400);
    expect(alone.json()).toMatchObject({ errors: [{ path: '/body/dropServiceRoles' }] });
    expect(await grantsOf(berta.id)).toHaveLength(3);

    // Confirmed exactly: the list replaces the grants.
    const confirmed = await t.inject({
      method: 'PATCH',
      url: `/api/users/${berta.id}`,
      payload: { serviceRoles: [{ serviceId: dogs, role: 'dogTax' }], dropServiceRoles: [{ serviceId: homes, role: 'dogTax' }, { serviceId: dogs, role: 'teamLead' }] },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await grantsOf(berta.id)).toEqual(['dogs:dogTax']);
    // A list that keeps every grant needs no confirmation.
    const growing = await t.inject({ method: 'PATCH', url: `/api/users/${berta.id}`, payload: { serviceRoles: [{ serviceId: dogs, role: 'dogTax' }, { serviceId: homes, role: 'teamLead' }] } });
    expect(growing.statusCode).toBe(200);
    expect(await grantsOf(berta.id)).toEqual(['dogs:dogTax', 'homes:teamLead']);
  });

  it('changes staff roles as a whole but never grants or takes the operator role', async () => {
    const operator = await newCaseworker(['caseworker', 'operator']);
    // The operator's account is changed by an administrator who is an operator too (anyone else is refused).
    await createAccount(t.app, { email: 'betrieb@grants.example', kind: 'staff', roles: ['administrator', 'operator'] });
    const operatingAdministrator = await logIn(t.app, 'betrieb@grants.example');
    expect((await t.inject({ method: 'PATCH', url: `/api/users/${operator.id}`, payload: { roles: ['designer'] } })).statusCode).toBe(403);
    const changed = await t.inject({ method: 'PATCH', url: `/api/users/${operator.id}`, payload: { roles: ['designer'] } }, operatingAdministrator);
    expect(changed.statusCode).toBe(200);
    expect(changed.json<UserView>().roles).toEqual(['designer', 'operator']);
    const plain = await newCaseworker();
    const escalate = await t.inject({ method: 'PATCH', url: `/api/users/${plain.id}`, payload: { roles: ['caseworker', 'operator'] } });
    expect(escalate.statusCode).toBe(400);
    expect(escalate.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('/body/roles/1');
    const created = await t.inject({ method: 'POST', url: '/api/users', payload: { email: 'neu@grants.example', displayName: 'Neu', password: 'Ein-langes-Passwort-9', roles: ['operator'] } });
    expect(created.statusCode).toBe(400);
    expect((await t.database.db.selectFrom('users').select('roles').where('id', '=', plain.id).executeTakeFirstOrThrow()).roles).toEqual(['caseworker']);
  });

  it('filters the audit trail by kind and by whole days in Berlin, and refuses hostile query values', async () => {
    // 23:30 UTC on 1 March is 00:30 on 2 March in Berlin.
    const organisationId = t.app.organisation.id;
    for (const [at, kind] of [
      ['2026-03-01T22:30:00Z', 'login-failed'],
      ['2026-03-01T23:30:00Z', 'login-failed'],
      ['2026-03-02T22:59:59Z', 'login'],
      ['2026-03-02T23:00:00Z', 'login-failed'],
    ] as const) {
      await t.database.db
        .insertInto('audit_events')
        .values({ id: randomUUID(), organisation_id: organisationId, at: new Date(at), kind, actor_id: null, subject_id: null, ip: '192.0.2.1', details: JSON.stringify({ reason: 'test' }) })
        .execute();
    }
    // An actor and a subject that are no account here (any more): no name, and no id of anything else either.
    const [gone, vanished] = [randomUUID(), randomUUID()];
    await t.database.db
      .insertInto('audit_events')
      .values({ id: randomUUID(), organisation_id: organisationId, at: new Date('2026-04-01T10:00:00Z'), kind: 'user-disabled', actor_id: gone, subject_id: vanished, ip: null, details: '{}' })
      .execute();
    expect((await auditOf('&from=2026-04-01&to=2026-04-01')).events).toMatchObject([{ actorId: gone, actorName: null, subjectId: vanished, subjectName: null, subjectType: null }]);

    const onSecond = await auditOf('&from=2026-03-02&to=2026-03-02');
    expect(onSecond.events.map((e) => [e.at, e.kind])).toEqual([
      ['2026-03-02T22:59:59.000Z', 'login'],
      ['2026-03-01T23:30:00.000Z', 'login-failed'],
    ]);
    const failedOnSecond = await auditOf('&from=2026-03-02&to=2026-03-02&kind=login-failed');
    expect(failedOnSecond.events.map((e) => e.at)).toEqual(['2026-03-01T23:30:00.000Z']);
    const untilFirst = await auditOf('&to=2026-03-01');
    expect(untilFirst.events.map((e) => e.at)).toEqual(['2026-03-01T22:30:00.000Z']);
    // Pages: one at a time, the next before the last one seen.
    const page1 = await t.inject({ method: 'GET', url: '/api/audit-events?from=2026-03-01&to=2026-03-03&limit=2' });
    const body1 = page1.json<{ events: AuditView[]; nextBefore: string }>();
    expect(body1.events).toHaveLength(2);
    const page2 = await t.inject({ method: 'GET', url: `/api/audit-events?from=2026-03-01&to=2026-03-03&limit=2&before=${body1.nextBefore}` });
    expect(page2.json<{ events: AuditView[] }>().events.map((e) => e.at)).toEqual(['2026-03-01T23:30:00.000Z', '2026-03-01T22:30:00.000Z']);

    for (const [query, path] of [
      ['from=2026-03-03&to=2026-03-02', '/querystring/to'],
      ['from=2026-02-30', '/querystring/from'],
      ['from=yesterday', '/querystring/from'],
      ['to=2026-03-02T00:00:00Z', '/querystring/to'],
      [`kind=${encodeURIComponent("login' or 1=1 --")}`, '/querystring/kind'],
      [`kind=${'a'.repeat(51)}`, '/querystring/kind'],
      ['kind=login&kind=login-failed', '/querystring/kind'],
      ['before=-1', '/querystring/before'],
      ['before=1e9', '/querystring/before'],
      ['limit=1000', '/querystring/limit'],
      ['limit=0', '/querystring/limit'],
      ['actor=x', '/querystring/actor'],
    ] as const) {
      const response = await t.inject({ method: 'GET', url: `/api/audit-events?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.json<{ errors: { path: string }[] }>().errors.map((e) => e.path), query).toContain(path);
    }
    const reversed = await t.inject({ method: 'GET', url: '/api/audit-events?from=2026-03-03&to=2026-03-02', headers: { 'accept-language': 'en' } });
    expect(reversed.json()).toMatchObject({ errors: [{ message: 'The last day is before the first.' }] });
  });

  it('names the person a token acts for — its creator — in the token list', async () => {
    const created = await t.inject({ method: 'POST', url: '/api/api-tokens', payload: { name: 'Fachverfahren', scopes: ['cases:read'] } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ apiToken: { userId: t.staff.userId, userName: 'alle.rollen', createdByName: 'alle.rollen' } });
    const listed = (await t.inject({ method: 'GET', url: '/api/api-tokens' })).json<{ tokens: { id: string; userName: string; createdByName: string }[] }>();
    expect(listed.tokens.find((token) => token.id === created.json<{ apiToken: { id: string } }>().apiToken.id)).toMatchObject({ userName: 'alle.rollen', createdByName: 'alle.rollen' });
  });
});
