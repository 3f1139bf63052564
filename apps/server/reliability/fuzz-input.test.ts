import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, exampleSubmission, hundeanmeldung, publishService, type Caller, type TestApp } from '../test/helper';
import { checkRejection, diffFingerprints, readWriteFingerprint, type ErrorBody, type WriteFingerprint } from './support/fuzz-invariants';
import { buildUpload, uploadCaseArbitrary, type UploadCase } from './support/fuzz-multipart';
import { applyMutations, HTML_INJECTIONS, mutationsArbitrary, SQL_INJECTIONS, wholeBodyArbitrary, type FuzzBody } from './support/fuzz-payloads';

/*
 * Hostile input against the real routes (Fastify inject) on both databases. Budget: the payload counts below
 * (1,790 per database), 35 s for both databases on an idle 2-core machine, under 90 s on a busy one. Every payload is drawn by fast-check from
 * SEED, so a failure reproduces with the same numbers.
 */
const SEED = 20_250_611;
const RUNS = {
  submissionMutations: 520,
  submissionBodies: 150,
  replyMutations: 220,
  replyBodies: 70,
  portalUploads: 160,
  applicantUploads: 110,
  definitionMutations: 200,
  definitionBodies: 50,
  actionMutations: 220,
  actionPaths: 70,
} as const;
/** Every how-many-th refusal is asked again in the other language, to see both answers. */
const LANGUAGE_PAIR_EVERY = 3;

const here = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = join(here, '..', '..', '..');
const run = promisify(execFile);

interface TargetSummary {
  payloads: number;
  byAttack: Record<string, number>;
  byStatus: Record<string, number>;
  accepted: number;
  languagePairs: number;
}
const summary: Record<string, Record<string, TargetSummary>> = {};
const startedAt = Date.now();

function summaryOf(kind: string, target: string): TargetSummary {
  summary[kind] ??= {};
  return (summary[kind][target] ??= { payloads: 0, byAttack: {}, byStatus: {}, accepted: 0, languagePairs: 0 });
}

const OBJECT_PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
const ARRAY_PROTOTYPE_KEYS = Object.getOwnPropertyNames(Array.prototype).sort();

afterAll(async () => {
  if (process.env.RELIABILITY_REPORT !== '1') return;
  const file = join(here, 'results', 'fuzz-input.json');
  await mkdir(dirname(file), { recursive: true });
  const totals = Object.fromEntries(Object.entries(summary).map(([kind, targets]) => [kind, Object.values(targets).reduce((sum, t) => sum + t.payloads, 0)]));
  await writeFile(file, `${JSON.stringify({ seed: SEED, runs: RUNS, seconds: Math.round((Date.now() - startedAt) / 1000), totals, targets: summary }, null, 2)}\n`);
});

/**
 * One fuzzed request and everything checked about it. `accept` says whether a 2xx answer is a legitimate
 * outcome and which writes it may make; a refusal must leave the write fingerprint exactly as it was.
 */
interface Probe {
  method: 'POST' | 'PUT';
  url: string;
  body: { payload: string | Buffer; contentType: string | undefined };
  kinds: readonly string[];
  paths?: readonly string[];
  description: string;
  headers?: Record<string, string>;
  caller: Caller | null;
  allowedCodes?: readonly string[];
  /** Problems with a 2xx answer and what it wrote (none: a legitimate acceptance). */
  accepted(response: LightMyRequestResponse, written: Record<string, number>): string[] | Promise<string[]>;
}

