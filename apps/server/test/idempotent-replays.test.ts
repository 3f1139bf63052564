import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/auth/hash-token';
import { buildTestApp, createAccount, exampleSubmission, logIn, publishService, type Caller, type TestApp } from './helper';

interface SubmissionAnswer {
  caseId: string;
  reference: string;
  accessToken: string;
  receipt: { documentId: string } | null;
}

/** The same object with the keys of every object in it in reverse order (arrays keep theirs). */
function reorderKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorderKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reorderKeys(inner)]),
  );
}

/**
 * Issue 18, finding 7: an anonymous request with a logged-in citizen's Idempotency-Key and body got 201 with her
 * case id and a fresh access token, and her own token stopped working. A replay answers the first answer only to
 * the caller who sent it (the same account, or anonymous with the same key and body), always with the same token.
 */
describe.each(DATABASE_KINDS)('idempotent replays on %s', (kind) => {
  let t: TestApp;
  let serviceId: string;
  let mailDir: string;
  const callers: Record<'citizen' | 'otherCitizen', Caller> = {} as never;

  const submit = (body: unknown, key: string, caller: Caller | null) =>
    t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: body as object, headers: { 'idempotency-key': key } }, caller);
  const application = (remarks: string): Record<string, unknown> => ({ ...exampleSubmission('valid-without-files.json').data, remarks });
  const viewWithToken = (caseId: string, token: string) =>
    t.inject({ method: 'GET', url: `/api/applicant/cases/${caseId}`, headers: { authorization: `Bearer ${token}` } }, null);
  /** Everything of a case a replay could change: its row (token hash, version, state) and its history. */
  const caseSnapshot = async (caseId: string) => ({
    row: await t.database.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow(),
    events: await t.database.db.selectFrom('case_events').select(['id', 'kind']).where('case_id', '=', caseId).orderBy('seq').execute(),
    key: await t.database.db.selectFrom('idempotency_keys').selectAll().where('case_id', '=', caseId).execute(),
    cases: Number((await t.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
  });
  /** The answer's own values, none of which another caller may see. */
  const secretsOf = (answer: SubmissionAnswer) => [answer.caseId, answer.reference, answer.accessToken, ...(answer.receipt ? [answer.receipt.documentId] : [])];

  beforeAll(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'amtsweg-replays-'));
    t = await buildTestApp(kind, {
      jobs: { mail: { smtpUrl: undefined, from: 'Stadt Musterstadt <noreply@musterstadt.example>', mailDir }, publicUrl: 'https://amtsweg.test', autoStart: false },
    });
    serviceId = await publishService(t, 'hundeanmeldung');
    for (const name of ['citizen', 'otherCitizen'] as const) {
      const email = `${name}-${randomUUID()}@test.example`;
      await createAccount(t.app, { email, kind: 'citizen' });
      callers[name] = await logIn(t.app, email, { kind: 'citizen' });
    }
  });
  afterAll(async () => {
    await t?.close();
    if (mailDir) await rm(mailDir, { recursive: true, force: true });
  });

  it('refuses an anonymous replay of a citizen’s key and body without naming her case, and leaves her token working (the probe)', async () => {
    const key = `probe-${randomUUID()}`;
    const body = application('Probe');
    const first = await submit(body, key, callers.citizen);
    expect(first.statusCode, first.body).toBe(201);
    const original = first.json<SubmissionAnswer>();
    const before = await caseSnapshot(original.caseId);

    const anonymous = await submit(body, key, null);
    expect(anonymous.statusCode).toBe(422);
    expect(anonymous.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(anonymous.json()).not.toHaveProperty('accessToken');
    for (const secret of secretsOf(original)) expect(anonymous.body).not.toContain(secret);
    // The same refusal as for another body under this key: it tells nothing more.
    const otherBody = await submit(application('Anders'), key, null);
    const strip = (body: string) => ({ ...JSON.parse(body), requestId: undefined }) as unknown;
    expect(strip(anonymous.body)).toEqual(strip(otherBody.body));

    expect(await caseSnapshot(original.caseId)).toEqual(before);
    expect((await viewWithToken(original.caseId, original.accessToken)).statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: `/api/applicant/cases/${original.caseId}` }, callers.citizen)).statusCode).toBe(200);

    // Her own replay: the same case and the same, still working token — also from a new login of her account.
    const own = await submit(body, key, callers.citizen);
    expect(own.statusCode).toBe(201);
    expect(own.json<SubmissionAnswer>()).toEqual(original);
    const account = (await t.database.db.selectFrom('users').select('email').where('id', '=', callers.citizen.userId).executeTakeFirstOrThrow()).email;
    const again = await submit(body, key, await logIn(t.app, account, { kind: 'citizen' }));
    expect(again.statusCode).toBe(201);
    expect(again.json<SubmissionAnswer>()).toEqual(original);
    expect((await viewWithToken(original.caseId, original.accessToken)).statusCode).toBe(200);
    expect(await caseSnapshot(original.caseId)).toEqual(before);
  });

  it('replays an anonymous application to its anonymous client with the same token, never a new one', async () => {
    const key = `anonymous-${randomUUID()}`;
    const body = application('Anonym');
    const original = (await submit(body, key, null)).json<SubmissionAnswer>();
    const before = await caseSnapshot(original.caseId);

    const replays = await Promise.all([1, 2, 3].map(() => submit(body, key, null)));
    for (const replay of replays) {
      expect(replay.statusCode).toBe(201);
      expect(replay.json<SubmissionAnswer>()).toEqual(original);
    }
    expect(await caseSnapshot(original.caseId)).toEqual(before);
    expect(before.row.access_token_hash).toBe(hashToken(original.accessToken));
    expect((await viewWithToken(original.caseId, original.accessToken)).statusCode).toBe(200);
    // The replayable token is kept sealed, never in clear.
    const stored = JSON.stringify(await t.database.db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).execute());
    expect(stored).not.toContain(original.accessToken);
  });

  it('gives concurrent first uses of one key by the same client one case and one token that opens it', async () => {
    const key = `race-${randomUUID()}`;
    const body = application('Gleichzeitig');
    const answers = (await Promise.all([1, 2, 3, 4].map(() => submit(body, key, null)))).map((r) => r.json<SubmissionAnswer>());
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect((await viewWithToken(answers[0]!.caseId, answers[0]!.accessToken)).statusCode).toBe(200);
  });

  it('counts the same answers with reordered keys as the same body; a changed value or array order is another', async () => {
    const key = `order-${randomUUID()}`;
    const body = application('Reihenfolge');
    const dogs = body.dogs as Record<string, unknown>[];
    body.dogs = [dogs[0], { ...dogs[0], name: 'Kira', chipNumber: '276098106654321' }];
    const first = await submit(body, key, null);
    expect(first.statusCode, first.body).toBe(201);
    const original = first.json<SubmissionAnswer>();

    const reordered = reorderKeys(body);
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(body));
    const replay = await submit(reordered, key, null);
    expect(replay.statusCode, replay.body).toBe(201);
    expect(replay.json<SubmissionAnswer>()).toEqual(original);

    const changed = await submit({ ...body, remarks: 'Reihenfolge!' }, key, null);
    expect(changed.statusCode).toBe(422);
    expect(changed.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const swapped = await submit({ ...body, dogs: [...(body.dogs as unknown[])].reverse() }, key, null);
    expect(swapped.statusCode).toBe(422);
    expect(swapped.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('stops replaying the token after 30 days: housekeeping forgets it, a later replay is refused with 409 and the token still works', async () => {
    const key = `window-${randomUUID()}`;
    const body = application('Zeitfenster');
    const original = (await submit(body, key, null)).json<SubmissionAnswer>();
    await sql`update idempotency_keys set created_at = now() - interval '31 days' where key = ${key}`.execute(t.database.db);
    // Past the window the token is not replayed, even before housekeeping has run.
    const late = await submit(body, key, null);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_EXPIRED' });
    expect(late.body).not.toContain(original.accessToken);

    await t.database.db.updateTable('job_schedules').set({ next_run_at: new Date(Date.now() - 1000) }).where('name', '=', 'housekeeping').execute();
    await t.app.worker!.runOnce();
    const row = await t.database.db.selectFrom('idempotency_keys').select(['access_token_sealed', 'case_id']).where('key', '=', key).executeTakeFirstOrThrow();
    expect(row).toEqual({ access_token_sealed: null, case_id: original.caseId });
    const fresh = await t.database.db.selectFrom('idempotency_keys').select('access_token_sealed').where('access_token_sealed', 'is not', null).execute();
    expect(fresh.length).toBeGreaterThan(0);

    const after = await submit(body, key, null);
    expect(after.statusCode).toBe(409);
    expect(after.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_EXPIRED', message: expect.stringContaining(original.reference) as unknown });
    expect((await viewWithToken(original.caseId, original.accessToken)).statusCode).toBe(200);
  });

  it('answers a key stored before the upgrade (its body hashed as JSON text, no sealed token) with 409 to its caller, 422 to anyone else (review of issue 18)', async () => {
    const anonymousKey = `before-${randomUUID()}`;
    const citizenKey = `before-${randomUUID()}`;
    const anonymousBody = application('Vor dem Update, anonym');
    const citizenBody = application('Vor dem Update, angemeldet');
    const anonymous = (await submit(anonymousBody, anonymousKey, null)).json<SubmissionAnswer>();
    const citizens = (await submit(citizenBody, citizenKey, callers.citizen)).json<SubmissionAnswer>();
    // The rows as the code before the upgrade wrote them: the request hash over JSON.stringify of the body as
    // sent, no sealed token (migration 0022 gave the citizen's key her account as its caller).
    for (const [key, body, answer] of [[anonymousKey, anonymousBody, anonymous], [citizenKey, citizenBody, citizens]] as const) {
      const { service_version } = await t.database.db.selectFrom('cases').select('service_version').where('id', '=', answer.caseId).executeTakeFirstOrThrow();
      const hashAsBefore = createHash('sha256').update(`${serviceId}:${service_version}:${JSON.stringify(body)}`).digest('hex');
      expect(hashAsBefore).not.toBe((await t.database.db.selectFrom('idempotency_keys').select('request_hash').where('key', '=', key).executeTakeFirstOrThrow()).request_hash);
      await t.database.db.updateTable('idempotency_keys').set({ request_hash: hashAsBefore, access_token_sealed: null }).where('key', '=', key).execute();
    }
    const before = await caseSnapshot(anonymous.caseId);

    for (const [key, body, caller, answer] of [[anonymousKey, anonymousBody, null, anonymous], [citizenKey, citizenBody, callers.citizen, citizens]] as const) {
      const replay = await submit(body, key, caller);
      expect(replay.statusCode, replay.body).toBe(409);
      expect(replay.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_EXPIRED', message: expect.stringContaining(answer.reference) as unknown });
      expect(replay.body).not.toContain(answer.accessToken);
    }
    // Anyone else, or another body, learns nothing of the case.
    for (const [body, caller] of [[anonymousBody, callers.otherCitizen], [application('Anders'), null]] as const) {
      const refused = await submit(body, anonymousKey, caller);
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(refused.body).not.toContain(anonymous.reference);
    }
    expect((await submit(citizenBody, citizenKey, null)).statusCode).toBe(422);
    expect(await caseSnapshot(anonymous.caseId)).toEqual(before);
  });

  /**
   * The class: every route that honours an Idempotency-Key (found in the OpenAPI document, so a new one cannot
   * be missed) is replayed by every other kind of caller. The refusal carries nothing of the first answer, the
   * first answer's records are unchanged, and the first caller's own replay still gets the very same answer.
   */
  it('answers no replay of any idempotent route to another caller, and changes nothing of the first request', async () => {
    const document = t.app.swagger() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> };
    const idempotent = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.parameters?.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    type Recipe = {
      send(caller: Caller | null, key: string, body: unknown): ReturnType<TestApp['inject']>;
      body(): unknown;
      /** What the first request created and a replay must not change. */
      snapshot(answer: SubmissionAnswer): Promise<unknown>;
      stillWorks(answer: SubmissionAnswer): Promise<void>;
    };
    const recipes: Record<string, Recipe> = {
      'POST /api/services/{serviceId}/submissions': {
        send: (caller, key, body) => submit(body, key, caller),
        body: () => application(`Klasse ${randomUUID()}`),
        snapshot: (answer) => caseSnapshot(answer.caseId),
        stillWorks: async (answer) => expect((await viewWithToken(answer.caseId, answer.accessToken)).statusCode).toBe(200),
      },
    };
    expect(idempotent.sort()).toEqual(Object.keys(recipes).sort());

    const everyone: Record<string, Caller | null> = { anonymous: null, citizen: callers.citizen, otherCitizen: callers.otherCitizen, staff: t.staff };
    for (const [route, recipe] of Object.entries(recipes)) {
      for (const [firstName, first] of Object.entries(everyone)) {
        const key = `class-${randomUUID()}`;
        const body = recipe.body();
        const sent = await recipe.send(first, key, body);
        expect(sent.statusCode, `${route} by ${firstName}: ${sent.body}`).toBe(201);
        const original = sent.json<SubmissionAnswer>();
        const before = await recipe.snapshot(original);
        for (const [otherName, other] of Object.entries(everyone)) {
          if (otherName === firstName) continue;
          const replay = await recipe.send(other, key, body);
          expect(replay.statusCode, `${route}: ${firstName}'s key replayed by ${otherName}`).toBe(422);
          expect(replay.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
          for (const secret of secretsOf(original)) expect(replay.body, `${firstName}'s answer leaked to ${otherName}`).not.toContain(secret);
        }
        expect(await recipe.snapshot(original), `${firstName}'s request changed by another's replay`).toEqual(before);
        await recipe.stillWorks(original);
        const own = await recipe.send(first, key, reorderKeys(body));
        expect(own.statusCode).toBe(201);
        expect(own.json<SubmissionAnswer>()).toEqual(original);
      }
    }
  });
});
