import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmCaseProposal } from '../src/cases/settle-case-proposal';
import { takeCaseAction } from '../src/cases/take-case-action';
import { loadVersion } from '../src/services/load-version';
import { buildTestApp, createAccount, exampleSubmission, grantServiceRoles, logIn, publishService, type Caller, type TestApp } from './helper';

/**
 * Regression (reliability suite, concurrency): a caseworker's request reads the case, then the proposal waiting on
 * it. When another caseworker confirmed or proposed in between, the late request was told "no proposal to confirm"
 * or "a proposal is pending" (422) instead of the 409 every other stale actor gets. Here the interleaving is made
 * by hand: the case row is read, another caseworker acts through the API, then the stale request goes on.
 */
describe.each(DATABASE_KINDS)('acting on a case read before a proposal changed, on %s', (kind) => {
  let t: TestApp;
  let serviceId: string;
  let second: Caller;
  const readCase = (caseId: string) => t.database.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
  const act = (caseId: string, path: string, payload: Record<string, unknown>, caller?: Caller) =>
    t.inject({ method: 'POST', url: `/api/cases/${caseId}/actions/${path}`, payload }, caller);
  const openCase = async () => {
    const response = await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: exampleSubmission('valid-without-files.json').data }, null);
    return response.json<{ caseId: string }>().caseId;
  };

  beforeAll(async () => {
    t = await buildTestApp(kind);
    serviceId = await publishService(t, 'hundeanmeldung');
    const user = await createAccount(t.app, { email: 'zweite@test.example', kind: 'staff', roles: ['caseworker'] });
    await grantServiceRoles(t, user.id, serviceId, ['dogTax']);
    second = await logIn(t.app, 'zweite@test.example');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 409 to a confirmation whose proposal another caseworker confirmed meanwhile', async () => {
    const caseId = await openCase();
    const proposed = await act(caseId, 'reject', { expectedVersion: 1, inputs: { reason: 'Unvollständig' } });
    expect(proposed.statusCode).toBe(200);
    const stale = await readCase(caseId);
    expect((await act(caseId, 'reject/confirm', { expectedVersion: stale.version }, second)).statusCode).toBe(200);

    const version = await loadVersion(t.app, stale.organisation_id, serviceId, stale.service_version);
    const late = confirmCaseProposal(t.database.db, t.app.organisation, stale, version, 'reject', { id: 'dritte', roles: ['dogTax'] }, { expectedVersion: stale.version });
    await expect(late).rejects.toMatchObject({ code: 'CASE_CONFLICT' });
  });

  it('answers 409 to an action on a case that another caseworker has since proposed to reject', async () => {
    const caseId = await openCase();
    const stale = await readCase(caseId);
    expect((await act(caseId, 'reject', { expectedVersion: stale.version, inputs: { reason: 'Unvollständig' } })).statusCode).toBe(200);

    const version = await loadVersion(t.app, stale.organisation_id, serviceId, stale.service_version);
    const late = takeCaseAction(t.database.db, t.app.organisation, stale, version, 'approve', { id: second.userId, roles: ['dogTax'] }, { expectedVersion: stale.version });
    await expect(late).rejects.toMatchObject({ code: 'CASE_CONFLICT' });
  });
});