describe.each(DATABASE_KINDS)('hostile input on %s', (kind) => {
  let t: TestApp;
  let serviceId: string;
  let fingerprint: WriteFingerprint;
  let submissionWrites: Record<string, number>;
  const violations: string[] = [];
  const VALID = exampleSubmission('valid-without-files.json').data;

  const inject = (probe: Omit<Probe, 'accepted' | 'kinds' | 'description'>, language: 'de' | 'en') =>
    t.inject(
      {
        method: probe.method,
        url: probe.url,
        payload: probe.body.payload,
        headers: {
          ...probe.headers,
          'accept-language': language === 'de' ? 'de-DE,de;q=0.9' : 'en-GB,en;q=0.9',
          ...(probe.body.contentType === undefined ? {} : { 'content-type': probe.body.contentType }),
        },
      },
      probe.caller,
    );

  /** Sends one probe, checks every invariant and counts it; the write fingerprint is carried from probe to probe. */
  const send = async (target: string, index: number, probe: Probe): Promise<LightMyRequestResponse> => {
    const stats = summaryOf(kind, target);
    stats.payloads++;
    for (const attack of new Set(probe.kinds)) stats.byAttack[attack] = (stats.byAttack[attack] ?? 0) + 1;
    const language = index % 2 === 0 ? 'de' : 'en';
    const label = `${target} #${index} [${probe.kinds.join(',')}] ${probe.description}`;
    const response = await inject(probe, language);
    stats.byStatus[response.statusCode] = (stats.byStatus[response.statusCode] ?? 0) + 1;
    const after = await readWriteFingerprint(t.database.db);
    const written = diffFingerprints(fingerprint, after);
    fingerprint = after;
    if (response.statusCode < 300) {
      stats.accepted++;
      if (probe.paths?.length === 0) violations.push(`${label}: a malformed body was accepted (${response.statusCode})`);
      for (const problem of await probe.accepted(response, written)) violations.push(`${label}: accepted (${response.statusCode}) but ${problem}`);
      fingerprint = await readWriteFingerprint(t.database.db);
      return response;
    }
    if (Object.keys(written).length > 0) violations.push(`${label}: refused with ${response.statusCode} but wrote ${JSON.stringify(written)}`);
    const expectations = { language, allowedCodes: probe.allowedCodes, paths: probe.paths } as const;
    for (const problem of checkRejection(response, expectations)) violations.push(`${label}: ${problem}`);
    if (index % LANGUAGE_PAIR_EVERY === 0 && response.statusCode < 500) {
      stats.languagePairs++;
      const other = language === 'de' ? 'en' : 'de';
      const again = await inject(probe, other);
      fingerprint = await readWriteFingerprint(t.database.db);
      violations.push(...compareLanguages(response, again, language).map((problem) => `${label}: ${problem}`));
    }
    return response;
  };

  const draw = <T,>(arbitrary: fc.Arbitrary<T>, numRuns: number, salt: number): T[] => fc.sample(arbitrary, { seed: SEED + salt, numRuns });

  const submitValid = async (data: Record<string, unknown> = VALID) => {
    const response = await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: data }, null);
    if (response.statusCode !== 201) throw new Error(`submission failed: ${response.body}`);
    return response.json<{ caseId: string; accessToken: string; reference: string; receipt: { documentId: string } }>();
  };
  const caseVersion = async (caseId: string) => (await t.inject({ method: 'GET', url: `/api/cases/${caseId}` })).json<{ version: number; state: { id: string } }>();
  /** A new case that waits for the applicant's answer. */
  const awaitingCase = async () => {
    const opened = await submitValid();
    const { version } = await caseVersion(opened.caseId);
    const asked = await t.inject({ method: 'POST', url: `/api/cases/${opened.caseId}/actions/requestInformation`, payload: { expectedVersion: version, inputs: { missing: 'Versicherungsschein' } } });
    if (asked.statusCode !== 200) throw new Error(`request for information failed: ${asked.body}`);
    return { ...opened, version: asked.json<{ version: number }>().version };
  };

  beforeAll(async () => {
    t = await buildTestApp(kind);
    serviceId = await publishService(t, 'hundeanmeldung');
    const before = await readWriteFingerprint(t.database.db);
    await submitValid();
    submissionWrites = diffFingerprints(before, await readWriteFingerprint(t.database.db));
    fingerprint = await readWriteFingerprint(t.database.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  const expectNoViolations = () => {
    const found = violations.splice(0);
    expect(found.slice(0, 40), `${found.length} violations`).toEqual([]);
  };

  it('refuses mutated and malformed applications with the field named, writing nothing, and never fails', async () => {
    const url = `/api/services/${serviceId}/submissions`;
    const acceptedSubmission = (response: LightMyRequestResponse, written: Record<string, number>) =>
      response.statusCode === 201 && JSON.stringify(written) === JSON.stringify(submissionWrites)
        ? []
        : [`wrote ${JSON.stringify(written)} instead of one submission ${JSON.stringify(submissionWrites)} (status ${response.statusCode})`];
    const mutated = draw(mutationsArbitrary, RUNS.submissionMutations, 1).map((mutations) => applyMutations(VALID, mutations));
    const bodies = draw(wholeBodyArbitrary(JSON.stringify(VALID)), RUNS.submissionBodies, 2);
    for (const [index, body] of [...mutated, ...bodies].entries()) {
      await send('submissions', index, { method: 'POST', url, body, kinds: body.kinds, paths: body.paths, description: body.description, caller: null, accepted: acceptedSubmission });
    }
    expectNoViolations();
  });

  it('refuses hostile replies of the applicant with the field named, writing nothing', async () => {
    let current = await awaitingCase();
    fingerprint = await readWriteFingerprint(t.database.db);
    const base = { actionId: 'answer', expectedVersion: 1, inputs: { answer: 'Anbei der Versicherungsschein.' } };
    const mutations = draw(mutationsArbitrary, RUNS.replyMutations, 3);
    const bodies = draw(wholeBodyArbitrary(JSON.stringify(base)), RUNS.replyBodies, 4);
    for (let index = 0; index < mutations.length + bodies.length; index++) {
      // Whole-body attacks keep version 1, which the case has long passed: they must fail before that matters.
      const body = index < mutations.length ? applyMutations(base, mutations[index]!, (copy) => (copy.expectedVersion = current.version)) : bodies[index - mutations.length]!;
      const response = await send('applicantReply', index, {
        method: 'POST',
        url: `/api/applicant/cases/${current.caseId}/reply`,
        headers: { authorization: `Bearer ${current.accessToken}` },
        body,
        kinds: body.kinds,
        paths: body.paths,
        description: body.description,
        caller: null,
        // A changed version is a conflict with the version to reload; a changed action id is an action the applicant does not have.
        allowedCodes: ['CASE_CONFLICT', 'NOT_FOUND', 'FORBIDDEN', 'ACTION_REFUSED'],
        accepted: (_response, written) => (written.cases === undefined && (written.case_events ?? 0) >= 1 ? [] : [`wrote ${JSON.stringify(written)}`]),
      });
      if (response.statusCode < 300) {
        current = await awaitingCase();
        fingerprint = await readWriteFingerprint(t.database.db);
      }
    }
    expectNoViolations();
  });

  it('refuses hostile uploads of files, by content not by name, and keeps file names harmless', async () => {
    const cases = draw(uploadCaseArbitrary, RUNS.portalUploads + RUNS.applicantUploads, 5);
    let waiting = await awaitingCase();
    fingerprint = await readWriteFingerprint(t.database.db);
    for (const [index, upload] of cases.entries()) {
      const portal = index < RUNS.portalUploads;
      const body = buildUpload(upload, portal ? { serviceId, field: 'dogs.certificate' } : {}, 10 * 1024 * 1024);
      const response = await send(portal ? 'portalUploads' : 'applicantUploads', index, {
        method: 'POST',
        url: portal ? '/api/files' : `/api/applicant/cases/${waiting.caseId}/files`,
        headers: portal ? {} : { authorization: `Bearer ${waiting.accessToken}` },
        body,
        kinds: uploadKinds(upload),
        paths: ['/file', '/serviceId', '/field', '/body'],
        description: `${upload.shape}: ${upload.content}${upload.oversized ? ' (oversized)' : ''} as ${JSON.stringify(upload.fileName.slice(0, 60))} (${upload.fileName.length} chars) claimed ${String(upload.mediaType)}`,
        caller: null,
        accepted: (answer, written) => checkAcceptedUpload(answer, written, upload),
      });
      if (!portal && response.statusCode === 201) {
        // The case takes ten waiting attachments; removing each keeps it open for the next.
        const { id } = response.json<{ id: string }>();
        const removed = await t.inject({ method: 'DELETE', url: `/api/applicant/cases/${waiting.caseId}/attachments/${id}`, headers: { authorization: `Bearer ${waiting.accessToken}` } }, null);
        expect(removed.statusCode).toBe(204);
        fingerprint = await readWriteFingerprint(t.database.db);
      }
      if (index === RUNS.portalUploads + Math.floor(RUNS.applicantUploads / 2)) {
        waiting = await awaitingCase();
        fingerprint = await readWriteFingerprint(t.database.db);
      }
    }
    expectNoViolations();
  });

  it('saves or refuses hostile service definitions in the Studio, never failing and never writing on a refusal', async () => {
    const created = await t.inject({ method: 'POST', url: '/api/services', payload: { slug: 'fuzz-entwurf', definition: hundeanmeldung() } });
    expect(created.statusCode).toBe(201);
    const draftServiceId = created.json<{ id: string }>().id;
    let revision = created.json<{ draftRevision: number }>().draftRevision;
    fingerprint = await readWriteFingerprint(t.database.db);
    const base = { definition: hundeanmeldung() as unknown as Record<string, unknown>, expectedRevision: 1 };
    const mutations = draw(mutationsArbitrary, RUNS.definitionMutations, 6);
    const bodies = draw(wholeBodyArbitrary(JSON.stringify({ definition: {}, expectedRevision: 1 })), RUNS.definitionBodies, 7);
    for (let index = 0; index < mutations.length + bodies.length; index++) {
      const body: FuzzBody =
        index < mutations.length ? applyMutations(base, mutations[index]!, (copy) => (copy.expectedRevision = revision)) : bodies[index - mutations.length]!;
      const response = await send('definitionDrafts', index, {
        method: 'PUT',
        url: `/api/services/${draftServiceId}/draft`,
        body,
        kinds: body.kinds,
        paths: body.paths,
        description: body.description,
        caller: t.staff,
        // A changed revision is someone else's save: 409 with the revision to reload.
        allowedCodes: ['DRAFT_CONFLICT'],
        accepted: (answer, written) => {
          const problems = JSON.stringify(written) === JSON.stringify({ draft_revisions: 1 }) ? [] : [`wrote ${JSON.stringify(written)} instead of one draft revision`];
          const saved = answer.json<{ draftRevision: number; diagnostics: unknown[] }>();
          if (saved.draftRevision !== revision + 1 || !Array.isArray(saved.diagnostics)) problems.push(`answered ${answer.body.slice(0, 200)}`);
          return problems;
        },
      });
      if (response.statusCode === 200) revision = response.json<{ draftRevision: number }>().draftRevision;
    }
    expectNoViolations();
  });

  it('refuses hostile case actions (inputs, versions, action and case ids) with the field named, writing nothing', async () => {
    let current = await submitValid();
    let version = (await caseVersion(current.caseId)).version;
    fingerprint = await readWriteFingerprint(t.database.db);
    const actions = ['requestInformation', 'approve', 'reject'] as const;
    const bases = {
      requestInformation: { expectedVersion: 1, inputs: { missing: 'Versicherungsschein' }, comment: 'Bitte nachreichen.' },
      approve: { expectedVersion: 1, inputs: { comment: 'In Ordnung.' }, comment: 'ok' },
      reject: { expectedVersion: 1, inputs: { reason: 'Zu spät.' } },
    };
    const mutations = draw(fc.tuple(fc.constantFrom(...actions), mutationsArbitrary), RUNS.actionMutations, 8);
    const pathAttacks = draw(
      fc.record({
        caseId: fc.oneof(fc.constant('own'), fc.constantFrom('00000000-0000-4000-8000-000000000000', 'not-a-uuid', '1', "'; drop table cases; --", '%00', '..%2F..%2Fetc', 'ffffffff-ffff-ffff-ffff-ffffffffffffx')),
        actionId: fc.oneof(
          fc.constantFrom('approve', 'unknownAction', 'withdraw', 'startReview', 'answerOverdue', '__proto__', 'constructor', 'toString', '1abc', 'a'.repeat(70), "x'or'1'='1", '%3Cscript%3E', 'approve%00'),
          fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,20}$/),
        ),
      }),
      RUNS.actionPaths,
      9,
    );
    const total = mutations.length + pathAttacks.length;
    for (let index = 0; index < total; index++) {
      const isPath = index >= mutations.length;
      const [actionId, body, caseId] = isPath
        ? (() => {
            const attack = pathAttacks[index - mutations.length]!;
            const json = JSON.stringify({ ...bases.approve, expectedVersion: version });
            const fuzzBody: FuzzBody = { payload: json, contentType: 'application/json', kinds: ['pathParameters'], paths: ['/params'], description: `case ${attack.caseId}, action ${attack.actionId}` };
            return [attack.actionId, fuzzBody, attack.caseId === 'own' ? current.caseId : attack.caseId] as const;
          })()
        : (() => {
            const [action, changes] = mutations[index]!;
            return [action, applyMutations(bases[action], changes, (copy) => (copy.expectedVersion = version)), current.caseId] as const;
          })();
      const response = await send('caseActions', index, {
        method: 'POST',
        url: `/api/cases/${caseId}/actions/${actionId}`,
        body,
        kinds: body.kinds,
        paths: body.paths,
        description: `${actionId}: ${body.description}`,
        caller: t.staff,
        // Unknown cases and actions are 404; a changed version is a conflict; an action the state does not offer is refused.
        allowedCodes: ['CASE_CONFLICT', 'CASE_NOT_FOUND', 'NOT_FOUND', 'FORBIDDEN', 'ACTION_REFUSED'],
        accepted: (_answer, written) => (written.cases === undefined && (written.case_events ?? 0) >= 1 ? [] : [`wrote ${JSON.stringify(written)}`]),
      });
      if (response.statusCode === 200) {
        current = await submitValid();
        version = (await caseVersion(current.caseId)).version;
        fingerprint = await readWriteFingerprint(t.database.db);
      }
    }
    expectNoViolations();
  });

  it('leaves the prototypes of Object and Array as they were', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(OBJECT_PROTOTYPE_KEYS);
    expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(ARRAY_PROTOTYPE_KEYS);
  });

  describe('markup in answers', () => {
    const MARKUP = ['<script>alert("xss")</script>', '<img src=x onerror=alert(1)>', '</title><h1>x'];
    let scratch = '';
    const pdfText = async (pdf: Buffer) => {
      const file = join(scratch, `${Math.random().toString(16).slice(2)}.pdf`);
      await writeFile(file, pdf);
      return (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout.replace(/\s+/g, ' ');
    };
    beforeAll(async () => {
      scratch = await mkdtemp(join(tmpdir(), 'amtsweg-fuzz-'));
    });
    afterAll(async () => {
      await rm(scratch, { recursive: true, force: true });
    });

    it('prints markup in names, street and remarks literally in the receipt and the decision notice', async () => {
      const data = structuredClone(VALID) as { holder: Record<string, string>; dogs: Record<string, string>[]; remarks: string };
      data.holder.firstName = MARKUP[0]!;
      data.holder.lastName = MARKUP[1]!;
      data.holder.street = MARKUP[2]!;
      data.holder.city = SQL_INJECTIONS[0]!;
      data.dogs[0]!.name = MARKUP[2]!;
      data.remarks = `${MARKUP.join(' ')} ${HTML_INJECTIONS[2]}`;
      const submitted = await submitValid(data);
      const bearer = { authorization: `Bearer ${submitted.accessToken}` };
      const receipt = await t.inject({ method: 'GET', url: `/api/applicant/cases/${submitted.caseId}/documents/${submitted.receipt.documentId}/pdf`, headers: bearer }, null);
      expect(receipt.statusCode).toBe(200);
      const receiptText = await pdfText(receipt.rawPayload);
      expect(receiptText).toContain(`${MARKUP[0]} ${MARKUP[1]}`);

      const { version } = await caseVersion(submitted.caseId);
      const approved = await t.inject({ method: 'POST', url: `/api/cases/${submitted.caseId}/actions/approve`, payload: { expectedVersion: version, inputs: { comment: MARKUP[1]! } } });
      expect(approved.statusCode, approved.body).toBe(200);
      const notice = approved.json<{ documents: { id: string; kind: string }[] }>().documents.find((d) => d.kind === 'decision')!;
      const noticePdf = await t.inject({ method: 'GET', url: `/api/cases/${submitted.caseId}/documents/${notice.id}/pdf` });
      expect(noticePdf.statusCode).toBe(200);
      const noticeText = await pdfText(noticePdf.rawPayload);
      expect(noticeText).toContain(`${MARKUP[0]} ${MARKUP[1]}`);
      expect(noticeText).toContain(MARKUP[2]);
      expect(noticeText).toContain(SQL_INJECTIONS[0]);

      // Everything the server answers about the case is JSON (which a browser never renders as a page).
      for (const url of [`/api/cases/${submitted.caseId}`, `/api/cases/${submitted.caseId}/documents/${notice.id}`, `/api/cases?q=${encodeURIComponent('<script>')}`]) {
        const answer = await t.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
        expect(answer.statusCode, url).toBe(200);
        expect(answer.headers['content-type'], url).toMatch(/^application\/json/);
      }
      const applicantView = await t.inject({ method: 'GET', url: `/api/applicant/cases/${submitted.caseId}`, headers: { ...bearer, accept: 'text/html' } }, null);
      expect(applicantView.headers['content-type']).toMatch(/^application\/json/);
    });

    it('reflects no markup from the request into any HTML page or error the server itself produces', async () => {
      const probes = [
        `/api/nothing/${encodeURIComponent(MARKUP[0]!)}`,
        `/${encodeURIComponent(MARKUP[1]!)}`,
        `/docs/${encodeURIComponent(MARKUP[0]!)}`,
        `/docs?url=${encodeURIComponent('javascript:alert(1)')}&q=${encodeURIComponent(MARKUP[0]!)}`,
        `/docs/static/index.html?${encodeURIComponent(MARKUP[1]!)}`,
        `/api/cases/${encodeURIComponent(MARKUP[0]!)}`,
        `/api/services/${serviceId}/versions/${encodeURIComponent(MARKUP[2]!)}`,
      ];
      let htmlPages = 0;
      for (const url of probes) {
        for (const accept of ['text/html', 'application/json', '*/*']) {
          const answer = await t.inject({ method: 'GET', url, headers: { accept } });
          expect(answer.statusCode, url).toBeLessThan(500);
          if (String(answer.headers['content-type']).includes('html')) htmlPages++;
          for (const markup of MARKUP) expect(answer.body, `${url} (${accept})`).not.toContain(markup);
          expect(answer.body).not.toContain('<script>alert');
        }
      }
      // The API docs are the one HTML page the server writes itself; it must still be there to have been checked.
      const docs = await t.inject({ method: 'GET', url: '/docs/', headers: { accept: 'text/html' } });
      expect(docs.statusCode).toBeLessThan(400);
      expect(htmlPages + (String(docs.headers['content-type']).includes('html') ? 1 : 0)).toBeGreaterThan(0);
    });
  });
});

