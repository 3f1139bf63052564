import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createAccount, grantServiceRoles, logIn, publishService, type TestApp } from './helper';

describe.each(DATABASE_KINDS)('caseworkers to assign to on %s', (kind) => {
  let t: TestApp;
  let serviceId: string;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    serviceId = await publishService(t, 'hundeanmeldung');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the active caseworkers with their process roles, and nobody else', async () => {
    const anna = await createAccount(t.app, { email: 'anna@amt.example', kind: 'staff', roles: ['caseworker'] });
    await grantServiceRoles(t, anna.id, serviceId, ['dogTax']);
    const gone = await createAccount(t.app, { email: 'gone@amt.example', kind: 'staff', roles: ['caseworker'] });
    await t.database.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', gone.id).execute();
    await createAccount(t.app, { email: 'designer@amt.example', kind: 'staff', roles: ['designer'] });
    await createAccount(t.app, { email: 'buerger@example.org', kind: 'citizen' });

    const listed = await t.inject({ method: 'GET', url: '/api/caseworkers' });
    expect(listed.statusCode).toBe(200);
    const people = listed.json<{ caseworkers: { id: string; displayName: string; serviceRoles: { serviceId: string; role: string }[] }[] }>().caseworkers;
    expect(people.map((p) => p.id).sort()).toEqual([anna.id, t.staff.userId].sort());
    expect(people.find((p) => p.id === anna.id)).toEqual({ id: anna.id, displayName: 'anna', serviceRoles: [{ serviceId, role: 'dogTax' }] });

    const designer = await logIn(t.app, 'designer@amt.example');
    expect((await t.inject({ method: 'GET', url: '/api/caseworkers' }, designer)).statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url: '/api/caseworkers' }, null)).statusCode).toBe(401);
  });
});
