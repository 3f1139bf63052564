// pnpm bench:validate-peers — server-side validation of one 40-field form by Amtsweg, Form.io (@formio/core)
// and SurveyJS (survey-core), side by side in one run. First it checks that the three accept and reject the
// same submissions (exit code 1 if not); then it times them and writes the figures to docs/benchmarks.md.
import { performance } from 'node:perf_hooks';
import { checkDefinition, indexFormElements, isPublishable } from '@amtsweg/definitions';
import { percentile, reportSection } from '../../../tests/support/bench-report';
import { SONDERNUTZUNG_FORM, SONDERNUTZUNG_SERVICE, LIMITS } from './peers/amtsweg-form';
import {
  captureFormioValidatorLog,
  createAmtswegEngine,
  createFormioEngine,
  createSurveyjsEngine,
  createSurveyjsReusedEngine,
  type BenchEngine,
  type EngineId,
  type ValidationOutcome,
} from './peers/peer-engines';
import { SUBMISSIONS, type BenchSubmission, type PeerName } from './peers/submissions';

const TARGET_RATIO = 10;
const WARM_UP_MS = 800;
const ROUNDS = 50;
const BATCH_MS = 20;
/** Stops timing after this even if not all rounds ran, so a loaded machine still finishes within a minute. */
const TIMING_BUDGET_MS = 25_000;
const VERSIONS = ['@formio/core 2.8.3', 'survey-core 3.1.1'];

const PEER_OF: Record<EngineId, PeerName | undefined> = { amtsweg: undefined, formio: 'formio', surveyjs: 'surveyjs', surveyjsReused: 'surveyjs' };
const SHORT_NAME: Record<EngineId, string> = { amtsweg: 'Amtsweg', formio: 'Form.io', surveyjs: 'SurveyJS', surveyjsReused: 'SurveyJS reused' };

function main(): void {
  const problems = checkDefinition(SONDERNUTZUNG_SERVICE);
  if (!isPublishable(problems)) {
    console.error('The Amtsweg definition does not pass checkDefinition:');
    for (const p of problems) console.error(`  ${p.severity} ${p.code} ${p.path}: ${p.message}`);
    process.exitCode = 1;
    return;
  }

  const engines = [createAmtswegEngine(), createFormioEngine(), createSurveyjsEngine(), createSurveyjsReusedEngine()];
  const formioLog = captureFormioValidatorLog();
  const agreement = checkAgreement(engines);
  formioLog.restore();
  console.log(`Validation against peers — ${new Date().toISOString()}\n`);
  console.log(describeForm());
  console.log(`\n${renderAgreement(agreement, engines, 'console')}\n`);
  if (agreement.problems.length > 0) {
    console.error('The engines disagree:');
    for (const problem of agreement.problems) console.error(`  ${problem}`);
    process.exitCode = 1;
    return;
  }
  console.log('All engines agree on every case they can express.\n');

  const timed = SUBMISSIONS.filter((s) => s.gaps === undefined);
  const sets: TimedSet[] = [
    { name: 'valid', submissions: timed.filter((s) => s.valid) },
    { name: 'invalid', submissions: timed.filter((s) => !s.valid) },
  ];
  const timingLog = captureFormioValidatorLog();
  const { figures, rounds } = measure(engines, sets);
  timingLog.restore();
  const formioLogged = formioLog.count() + timingLog.count();
  const formioLogNote =
    formioLogged === 0
      ? []
      : [
          `- Form.io wrote \`Validator error: Cannot validate value NaN\` to the console ${formioLog.count()} times while the ${SUBMISSIONS.length} cases were checked twice ` +
            `(the empty optional number \`lengthMeters\` in \`other-use-minimal\`: @formio/core 2.8.3 normalises it to undefined, then its max rule throws, is caught and logged). ` +
            `The run counts these lines instead of printing them (${timingLog.count()} more while timing).`,
        ];
  const timing = renderTiming(figures, engines, sets);
  console.log(timing.table);
  console.log(`\n${timing.verdict}`);

  reportSection(
    {
      id: 'validate-peers',
      command: 'pnpm bench:validate-peers',
      versions: VERSIONS,
      body: [
        describeForm(),
        '',
        `**Agreement.** ${SUBMISSIONS.length} submissions, each written once in Amtsweg's data shape and mapped to the peers' (only Form.io's checkboxes differ: an object of booleans). ` +
          'Cells: accepted, or rejected with the first field named; every engine must also name the expected field among its errors. ' +
          'The reused SurveyJS Model gives the same answers as a new one (checked, not shown). † = the peer cannot express the rule, see below.',
        '',
        renderAgreement(agreement, engines, 'markdown'),
        '',
        ...describeGaps(),
        '',
        `**Timing.** µs per submission, single calls timed within ${BATCH_MS} ms batches after ${WARM_UP_MS} ms of warm-up per engine; ` +
          `${rounds} rounds, engines taking turns each round so machine noise falls on all of them alike. ` +
          `Valid set: ${sets[0]!.submissions.length} submissions (1 to 5 contacts); invalid set: ${sets[1]!.submissions.length}; the † cases are left out. ` +
          'Ratio = peer median / Amtsweg median.',
        '',
        timing.markdown,
        '',
        timing.verdict,
        '',
        ...SETUP_NOTES,
        ...formioLogNote,
      ].join('\n'),
    },
    'Validation against peers',
  );
}

