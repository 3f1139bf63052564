import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, createAccount, exampleSubmission, grantServiceRoles, hundeanmeldung, logIn, publishService, type Caller, type TestApp } from './helper';

interface CaseView {
  id: string;
  reference: string;
  version: number;
  status: string;
  outcome: string | null;
  state: { id: string };
  actions: { id: string; enabled: boolean; fourEyes: boolean; guardMessage?: { de: string } }[];
  proposal: null | {
    action: { id: string; label: { de: string } };
    proposedBy: { id: string; displayName: string | null };
    proposedAt: string;
    inputs: Record<string, string>;
    comment: string | null;
    available: string[];
  };
  history: {
    kind: string;
    actorId: string;
    action: string | null;
    fromState: string | null;
    toState: string | null;
    comment: string | null;
    internal: boolean;
    inputs: Record<string, string>;
    proposal?: { proposedBy: string; proposedAt: string; comment: string | null };
  }[];
  documents: { id: string; kind: string; templateId: string }[];
}

const REASON = 'Der Hund wird nicht im Gemeindegebiet gehalten.';

/**
 * Four-eyes principle (issue 6): the Hundeanmeldung's rejection is proposed by one caseworker and takes effect
 * only when a second one confirms it.
 */
describe.each(DATABASE_KINDS)('four-eyes principle on %s', (kind) => {
  let t: TestApp;
  let serviceId: string;
  // The all-roles staff member proposes; a second caseworker (dogTax) and the team lead confirm or send back.
  let proposer: Caller;
  let second: Caller;
  let teamLead: Caller;

  const submit = async () => {
    const response = await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: exampleSubmission('valid-without-files.json').data }, null);
    expect(response.statusCode).toBe(201);
    return response.json<{ caseId: string; accessToken: string }>();
  };
  const getCase = async (caseId: string, caller: Caller = proposer) => {
    const response = await t.inject({ method: 'GET', url: `/api/cases/${caseId}` }, caller);
    expect(response.statusCode).toBe(200);
    return response.json<CaseView>();
  };
  const post = (caseId: string, path: string, payload: Record<string, unknown>, caller: Caller, headers: Record<string, string> = {}) =>
    t.inject({ method: 'POST', url: `/api/cases/${caseId}/actions/${path}`, payload, headers }, caller);
  const proposeRejection = async () => {
    const { caseId, accessToken } = await submit();
    const opened = await getCase(caseId);
    const proposed = await post(caseId, 'reject', { expectedVersion: opened.version, inputs: { reason: REASON }, comment: 'Bitte gegenlesen.' }, proposer);
    expect(proposed.statusCode).toBe(200);
    return { caseId, accessToken, opened, view: proposed.json<CaseView>() };
  };

  beforeAll(async () => {
    t = await buildTestApp(kind);
    serviceId = await publishService(t, 'hundeanmeldung');
    proposer = t.staff;
    for (const [email, role] of [['zweite.sachbearbeiterin@test.example', 'dogTax'], ['teamleitung@test.example', 'teamLead']] as const) {
      const account = await createAccount(t.app, { email, kind: 'staff', roles: ['caseworker'] });
      await grantServiceRoles(t, account.id, serviceId, [role]);
    }
    second = await logIn(t.app, 'zweite.sachbearbeiterin@test.example');
    teamLead = await logIn(t.app, 'teamleitung@test.example');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records a rejection as a proposal: the case stays, its version goes up, nothing is issued', async () => {
    const { caseId, opened, view } = await proposeRejection();
    expect(opened.actions.find((a) => a.id === 'reject')).toMatchObject({ enabled: true, fourEyes: true });
    expect(opened.actions.find((a) => a.id === 'approve')).toMatchObject({ fourEyes: false });
    expect(view).toMatchObject({ state: { id: 'inReview' }, status: 'active', version: opened.version + 1, outcome: null });
    expect(view.documents.map((d) => d.templateId)).toEqual(['receipt']);
    expect(view.proposal).toMatchObject({
      action: { id: 'reject', label: { de: 'Anmeldung ablehnen' } },
      proposedBy: { id: proposer.userId, displayName: 'alle.rollen' },
      inputs: { reason: REASON },
      comment: 'Bitte gegenlesen.',
      available: ['withdraw-proposal'],
    });
    expect(view.history.at(-1)).toMatchObject({ kind: 'proposal', actorId: proposer.userId, action: 'reject', fromState: 'inReview', toState: null, internal: true, inputs: { reason: REASON } });
    // A proposal moves nothing: no event for the background work besides the submission's.
    const jobs = await t.database.db.selectFrom('jobs').selectAll().where('kind', '=', 'caseEvent').execute();
    expect(jobs.filter((row) => (row.payload as { caseId?: string }).caseId === caseId).map((row) => (row.payload as { event: string }).event)).toEqual(['case.submitted']);

    // Others see what they may do with it; every other action waits.
    const asSecond = await getCase(caseId, second);
    expect(asSecond.proposal?.available).toEqual(['confirm', 'reject-proposal']);
    expect(asSecond.actions.length).toBeGreaterThan(0);
    for (const action of asSecond.actions) {
      expect(action.enabled, action.id).toBe(false);
      expect(action.guardMessage?.de).toContain('Vier-Augen-Prinzip');
    }
    expect((await getCase(caseId, teamLead)).proposal?.available).toEqual(['confirm', 'reject-proposal']);
  });

  it('issues the notice when a second caseworker confirms, with both people in the history', async () => {
    const { caseId, view, accessToken } = await proposeRejection();
    const own = await post(caseId, 'reject/confirm', { expectedVersion: view.version }, proposer);
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_PROPOSAL', message: expect.stringContaining('bestätigen muss eine zweite Person') as unknown });
    const ownEnglish = await post(caseId, 'reject/confirm', { expectedVersion: view.version }, proposer, { 'accept-language': 'en' });
    expect(ownEnglish.json<{ message: string }>().message).toContain('a second person must confirm it');
    const stale = await post(caseId, 'reject/confirm', { expectedVersion: view.version - 1 }, second);
    expect(stale.statusCode).toBe(409);
    expect((await getCase(caseId)).version).toBe(view.version);

    const confirmed = await post(caseId, 'reject/confirm', { expectedVersion: view.version, comment: 'Geprüft.' }, second);
    expect(confirmed.statusCode).toBe(200);
    const done = confirmed.json<CaseView>();
    expect(done).toMatchObject({ state: { id: 'rejected' }, status: 'done', outcome: 'rejected', proposal: null, version: view.version + 1, actions: [] });
    expect(done.documents.map((d) => d.templateId)).toEqual(['receipt', 'rejectionNotice']);
    const proposal = done.history.find((e) => e.kind === 'proposal')!;
    const decision = done.history.at(-1)!;
    expect(proposal).toMatchObject({ actorId: proposer.userId, action: 'reject' });
    expect(decision).toMatchObject({ kind: 'action', actorId: second.userId, action: 'reject', fromState: 'inReview', toState: 'rejected', comment: 'Geprüft.', inputs: { reason: REASON } });
    expect(decision.proposal).toMatchObject({ proposedBy: proposer.userId, comment: 'Bitte gegenlesen.' });

    // The notice carries the proposer's reason and its PDF was stored when it was issued.
    const notice = done.documents.find((d) => d.templateId === 'rejectionNotice')!;
    const text = (await t.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/${notice.id}` }, second)).json<{ text: string }>().text;
    expect(text).toContain(REASON);
    const stored = await t.database.db.selectFrom('documents').select('pdf').where('id', '=', notice.id).executeTakeFirstOrThrow();
    expect(stored.pdf).not.toBeNull();

    // The applicant sees the decision, never the internal proposal.
    const applicantView = await t.inject({ method: 'GET', url: `/api/applicant/cases/${caseId}`, headers: { authorization: `Bearer ${accessToken}` } }, null);
    expect(applicantView.json()).toMatchObject({ status: 'done', outcome: 'rejected' });
    expect(applicantView.body).not.toContain('Bitte gegenlesen');
    expect(applicantView.json<{ timeline: unknown[] }>().timeline).toHaveLength(2);
  });

  it('holds up every other staff action while a proposal waits; only its proposer may withdraw it', async () => {
    const { caseId, view } = await proposeRejection();
    const before = await countRows(t.database);
    const attempts: [string, Record<string, unknown>, Caller][] = [
      ['approve', { expectedVersion: view.version }, second],
      ['requestInformation', { expectedVersion: view.version, inputs: { missing: 'Impfpass' } }, proposer],
      ['reject', { expectedVersion: view.version, inputs: { reason: 'Noch ein Grund' } }, teamLead],
    ];
    for (const [action, payload, caller] of attempts) {
      const refused = await post(caseId, action, payload, caller);
      expect(refused.statusCode, action).toBe(422);
      expect(refused.json(), action).toMatchObject({ code: 'ACTION_REFUSED', reason: 'PROPOSAL_PENDING', message: expect.stringContaining('„Anmeldung ablehnen“') as unknown });
    }
    const english = await post(caseId, 'approve', { expectedVersion: view.version }, second, { 'accept-language': 'en' });
    expect(english.json<{ message: string }>().message).toContain('waiting for a second person to confirm it');
    const notTheirs = await post(caseId, 'reject/withdraw-proposal', { expectedVersion: view.version }, second);
    expect(notTheirs.statusCode).toBe(403);
    expect(notTheirs.json()).toMatchObject({ reason: 'NOT_PROPOSER' });
    expect(await countRows(t.database)).toEqual(before);
    expect((await getCase(caseId)).version).toBe(view.version);

    const withdrawn = await post(caseId, 'reject/withdraw-proposal', { expectedVersion: view.version, comment: 'Doch nicht.' }, proposer);
    expect(withdrawn.statusCode).toBe(200);
    const after = withdrawn.json<CaseView>();
    expect(after).toMatchObject({ proposal: null, state: { id: 'inReview' }, version: view.version + 1 });
    expect(after.history.at(-1)).toMatchObject({ kind: 'proposalWithdrawn', actorId: proposer.userId, action: 'reject', comment: 'Doch nicht.', internal: true });
    const approved = await post(caseId, 'approve', { expectedVersion: after.version }, second);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ outcome: 'approved' });
  });

  it('lets the second caseworker send a proposal back with a reason; bad input names the field and changes nothing', async () => {
    const { caseId, view } = await proposeRejection();
    const own = await post(caseId, 'reject/reject-proposal', { expectedVersion: view.version, comment: 'Selbst zurück' }, proposer);
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ reason: 'OWN_PROPOSAL', message: expect.stringContaining('zurückziehen') as unknown });
    for (const payload of [{ expectedVersion: view.version }, { expectedVersion: view.version, comment: '   ' }]) {
      const refused = await post(caseId, 'reject/reject-proposal', payload, second);
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'REQUEST_INVALID', errors: [expect.objectContaining({ path: '/body/comment', message: expect.stringContaining('„comment“') as unknown })] });
    }
    const english = await post(caseId, 'reject/reject-proposal', { expectedVersion: view.version }, second, { 'accept-language': 'en' });
    expect(english.json()).toMatchObject({ errors: [expect.objectContaining({ path: '/body/comment', message: '“comment” is missing.' })] });
    expect((await getCase(caseId)).proposal).not.toBeNull();

    const sentBack = await post(caseId, 'reject/reject-proposal', { expectedVersion: view.version, comment: 'Die Begründung trägt nicht.' }, teamLead);
    expect(sentBack.statusCode).toBe(200);
    const after = sentBack.json<CaseView>();
    expect(after).toMatchObject({ proposal: null, state: { id: 'inReview' }, status: 'active', version: view.version + 1 });
    expect(after.history.at(-1)).toMatchObject({ kind: 'proposalRejected', action: 'reject', comment: 'Die Begründung trägt nicht.', internal: true });
    const nothingToConfirm = await post(caseId, 'reject/confirm', { expectedVersion: after.version }, second);
    expect(nothingToConfirm.statusCode).toBe(422);
    expect(nothingToConfirm.json()).toMatchObject({ reason: 'NO_PROPOSAL' });
    expect((await getCase(caseId)).version).toBe(after.version);
  });

  it('lets exactly one of two caseworkers confirming at once win; the other gets 409', async () => {
    const { caseId, view } = await proposeRejection();
    const responses = await Promise.all([second, teamLead].map((caller) => post(caseId, 'reject/confirm', { expectedVersion: view.version }, caller)));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const done = await getCase(caseId);
    expect(done.documents.filter((d) => d.templateId === 'rejectionNotice')).toHaveLength(1);
    expect(done.history.filter((e) => e.action === 'reject' && e.kind === 'action')).toHaveLength(1);
  });

  it('previews what confirming would issue, with the proposer’s inputs', async () => {
    const { caseId, view } = await proposeRejection();
    const previewed = await post(caseId, 'reject/preview', { expectedVersion: view.version }, second);
    expect(previewed.statusCode).toBe(200);
    expect(previewed.json()).toMatchObject({ documents: [{ templateId: 'rejectionNotice', text: expect.stringContaining(REASON) as unknown }] });
    const withInputs = await post(caseId, 'reject/preview', { expectedVersion: view.version, inputs: { reason: 'Anders' } }, second);
    expect(withInputs.statusCode).toBe(400);
    expect(withInputs.json()).toMatchObject({ errors: [{ path: '/body/inputs', code: 'proposalPending' }] });
    const other = await post(caseId, 'approve/preview', { expectedVersion: view.version }, second);
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ reason: 'PROPOSAL_PENDING' });
  });

  it('never holds up the applicant: withdrawing makes the waiting proposal void', async () => {
    const { caseId, accessToken } = await proposeRejection();
    const headers = { authorization: `Bearer ${accessToken}` };
    const mine = (await t.inject({ method: 'GET', url: `/api/applicant/cases/${caseId}`, headers }, null)).json<{ version: number }>();
    const withdrawn = await t.inject({ method: 'POST', url: `/api/applicant/cases/${caseId}/reply`, headers, payload: { actionId: 'withdraw', expectedVersion: mine.version } }, null);
    expect(withdrawn.statusCode).toBe(200);
    const view = await getCase(caseId);
    expect(view).toMatchObject({ state: { id: 'withdrawn' }, outcome: 'withdrawn', proposal: null });
    expect(view.history.map((e) => e.kind).slice(-2)).toEqual(['proposalVoided', 'action']);
    const late = await post(caseId, 'reject/confirm', { expectedVersion: view.version }, second);
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({ reason: 'CASE_CLOSED' });
  });

  it('refuses a confirmation by a caseworker who holds no role of the action', async () => {
    // A variant where only the team lead rejects: a caseworker of the service cannot be the second pair of eyes.
    const definition = hundeanmeldung();
    const reject = definition.process.states.find((s) => s.id === 'inReview')!.actions!.find((a) => a.id === 'reject')!;
    reject.roles = ['teamLead'];
    // Its own Aktenzeichen series: references are unique per organisation.
    definition.settings.referencePattern = 'STRENG-{YYYY}-{SEQ:5}';
    const strictService = await publishService(t, 'hundeanmeldung-streng', definition);
    await grantServiceRoles(t, second.userId, strictService, ['dogTax']);
    await grantServiceRoles(t, teamLead.userId, strictService, ['teamLead']);
    const submitted = await t.inject({ method: 'POST', url: `/api/services/${strictService}/submissions`, payload: exampleSubmission('valid-without-files.json').data }, null);
    expect(submitted.statusCode, submitted.body).toBe(201);
    const caseId = submitted.json<{ caseId: string }>().caseId;
    const opened = await getCase(caseId);
    const proposed = (await post(caseId, 'reject', { expectedVersion: opened.version, inputs: { reason: REASON } }, proposer)).json<CaseView>();
    expect((await getCase(caseId, second)).proposal?.available).toEqual([]);
    const refused = await post(caseId, 'reject/confirm', { expectedVersion: proposed.version }, second);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ reason: 'ROLE_NOT_ALLOWED' });
    const confirmed = await post(caseId, 'reject/confirm', { expectedVersion: proposed.version }, teamLead);
    expect(confirmed.statusCode).toBe(200);
  });
});
