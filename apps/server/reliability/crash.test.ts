import type { DatabaseHandle } from '@amtsweg/db';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import type { ServiceDefinition } from '@amtsweg/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildServer } from '../bench/child-server';
import { DEMO_PASSWORD } from '../src/seed-demo';
import { hundeanmeldung } from '../test/helper';
import {
  checkAcknowledgedSubmissions,
  checkPublishedVersions,
  findDuplicateReferences,
  findHalfWrittenCases,
  findOrphanRows,
  type AcknowledgedSubmission,
} from './support/invariants';
import { logInOverHttp, requestJson, runPool, submitOverHttp, waitUntil, type HttpSession } from './support/process-http';
import { startSubmissionLoad } from './support/process-load';
import { createProcessDatabase, findDemoService, startServerProcess, type ProcessDatabase } from './support/process-server';
import { distinctApplication } from './support/process-workload';

// The server as its own process, killed with SIGKILL while it writes; the next process starts on the same data
// (PostgreSQL, or the PGlite folder). Budget per database: 2 kills under submission load (12 in flight, every
// fourth with an uploaded file), 2 kills while a designer saves and publishes (double-clicking publish: one version) with
// submissions still under way, 5 starts (a start on PGlite takes 3-9 s, which is most of this file's time, so
// the two databases run side by side; within one, the tests run in order on the same data).

/** Acknowledged submissions of the run before each kill: early (the process's first writes), and later. */
const SUBMISSION_KILLS = [3, 20];
/** Publishes acknowledged before each kill. */
const PUBLISH_KILLS = [2, 5];
const IN_FLIGHT = 12;