describe('front ends', () => {
  it('never write HTML by hand (no dangerouslySetInnerHTML, innerHTML or outerHTML): React escapes everything else', async () => {
    const roots = ['apps/portal', 'apps/inbox', 'apps/studio', 'packages/ui'].map((dir) => join(repositoryRoot, dir));
    const offenders: string[] = [];
    let scanned = 0;
    for (const root of roots) {
      for (const file of await listSources(root)) {
        scanned++;
        const text = await readFile(file, 'utf8');
        if (/dangerouslySetInnerHTML|\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write\(/.test(text)) offenders.push(relative(repositoryRoot, file));
      }
    }
    expect(scanned).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });
});

async function listSources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files = await Promise.all(
    entries.map(async (entry) => {
      if (['node_modules', 'dist', '.vite', 'coverage'].includes(entry.name)) return [];
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return listSources(path);
      return /\.(tsx?|jsx?|html)$/.test(entry.name) ? [path] : [];
    }),
  );
  return files.flat();
}

function uploadKinds(upload: UploadCase): string[] {
  const kinds = [`content:${upload.content}`, `shape:${upload.shape}`];
  if (upload.oversized) kinds.push('oversizedFile');
  if (/[\\/]|\.\./.test(upload.fileName)) kinds.push('pathInFileName');
  // eslint-disable-next-line no-control-regex -- control characters are what is counted
  if (/[\u0000-\u001f\u007f]/.test(upload.fileName)) kinds.push('controlCharacters');
  if (/[\u202a-\u202e\u2066-\u2069\u200b-\u200f]/.test(upload.fileName)) kinds.push('unicodeTricks');
  if (upload.fileName.length > 200) kinds.push('longFileName');
  if (realType(upload) !== claimedType(upload)) kinds.push('mismatchedContent');
  return kinds;
}

