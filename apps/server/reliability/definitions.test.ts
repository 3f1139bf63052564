import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import type { Diagnostic, DiagnosticCode, Expression, FormElement, ProcessState, ServiceDefinition } from '@amtsweg/definitions';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largeDefinition } from '../bench/large-definition';
import { buildTestApp, exampleSubmission, hundeanmeldung, type TestApp } from '../test/helper';

/*
 * Malicious and absurd service definitions, sent through the real routes on both databases: saved as a draft
 * (PUT /api/services/:id/draft), checked (POST /api/studio/check), published, and — where publishing succeeds —
 * applied for. Each definition must be refused with a diagnostic naming the place (code, JSON pointer, German and
 * English message) or be accepted and stay bounded; no request may take long, fail with 5xx or leave the server
 * unable to answer /api/health at once.
 *
 * Budget: 30 definitions per database, 8–20 s per database on a busy 2-core machine. The bounds are generous
 * on purpose (this is no benchmark): 10 s per request, 2 s for the health check after it. The app takes bodies up
 * to 16 MiB so that the definitions reach the checks (a deployment may raise BODY_LIMIT; the checks must hold on
 * their own); the default limit of 1 MiB would already refuse the largest ones with 413.
 */
const REQUEST_BOUND_MS = 10_000;
const HEALTH_BOUND_MS = 2_000;
const BODY_LIMIT = 16 * 1024 * 1024;

interface Expected {
  /** A diagnostic code, or `tooDeep`: the JSON body parser refuses the request before any check runs. */
  code: DiagnosticCode | 'tooDeep';
  /** Where the diagnostic must point (within the definition). */
  path: RegExp;
}

/** A definition as JSON text, for one nested deeper than `JSON.stringify` can write. */
interface RawDefinition {
  json: string;
}

interface AbsurdCase {
  name: string;
  build: (base: ServiceDefinition) => unknown;
  /** Builds the definition as JSON text instead. */
  raw?: (base: ServiceDefinition) => RawDefinition;
  /** A refusal with this diagnostic, or `publishable`: accepted, published and applied for. */
  expected: Expected | 'publishable';
  /** The answers sent after publishing (the valid Hundeanmeldung by default). */
  answers?: (base: Record<string, unknown>) => unknown;
  /** The status the application must get (201 by default). */
  submitStatus?: number;
}

const text = (word: string) => ({ de: word, en: word });
const yesNo = (key: string, extra: Partial<FormElement> = {}): FormElement => ({ type: 'yesNo', key, label: text(key), ...extra }) as FormElement;
const isTrue = (key: string): Expression => ({ eq: [{ var: key }, true] });

/** The definition with one more page holding `elements`. */
function withPage(base: ServiceDefinition, elements: FormElement[]): ServiceDefinition {
  base.form.pages.push({ id: 'absurd', title: text('Absurd'), elements });
  return base;
}

function nestNot(depth: number): Expression {
  let expression: Expression = isTrue('a');
  for (let i = 0; i < depth; i++) expression = { not: expression };
  return expression;
}

/** The definition with a page whose second field is shown if `not` nested `depth` times (as JSON text). */
function deepExpressionJson(base: ServiceDefinition, depth: number): RawDefinition {
  const json = JSON.stringify(withPage(base, [yesNo('a'), yesNo('b', { visibleIf: 'DEEP' })]));
  return { json: json.replace('"visibleIf":"DEEP"', `"visibleIf":${'{"not":'.repeat(depth)}{"eq":[{"var":"a"},true]}${'}'.repeat(depth)}`) };
}

function nestGroups(depth: number): FormElement {
  let element: FormElement = yesNo('leaf');
  for (let i = depth - 1; i >= 0; i--) element = { type: 'group', key: `g${i}`, label: text(`Gruppe ${i}`), elements: [element] };
  return element;
}

