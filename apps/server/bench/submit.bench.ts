// pnpm bench:submit — throughput and latency of POST /api/services/:id/submissions on PostgreSQL, next to a
// baseline that only stores the same body with one INSERT, both measured in one run, each in its own process,
// at several numbers of concurrent connections in turn (the targets are read at 32). Prints figures, writes the
// table into docs/benchmarks.md and a plot of latency against concurrency (docs/plots/submission-latency.svg);
// asserts nothing (a missed target is reported, never turned into an exit code).
//
// Settings (environment): BENCH_DURATION seconds per server and level (10), BENCH_CONNECTIONS the levels
// (1,4,16,32,64), BENCH_WARMUP seconds
// before each measurement (2), BENCH_SUBMISSION example file (valid.json), BENCH_CPU_PROF folder for a
// --cpu-prof profile of the Amtsweg process. The databases are created on TEST_DATABASE_URL / DATABASE_URL /
// postgres://postgres@127.0.0.1:5432/postgres and dropped again.
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from '@amtsweg/db/testing';
import { readExampleSubmissions } from '@amtsweg/examples/node';
import autocannon from 'autocannon';
import { sql, type RawBuilder } from 'kysely';
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { reportSection } from '../../../tests/support/bench-report';
import { writeLinePlot } from '../../../tests/support/svg-plot';
import { startChildServer, type ChildServer } from './child-server';
import { runBounded } from './run-bounded';
import { readLevels, readSetting } from './settings';

const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 50;
const DURATION_SECONDS = readSetting('BENCH_DURATION', 10, 1);
const CONNECTION_LEVELS = readLevels('BENCH_CONNECTIONS', [1, 4, 16, 32, 64]);
/** The level the targets are stated for. */
const TARGET_CONNECTIONS = 32;
const PLOT_FILE = fileURLToPath(new URL('../../../docs/plots/submission-latency.svg', import.meta.url));
const WARMUP_SECONDS = readSetting('BENCH_WARMUP', 2, 0);
const SUBMISSION_FILE = process.env.BENCH_SUBMISSION ?? 'valid.json';
// valid.json names an uploaded certificate; where the server checks uploads, only this one can be sent repeatedly.
const SUBMISSION_WITHOUT_FILES = 'valid-without-files.json';
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROF;
const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const BASELINE_TABLE = 'bench_submissions';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const KEPT_ERROR_SAMPLES = 3;

interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  ok: number;
  /** Non-2xx answers plus connection errors and timeouts. */
  errors: number;
  /** Sent but unanswered when autocannon stopped: the server may still have finished (and committed) them. */
  cutOff: number;
  statusCounts: Map<number, number>;
  connectionErrors: number;
  timeouts: number;
  errorSamples: string[];
}

interface Measurement {
  figures: LoadFigures;
  /** Rows the measured run added (cases, or baseline rows), counted once the server was idle again. */
  rowsCreated: number;
}

const cleanups: (() => Promise<void>)[] = [];

async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    await cleanups
      .pop()!()
      .catch((error: unknown) => console.error(`cleanup: ${(error as Error).message}`));
  }
}

// Bounded in time (see runBounded).
await runBounded('bench:submit', CONNECTION_LEVELS.length * 2 * (DURATION_SECONDS + WARMUP_SECONDS + 10) + 180, run, cleanUp);