describe.concurrent.each(DATABASE_KINDS)('a server killed with SIGKILL on %s', (kind) => {
  let database: ProcessDatabase;
  let server: ChildServer | undefined;
  /** The process the first test leaves running for the second. */
  let carriedOver: ChildServer | undefined;
  let serviceId: string;
  const acknowledged: AcknowledgedSubmission[] = [];

  beforeAll(async () => {
    database = await createProcessDatabase(kind);
  });
  afterAll(async () => {
    await server?.kill();
    await database?.dispose();
  });

  /** Opens the data as the next start would find it (only while no server runs on PGlite) and runs `check`. */
  const inspect = async (check: (db: DatabaseHandle['db']) => Promise<void>): Promise<void> => {
    const handle = await database.open();
    try {
      await check(handle.db);
    } finally {
      await handle.close();
    }
  };
  const save = (origin: string, session: HttpSession, definition: ServiceDefinition, expectedRevision: number) =>
    requestJson<{ draftRevision: number }>(origin, 'PUT', `/api/services/${serviceId}/draft`, { session, body: { definition, expectedRevision } });
  const publish = (origin: string, session: HttpSession) =>
    requestJson<{ version: number }>(origin, 'POST', `/api/services/${serviceId}/publish`, { session });
  const expectWholeSubmissions = async (db: DatabaseHandle['db']): Promise<void> => {
    expect(await checkAcknowledgedSubmissions(db, acknowledged)).toEqual([]);
    expect(await findHalfWrittenCases(db)).toEqual([]);
    expect(await findOrphanRows(db)).toEqual([]);
    expect(await findDuplicateReferences(db)).toEqual([]);
  };

  it.sequential(`keeps every acknowledged submission whole through ${SUBMISSION_KILLS.length} kills, and the next process numbers on`, async () => {
    for (const [round, killAfter] of SUBMISSION_KILLS.entries()) {
      server = await startServerProcess(database, `amtsweg on ${kind}, run ${round + 1}`);
      if (round === 0) {
        const { body } = await requestJson<{ services: { id: string }[] }>(server.origin, 'GET', '/api/services');
        serviceId = body.services[0]!.id;
      }
      const load = startSubmissionLoad({ origins: [server.origin], serviceId, inFlight: IN_FLIGHT, tag: `${kind}-run${round}`, fileEvery: 4 });
      await waitUntil(() => load.acknowledged.length >= killAfter, 45_000, `${killAfter} acknowledged submissions`);
      await server.kill();
      await load.stop();
      expect(load.unexpected).toEqual([]);
      expect(load.broken()).toBeGreaterThan(0); // the kill met requests under way
      acknowledged.push(...load.acknowledged);
      await inspect(expectWholeSubmissions);
    }

    // The process after the last kill answers and numbers on without reusing an Aktenzeichen.
    server = await startServerProcess(database, `amtsweg on ${kind}, after the kills`);
    const applications = Array.from({ length: 8 }, (_, i) => distinctApplication(`${kind}-after-${i}`));
    const answers = await runPool(applications.length, 8, (i) => submitOverHttp(server!.origin, serviceId, applications[i]!.data));
    const known = new Set(acknowledged.map((a) => a.reference));
    for (const [i, answer] of answers.entries()) {
      if (answer instanceof Error) throw answer;
      expect(answer.status).toBe(201);
      expect(known.has(answer.body.reference)).toBe(false);
      known.add(answer.body.reference);
      acknowledged.push({ caseId: answer.body.caseId, reference: answer.body.reference, expectedData: applications[i]!.expectedData });
    }
    // This process goes on into the publishing test (a start costs seconds); its cases are checked after its kill.
    carriedOver = server;
  });

  it.sequential(`keeps published versions whole through ${PUBLISH_KILLS.length} kills while publishing, and publishes again after`, async () => {
    const saves: { title: string; revision?: number }[] = [];
    const published: { version: number; title: string }[] = [];
    let lastAcknowledgedSave = -1;

    for (const [round, killAfter] of PUBLISH_KILLS.entries()) {
      server = round === 0 && carriedOver ? carriedOver : await startServerProcess(database, `amtsweg on ${kind}, publishing run ${round + 1}`);
      const designer = await logInOverHttp(server.origin, 'studio@musterstadt.example', DEMO_PASSWORD);
      const origin = server.origin;
      const load = startSubmissionLoad({ origins: [origin], serviceId, inFlight: 4, tag: `${kind}-publishing${round}` });
      const unexpected: string[] = [];
      let stopped = false;
      const designing = (async () => {
        for (let i = 0; !stopped; i++) {
          try {
            const service = await requestJson<{ draftRevision: number }>(origin, 'GET', `/api/services/${serviceId}`, { session: designer });
            const definition = hundeanmeldung();
            definition.title.de = `Hundeanmeldung ${kind} ${round}-${i}`;
            saves.push({ title: definition.title.de });
            const saved = await save(origin, designer, definition, service.body.draftRevision);
            if (saved.status !== 200) {
              unexpected.push(`save: ${saved.status} ${JSON.stringify(saved.body)}`);
              continue;
            }
            saves[saves.length - 1]!.revision = saved.body.draftRevision;
            lastAcknowledgedSave = saves.length - 1;
            // A double click: two publishes of the same draft at once make one version (201); the other click is
            // answered 200 with that same version.
            const answers = await Promise.all([publish(origin, designer), publish(origin, designer)]);
            const created = answers.filter((answer) => answer.status === 201);
            const sameVersion = answers.every((answer) => [200, 201].includes(answer.status) && answer.body.version === created[0]?.body.version);
            if (created.length === 1 && sameVersion) published.push({ version: created[0]!.body.version, title: definition.title.de });
            else unexpected.push(`publish: ${answers.map((answer) => `${answer.status} ${JSON.stringify(answer.body)}`).join(' | ')}`);
          } catch {
            return; // the connection broke: the process is gone
          }
        }
      })();
      await waitUntil(() => published.length >= killAfter + PUBLISH_KILLS.slice(0, round).reduce((a, b) => a + b, 0), 45_000, `${killAfter} publishes`);
      await server.kill();
      stopped = true;
      await Promise.all([designing, load.stop()]);
      expect(unexpected).toEqual([]);
      expect(load.unexpected).toEqual([]);
      acknowledged.push(...load.acknowledged);

      await inspect(async (db) => {
        expect(await checkPublishedVersions(db, serviceId)).toEqual([]);
        // Every acknowledged publish is there, holding the draft saved just before it.
        const stored = await db.selectFrom('service_versions').select(['version', 'definition']).where('service_id', '=', serviceId).execute();
        const titles = new Map(stored.map((v) => [v.version, (v.definition as ServiceDefinition).title.de]));
        expect(new Set(published.map((p) => p.version)).size).toBe(published.length);
        for (const p of published) expect(titles.get(p.version)).toBe(p.title);
        // The draft is the last acknowledged save or one that was under way when the process died.
        const service = await db.selectFrom('services').select(['draft', 'draft_revision']).where('id', '=', serviceId).executeTakeFirstOrThrow();
        const possible = saves.slice(lastAcknowledgedSave).map((s) => s.title);
        expect(possible).toContain((service.draft as ServiceDefinition).title.de);
        expect(service.draft_revision).toBeGreaterThanOrEqual(saves[lastAcknowledgedSave]!.revision!);
        await expectWholeSubmissions(db);
      });
    }

    // After the kills: every version is served, publishing goes on from the newest, and a submission uses it.
    server = await startServerProcess(database, `amtsweg on ${kind}, after the publishing kills`);
    const designer = await logInOverHttp(server.origin, 'studio@musterstadt.example', DEMO_PASSWORD);
    const service = await requestJson<{ draftRevision: number; publishedVersion: number }>(server.origin, 'GET', `/api/services/${serviceId}`, { session: designer });
    for (let version = 1; version <= service.body.publishedVersion; version++) {
      expect((await requestJson(server.origin, 'GET', `/api/services/${serviceId}/versions/${version}`)).status).toBe(200);
    }
    const definition = hundeanmeldung();
    definition.title.de = `Hundeanmeldung ${kind} nach den Abstürzen`;
    expect((await save(server.origin, designer, definition, service.body.draftRevision)).status).toBe(200);
    const again = await publish(server.origin, designer);
    expect(again.status).toBe(201);
    expect(again.body.version).toBe(service.body.publishedVersion + 1);
    const application = distinctApplication(`${kind}-after-publishing`);
    const submitted = await submitOverHttp(server.origin, serviceId, application.data);
    expect(submitted.status).toBe(201);
    acknowledged.push({ caseId: submitted.body.caseId, reference: submitted.body.reference, expectedData: application.expectedData });
    await server.stop();
    await inspect(async (db) => {
      expect(await checkPublishedVersions(db, serviceId)).toEqual([]);
      const newest = await db.selectFrom('cases').select('service_version').where('id', '=', submitted.body.caseId).executeTakeFirstOrThrow();
      expect(newest.service_version).toBe(again.body.version);
      expect((await findDemoService(db)).serviceId).toBe(serviceId);
      await expectWholeSubmissions(db);
    });
  });
});