function options(count: number, labelLength = 8) {
  return Array.from({ length: count }, (_, i) => ({ value: `o${i}`, label: text(`${i}`.padEnd(labelLength, 'x')) }));
}

/** `n` yes/no fields in a cycle: each is shown only when the next is answered yes, the last when the first is. */
function conditionCycle(n: number): FormElement[] {
  return Array.from({ length: n }, (_, i) => yesNo(`c${i}`, { visibleIf: isTrue(`c${(i + 1) % n}`) }));
}

/** A process of `states` task states with `actions` actions each, all leading on or to the end. */
function wideProcess(base: ServiceDefinition, states: number, actions: number): ServiceDefinition {
  const role = base.settings.roles[0]!.id;
  const extra: ProcessState[] = Array.from({ length: states }, (_, s) => ({
    id: `s${s}`,
    kind: 'task',
    role,
    label: text(`Schritt ${s}`),
    statusText: text(`Schritt ${s}`),
    actions: Array.from({ length: actions }, (_, a) => ({
      id: `a${a}`,
      label: text(`Aktion ${a}`),
      target: a === 0 || s === states - 1 ? 'approved' : `s${(s + a) % states}`,
      roles: [role],
    })),
  }));
  const review = base.process.states.find((state) => state.id === 'inReview')!;
  review.actions!.push({ id: 'detour', label: text('Umweg'), target: 's0', roles: [role] });
  base.process.states.push(...extra);
  return base;
}

