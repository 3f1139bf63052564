import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createAccount, logIn, TEST_PASSWORD, type Caller, type TestApp } from './helper';

const ADMINISTRATOR = { email: 'chefin@kleinstadt.example', displayName: 'Zora Zanderhof', password: TEST_PASSWORD };

/** The platform operator's routes: organisations with their host names and first administrator (issue 17). */
describe.each(DATABASE_KINDS)('organisations of the installation (%s)', (kind) => {
  let t: TestApp;
  let operator: Caller;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    await createAccount(t.app, { email: 'betrieb@musterstadt.example', kind: 'staff', roles: ['operator'] });
    operator = await logIn(t.app, 'betrieb@musterstadt.example');
  });
  afterAll(() => t?.close());

  const counts = async () => ({
    organisations: (await t.database.db.selectFrom('organisations').select('id').execute()).length,
    users: (await t.database.db.selectFrom('users').select('id').execute()).length,
    hosts: (await t.database.db.selectFrom('organisation_hosts').select('host').execute()).length,
  });
  const create = (payload: object, caller: Caller | null = operator, language = 'de') =>
    t.inject({ method: 'POST', url: '/api/organisations', headers: { 'accept-language': language }, payload }, caller);

  it('creates an organisation and its first administrator in one step, audited in both organisations', async () => {
    const created = await create({ name: ' Gemeinde Kleinstadt ', slug: 'kleinstadt', address: 'Dorfstraße 3', hosts: ['Amtsweg.Kleinstadt.example', 'amtsweg.kleinstadt.example'], administrator: ADMINISTRATOR });
    expect(created.statusCode, created.body).toBe(201);
    const organisation = created.json<{ id: string; name: string; hosts: string[]; staffCount: number }>();
    expect(organisation).toMatchObject({ name: 'Gemeinde Kleinstadt', hosts: ['amtsweg.kleinstadt.example'], staffCount: 1 });

    // The administrator logs in there (by slug, or on the host name without one) and administers only it.
    const administrator = await logIn(t.app, ADMINISTRATOR.email, { organisation: 'kleinstadt' });
    const me = await t.inject({ method: 'GET', url: '/api/auth/me' }, administrator);
    expect(me.json<{ account: { roles: string[]; organisation: { id: string } } }>().account).toMatchObject({ roles: ['administrator'], organisation: { id: organisation.id } });
    const onHost = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { host: 'amtsweg.kleinstadt.example' }, payload: { email: ADMINISTRATOR.email, password: TEST_PASSWORD } });
    expect(onHost.statusCode).toBe(200);

    const ownAudit = await t.inject({ method: 'GET', url: '/api/audit-events?kind=organisation-created' }, administrator);
    expect(ownAudit.json<{ events: { kind: string }[] }>().events.map((event) => event.kind)).toEqual(['organisation-created']);
    const operatorAudit = await t.database.db
      .selectFrom('audit_events')
      .select(['organisation_id', 'kind', 'actor_id'])
      .where('kind', 'in', ['organisation-created', 'user-created'])
      .orderBy('organisation_id')
      .execute();
    expect(operatorAudit).toHaveLength(3);
    expect(operatorAudit.filter((event) => event.organisation_id === t.app.organisation.id)).toEqual([
      { organisation_id: t.app.organisation.id, kind: 'organisation-created', actor_id: operator.userId },
    ]);

    const list = await t.inject({ method: 'GET', url: '/api/organisations' }, operator);
    expect(list.json<{ slug: string; staffCount: number; serviceCount: number }[]>().map((o) => [o.slug, o.staffCount, o.serviceCount])).toEqual([
      ['kleinstadt', 1, 0],
      [t.app.organisation.slug, 2, 0],
    ]);
  });

  it('refuses a taken slug or host name, a weak password and malformed fields by name, and changes nothing', async () => {
    const before = await counts();
    const valid = { name: 'Gemeinde Anderswo', slug: 'anderswo', hosts: ['amtsweg.anderswo.example'], administrator: { ...ADMINISTRATOR, email: 'chef@anderswo.example' } };

    const slugTaken = await create({ ...valid, slug: 'kleinstadt' });
    expect(slugTaken.statusCode).toBe(409);
    const slugAnswer = slugTaken.json<{ code: string; errors: { path: string; message: string }[] }>();
    expect(slugAnswer.code).toBe('ORGANISATION_SLUG_TAKEN');
    expect(slugAnswer.errors).toEqual([{ path: '/body/slug', code: 'taken', message: 'Diese Kennung hat schon eine andere Organisation (Feld „Kennung“).' }]);

    const hostTaken = await create({ ...valid, hosts: ['neu.anderswo.example', 'AMTSWEG.kleinstadt.example'] }, operator, 'en');
    expect(hostTaken.statusCode).toBe(409);
    const hostAnswer = hostTaken.json<{ code: string; errors: { path: string; message: string }[] }>();
    expect(hostAnswer.code).toBe('HOST_TAKEN');
    expect(hostAnswer.errors).toEqual([
      { path: '/body/hosts/1', code: 'taken', message: 'The host name “amtsweg.kleinstadt.example” belongs to another organisation already (field “host names”).' },
    ]);

    // The host the operator works on (inject's "localhost") is the installation's: given away, it would take the portal with it.
    const current = await create({ ...valid, hosts: ['amtsweg.anderswo.example', 'LOCALHOST'] });
    expect(current.statusCode).toBe(409);
    expect(current.json()).toMatchObject({ code: 'HOST_TAKEN', errors: [{ path: '/body/hosts/1', code: 'current', message: expect.stringContaining('rufen Sie Amtsweg gerade auf') as unknown }] });
    const kleinstadtId = (await t.database.db.selectFrom('organisations').select('id').where('slug', '=', 'kleinstadt').executeTakeFirstOrThrow()).id;
    const moved = await t.inject({ method: 'PATCH', url: `/api/organisations/${kleinstadtId}`, payload: { hosts: ['localhost'] } }, operator);
    expect(moved.statusCode).toBe(409);

    const weak = await create({ ...valid, administrator: { ...valid.administrator, password: 'chef@anderswo.example' } });
    expect(weak.statusCode).toBe(422);
    expect(weak.json()).toMatchObject({ errors: [{ path: '/body/administrator/password' }] });

    for (const [payload, path] of [
      [{ ...valid, slug: 'Anderswo!' }, '/body/slug'],
      [{ ...valid, hosts: ['https://amtsweg.anderswo.example/'] }, '/body/hosts/0'],
      [{ ...valid, hosts: ['amtsweg.anderswo.example:8443'] }, '/body/hosts/0'],
      [{ ...valid, name: '   ' }, '/body/name'],
      [{ ...valid, administrator: { ...valid.administrator, email: 'keine-adresse' } }, '/body/administrator/email'],
      [{ ...valid, administrator: { ...valid.administrator, password: 'kurz' } }, '/body/administrator/password'],
      [{ ...valid, extra: true }, '/body/extra'],
    ] as const) {
      const refused = await create(payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json<{ errors: { path: string }[] }>().errors.map((error) => error.path)).toContain(path);
    }
    expect(await counts()).toEqual(before);
  });

  it('lets only the operator in: an organisation’s administrator, a token and visitors are refused', async () => {
    const before = await counts();
    const payload = { name: 'Gemeinde Heimlich', slug: 'heimlich', administrator: { ...ADMINISTRATOR, email: 'x@heimlich.example' } };
    expect((await create(payload, t.staff)).statusCode).toBe(403);
    expect((await create(payload, null)).statusCode).toBe(401);
    expect((await t.inject({ method: 'GET', url: '/api/organisations' }, t.staff)).statusCode).toBe(403);
    expect((await t.inject({ method: 'PATCH', url: `/api/organisations/${t.app.organisation.id}`, payload: { hosts: ['x.example'] } }, t.staff)).statusCode).toBe(403);
    // An administrator cannot make anyone an operator, themselves included.
    const grant = await t.inject({ method: 'PATCH', url: `/api/users/${t.staff.userId}`, payload: { roles: ['administrator', 'operator'] } });
    expect(grant.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('leaves the operator’s account to operators: an administrator can neither take it over nor lock it out', async () => {
    const operatorAccount = (await t.database.db.selectFrom('users').select(['id', 'password_hash', 'disabled_at', 'roles', 'totp_enabled_at']).where('email', '=', 'betrieb@musterstadt.example').executeTakeFirstOrThrow());
    for (const payload of [
      { password: 'Ganz-Neues-Passwort-2026' },
      { resetSecondFactor: true },
      { disabled: true },
      { roles: ['caseworker'] },
      { displayName: 'Übernommen' },
      { unlock: true },
    ]) {
      const refused = await t.inject({ method: 'PATCH', url: `/api/users/${operatorAccount.id}`, payload }, t.staff);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('betreibt die Installation') as unknown });
    }
    const after = await t.database.db.selectFrom('users').select(['id', 'password_hash', 'disabled_at', 'roles', 'totp_enabled_at']).where('id', '=', operatorAccount.id).executeTakeFirstOrThrow();
    expect(after).toEqual(operatorAccount);
    // The operator's old password still opens the account.
    expect((await logIn(t.app, 'betrieb@musterstadt.example')).userId).toBe(operatorAccount.id);
    // An administrator who is an operator too may change it (here: its name).
    await createAccount(t.app, { email: 'betrieb.zwei@musterstadt.example', kind: 'staff', roles: ['administrator', 'operator'] });
    const secondOperator = await logIn(t.app, 'betrieb.zwei@musterstadt.example');
    const changed = await t.inject({ method: 'PATCH', url: `/api/users/${operatorAccount.id}`, payload: { displayName: 'Betrieb' } }, secondOperator);
    expect(changed.statusCode, changed.body).toBe(200);
  });

  it('changes host names, refuses another organisation’s by its index, and the portal follows at once', async () => {
    const kleinstadt = (await t.inject({ method: 'GET', url: '/api/organisations' }, operator)).json<{ id: string; slug: string }[]>().find((o) => o.slug === 'kleinstadt')!;
    const home = await t.inject({ method: 'PATCH', url: `/api/organisations/${t.app.organisation.id}`, payload: { hosts: ['amtsweg.musterstadt.example'] } }, operator);
    expect(home.statusCode, home.body).toBe(200);

    const taken = await t.inject({ method: 'PATCH', url: `/api/organisations/${kleinstadt.id}`, payload: { hosts: ['amtsweg.kleinstadt.example', 'amtsweg.musterstadt.example'] } }, operator);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'HOST_TAKEN', errors: [{ path: '/body/hosts/1' }] });
    expect((await t.inject({ method: 'PATCH', url: `/api/organisations/00000000-0000-4000-8000-000000000000`, payload: { hosts: [] } }, operator)).statusCode).toBe(404);
    expect((await t.inject({ method: 'PATCH', url: `/api/organisations/kein-uuid`, payload: { hosts: [] } }, operator)).statusCode).toBe(400);

    const whoAnswers = async (host: string) => {
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { host }, payload: { email: ADMINISTRATOR.email, password: TEST_PASSWORD } });
      return login.statusCode;
    };
    expect(await whoAnswers('kleinstadt.vg.example')).toBe(401);
    const moved = await t.inject({ method: 'PATCH', url: `/api/organisations/${kleinstadt.id}`, payload: { hosts: ['kleinstadt.vg.example'] } }, operator);
    expect(moved.json<{ hosts: string[] }>().hosts).toEqual(['kleinstadt.vg.example']);
    expect(await whoAnswers('kleinstadt.vg.example')).toBe(200);
    // The old host name shows the home organisation again.
    expect(await whoAnswers('amtsweg.kleinstadt.example')).toBe(401);
    const audit = await t.database.db.selectFrom('audit_events').select('organisation_id').where('kind', '=', 'organisation-hosts-changed').execute();
    // Home's own change once; Kleinstadt's in the operator's and in its own organisation.
    expect(audit).toHaveLength(3);
  });
});