async function run(): Promise<void> {
  const postgresHost = new URL(TEST_POSTGRES_URL).hostname;
  if (!LOOPBACK_HOSTS.has(postgresHost)) {
    throw new Error(`the benchmark creates and drops databases; it only uses a PostgreSQL on this machine, not ${postgresHost}`);
  }

  const amtswegDb = await createTestDatabase('postgres');
  cleanups.push(() => amtswegDb.dispose());
  const baselineDb = await createTestDatabase('postgres');
  cleanups.push(() => baselineDb.dispose());
  await sql`create table ${sql.table(BASELINE_TABLE)} (id uuid primary key, data jsonb not null)`.execute(baselineDb.db);

  const amtsweg = await startChildServer({
    name: 'Amtsweg',
    script: 'src/server.ts',
    cwd: SERVER_DIR,
    env: { DATABASE_URL: await readDatabaseUrl(amtswegDb), SEED_DEMO: 'true', LOG_LEVEL: 'warn', RATE_LIMIT_SUBMISSION: '100000000', SERVER_SECRET: 'benchmark-server-secret-of-32-characters' },
    healthPath: '/api/health',
    nodeArgs: CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : [],
  });
  cleanups.push(() => amtsweg.stop());
  const baseline = await startChildServer({
    name: 'baseline',
    script: 'bench/baseline-server.ts',
    cwd: SERVER_DIR,
    env: { DATABASE_URL: await readDatabaseUrl(baselineDb), BASELINE_TABLE, LOG_LEVEL: 'warn' },
    healthPath: '/health',
  });
  cleanups.push(() => baseline.stop());

  const serviceId = await findServiceId(amtsweg, 'hundeanmeldung');
  const submissionsUrl = `${amtsweg.origin}/api/services/${serviceId}/submissions`;
  const submission = await chooseSubmission(submissionsUrl);
  const countCases = (): Promise<number> => countRows(amtswegDb, sql<{ count: string }>`select count(*) as count from cases`);

  const countBaselineRows = (): Promise<number> => countRows(baselineDb, sql<{ count: string }>`select count(*) as count from ${sql.table(BASELINE_TABLE)}`);
  const levels: Level[] = [];
  for (const connections of CONNECTION_LEVELS) {
    const baselineRun = await measure(`${baseline.origin}/submissions`, submission.body, connections, countBaselineRows);
    const amtswegRun = await measure(submissionsUrl, submission.body, connections, countCases);
    levels.push({ connections, baseline: baselineRun, amtsweg: amtswegRun });
  }
  const casesWithoutEvents = await countRows(
    amtswegDb,
    sql<{ count: string }>`select count(*) as count from cases c where not exists (select 1 from case_events e where e.case_id = c.id)`,
  );
  const postgresVersion = (await sql<{ server_version: string }>`show server_version`.execute(amtswegDb.db)).rows[0]?.server_version ?? 'unknown';
  const logs = { amtsweg: amtsweg.output(), baseline: baseline.output() };

  await amtsweg.stop();
  await baseline.stop();

  for (const level of levels) printReport({ postgresVersion, submission, level, casesWithoutEvents, logs });
  summarise(levels, postgresVersion, submission.file);
}

interface Level {
  connections: number;
  baseline: Measurement;
  amtsweg: Measurement;
}