/** What the bytes are by their signature (a file that starts like a PDF is one, whatever follows). */
function realType(upload: UploadCase): string | undefined {
  return ({ pdf: 'application/pdf', pdfThenExe: 'application/pdf', png: 'image/png', jpeg: 'image/jpeg' } as Record<string, string>)[upload.content];
}

/** The claimed media type as it is meant: types are case-insensitive, parameters do not change the type. */
function claimedType(upload: UploadCase): string | undefined {
  return upload.mediaType?.split(';')[0]!.trim().toLowerCase();
}

/** An upload may be taken only if it really is what it claims and may be; its stored name must be harmless. */
function checkAcceptedUpload(answer: LightMyRequestResponse, written: Record<string, number>, upload: UploadCase): string[] {
  const problems: string[] = [];
  if (JSON.stringify(written) !== JSON.stringify({ files: 1 })) problems.push(`wrote ${JSON.stringify(written)} instead of one file`);
  const real = realType(upload);
  if (upload.oversized || upload.shape !== 'normal' && upload.shape !== 'fileFirst' && upload.shape !== 'twoFiles' || real === undefined || real !== claimedType(upload)) {
    problems.push(`took ${upload.content} claimed as ${String(upload.mediaType)}`);
  }
  const file = answer.json<{ name: string; mediaType: string }>();
  if (file.mediaType !== real) problems.push(`stored type ${file.mediaType}`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not be stored
  if (/[\\/\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(file.name) || file.name.length > 200 || file.name.trim() === '') problems.push(`stored the name ${JSON.stringify(file.name)}`);
  return problems;
}

/** The same refusal in both languages: same code and fields, messages in each language. */
function compareLanguages(first: LightMyRequestResponse, second: LightMyRequestResponse, firstLanguage: 'de' | 'en'): string[] {
  if (first.statusCode !== second.statusCode) return [`status ${first.statusCode} in ${firstLanguage} but ${second.statusCode} in the other language`];
  const [a, b] = [first.json<ErrorBody>(), second.json<ErrorBody>()];
  const problems: string[] = [];
  if (a.code !== b.code) problems.push(`code ${a.code} vs ${b.code} by language`);
  if (a.message === b.message) problems.push(`message “${a.message}” is the same in German and English`);
  const pathsA = (a.errors ?? []).map((e) => e.path);
  const pathsB = (b.errors ?? []).map((e) => e.path);
  if (JSON.stringify(pathsA) !== JSON.stringify(pathsB)) problems.push(`fields differ by language: ${pathsA.join(',')} vs ${pathsB.join(',')}`);
  (a.errors ?? []).forEach((error, index) => {
    if (error.message === b.errors?.[index]?.message) problems.push(`message of ${error.path} “${error.message}” is the same in German and English`);
  });
  return problems;
}