// ------------------------------------------------------------ the form

function describeForm(): string {
  const elements = [...indexFormElements(SONDERNUTZUNG_FORM).values()].map((e) => e.element);
  const fields = elements.filter((e) => e.type !== 'repeat' && e.type !== 'group');
  const conditional = elements.filter((e) => e.visibleIf !== undefined || ('requiredIf' in e && e.requiredIf !== undefined));
  const shownWhen = conditional.filter((e) => e.visibleIf !== undefined);
  const shownThenRequired = shownWhen.filter((e) => 'required' in e && e.required === true).length;
  const kinds = [...new Set(fields.map((e) => e.type))].join(', ');
  return (
    `Form: Sondernutzungserlaubnis (\`packages/forms/bench/peers/\`), ${fields.length} fields on ${SONDERNUTZUNG_FORM.pages.length} pages (${kinds}); ` +
    `${conditional.length} fields depend on other answers (${shownWhen.length} shown only when another answer has a value, ${shownThenRequired} of them then required; ` +
    `${conditional.length - shownWhen.length} required only when one has); one repeating group of 5 fields (contacts on site, ${LIMITS.contacts.min}–${LIMITS.contacts.max} items). ` +
    'The Amtsweg definition passes checkDefinition.'
  );
}

function describeGaps(): string[] {
  const lines = ['What a peer cannot express (its answer does not count; left out of the timings):'];
  for (const submission of SUBMISSIONS) {
    for (const [peer, reason] of Object.entries(submission.gaps ?? {})) {
      lines.push(`- \`${submission.name}\` – ${peer === 'formio' ? 'Form.io' : 'SurveyJS'}: ${reason}.`);
    }
  }
  return lines;
}

const SETUP_NOTES = [
  'Setup differences, each noted where the form is defined:',
  '- Amtsweg compiles the form once and validates with one call; its `validate` copies, trims and normalises the submission and builds German messages.',
  "- Form.io runs what its server's Validator runs per request: `processSync` with `ProcessTargets.submission`, then `ProcessTargets.evaluator`, on a copy of the data. " +
    'The server runs the evaluator step in an isolated VM (@formio/vm); here it runs in-process, which favours Form.io. ' +
    'Row bounds of the data grid and "phone required when phone contact is chosen" are JSONLogic custom validations (`validate.json`): @formio/core has no row-count check on the server and no conditional `required`. ' +
    'Dates are `datetime` components with a pattern (`validate.pattern`, which the engine applies to any component): the datetime check alone is `new Date(value)`, which reads 04.05.2026 as 5 April.',
  '- SurveyJS: `new Model(json)`, `data = …`, `validate(true, false)` over all pages. Lengths need text validators (`maxLength` only limits typing), dates a pattern, ' +
    'the checkbox maximum an expression validator (`maxSelectedChoices` only limits ticking). The dynamic panel has no `maxPanelCount`: with it, setting data of 6 items cuts the 6th off without an error; ' +
    'an expression validator carries the maximum instead. ' +
    'A value outside the choices is not an error in SurveyJS: the question treats it as unanswered and drops it from `data`, so `unknown-district` is rejected only because the field is required, ' +
    'and an unknown checkbox value next to a valid one is accepted (the unknown one silently dropped).',
  '- The reused SurveyJS Model is `clear()`ed before its data is set: setting only the data leaves the previous submission\'s panels in place, and `no-contact` then passed as one old item.',
  "- E-mail: each engine uses its own check (Amtsweg: ajv-formats `email`; Form.io and SurveyJS: their built-in patterns); they agree on the cases here, not on every address.",
  '- Integers: Amtsweg rejects 2.5 seats; the peers check only the range (not among the cases).',
];