/** Every level side by side, into docs/benchmarks.md and the plot. */
function summarise(levels: Level[], postgresVersion: string, file: string): void {
  const whole = (n: number): string => Math.round(n).toLocaleString('en');
  const target = levels.find((level) => level.connections === TARGET_CONNECTIONS);
  const rows = levels.map(({ connections, baseline, amtsweg }) => {
    const ratio = amtsweg.figures.requestsPerSecond / baseline.figures.requestsPerSecond;
    return `| ${connections} | ${whole(baseline.figures.requestsPerSecond)} | ${baseline.figures.p50} / ${baseline.figures.p99} | ${whole(amtsweg.figures.requestsPerSecond)} | ${amtsweg.figures.p50} / ${amtsweg.figures.p99} | ${ratio.toFixed(2)} | ${checkRows(amtsweg) && checkRows(baseline) ? 'ok' : '**wrong**'} |`;
  });
  const verdicts = target
    ? `At ${TARGET_CONNECTIONS} connections: throughput ${(target.amtsweg.figures.requestsPerSecond / target.baseline.figures.requestsPerSecond).toFixed(2)} of the baseline ` +
      `(target ≥ ${TARGET_RATIO}: ${target.amtsweg.figures.requestsPerSecond / target.baseline.figures.requestsPerSecond >= TARGET_RATIO ? 'met' : 'not met'}), ` +
      `p99 ${target.amtsweg.figures.p99} ms (target < ${TARGET_P99_MS} ms: ${target.amtsweg.figures.p99 < TARGET_P99_MS ? 'met' : 'not met'}).`
    : `(${TARGET_CONNECTIONS} connections were not among the levels, so the targets are not read.)`;
  reportSection(
    {
      id: 'submit',
      command: `BENCH_CONNECTIONS=${CONNECTION_LEVELS.join(',')} pnpm bench:submit`,
      versions: [`PostgreSQL ${postgresVersion}`],
      body: [
        `autocannon against each server in turn, ${DURATION_SECONDS} s per server and level after ${WARMUP_SECONDS} s warm-up, POST \`${file}\`; ` +
          'both servers are separate Node processes with a `pg` pool of 10 on fresh databases, sharing the machine with PostgreSQL and the load generator. ' +
          'Latency in whole milliseconds, as autocannon reports it (0: under 1 ms). ' +
          '"rows": every 2xx answer has its row (and every case its first event), counted once the server was idle.',
        '',
        '| connections | baseline req/s | baseline p50 / p99 ms | Amtsweg req/s | Amtsweg p50 / p99 ms | Amtsweg / baseline | rows |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        ...rows,
        '',
        verdicts,
        '',
        '![Submission latency against concurrent connections](plots/submission-latency.svg)',
      ].join('\n'),
    },
    'Submission throughput and latency against concurrency',
  );
  if (levels.length < 2) return;
  const series = (name: string, pick: (level: Level) => number, dashed = false) => ({ name, dashed, points: levels.map((level) => ({ x: level.connections, y: pick(level) })) });
  writeLinePlot(PLOT_FILE, {
    title: 'Submissions: latency against concurrent connections',
    description: `p50 and p99 latency in milliseconds of POST …/submissions (Amtsweg) and of a bare Fastify + INSERT server, at ${CONNECTION_LEVELS.join(', ')} connections.`,
    xLabel: 'concurrent connections (log scale)',
    yLabel: 'latency, ms',
    logX: true,
    series: [
      series('Amtsweg p99', (level) => level.amtsweg.figures.p99),
      series('Amtsweg p50', (level) => level.amtsweg.figures.p50),
      series('baseline p99', (level) => level.baseline.figures.p99),
      series('baseline p50', (level) => level.baseline.figures.p50),
      series(`target p99 ${TARGET_P99_MS} ms`, () => TARGET_P99_MS, true),
    ],
  });
}

/** Warms the server up, then measures it; rows are counted before and after, once the server is idle. */
async function measure(url: string, body: string, connections: number, countTargetRows: () => Promise<number>): Promise<Measurement> {
  if (WARMUP_SECONDS > 0) await fireLoad(url, body, connections, WARMUP_SECONDS);
  const before = await waitUntilSettled(countTargetRows);
  const figures = await fireLoad(url, body, connections, DURATION_SECONDS);
  const after = await waitUntilSettled(countTargetRows);
  return { figures, rowsCreated: after - before };
}

async function fireLoad(url: string, body: string, connections: number, seconds: number): Promise<LoadFigures> {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`refusing to load anything but 127.0.0.1: ${url}`);
  const errorSamples = new Map<string, number>();
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        onResponse: (status, responseBody) => {
          if (status >= 200 && status < 300) return;
          const key = `${status} ${abbreviate(responseBody)}`;
          errorSamples.set(key, (errorSamples.get(key) ?? 0) + 1);
        },
      },
    ],
  });
  const statusCounts = new Map(Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [Number(status), stats.count ?? 0]));
  const answered = [...statusCounts.values()].reduce((sum, count) => sum + count, 0);
  return {
    requestsPerSecond: result.requests.mean,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    errors: result.non2xx + result.errors,
    cutOff: Math.max(0, result.requests.sent - answered - result.errors),
    statusCounts,
    connectionErrors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    errorSamples: [...errorSamples.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, KEPT_ERROR_SAMPLES)
      .map(([sample, count]) => `${count} × ${sample}`),
  };
}