const CASES: AbsurdCase[] = [
  {
    name: '10,000 fields on one page',
    build: (base) => withPage(base, Array.from({ length: 10_000 }, (_, i) => yesNo(`f${i}`))),
    expected: { code: 'TOO_MANY_ELEMENTS', path: /^\/form\/pages\/3\/elements\/\d+$/ },
  },
  {
    name: '10,000 fields over 97 pages',
    build: (base) => {
      for (let p = 0; p < 97; p++) base.form.pages.push({ id: `p${p}`, title: text(`Seite ${p}`), elements: Array.from({ length: 104 }, (_, i) => yesNo(`p${p}f${i}`)) });
      return base;
    },
    expected: { code: 'TOO_MANY_ELEMENTS', path: /^\/form\/pages\/\d+\/elements\/\d+$/ },
  },
  {
    name: '1,700 fields of every kind over 85 more pages (large but allowed)',
    build: () => {
      const large = largeDefinition({ fields: 1_700, perPage: 20 });
      // The generated pages' yes/no questions are required; leave them optional so the example answers fit.
      for (const page of large.form.pages.slice(3)) for (const element of page.elements) if ('required' in element) delete element.required;
      return large;
    },
    expected: 'publishable',
  },
  {
    name: 'two conditions waiting for each other (a visible if b, b visible if a)',
    build: (base) => withPage(base, conditionCycle(2)),
    expected: { code: 'CYCLIC_DEPENDENCY', path: /^\/form\/pages\/3\/elements\/1\/visibleIf$/ },
  },
  {
    name: 'a cycle of 500 conditions',
    build: (base) => withPage(base, conditionCycle(500)),
    expected: { code: 'CYCLIC_DEPENDENCY', path: /^\/form\/pages\/3\/elements\/499\/visibleIf$/ },
  },
  {
    name: 'a calculation reading its own result',
    build: (base) => withPage(base, [{ type: 'calculated', key: 'total', label: text('Summe'), valueType: 'number', expression: { add: [{ var: 'total' }, 1] } }]),
    expected: { code: 'CYCLIC_DEPENDENCY', path: /^\/form\/pages\/3\/elements\/0\/expression$/ },
  },
  {
    name: 'three calculations in a cycle',
    build: (base) =>
      withPage(
        base,
        ['x', 'y', 'z'].map((key, i, keys) => ({ type: 'calculated', key, label: text(key), valueType: 'number', expression: { add: [{ var: keys[(i + 1) % 3]! }, 1] } })),
      ),
    expected: { code: 'CYCLIC_DEPENDENCY', path: /^\/form\/pages\/3\/elements\/\d\/expression$/ },
  },
  {
    name: 'a chain of 500 conditions in reverse order (each pass of the submission settles one)',
    build: (base) => withPage(base, Array.from({ length: 500 }, (_, i) => yesNo(`r${i}`, i < 499 ? { visibleIf: isTrue(`r${i + 1}`) } : {}))),
    expected: { code: 'DEPENDENCY_CHAIN_TOO_LONG', path: /^\/form\/pages\/3\/elements\/\d+\/visibleIf$/ },
  },
  {
    name: 'a chain of 40 conditions in reverse order (allowed), every answer yes',
    build: (base) => withPage(base, Array.from({ length: 40 }, (_, i) => yesNo(`r${i}`, i < 39 ? { visibleIf: isTrue(`r${i + 1}`) } : {}))),
    expected: 'publishable',
    answers: (data) => ({ ...data, ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`r${i}`, true])) }),
  },
  {
    name: '40 calculations each doubling the one before (a→b→c…, exponential values)',
    build: (base) =>
      withPage(base, [
        { type: 'number', key: 'c0', label: text('Start') },
        ...Array.from({ length: 40 }, (_, i): FormElement => ({ type: 'calculated', key: `c${i + 1}`, label: text(`c${i + 1}`), valueType: 'number', expression: { add: [{ var: `c${i}` }, { var: `c${i}` }] } })),
      ]),
    expected: 'publishable',
    answers: (data) => ({ ...data, c0: 1e300 }),
  },
  {
    name: '60 calculations each doubling the one before',
    build: (base) =>
      withPage(base, [
        { type: 'number', key: 'c0', label: text('Start') },
        ...Array.from({ length: 60 }, (_, i): FormElement => ({ type: 'calculated', key: `c${i + 1}`, label: text(`c${i + 1}`), valueType: 'number', expression: { add: [{ var: `c${i}` }, { var: `c${i}` }] } })),
      ]),
    expected: { code: 'DEPENDENCY_CHAIN_TOO_LONG', path: /^\/form\/pages\/3\/elements\/\d+\/expression$/ },
  },
  {
    name: 'groups nested 1,000 deep',
    build: (base) => withPage(base, [nestGroups(1_000)]),
    expected: { code: 'tooDeep', path: /^\/form\/pages\/3\/elements\/0(\/elements\/0)+/ },
  },
  {
    name: 'groups nested 100 deep',
    build: (base) => withPage(base, [nestGroups(100)]),
    expected: { code: 'DEFINITION_TOO_DEEP', path: /^\/form\/pages\/3\/elements\/0(\/elements\/0)+/ },
  },
  {
    name: 'groups nested 12 deep',
    build: (base) => withPage(base, [nestGroups(12)]),
    expected: { code: 'NESTED_TOO_DEEP', path: /^\/form\/pages\/3\/elements\/0(\/elements\/0){10}\/elements$/ },
  },
  {
    name: 'an expression nested 10,000 deep',
    build: () => undefined,
    raw: (base) => deepExpressionJson(base, 10_000),
    expected: { code: 'tooDeep', path: /^\/form\/pages\/3\/elements\/1\/visibleIf(\/not)+$/ },
  },
  {
    name: 'an expression nested 200 deep',
    build: (base) => withPage(base, [yesNo('a'), yesNo('b', { visibleIf: nestNot(200) })]),
    expected: { code: 'DEFINITION_TOO_DEEP', path: /^\/form\/pages\/3\/elements\/1\/visibleIf(\/not)+$/ },
  },
  {
    name: 'an expression nested 50 deep',
    build: (base) => withPage(base, [yesNo('a'), yesNo('b', { visibleIf: nestNot(50) })]),
    expected: { code: 'EXPRESSION_TOO_COMPLEX', path: /^\/form\/pages\/3\/elements\/1\/visibleIf$/ },
  },
  {
    name: 'an expression of 50 × 50 comparisons',
    build: (base) =>
      withPage(base, [yesNo('a'), yesNo('b', { visibleIf: { and: Array.from({ length: 50 }, () => ({ or: Array.from({ length: 50 }, () => isTrue('a')) })) } })]),
    expected: { code: 'EXPRESSION_TOO_COMPLEX', path: /^\/form\/pages\/3\/elements\/1\/visibleIf$/ },
  },
  {
    name: '100,000 options',
    build: (base) => withPage(base, [{ type: 'select', key: 'pick', label: text('Auswahl'), options: options(100_000) }]),
    expected: { code: 'SCHEMA_INVALID', path: /^\/form\/pages\/3\/elements\/0\/options$/ },
  },
  {
    name: 'option labels of 100 KB',
    build: (base) => withPage(base, [{ type: 'radio', key: 'pick', label: text('Auswahl'), options: options(20, 100_000) }]),
    expected: { code: 'SCHEMA_INVALID', path: /^\/form\/pages\/3\/elements\/0\/options\/\d+\/label\/(de|en)$/ },
  },
  {
    name: 'a label of 1 MB and a static text of 5 MB',
    build: (base) =>
      withPage(base, [yesNo('a', { label: text('x'.repeat(1_000_000)) }), { type: 'staticText', key: 'long', content: text('Lorem ipsum '.repeat(400_000)) }]),
    expected: { code: 'SCHEMA_INVALID', path: /^\/form\/pages\/3\/elements\/[01]\/(label|content)\/(de|en)$/ },
  },
  {
    name: 'the pattern ^(a+)+$',
    build: (base) => withPage(base, [{ type: 'text', key: 'code', label: text('Code'), pattern: '^(a+)+$' }]),
    expected: { code: 'UNSAFE_PATTERN', path: /^\/form\/pages\/3\/elements\/0\/pattern$/ },
  },
  {
    name: 'the pattern ^a*a*a*$ (polynomial backtracking)',
    build: (base) => withPage(base, [{ type: 'text', key: 'code', label: text('Code'), pattern: '^a*a*a*$' }]),
    expected: { code: 'UNSAFE_PATTERN', path: /^\/form\/pages\/3\/elements\/0\/pattern$/ },
  },
  {
    name: 'an unanchored pattern [a-z]+x (allowed), answered with 1,000,000 characters',
    build: (base) => withPage(base, [{ type: 'text', key: 'code', label: text('Code'), pattern: '[a-z]+x' }]),
    expected: 'publishable',
    answers: (data) => ({ ...data, code: 'a'.repeat(1_000_000) }),
    submitStatus: 400,
  },
  {
    name: 'a reference pattern of 10,000 characters',
    build: (base) => {
      base.settings.referencePattern = `${'X'.repeat(10_000)}-{SEQ:5}`;
      return base;
    },
    expected: { code: 'SCHEMA_INVALID', path: /^\/settings\/referencePattern$/ },
  },
  {
    name: 'a reference pattern of twelve sequence numbers',
    build: (base) => {
      base.settings.referencePattern = '{SEQ}'.repeat(12);
      return base;
    },
    expected: 'publishable',
  },
  {
    name: '5,000 process states',
    build: (base) => wideProcess(base, 5_000, 1),
    expected: { code: 'SCHEMA_INVALID', path: /^\/process\/states$/ },
  },
  {
    name: '99 states with 50 actions each (allowed)',
    build: (base) => wideProcess(base, 93, 50),
    expected: 'publishable',
  },
  {
    name: 'a template with 100,000 placeholders',
    build: (base) => {
      base.documents[0]!.body = text('{{case.reference}} '.repeat(100_000));
      return base;
    },
    expected: { code: 'SCHEMA_INVALID', path: /^\/documents\/0\/body\/(de|en)$/ },
  },
  {
    name: 'a receipt with 1,000 placeholders (allowed)',
    build: (base) => {
      const receipt = base.documents.find((document) => document.kind === 'receipt')!;
      receipt.body = text('{{case.reference}} '.repeat(1_000));
      return base;
    },
    expected: 'publishable',
  },
];

