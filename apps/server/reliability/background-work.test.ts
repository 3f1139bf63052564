import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DatabaseHandle } from '@amtsweg/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildServer } from '../bench/child-server';
import { createSecretBox, deriveKey } from '../src/auth/secret-box';
import { createWebhookSecret } from '../src/webhooks/sign-webhook';
import { startMailCatcher, startWebhookReceiver, type MailCatcher, type WebhookReceiver } from '../test/receivers';
import { createProcessDatabase, findDemoService, startServerProcess, TEST_SERVER_SECRET, type ProcessDatabase } from './support/process-server';

// Background work shared by server processes on one PostgreSQL database (issue 16). PostgreSQL only: PGlite is
// one process's database. Budget: 3 rounds of 1,000 deadlines, each causing one webhook delivery; 2 processes.
const DEADLINES = 1000;
/** Short leases, so work of a killed process is taken over within seconds rather than two minutes. */
const JOB_ENV = { JOB_POLL_MS: '100', JOB_LEASE_MS: '3000' };

describe('background work of two server processes on one PostgreSQL database', () => {
  let database: ProcessDatabase;
  let handle: DatabaseHandle;
  let smtp: MailCatcher;
  let receiver: WebhookReceiver;
  let organisationId: string;
  let serviceId: string;
  let instances: ChildServer[] = [];
  const db = () => handle.db;

  /** `count` cases of the demo service waiting for the applicant, each with a deadline that fell due a second ago. */
  const seedDueDeadlines = async (tag: string, count: number): Promise<string[]> => {
    const ids = Array.from({ length: count }, () => randomUUID());
    await sql`
      insert into cases (id, organisation_id, service_id, service_version, reference, state, status, snapshot, data,
        applicant_name, applicant_email, access_token_hash, received_at)
      select id::uuid, ${organisationId}, ${serviceId}, 1, ${`BG-${tag}-`} || n, 'awaitingApplicant', 'active',
        '{"value":"awaitingApplicant","status":"active"}'::jsonb, '{}'::jsonb, 'Hintergrund ' || n, null, md5(id), now() - interval '20 days'
      from unnest(${ids}::text[]) with ordinality as c(id, n)`.execute(db());
    await sql`
      insert into case_deadlines (organisation_id, case_id, deadline_id, state, action, due_at)
      select ${organisationId}, id::uuid, 'answerDeadline', 'awaitingApplicant', 'answerOverdue', now() - interval '1 second'
      from unnest(${ids}::text[]) as c(id)`.execute(db());
    return ids;
  };
  /** Per case, how often the deadline's action was taken. */
  const firings = async (ids: readonly string[]) => {
    const rows = await sql<{ case_id: string; n: string }>`
      select case_id, count(*) as n from case_events where action = 'answerOverdue' and case_id = any(${ids}::uuid[]) group by case_id`.execute(db());
    return new Map(rows.rows.map((row) => [row.case_id, Number(row.n)]));
  };
  const openDeadlines = async (ids: readonly string[]) =>
    Number((await sql<{ n: string }>`select count(*) as n from case_deadlines where case_id = any(${ids}::uuid[])`.execute(db())).rows[0]!.n);
  const deliveriesOf = async (ids: readonly string[]) =>
    (
      await sql<{ id: string; status: string; case_id: string }>`
        select id, status, payload->'case'->>'id' as case_id from webhook_deliveries where payload->'case'->>'id' = any(${ids}::text[])`.execute(db())
    ).rows;
  /** Time passes for waiting retries: deliveries due later are made due now (no process's clock can be moved). */
  const hurryRetries = () => sql`update jobs set run_at = now() where kind = 'deliverWebhook' and status = 'pending' and run_at > now()`.execute(db());
  const waitFor = async (what: string, done: () => Promise<boolean>, timeoutMs = 120_000, between?: () => Promise<unknown>) => {
    const started = Date.now();
    while (!(await done())) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await between?.();
      await sleep(200);
    }
  };
  const receivedFor = (ids: readonly string[]) => {
    const wanted = new Set(ids);
    return receiver.received.filter((d) => d.json.event === 'case.stateChanged' && wanted.has((d.json.case as { id: string }).id));
  };
  const startInstances = async (names: string[]) => {
    const env = { ...JOB_ENV, SMTP_URL: smtp.url };
    instances = await Promise.all(names.map((name) => startServerProcess(database, name, env)));
  };
  const stopInstances = async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    instances = [];
  };

  beforeAll(async () => {
    smtp = await startMailCatcher();
    receiver = await startWebhookReceiver();
    database = await createProcessDatabase('postgres');
    handle = await database.open();
    ({ organisationId, serviceId } = await findDemoService(handle.db));
    // An endpoint for every state change of the service, on an allowed host, with a secret sealed as a server would.
    const endpointId = randomUUID();
    receiver.secret = createWebhookSecret();
    const secrets = createSecretBox(deriveKey(TEST_SERVER_SECRET, 'stored secrets'));
    await db().updateTable('organisations').set({ webhook_hosts: JSON.stringify([receiver.host]) }).where('id', '=', organisationId).execute();
    await db()
      .insertInto('webhook_endpoints')
      .values({ id: endpointId, organisation_id: organisationId, service_id: serviceId, url: receiver.url, events: JSON.stringify(['case.stateChanged']), secret: secrets.seal(receiver.secret, endpointId) })
      .execute();
  });
  afterAll(async () => {
    await stopInstances();
    await handle?.close();
    await database?.dispose();
    await smtp?.close();
    await receiver?.close();
  });

  it(`fires ${DEADLINES} deadlines due at once exactly once each, and delivers each webhook exactly once to a receiver that answers 200`, async () => {
    const ids = await seedDueDeadlines('once', DEADLINES);
    receiver.answer = 200;
    await startInstances(['amtsweg A', 'amtsweg B']);
    await waitFor('the deadlines', async () => (await openDeadlines(ids)) === 0);
    await waitFor('the deliveries', async () => (await deliveriesOf(ids)).every((d) => d.status === 'delivered') && (await deliveriesOf(ids)).length === DEADLINES);
    await stopInstances();

    const fired = await firings(ids);
    expect(fired.size).toBe(DEADLINES);
    expect([...fired.values()].filter((n) => n !== 1)).toEqual([]);
    const cases = await db().selectFrom('cases').select(['state', 'version']).where('id', 'in', ids).execute();
    expect(cases.filter((c) => c.state !== 'inReview' || c.version !== 2)).toEqual([]);
    // Both processes took part: the deliveries' jobs were claimed by two workers.
    const workers = await sql<{ locked_by: string }>`
      select distinct j.locked_by from jobs j join webhook_deliveries d on d.id = j.id where d.payload->'case'->>'id' = any(${ids}::text[])`.execute(db());
    expect(workers.rows.length).toBe(2);
    const deliveries = receivedFor(ids);
    expect(deliveries).toHaveLength(DEADLINES);
    expect(new Set(deliveries.map((d) => d.json.id)).size).toBe(DEADLINES);
    expect(deliveries.every((d) => d.signatureValid)).toBe(true);
  });

  it(`delivers every one of ${DEADLINES} webhooks at least once to a receiver that fails every third request, and loses none`, async () => {
    const ids = await seedDueDeadlines('flaky', DEADLINES);
    let requests = 0;
    receiver.answer = () => (++requests % 3 === 0 ? 503 : 200);
    await startInstances(['amtsweg A', 'amtsweg B']);
    await waitFor('the deadlines', async () => (await openDeadlines(ids)) === 0);
    await waitFor(
      'the deliveries',
      async () => {
        const deliveries = await deliveriesOf(ids);
        return deliveries.length === DEADLINES && deliveries.every((d) => d.status === 'delivered');
      },
      180_000,
      hurryRetries,
    );
    await stopInstances();

    expect([...(await firings(ids)).values()].filter((n) => n !== 1)).toEqual([]);
    const received = receivedFor(ids);
    const answeredOk = new Set(received.filter((d) => d.signatureValid).map((d) => d.json.id));
    expect(answeredOk.size).toBe(DEADLINES);
    // Some were refused at first and came again under the same delivery id.
    expect(received.length).toBeGreaterThan(DEADLINES);
    const attempts = await sql<{ n: string }>`
      select count(*) as n from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id where d.payload->'case'->>'id' = any(${ids}::text[])`.execute(db());
    expect(Number(attempts.rows[0]!.n)).toBe(received.length);
  });

  it('finishes every deadline and delivery after a worker is killed mid-batch, none twice beyond what the delivery id absorbs', async () => {
    const ids = await seedDueDeadlines('killed', DEADLINES);
    receiver.answer = 200;
    await startInstances(['amtsweg A']);
    await waitFor('the first firings', async () => (await openDeadlines(ids)) < DEADLINES - 50, 60_000);
    await instances[0]!.kill();
    instances = [];
    const leftAfterKill = await openDeadlines(ids);
    expect(leftAfterKill).toBeGreaterThan(0);

    // A fresh process takes over once the dead one's leases run out.
    await startInstances(['amtsweg A again']);
    await waitFor('the deadlines', async () => (await openDeadlines(ids)) === 0);
    await waitFor('the deliveries', async () => {
      const deliveries = await deliveriesOf(ids);
      return deliveries.length === DEADLINES && deliveries.every((d) => d.status === 'delivered');
    });
    await stopInstances();

    const fired = await firings(ids);
    expect(fired.size).toBe(DEADLINES);
    expect([...fired.values()].filter((n) => n !== 1)).toEqual([]);
    const received = receivedFor(ids);
    expect(new Set(received.map((d) => d.json.id)).size).toBe(DEADLINES);
    // A request under way when the process died may come again, with the same delivery id.
    expect(received.length - DEADLINES).toBeLessThanOrEqual(50);
    // No job was lost or left half-done.
    const stuck = await sql<{ n: string }>`select count(*) as n from jobs where status <> 'done'`.execute(db());
    expect(Number(stuck.rows[0]!.n)).toBe(0);
  });
});
