import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/auth/hash-token';
import { buildTestApp, createAccount, grantServiceRoles, publishService, TEST_PASSWORD, type TestApp } from '../test/helper';
import { checkAcknowledgedSubmissions, checkNoLostUpdate, countCaseEvents, findDuplicateReferences, findHalfWrittenCases, findOrphanRows } from './support/invariants';
import { logInOverHttp, requestJson, runPool, submitOverHttp, type HttpAnswer, type HttpSession, type SubmissionReceipt } from './support/process-http';
import { distinctApplication } from './support/process-workload';

// Many clients at once against one server over real HTTP (the app listens on a port of 127.0.0.1; on PGlite one
// process is the only option, so the server runs in the test process on both databases). Budget per database:
// ~170 submissions, ~90 case actions and ~24 notes, all bounded; the invariants are read from the database.

interface CaseView {
  id: string;
  version: number;
  state: { id: string };
  assigneeId: string | null;
  outcome: string | null;
}

const SAME_KEY_CLIENTS = 24;
const DISTINCT_SUBMISSIONS = 96;
const DISTINCT_IN_FLIGHT = 32;
const PARALLEL_ACTORS = 10;

describe.each(DATABASE_KINDS)('concurrent requests on %s', (kind) => {
  let t: TestApp;
  let origin: string;
  let serviceId: string;
  /** The all-roles staff member of the test app, logged in over HTTP. */
  let staff: HttpSession;
  /** Three caseworkers holding the service's dogTax role and one team lead, each logged in over HTTP. */
  let caseworkers: HttpSession[];
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    serviceId = await publishService(t, 'hundeanmeldung');
    const accounts = [
      ['sb1@test.example', 'dogTax'],
      ['sb2@test.example', 'dogTax'],
      ['sb3@test.example', 'dogTax'],
      ['tl@test.example', 'teamLead'],
    ] as const;
    for (const [email, role] of accounts) {
      const user = await createAccount(t.app, { email, kind: 'staff', roles: ['caseworker'] });
      await grantServiceRoles(t, user.id, serviceId, [role]);
    }
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    staff = await logInOverHttp(origin, 'alle.rollen@test.example', TEST_PASSWORD);
    caseworkers = await Promise.all(accounts.map(([email]) => logInOverHttp(origin, email, TEST_PASSWORD)));
  });
  afterAll(async () => {
    await t?.close();
  });

  const countCases = async () => Number((await db().selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const getCase = async (caseId: string) => (await requestJson<CaseView>(origin, 'GET', `/api/cases/${caseId}`, { session: staff })).body;
  const openCase = async (tag: string): Promise<CaseView> => {
    const answer = await submitOverHttp(origin, serviceId, distinctApplication(tag).data);
    expect(answer.status).toBe(201);
    return getCase(answer.body.caseId);
  };
  const act = (session: HttpSession, caseId: string, action: string, body: Record<string, unknown>) =>
    requestJson<CaseView & { code?: string }>(origin, 'POST', `/api/cases/${caseId}/actions/${action}`, { session, body });
  const statusesOf = (answers: HttpAnswer<unknown>[]) => answers.map((a) => a.status).sort((a, b) => a - b);

  it(`gives ${SAME_KEY_CLIENTS} concurrent first uses of one Idempotency-Key one case and the same answer`, async () => {
    const key = `same-${randomUUID()}`;
    const application = distinctApplication(`idem-same-${kind}`);
    const before = await countCases();
    const answers = await Promise.all(Array.from({ length: SAME_KEY_CLIENTS }, () => submitOverHttp(origin, serviceId, application.data, key)));

    expect(statusesOf(answers)).toEqual(Array<number>(SAME_KEY_CLIENTS).fill(201));
    expect(new Set(answers.map((a) => a.body.caseId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.reference)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.receipt?.documentId)).size).toBe(1);
    const { caseId, reference } = answers[0]!.body;
    expect(await countCases()).toBe(before + 1);
    const stored = await db().selectFrom('idempotency_keys').select('case_id').where('key', '=', key).execute();
    expect(stored).toEqual([{ case_id: caseId }]);
    expect(await checkAcknowledgedSubmissions(db(), [{ caseId, reference, expectedData: application.expectedData }])).toEqual([]);
    // Every answer carries the first access token (issue 18, finding 7: a replay never replaces it), and it opens the case.
    const { access_token_hash } = await db().selectFrom('cases').select('access_token_hash').where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(answers.filter((a) => hashToken(a.body.accessToken) === access_token_hash)).toHaveLength(SAME_KEY_CLIENTS);
  });

  it('refuses a used Idempotency-Key with another body, whether first use races it or it comes later', async () => {
    const key = `mixed-${randomUUID()}`;
    const bodies = [distinctApplication(`idem-a-${kind}`), distinctApplication(`idem-b-${kind}`)];
    const before = await countCases();
    const race = await Promise.all(Array.from({ length: SAME_KEY_CLIENTS }, (_, i) => submitOverHttp(origin, serviceId, bodies[i % 2]!.data, key)));

    const [keyRow] = await db().selectFrom('idempotency_keys').select('case_id').where('key', '=', key).execute();
    expect(keyRow).toBeDefined();
    const caseRow = await db().selectFrom('cases').select(['id', 'reference', 'data']).where('id', '=', keyRow!.case_id).executeTakeFirstOrThrow();
    const winner = (caseRow.data as { remarks: string }).remarks === bodies[0]!.data.remarks ? 0 : 1;
    expect(await countCases()).toBe(before + 1);

    // Later uses of the stored key, both bodies again, all at once.
    const later = await Promise.all(Array.from({ length: 16 }, (_, i) => submitOverHttp(origin, serviceId, bodies[i % 2]!.data, key)));
    for (const [i, answer] of [...race, ...later].entries()) {
      if (i % 2 === winner) {
        expect(answer.status).toBe(201);
        expect(answer.body).toMatchObject({ caseId: caseRow.id, reference: caseRow.reference });
      } else {
        expect(answer.status).toBe(422);
        expect(answer.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringContaining('Idempotency-Key') as unknown });
      }
    }
    expect(await countCases()).toBe(before + 1);
    expect(await checkAcknowledgedSubmissions(db(), [{ caseId: caseRow.id, reference: caseRow.reference, expectedData: bodies[winner]!.expectedData }])).toEqual([]);
  });

  it(`files ${DISTINCT_SUBMISSIONS} submissions with distinct keys, ${DISTINCT_IN_FLIGHT} at a time, as as many cases with distinct references`, async () => {
    const before = await countCases();
    const applications = Array.from({ length: DISTINCT_SUBMISSIONS }, (_, i) => distinctApplication(`distinct-${kind}-${i}`));
    // Two of three carry an Idempotency-Key (the portal's way); the rest none, as a plain API client might.
    const answers = await runPool(DISTINCT_SUBMISSIONS, DISTINCT_IN_FLIGHT, (i) =>
      submitOverHttp(origin, serviceId, applications[i]!.data, i % 3 === 0 ? undefined : `distinct-${randomUUID()}`),
    );
    const accepted = answers.filter((a): a is HttpAnswer<SubmissionReceipt> => !(a instanceof Error) && a.status === 201);
    expect(accepted).toHaveLength(DISTINCT_SUBMISSIONS);
    expect(new Set(accepted.map((a) => a.body.reference)).size).toBe(DISTINCT_SUBMISSIONS);
    expect(new Set(accepted.map((a) => a.body.caseId)).size).toBe(DISTINCT_SUBMISSIONS);
    for (const a of accepted) expect(a.body.reference).toMatch(/^HUND-\d{4}-\d{5}$/);
    expect(await countCases()).toBe(before + DISTINCT_SUBMISSIONS);
    const acknowledged = accepted.map((a, i) => ({ caseId: a.body.caseId, reference: a.body.reference, expectedData: applications[i]!.expectedData }));
    expect(await checkAcknowledgedSubmissions(db(), acknowledged)).toEqual([]);
    expect(await findDuplicateReferences(db())).toEqual([]);
    expect(await findHalfWrittenCases(db())).toEqual([]);
    expect(await findOrphanRows(db())).toEqual([]);
  });

  it(`lets one of ${PARALLEL_ACTORS} parallel assignments with the same expectedVersion win; the others get 409 CASE_CONFLICT`, async () => {
    const opened = await openCase(`assign-${kind}`);
    const answers = await Promise.all(
      Array.from({ length: PARALLEL_ACTORS }, (_, i) => {
        const session = caseworkers[i % 3]!;
        return requestJson<CaseView & { code?: string }>(origin, 'POST', `/api/cases/${opened.id}/assign`, {
          session,
          body: { assigneeId: session.userId, expectedVersion: opened.version },
        });
      }),
    );
    expect(statusesOf(answers)).toEqual([200, ...Array<number>(PARALLEL_ACTORS - 1).fill(409)]);
    for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.code).toBe('CASE_CONFLICT');
    const won = answers.find((a) => a.status === 200)!.body;
    const after = await db().selectFrom('cases').select(['version', 'assignee_id']).where('id', '=', opened.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ version: opened.version + 1, assignee_id: won.assigneeId });
    expect(await countCaseEvents(db(), opened.id, 'assigned')).toBe(1);
  });

  it(`lets one of ${PARALLEL_ACTORS} parallel decisions win and writes exactly what one decision writes`, async () => {
    // What one approval writes, taken alone.
    const control = await openCase(`decision-control-${kind}`);
    expect((await act(caseworkers[0]!, control.id, 'approve', { expectedVersion: control.version })).status).toBe(200);
    const written = async (caseId: string) => ({
      version: (await db().selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version,
      actions: await db().selectFrom('case_events').select(['kind', 'action', 'actor_role']).where('case_id', '=', caseId).orderBy('seq').execute(),
      documents: (await db().selectFrom('documents').select('template_id').where('case_id', '=', caseId).orderBy('template_id').execute()).map((d) => d.template_id),
      jobs: Number(
        (
          await db()
            .selectFrom('jobs')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where(sql<string>`payload->>'caseId'`, '=', caseId)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    });
    const alone = await written(control.id);

    const contended = await openCase(`decision-${kind}`);
    const approvals = await Promise.all(
      Array.from({ length: PARALLEL_ACTORS }, (_, i) => act(caseworkers[i % 3]!, contended.id, 'approve', { expectedVersion: contended.version, comment: `Freigabe ${i}` })),
    );
    expect(statusesOf(approvals)).toEqual([200, ...Array<number>(PARALLEL_ACTORS - 1).fill(409)]);
    for (const refused of approvals.filter((a) => a.status === 409)) expect(refused.body.code).toBe('CASE_CONFLICT');
    expect(await written(contended.id)).toEqual(alone);
    expect(await db().selectFrom('case_events').select('comment').where('case_id', '=', contended.id).where('action', '=', 'approve').execute()).toEqual([
      { comment: approvals.map((a, i) => (a.status === 200 ? `Freigabe ${i}` : null)).find((c) => c !== null) },
    ]);

    // Different decisions racing: approval, requests for information and proposals to reject (four-eyes).
    const mixed = await openCase(`decision-mixed-${kind}`);
    const answers = await Promise.all(
      Array.from({ length: PARALLEL_ACTORS }, (_, i) => {
        const session = caseworkers[i % 3]!;
        if (i % 3 === 0) return act(session, mixed.id, 'approve', { expectedVersion: mixed.version });
        if (i % 3 === 1) return act(session, mixed.id, 'requestInformation', { expectedVersion: mixed.version, inputs: { missing: `Impfpass ${i}` } });
        return act(session, mixed.id, 'reject', { expectedVersion: mixed.version, inputs: { reason: `Grund ${i}` } });
      }),
    );
    expect(answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.body.code}`)).toEqual(Array<string>(PARALLEL_ACTORS - 1).fill('409 CASE_CONFLICT'));
    const winner = answers.find((a) => a.status === 200)!.body;
    const after = await db().selectFrom('cases').select(['version', 'state']).where('id', '=', mixed.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ version: mixed.version + 1, state: winner.state.id });
    const decided = await db()
      .selectFrom('case_events')
      .select('kind')
      .where('case_id', '=', mixed.id)
      .where('actor_role', '!=', 'system')
      .where('kind', 'in', ['action', 'proposal'])
      .execute();
    expect(decided).toHaveLength(1);
    const proposals = await db().selectFrom('case_proposals').select('action').where('case_id', '=', mixed.id).execute();
    expect(proposals).toEqual(decided[0]!.kind === 'proposal' ? [{ action: 'reject' }] : []);
    // The receipt, plus the notice or letter of a move (a proposal issues nothing yet).
    expect(await db().selectFrom('documents').select('kind').where('case_id', '=', mixed.id).execute()).toHaveLength(decided[0]!.kind === 'proposal' ? 1 : 2);
  });

  it(`lets one of ${PARALLEL_ACTORS} parallel confirmations of a four-eyes proposal win`, async () => {
    const opened = await openCase(`four-eyes-${kind}`);
    const proposed = await act(staff, opened.id, 'reject', { expectedVersion: opened.version, inputs: { reason: 'Unvollständig' } });
    expect(proposed.status).toBe(200);
    // Everybody but the proposer may confirm: the three caseworkers and the team lead, several times each.
    const answers = await Promise.all(
      Array.from({ length: PARALLEL_ACTORS }, (_, i) =>
        requestJson<CaseView & { code?: string }>(origin, 'POST', `/api/cases/${opened.id}/actions/reject/confirm`, {
          session: caseworkers[i % caseworkers.length]!,
          body: { expectedVersion: proposed.body.version },
        }),
      ),
    );
    expect(statusesOf(answers)).toEqual([200, ...Array<number>(PARALLEL_ACTORS - 1).fill(409)]);
    for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.code).toBe('CASE_CONFLICT');
    const after = await db().selectFrom('cases').select(['version', 'state', 'outcome']).where('id', '=', opened.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ version: proposed.body.version + 1, state: 'rejected', outcome: 'rejected' });
    expect(await countCaseEvents(db(), opened.id, 'proposal')).toBe(1);
    expect(await countCaseEvents(db(), opened.id, 'action', 'reject')).toBe(1);
    expect(await db().selectFrom('case_proposals').select('case_id').where('case_id', '=', opened.id).execute()).toEqual([]);
  });

  it('loses no write when caseworkers retry on conflict: version = initial + successful writes, every note kept', async () => {
    const opened = await openCase(`retry-${kind}`);
    const WORKERS = 6;
    const WRITES_EACH = 4;
    const NOTES = 24;
    const unexpected: string[] = [];
    let succeeded = 0;
    let conflicts = 0;
    const worker = async (index: number): Promise<void> => {
      const session = caseworkers[index % 3]!;
      let done = 0;
      // Bounded: a worker that cannot get its writes through in this many tries makes the test fail, not hang.
      for (let attempt = 0; attempt < 100 && done < WRITES_EACH; attempt++) {
        const current = (await requestJson<CaseView>(origin, 'GET', `/api/cases/${opened.id}`, { session })).body;
        const assigneeId = current.assigneeId === session.userId ? null : session.userId;
        const answer = await requestJson<{ code?: string }>(origin, 'POST', `/api/cases/${opened.id}/assign`, {
          session,
          body: { assigneeId, expectedVersion: current.version },
        });
        if (answer.status === 200) {
          done++;
          succeeded++;
        } else if (answer.status === 409 && answer.body.code === 'CASE_CONFLICT') conflicts++;
        else unexpected.push(`${answer.status} ${JSON.stringify(answer.body)}`);
      }
    };
    const note = (i: number) =>
      requestJson(origin, 'POST', `/api/cases/${opened.id}/comments`, { session: caseworkers[i % caseworkers.length]!, body: { text: `Notiz ${i}` } });
    const [, notes] = await Promise.all([Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(i))), Promise.all(Array.from({ length: NOTES }, (_, i) => note(i)))]);

    expect(unexpected).toEqual([]);
    expect(succeeded).toBe(WORKERS * WRITES_EACH);
    expect(conflicts).toBeGreaterThan(0); // the workers really did collide
    expect(statusesOf(notes)).toEqual(Array<number>(NOTES).fill(201));
    expect(await checkNoLostUpdate(db(), opened, succeeded, NOTES)).toEqual([]);
  });
});