// ------------------------------------------------------------ agreement

interface Agreement {
  outcomes: Map<string, Map<EngineId, ValidationOutcome>>;
  problems: string[];
}

/** Runs every submission through every engine twice, in opposite orders, so state left behind would show. */
function checkAgreement(engines: BenchEngine[]): Agreement {
  const outcomes = new Map<string, Map<EngineId, ValidationOutcome>>();
  const problems: string[] = [];
  for (const engine of engines) {
    const first = SUBMISSIONS.map((s) => engine.validate(engine.prepare(s.data)));
    const second = [...SUBMISSIONS].reverse().map((s) => engine.validate(engine.prepare(s.data))).reverse();
    SUBMISSIONS.forEach((submission, i) => {
      const outcome = first[i]!;
      if (JSON.stringify(outcome) !== JSON.stringify(second[i])) {
        problems.push(`${submission.name}: ${engine.label} answers differently depending on what it validated before`);
      }
      const row = outcomes.get(submission.name) ?? new Map<EngineId, ValidationOutcome>();
      row.set(engine.id, outcome);
      outcomes.set(submission.name, row);
      const peer = PEER_OF[engine.id];
      if (peer !== undefined && submission.gaps?.[peer] !== undefined) return;
      const problem = judge(submission, outcome);
      if (problem) problems.push(`${submission.name}: ${engine.label} ${problem}`);
    });
  }
  for (const submission of SUBMISSIONS) {
    const row = outcomes.get(submission.name)!;
    if (JSON.stringify(row.get('surveyjs')) !== JSON.stringify(row.get('surveyjsReused'))) {
      problems.push(`${submission.name}: the reused SurveyJS Model answers differently from a new one`);
    }
  }
  return { outcomes, problems };
}

function judge(submission: BenchSubmission, outcome: ValidationOutcome): string | undefined {
  if (submission.valid && !outcome.accepted) return `rejects a valid submission (${outcome.fields.join(', ')})`;
  if (!submission.valid && outcome.accepted) return `accepts an invalid submission (expected an error at ${submission.errorField})`;
  const expected = submission.errorField;
  if (!submission.valid && expected !== undefined && !outcome.fields.some((f) => f === expected || f.startsWith(`${expected}.`))) {
    return `rejects for another reason: ${outcome.fields.join(', ')} instead of ${expected}`;
  }
  return undefined;
}

function renderAgreement(agreement: Agreement, engines: BenchEngine[], format: 'console' | 'markdown'): string {
  const shown = format === 'markdown' ? engines.filter((e) => e.id !== 'surveyjsReused') : engines;
  const header = ['submission', 'expected', ...shown.map((e) => SHORT_NAME[e.id])];
  const rows = SUBMISSIONS.map((submission) => {
    const row = agreement.outcomes.get(submission.name)!;
    return [
      format === 'markdown' ? `\`${submission.name}\`` : submission.name,
      submission.valid ? 'valid' : `invalid: ${submission.errorField}`,
      ...shown.map((engine) => {
        const outcome = row.get(engine.id)!;
        const peer = PEER_OF[engine.id];
        const gap = peer !== undefined && submission.gaps?.[peer] !== undefined ? ' †' : '';
        return (outcome.accepted ? 'accepted' : `rejected: ${outcome.fields[0] ?? '?'}`) + gap;
      }),
    ];
  });
  return renderTable(header, rows, format);
}

// ------------------------------------------------------------ timing

interface TimedSet {
  name: 'valid' | 'invalid';
  submissions: BenchSubmission[];
}

interface Figures {
  median: number;
  p95: number;
  calls: number;
}

