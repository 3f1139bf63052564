import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DatabaseHandle } from '@amtsweg/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildServer } from '../bench/child-server';
import { DEMO_PASSWORD } from '../src/seed-demo';
import { hundeanmeldung } from '../test/helper';
import { checkAcknowledgedSubmissions, checkNoLostUpdate, countCaseEvents, findDuplicateReferences, findHalfWrittenCases, findOrphanRows } from './support/invariants';
import { insertCaseworker } from './support/process-accounts';
import { logInOverHttp, requestJson, runPool, submitOverHttp, type HttpAnswer, type HttpSession, type SubmissionReceipt } from './support/process-http';
import { createProcessDatabase, findDemoService, startServerProcess, type ProcessDatabase } from './support/process-server';
import { distinctApplication } from './support/process-workload';

// Two server processes on one PostgreSQL database, the workload spread across both. PostgreSQL only: PGlite is
// an embedded database inside one process (its data folder is opened by one process at a time), so a second
// instance cannot exist there. Budget: 2 processes, ~140 submissions, ~110 case actions, 16 notes, 1 publish.

interface CaseView {
  id: string;
  version: number;
  assigneeId: string | null;
  state: { id: string };
}

describe('two server processes on one PostgreSQL database', () => {
  let database: ProcessDatabase;
  let handle: DatabaseHandle;
  let instances: ChildServer[] = [];
  let serviceId: string;
  /** Two caseworkers of the service, each logged in on instance A and, separately, on instance B. */
  let onA: HttpSession[];
  let onB: HttpSession[];
  const db = () => handle.db;
  const originOf = (index: number) => instances[index % 2]!.origin;

  beforeAll(async () => {
    database = await createProcessDatabase('postgres');
    handle = await database.open();
    const demo = await findDemoService(handle.db);
    serviceId = demo.serviceId;
    const emails = ['sb.a@musterstadt.example', 'sb.b@musterstadt.example'];
    for (const email of emails) await insertCaseworker(handle.db, { ...demo, email, serviceRoles: ['dogTax'] });
    instances = await Promise.all([startServerProcess(database, 'amtsweg A'), startServerProcess(database, 'amtsweg B')]);
    onA = await Promise.all(emails.map((email) => logInOverHttp(instances[0]!.origin, email, DEMO_PASSWORD)));
    onB = await Promise.all(emails.map((email) => logInOverHttp(instances[1]!.origin, email, DEMO_PASSWORD)));
  });
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await handle?.close();
    await database?.dispose();
  });

  const countCases = async () => Number((await db().selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const openCase = async (tag: string): Promise<CaseView> => {
    const answer = await submitOverHttp(originOf(0), serviceId, distinctApplication(tag).data);
    expect(answer.status).toBe(201);
    return (await requestJson<CaseView>(originOf(1), 'GET', `/api/cases/${answer.body.caseId}`, { session: onB[0]! })).body;
  };
  const statusesOf = (answers: HttpAnswer<unknown>[]) => answers.map((a) => a.status).sort((a, b) => a - b);

  it('files 96 submissions spread over both instances, 16 at a time, as 96 cases with distinct references', async () => {
    const before = await countCases();
    const applications = Array.from({ length: 96 }, (_, i) => distinctApplication(`two-${i}`));
    const answers = await runPool(applications.length, 16, (i) => submitOverHttp(originOf(i), serviceId, applications[i]!.data, `two-${randomUUID()}`));
    const accepted = answers.filter((a): a is HttpAnswer<SubmissionReceipt> => !(a instanceof Error) && a.status === 201);
    expect(accepted).toHaveLength(applications.length);
    expect(new Set(accepted.map((a) => a.body.reference)).size).toBe(applications.length);
    expect(await countCases()).toBe(before + applications.length);
    const acknowledged = accepted.map((a, i) => ({ caseId: a.body.caseId, reference: a.body.reference, expectedData: applications[i]!.expectedData }));
    expect(await checkAcknowledgedSubmissions(db(), acknowledged)).toEqual([]);
    expect(await findDuplicateReferences(db())).toEqual([]);
    expect(await findHalfWrittenCases(db())).toEqual([]);
    expect(await findOrphanRows(db())).toEqual([]);
  });

  it('takes the first submissions of a new service on both instances at once (the reference sequence is created on first use)', async () => {
    const designer = await logInOverHttp(originOf(0), 'studio@musterstadt.example', DEMO_PASSWORD);
    const SERVICES = 8;
    const PER_INSTANCE = 4;
    for (let s = 0; s < SERVICES; s++) {
      const definition = hundeanmeldung();
      definition.settings.referencePattern = `NEU${s}-{YYYY}-{SEQ:5}`;
      const created = await requestJson<{ id: string }>(originOf(0), 'POST', '/api/services', { session: designer, body: { slug: `neu-${s}`, definition } });
      expect(created.status).toBe(201);
      const published = await requestJson(originOf(0), 'POST', `/api/services/${created.body.id}/publish`, { session: designer });
      expect(published.status, JSON.stringify(published.body)).toBe(201);
      // Both processes compile the version first (a validation does), so their first submissions arrive in step.
      for (const origin of [originOf(0), originOf(1)]) {
        expect((await requestJson(origin, 'POST', `/api/services/${created.body.id}/versions/1/validation`, { body: distinctApplication('warm').data })).status).toBe(200);
      }
      // Nobody has applied yet: both processes find no sequence for the year and create it at the same moment.
      const answers = await Promise.all(
        Array.from({ length: 2 * PER_INSTANCE }, (_, i) => submitOverHttp(originOf(i), created.body.id, distinctApplication(`first-${s}-${i}`).data)),
      );
      expect(answers.map((a) => `${a.status} ${a.status === 201 ? '' : JSON.stringify(a.body)}`)).toEqual(Array<string>(2 * PER_INSTANCE).fill('201 '));
      expect(new Set(answers.map((a) => a.body.reference)).size).toBe(2 * PER_INSTANCE);
    }
  });

  it('gives an Idempotency-Key sent to both instances at once one case and one answer', async () => {
    const KEYS = 6;
    const COPIES = 8;
    const keys = Array.from({ length: KEYS }, () => `shared-${randomUUID()}`);
    const applications = keys.map((_, k) => distinctApplication(`shared-${k}`));
    const before = await countCases();
    // Every copy of every key at once: half to A, half to B.
    const answers = await Promise.all(
      Array.from({ length: KEYS * COPIES }, (_, i) => submitOverHttp(originOf(i), serviceId, applications[i % KEYS]!.data, keys[i % KEYS])),
    );
    expect(statusesOf(answers)).toEqual(Array<number>(KEYS * COPIES).fill(201));
    expect(await countCases()).toBe(before + KEYS);
    for (const [k, key] of keys.entries()) {
      const copies = answers.filter((_, i) => i % KEYS === k);
      expect(new Set(copies.map((a) => a.body.caseId)).size).toBe(1);
      expect(new Set(copies.map((a) => a.body.reference)).size).toBe(1);
      // One access token, whichever instance answered: the replayed one is opened with the shared SERVER_SECRET.
      expect(new Set(copies.map((a) => a.body.accessToken)).size).toBe(1);
      const stored = await db().selectFrom('idempotency_keys').select('case_id').where('key', '=', key).execute();
      expect(stored).toEqual([{ case_id: copies[0]!.body.caseId }]);
      expect(
        await checkAcknowledgedSubmissions(db(), [{ caseId: copies[0]!.body.caseId, reference: copies[0]!.body.reference, expectedData: applications[k]!.expectedData }]),
      ).toEqual([]);
    }
    // A used key with another body is refused by either instance.
    for (const origin of [originOf(0), originOf(1)]) {
      const refused = await submitOverHttp(origin, serviceId, distinctApplication('shared-other').data, keys[0]);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    }
    expect(await countCases()).toBe(before + KEYS);
  });

  it('accepts a session made on one instance on the other (sessions live in the database), CSRF token included', async () => {
    const opened = await openCase('session');
    const madeOnA = onA[0]!;
    // Read, and write with the CSRF token issued by A, through B.
    expect((await requestJson(originOf(1), 'GET', '/api/auth/me', { session: madeOnA })).status).toBe(200);
    expect((await requestJson(originOf(1), 'GET', `/api/cases/${opened.id}`, { session: madeOnA })).status).toBe(200);
    const noted = await requestJson(originOf(1), 'POST', `/api/cases/${opened.id}/comments`, { session: madeOnA, body: { text: 'über B' } });
    expect(noted.status).toBe(201);
    const withoutToken = await requestJson(originOf(1), 'POST', `/api/cases/${opened.id}/comments`, {
      session: { ...madeOnA, csrfToken: 'falsch' },
      body: { text: 'ohne gültiges Token' },
    });
    expect(withoutToken.status).toBe(403);
    // A session ended on B is ended on A too.
    const extra = await logInOverHttp(originOf(0), 'sb.a@musterstadt.example', DEMO_PASSWORD);
    expect((await requestJson(originOf(1), 'POST', '/api/auth/logout', { session: extra })).status).toBe(204);
    expect((await requestJson(originOf(0), 'GET', '/api/auth/me', { session: extra })).status).toBe(401);
    expect(await countCaseEvents(db(), opened.id, 'note')).toBe(1);
  });

  it('does not accept the session on a process started without the shared SERVER_SECRET (the cookie is signed per process)', async () => {
    // Sessions live in the database, but the cookie's signature key comes from SERVER_SECRET; without it each process
    // makes its own (it warns at start), so a load balancer in front of two such processes logs users out.
    const alone = await startServerProcess(database, 'amtsweg without SERVER_SECRET', { SERVER_SECRET: '' });
    try {
      expect((await requestJson(originOf(0), 'GET', '/api/auth/me', { session: onA[1]! })).status).toBe(200);
      expect((await requestJson(alone.origin, 'GET', '/api/auth/me', { session: onA[1]! })).status).toBe(401);
    } finally {
      await alone.stop();
    }
  });

  it('lets one of 10 parallel decisions through both instances win; the others get 409 CASE_CONFLICT', async () => {
    const opened = await openCase('decision');
    const sessions = [...onA, ...onB];
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        requestJson<{ code?: string }>(originOf(i), 'POST', `/api/cases/${opened.id}/actions/approve`, {
          // Sessions made on A are used on A, those made on B on B (and each instance sees both caseworkers).
          session: sessions[(i % 2) * 2 + (Math.floor(i / 2) % 2)]!,
          body: { expectedVersion: opened.version },
        }),
      ),
    );
    expect(statusesOf(answers)).toEqual([200, ...Array<number>(9).fill(409)]);
    for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.code).toBe('CASE_CONFLICT');
    const after = await db().selectFrom('cases').select(['version', 'state']).where('id', '=', opened.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ version: opened.version + 1, state: 'approved' });
    expect(await countCaseEvents(db(), opened.id, 'action', 'approve')).toBe(1);
    expect(await db().selectFrom('documents').select('kind').where('case_id', '=', opened.id).where('kind', '=', 'decision').execute()).toHaveLength(1);
  });

  it('loses no write when caseworkers on both instances retry on conflict, and keeps every note', async () => {
    const opened = await openCase('retry');
    const WORKERS = 4;
    const WRITES_EACH = 4;
    const NOTES = 16;
    const unexpected: string[] = [];
    let succeeded = 0;
    let conflicts = 0;
    const worker = async (index: number): Promise<void> => {
      const session = index % 2 === 0 ? onA[index % onA.length]! : onB[index % onB.length]!;
      const origin = originOf(index);
      let done = 0;
      for (let attempt = 0; attempt < 100 && done < WRITES_EACH; attempt++) {
        // Read through the other instance, write through the own: a stale read must still be caught.
        const current = (await requestJson<CaseView>(originOf(index + attempt), 'GET', `/api/cases/${opened.id}`, { session })).body;
        const answer = await requestJson<{ code?: string }>(origin, 'POST', `/api/cases/${opened.id}/assign`, {
          session,
          body: { assigneeId: current.assigneeId === session.userId ? null : session.userId, expectedVersion: current.version },
        });
        if (answer.status === 200) {
          done++;
          succeeded++;
        } else if (answer.status === 409 && answer.body.code === 'CASE_CONFLICT') conflicts++;
        else unexpected.push(`${answer.status} ${JSON.stringify(answer.body)}`);
      }
    };
    const note = (i: number) => requestJson(originOf(i), 'POST', `/api/cases/${opened.id}/comments`, { session: (i % 2 === 0 ? onA : onB)[i % 2]!, body: { text: `Notiz ${i}` } });
    const [, notes] = await Promise.all([Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(i))), Promise.all(Array.from({ length: NOTES }, (_, i) => note(i)))]);

    expect(unexpected).toEqual([]);
    expect(succeeded).toBe(WORKERS * WRITES_EACH);
    expect(conflicts).toBeGreaterThan(0);
    expect(statusesOf(notes)).toEqual(Array<number>(NOTES).fill(201));
    expect(await checkNoLostUpdate(db(), opened, succeeded, NOTES)).toEqual([]);
  });

  it('takes submissions on the new version at the other instance at most a second after a publish', async () => {
    const designer = await logInOverHttp(originOf(0), 'studio@musterstadt.example', DEMO_PASSWORD);
    const service = await requestJson<{ draftRevision: number }>(originOf(0), 'GET', `/api/services/${serviceId}`, { session: designer });
    const definition = hundeanmeldung();
    definition.title.de = 'Hundeanmeldung (neu)';
    const saved = await requestJson(originOf(0), 'PUT', `/api/services/${serviceId}/draft`, { session: designer, body: { definition, expectedRevision: service.body.draftRevision } });
    expect(saved.status).toBe(200);
    // B has looked the version up just now, so its cached answer is the old one.
    expect((await submitOverHttp(originOf(1), serviceId, distinctApplication('before-publish').data)).status).toBe(201);
    const published = await requestJson<{ version: number }>(originOf(0), 'POST', `/api/services/${serviceId}/publish`, { session: designer });
    expect(published.status).toBe(201);
    // The publishing process uses the new version at once.
    const onPublisher = await submitOverHttp(originOf(0), serviceId, distinctApplication('on-a').data);
    await sleep(1_100);
    const onOther = await submitOverHttp(originOf(1), serviceId, distinctApplication('on-b').data);
    const versions = await db()
      .selectFrom('cases')
      .select(['id', 'service_version'])
      .where('id', 'in', [onPublisher.body.caseId, onOther.body.caseId])
      .execute();
    expect(versions.map((v) => v.service_version)).toEqual([published.body.version, published.body.version]);
  });
});