/** Requests cut off at the end of a run may still commit: counts until the number stays the same for 0.5 s. */
async function waitUntilSettled(count: () => Promise<number>): Promise<number> {
  let last = await count();
  for (let stable = 0, polls = 0; stable < 2 && polls < 40; polls++) {
    await sleep(250);
    const next = await count();
    stable = next === last ? stable + 1 : 0;
    last = next;
  }
  return last;
}

/**
 * The example to send: BENCH_SUBMISSION (valid.json). If the server rejects valid.json, the upload it names is
 * the likely reason (a file belongs to one case), so the same form without files is used instead, and said so.
 */
async function chooseSubmission(url: string): Promise<{ file: string; body: string; note: string | null }> {
  const examples = readExampleSubmissions();
  const bodyOf = (file: string): string => {
    const example = examples.find((s) => s.file === file);
    if (!example) throw new Error(`there is no example submission ${file}`);
    return JSON.stringify(example.data);
  };
  const body = bodyOf(SUBMISSION_FILE);
  const probe = await postOnce(url, body);
  if (probe.status === 201 || SUBMISSION_FILE !== 'valid.json') {
    return { file: SUBMISSION_FILE, body, note: probe.status === 201 ? null : `probe answered ${probe.status}: ${abbreviate(probe.text)}` };
  }
  const fallback = bodyOf(SUBMISSION_WITHOUT_FILES);
  const second = await postOnce(url, fallback);
  const secondNote = second.status === 201 ? '' : `; ${SUBMISSION_WITHOUT_FILES} answered ${second.status} too: ${abbreviate(second.text)}`;
  return {
    file: SUBMISSION_WITHOUT_FILES,
    body: fallback,
    note: `valid.json was rejected (${probe.status}: ${abbreviate(probe.text)}), so ${SUBMISSION_WITHOUT_FILES} is sent instead${secondNote}`,
  };
}

async function postOnce(url: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, text: await response.text() };
}