/** Per engine and set: the duration of every single call, in µs. */
function measure(engines: BenchEngine[], sets: TimedSet[]): { figures: Map<EngineId, Map<TimedSet['name'], Figures>>; rounds: number } {
  const runs = engines.flatMap((engine) =>
    sets.map((set) => ({
      engine,
      set: set.name,
      inputs: set.submissions.map((s) => ({ data: engine.prepare(s.data), valid: s.valid })),
      cursor: 0,
      durations: [] as number[],
    })),
  );
  for (const run of runs) runBatch(run, WARM_UP_MS / sets.length, false);
  const started = performance.now();
  let rounds = 0;
  while (rounds < ROUNDS && performance.now() - started < TIMING_BUDGET_MS) {
    // Rotate who goes first, so no engine always runs right after the most garbage-producing one.
    const offset = rounds % runs.length;
    for (let i = 0; i < runs.length; i++) runBatch(runs[(i + offset) % runs.length]!, BATCH_MS, true);
    rounds++;
  }
  console.log(`timed ${rounds} rounds in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  const figures = new Map<EngineId, Map<TimedSet['name'], Figures>>();
  for (const run of runs) {
    const sorted = run.durations.sort((a, b) => a - b);
    const perSet = figures.get(run.engine.id) ?? new Map<TimedSet['name'], Figures>();
    perSet.set(run.set, { median: percentile(sorted, 50), p95: percentile(sorted, 95), calls: sorted.length });
    figures.set(run.engine.id, perSet);
  }
  return { figures, rounds };
}

interface Run {
  engine: BenchEngine;
  inputs: { data: Record<string, unknown>; valid: boolean }[];
  cursor: number;
  durations: number[];
}

function runBatch(run: Run, budgetMs: number, record: boolean): void {
  const end = performance.now() + budgetMs;
  do {
    const input = run.inputs[run.cursor]!;
    run.cursor = (run.cursor + 1) % run.inputs.length;
    const start = performance.now();
    const outcome = run.engine.validate(input.data);
    const elapsed = performance.now() - start;
    // Uses the result, so no engine's work can be optimised away, and catches a changed answer.
    if (outcome.accepted !== input.valid) throw new Error(`${run.engine.label} changed its answer while being timed`);
    if (record) run.durations.push(elapsed * 1000);
  } while (performance.now() < end);
}

function renderTiming(
  figures: Map<EngineId, Map<TimedSet['name'], Figures>>,
  engines: BenchEngine[],
  sets: TimedSet[],
): { table: string; markdown: string; verdict: string } {
  const base = figures.get('amtsweg')!;
  const header = ['engine', ...sets.flatMap((s) => [`${s.name} median µs`, `${s.name} p95 µs`, `${s.name} ratio`])];
  const rows = engines.map((engine) => [
    engine.label,
    ...sets.flatMap((set) => {
      const f = figures.get(engine.id)!.get(set.name)!;
      const ratio = f.median / base.get(set.name)!.median;
      return [formatMicros(f.median), formatMicros(f.p95), engine.id === 'amtsweg' ? '1×' : `${ratio < 10 ? ratio.toFixed(1) : Math.round(ratio).toLocaleString('en')}×`];
    }),
  ]);
  const verdicts = sets.map((set) => {
    const amtsweg = base.get(set.name)!.median;
    const fastest = (ids: EngineId[]): [EngineId, number] =>
      ids.map((id) => [id, figures.get(id)!.get(set.name)!.median] as [EngineId, number]).sort((a, b) => a[1] - b[1])[0]!;
    const [peer, median] = fastest(['formio', 'surveyjs']);
    const [, reusedMedian] = fastest(['formio', 'surveyjsReused']);
    const ratio = median / amtsweg;
    const favourable = reusedMedian / amtsweg;
    return (
      `${set.name}: ${ratio.toFixed(1)}× faster than the faster peer (${SHORT_NAME[peer]}) — ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}` +
      `; against the reused SurveyJS Model as well: ${favourable.toFixed(1)}× (${favourable >= TARGET_RATIO ? 'met' : 'NOT met'})`
    );
  });
  return {
    table: renderTable(header, rows, 'console'),
    markdown: renderTable(header, rows, 'markdown'),
    verdict: `Target: Amtsweg at least ${TARGET_RATIO}× faster than the faster peer, by median. ${verdicts.join('. ')}.`,
  };
}

function formatMicros(value: number): string {
  return value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en');
}

// ------------------------------------------------------------ tables

function renderTable(header: string[], rows: string[][], format: 'console' | 'markdown'): string {
  if (format === 'markdown') {
    const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

main();