interface Timed {
  status: number;
  ms: number;
}
interface CaseResult {
  name: string;
  bodyBytes: number;
  draft: Timed;
  check: Timed & { codes: string[] };
  publish: Timed;
  submit?: Timed;
  healthMaxMs: number;
  outcome: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const results: Record<string, CaseResult[]> = {};
const startedAt = Date.now();

afterAll(async () => {
  if (process.env.RELIABILITY_REPORT !== '1') return;
  const file = join(here, 'results', 'definitions.json');
  await mkdir(dirname(file), { recursive: true });
  const slowest = Object.values(results)
    .flat()
    .flatMap((r) => [r.draft.ms, r.check.ms, r.publish.ms, r.submit?.ms ?? 0]);
  await writeFile(
    file,
    `${JSON.stringify({ boundsMs: { request: REQUEST_BOUND_MS, health: HEALTH_BOUND_MS }, bodyLimit: BODY_LIMIT, seconds: Math.round((Date.now() - startedAt) / 1000), slowestRequestMs: Math.max(...slowest), results }, null, 2)}\n`,
  );
});

describe.each(DATABASE_KINDS)('absurd definitions on %s', (kind) => {
  let t: TestApp;
  let validAnswers: Record<string, unknown>;

  beforeAll(async () => {
    t = await buildTestApp(kind, { bodyLimit: BODY_LIMIT });
    validAnswers = exampleSubmission('valid-without-files.json').data;
    results[kind] = [];
  });
  afterAll(async () => {
    await t?.close();
  });

  /** One request, timed; it must answer within the bound and without 5xx, and the server must stay healthy. */
  async function timed(options: InjectOptions & { method: string; url: string }, result: { healthMaxMs: number }): Promise<[LightMyRequestResponse, Timed]> {
    const started = performance.now();
    const response = await t.inject(options);
    const ms = Math.round(performance.now() - started);
    expect(ms, `${options.method} ${options.url} took ${ms} ms`).toBeLessThan(REQUEST_BOUND_MS);
    expect(response.statusCode, `${options.method} ${options.url}: ${response.body.slice(0, 500)}`).toBeLessThan(500);
    const healthStarted = performance.now();
    const health = await t.inject({ method: 'GET', url: '/api/health' }, null);
    const healthMs = Math.round(performance.now() - healthStarted);
    expect(health.statusCode).toBe(200);
    expect(healthMs).toBeLessThan(HEALTH_BOUND_MS);
    result.healthMaxMs = Math.max(result.healthMaxMs, healthMs);
    return [response, { status: response.statusCode, ms }];
  }

  it.each(CASES.filter((c) => !process.env.ONLY || c.name.includes(process.env.ONLY)).map((c, i) => [c.name, c, i] as const))('%s: refused with a diagnostic or accepted and bounded', async (_name, absurd, index) => {
    const base = hundeanmeldung();
    // Every case is a service of its own in one organisation, so each numbers its cases on its own.
    base.settings.referencePattern = `ABSURD${index}-{YYYY}-{SEQ:5}`;
    const raw = absurd.raw?.(base);
    const definition = raw ? undefined : absurd.build(base);
    const definitionJson = raw ? raw.json : JSON.stringify(definition);
    const bodyBytes = Buffer.byteLength(definitionJson);
    const result = { healthMaxMs: 0 };
    // Bodies are sent as JSON text, so one nested deeper than JSON.stringify can write goes through as well.
    const json = (method: 'PUT' | 'POST', url: string, body: string) => ({ method, url, headers: { 'content-type': 'application/json' }, payload: body });

    const created = await t.inject({ method: 'POST', url: '/api/services', payload: { slug: `absurd-${index}`, definition: {} } });
    expect(created.statusCode).toBe(201);
    const service = created.json<{ id: string; draftRevision: number }>();

    const [saved, draft] = await timed(json('PUT', `/api/services/${service.id}/draft`, `{"definition":${definitionJson},"expectedRevision":${service.draftRevision}}`), result);
    const [checked, check] = await timed(json('POST', '/api/studio/check', `{"definition":${definitionJson}}`), result);
    const [published, publish] = await timed({ method: 'POST', url: `/api/services/${service.id}/publish` }, result);
    if (absurd.expected !== 'publishable' && absurd.expected.code === 'tooDeep') {
      const { path } = absurd.expected;
      for (const refused of [saved, checked]) {
        expect(refused.statusCode).toBe(400);
        const { code, errors } = refused.json<{ code: string; errors: { path: string; code: string; message: string }[] }>();
        expect(code).toBe('REQUEST_INVALID');
        expect(errors.map((error) => error.code)).toContain('tooDeep');
        expect(errors[0]!.path).toMatch(/^\/definition\//);
        expect(path.test(errors[0]!.path.slice('/definition'.length))).toBe(true);
      }
      // The draft stayed empty, so there is nothing to publish.
      expect(published.statusCode).toBe(422);
      results[kind]!.push({ name: absurd.name, bodyBytes, draft, check: { ...check, codes: ['tooDeep'] }, publish, healthMaxMs: result.healthMaxMs, outcome: 'refused by the JSON body parser: 400 REQUEST_INVALID, tooDeep' });
      return;
    }
    expect(checked.statusCode, checked.body.slice(-300)).toBe(200);
    const { diagnostics, publishable } = checked.json<{ diagnostics: Diagnostic[]; publishable: boolean }>();

    let submit: Timed | undefined;
    let outcome: string;
    if (absurd.expected === 'publishable') {
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(publishable).toBe(true);
      expect(saved.statusCode).toBe(200);
      expect(published.statusCode, published.body.slice(0, 500)).toBe(201);
      const answers = absurd.answers ? absurd.answers(structuredClone(validAnswers)) : validAnswers;
      const [submitted, timing] = await timed({ method: 'POST', url: `/api/services/${service.id}/submissions`, payload: answers as Record<string, unknown> }, result);
      expect(submitted.statusCode, submitted.body.slice(0, 500)).toBe(absurd.submitStatus ?? 201);
      submit = timing;
      outcome = `accepted; application answered ${submitted.statusCode}`;
    } else {
      const { code, path } = absurd.expected;
      const found = diagnostics.find((d) => d.code === code && path.test(d.path));
      expect(found, `${code} at ${path} among ${JSON.stringify(diagnostics.slice(0, 5)).slice(0, 800)}`).toBeDefined();
      expect(found!.severity).toBe('error');
      expect(found!.message).toMatch(/\S/);
      expect(found!.messageEn).toMatch(/\S/);
      expect(publishable).toBe(false);
      // Saved as an unfinished draft, or — nested beyond what can be stored — refused with the same diagnostics.
      if (saved.statusCode === 422) {
        expect(code).toBe('DEFINITION_TOO_DEEP');
        expect(saved.json<{ diagnostics: Diagnostic[] }>().diagnostics).toContainEqual(expect.objectContaining({ code }));
      } else expect(saved.statusCode).toBe(200);
      expect(published.statusCode).toBe(422);
      expect(published.json<{ code: string }>().code).toBe('DEFINITION_INVALID');
      outcome = `refused: ${code} at ${found!.path.length > 120 ? `${found!.path.slice(0, 120)}…` : found!.path}`;
    }
    results[kind]!.push({
      name: absurd.name,
      bodyBytes,
      draft,
      check: { ...check, codes: [...new Set(diagnostics.map((d) => d.code))] },
      publish,
      ...(submit ? { submit } : {}),
      healthMaxMs: result.healthMaxMs,
      outcome,
    });
  });
});