async function findServiceId(server: ChildServer, slug: string): Promise<string> {
  const response = await fetch(`${server.origin}/api/services`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET /api/services answered ${response.status}`);
  const catalog = (await response.json()) as { services: { id: string; slug: string }[] };
  const service = catalog.services.find((s) => s.slug === slug);
  if (!service) throw new Error(`the catalog has no service "${slug}" (is SEED_DEMO on?)`);
  return service.id;
}

/** The connection string of a test database: the test server's, with the database's own name. */
async function readDatabaseUrl(database: TestDatabase): Promise<string> {
  const result = await sql<{ name: string }>`select current_database() as name`.execute(database.db);
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${result.rows[0]!.name}`;
  return url.toString();
}

async function countRows(database: TestDatabase, query: RawBuilder<{ count: string }>): Promise<number> {
  const result = await query.execute(database.db);
  return Number(result.rows[0]?.count ?? 0);
}

function printReport(report: {
  postgresVersion: string;
  submission: { file: string; body: string; note: string | null };
  level: Level;
  casesWithoutEvents: number;
  logs: Record<'amtsweg' | 'baseline', { lines: number; first: string[] }>;
}): void {
  const { baseline, amtsweg, connections } = report.level;
  const cpuList = cpus();
  const ratio = amtsweg.figures.requestsPerSecond / baseline.figures.requestsPerSecond;
  const whole = (n: number): string => Math.round(n).toLocaleString('en');
  const row = (label: string, f: LoadFigures): string =>
    `${label.padEnd(34)}${whole(f.requestsPerSecond).padStart(8)} ${whole(f.p50).padStart(8)} ${whole(f.p99).padStart(8)} ${whole(f.ok).padStart(9)} ${whole(f.errors).padStart(7)}`;
  const verdict = (met: boolean): string => (met ? 'met' : 'NOT met');

  console.log(`Amtsweg submission benchmark — ${new Date().toISOString()}`);
  console.log(`machine: ${cpuList[0]?.model ?? 'unknown'} × ${cpuList.length}, Node ${process.version}, PostgreSQL ${report.postgresVersion}`);
  console.log(
    `load: autocannon, ${connections} connections, ${DURATION_SECONDS} s per server after ${WARMUP_SECONDS} s warm-up, ` +
      `POST ${report.submission.file} (${Buffer.byteLength(report.submission.body)} bytes), no Idempotency-Key`,
  );
  console.log('servers: one Node process each on 127.0.0.1, pg pool of 10, log level warn; load generator and PostgreSQL on the same machine');
  console.log('latency: autocannon, of 2xx answers only, in whole milliseconds');
  if (report.submission.note) console.log(`note: ${report.submission.note}`);
  console.log(`\n${''.padEnd(34)}   req/s   p50 ms   p99 ms       2xx  errors`);
  console.log(row('baseline (Fastify + 1 INSERT)', baseline.figures));
  console.log(row('Amtsweg POST …/submissions', amtsweg.figures));

  for (const [label, measurement] of [['baseline', baseline], ['Amtsweg', amtsweg]] as const) {
    const f = measurement.figures;
    if (f.errors === 0) continue;
    const statuses = [...f.statusCounts.entries()].filter(([status]) => status < 200 || status >= 300).map(([status, count]) => `${status} × ${whole(count)}`);
    console.log(`\nerrors ${label}: ${[...statuses, `connection errors × ${f.connectionErrors}`, `timeouts × ${f.timeouts}`].join(', ')}`);
    for (const sample of f.errorSamples) console.log(`  ${sample}`);
  }

  console.log(`\nthroughput Amtsweg/baseline: ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}: ${verdict(ratio >= TARGET_RATIO)})`);
  console.log(`Amtsweg p99: ${amtsweg.figures.p99} ms (target < ${TARGET_P99_MS} ms at ${TARGET_CONNECTIONS} connections: ${verdict(amtsweg.figures.p99 < TARGET_P99_MS)})`);

  console.log('\nrow check (after the measured run, once the server was idle):');
  console.log(`  Amtsweg:  ${describeRowCheck('cases', amtsweg)}`);
  console.log(`  Amtsweg:  cases without a case_events row: ${report.casesWithoutEvents} (${report.casesWithoutEvents === 0 ? 'ok' : 'WRONG'})`);
  console.log(`  baseline: ${describeRowCheck('rows', baseline)}`);
  for (const [label, log] of [['Amtsweg', report.logs.amtsweg], ['baseline', report.logs.baseline]] as const) {
    if (log.lines === 0) continue;
    console.log(`\n${label} wrote ${log.lines} log lines at warn or above; the first:`);
    for (const line of log.first) console.log(`  ${line}`);
  }
  if (CPU_PROFILE_DIR) console.log(`\nCPU profile of the Amtsweg process (whole run, startup and warm-up included): ${CPU_PROFILE_DIR}`);
}

/**
 * Every 2xx must have written its row. Requests autocannon cut off at the end were sent and may have committed
 * without an answer being counted, so up to that many extra rows are expected, never fewer than the 2xx count.
 */
function describeRowCheck(what: string, measurement: Measurement): string {
  const { ok, cutOff } = measurement.figures;
  const created = measurement.rowsCreated;
  const extra = created - ok;
  const fine = checkRows(measurement);
  const detail = extra === 0 ? '' : ` + ${extra} of the ${cutOff} requests cut off unanswered when the load stopped`;
  return `${what} created ${created.toLocaleString('en')} = 2xx ${ok.toLocaleString('en')}${detail} (${fine ? 'ok' : `WRONG: expected ${ok}…${ok + cutOff}`})`;
}

function checkRows(measurement: Measurement): boolean {
  const extra = measurement.rowsCreated - measurement.figures.ok;
  return extra >= 0 && extra <= measurement.figures.cutOff;
}

function abbreviate(text: string, length = 240): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
