// pnpm bench:inbox — the inbox list at scale, measured through the API: for each size, a fresh PostgreSQL
// database seeded with that many cases (seed-inbox.ts), the real server as its own process, a caseworker's
// session cookie, and for each of the inbox's usual questions the latency (p50/p95/p99) and requests/s of
// GET /api/cases; then EXPLAIN (ANALYZE, BUFFERS) of the SQL behind the main ones, to show which index answers
// them. At the end a table of p95 against the number of cases, written into docs/benchmarks.md, and a plot of it
// (docs/plots/inbox-latency.svg). Prints figures; asserts nothing (a missed target is reported, never turned
// into an exit code).
//
// Settings (environment): BENCH_CASES the sizes, each measured in turn (10000,100000,1000000), BENCH_DURATION seconds per query (5), BENCH_WARMUP seconds
// per query (1), BENCH_CONNECTIONS the numbers of concurrent callers, each measured in turn (1,4), BENCH_CPU_PROF folder for a --cpu-prof profile of
// the server, BENCH_DATABASE_URL an already seeded database to use as it is (neither seeded nor dropped; the
// server migrates it). Otherwise the database is created on TEST_DATABASE_URL / DATABASE_URL /
// postgres://postgres@127.0.0.1:5432/postgres and dropped again.
import { buildInboxQueries, createDatabase, type CaseViewer, type DatabaseHandle, type InboxFilter } from '@amtsweg/db';
import { createTestDatabase, TEST_POSTGRES_URL } from '@amtsweg/db/testing';
import { CompiledQuery, sql, type Compilable } from 'kysely';
import { cpus, loadavg, totalmem } from 'node:os';
import { reportSection } from '../../../tests/support/bench-report';
import { writeLinePlot } from '../../../tests/support/svg-plot';
import { fileURLToPath } from 'node:url';
import { startChildServer } from './child-server';
import { INBOX_SEED_PASSWORD, seedInbox, type SeededCaseworker } from './seed-inbox';
import { runBounded } from './run-bounded';
import { readLevels, readSetting } from './settings';

const TARGET_P95_MS = 50;
const SIZES = readLevels('BENCH_CASES', [10_000, 100_000, 1_000_000]);
const DURATION_SECONDS = readSetting('BENCH_DURATION', 5, 1);
const WARMUP_SECONDS = readSetting('BENCH_WARMUP', 1, 0);
// One caller: the latency a caseworker sees. Four at once: what queueing for the two cores adds.
const CONNECTION_LEVELS = readLevels('BENCH_CONNECTIONS', [1, 4]);
const SEEDED_DATABASE_URL = process.env.BENCH_DATABASE_URL || undefined;
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROF;
/** The inbox's page size (apps/inbox asks for 50). */
const PAGE_SIZE = 50;
const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const SURNAME = 'Schäfer';
/** The queries drawn in the plot: the inbox's main views and both searches. */
const PLOTTED = ['default list (received, newest first)', 'mine', 'waiting for applicant', 'all by due date', 'search reference', 'search surname'];
const plotFile = (connections: number) => fileURLToPath(new URL(`../../../docs/plots/inbox-latency-${connections}-caller${connections === 1 ? '' : 's'}.svg`, import.meta.url));
const NO_SERVICE = '00000000-0000-4000-8000-000000000000';

interface Scenario {
  name: string;
  /** The query string of GET /api/cases. */
  query: string;
  /** The same question as the repository is asked it, for EXPLAIN; only for the main ones. */
  filter?: Omit<InboxFilter, 'now' | 'limit' | 'sort'> & { sort?: InboxFilter['sort'] };
}

interface Level {
  connections: number;
  results: { scenario: Scenario; figures: Figures }[];
  /** The machine's one-minute load average when the level was done (other work on it shows here). */
  loadAverage: number;
}

interface Figures {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Cases in the answer and the sum of its counts per state (of the last answer). */
  rows: number;
  counted: number;
  errors: string[];
}

const cleanups: (() => Promise<void>)[] = [];

async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    await cleanups
      .pop()!()
      .catch((error: unknown) => console.error(`cleanup: ${(error as Error).message}`));
  }
}

/** One size's results. */
interface SizeRun {
  cases: number;
  levels: Level[];
}

// Bounded in time (see runBounded).
const BUDGET_SECONDS = SIZES.reduce((total, cases) => total + 12 * CONNECTION_LEVELS.length * (DURATION_SECONDS + WARMUP_SECONDS) + 300 + Math.ceil(cases / 2000), 0);
await runBounded('bench:inbox', BUDGET_SECONDS, run, cleanUp);

async function run(): Promise<void> {
  const sizes: SizeRun[] = [];
  let postgresVersion = 'unknown';
  for (const cases of SEEDED_DATABASE_URL ? [0] : SIZES) {
    const measured = await measureSize(cases);
    sizes.push({ cases: measured.cases, levels: measured.levels });
    postgresVersion = measured.postgresVersion;
    // Drop this size's database before seeding the next one.
    while (cleanups.length > 0) await cleanups.pop()!();
  }
  summarise(sizes, postgresVersion);
}

/** Seeds `cases` (or takes BENCH_DATABASE_URL), measures every question, prints the report of that size. */
async function measureSize(cases: number): Promise<{ cases: number; levels: Level[]; postgresVersion: string }> {
  const { database, url, caseworker, seedNote } = await prepareDatabase(cases);
  const server = await startChildServer({
    name: 'Amtsweg',
    script: 'src/server.ts',
    cwd: SERVER_DIR,
    env: {
      DATABASE_URL: url,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_LOGIN: '100000',
      SERVER_SECRET: 'benchmark-server-secret-of-32-characters',
    },
    healthPath: '/api/health',
    nodeArgs: CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : [],
  });
  cleanups.push(() => server.stop());

  const cookie = await logIn(server.origin, caseworker);
  const get = async (query: string) => {
    const response = await fetch(`${server.origin}/api/cases?${query}`, { headers: { cookie }, signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`GET /api/cases?${query} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    return (await response.json()) as { cases: { reference: string }[]; nextCursor: string | null; countsByState: Record<string, number> };
  };

  // Questions whose answers depend on the data: a reference prefix of the newest case, and page 5's cursor.
  const newest = await get(`limit=1`);
  const newestReference = newest.cases[0]?.reference ?? 'HMI-2026-00001';
  const referencePrefix = newestReference.slice(0, -2);
  let cursor: string | null = null;
  for (let page = 1; page < 5; page++) {
    cursor = (await get(`limit=${PAGE_SIZE}${cursor ? `&cursor=${cursor}` : ''}`)).nextCursor;
    if (!cursor) throw new Error(`the inbox has fewer than ${page + 1} pages`);
  }
  const secondService = caseworker.serviceIds[1]!;

  const scenarios: Scenario[] = [
    // What every answer costs besides the query: session, access check, routing, an empty answer.
    { name: 'floor: a service with no cases', query: `serviceId=${NO_SERVICE}&limit=${PAGE_SIZE}` },
    { name: 'default list (received, newest first)', query: `sort=received&limit=${PAGE_SIZE}`, filter: {} },
    { name: 'mine', query: `assignee=me&sort=received&limit=${PAGE_SIZE}`, filter: { assigneeId: caseworker.id } },
    { name: 'unassigned', query: `assignee=unassigned&sort=received&limit=${PAGE_SIZE}`, filter: { assigneeId: null } },
    { name: 'waiting for applicant', query: `state=awaitingApplicant&sort=received&limit=${PAGE_SIZE}`, filter: { state: 'awaitingApplicant' } },
    { name: 'overdue, by due date', query: `overdue=true&sort=due&limit=${PAGE_SIZE}`, filter: { overdue: true, sort: 'due' } },
    { name: 'all by due date', query: `sort=due&limit=${PAGE_SIZE}`, filter: { sort: 'due' } },
    { name: 'service + state inReview', query: `serviceId=${secondService}&state=inReview&sort=received&limit=${PAGE_SIZE}`, filter: { serviceId: secondService, state: 'inReview' } },
    { name: `search reference "${referencePrefix}"`, query: `q=${encodeURIComponent(referencePrefix)}&limit=${PAGE_SIZE}`, filter: { text: referencePrefix } },
    { name: `search surname "${SURNAME}"`, query: `q=${encodeURIComponent(SURNAME)}&limit=${PAGE_SIZE}`, filter: { text: SURNAME } },
    { name: 'page 5 (cursor)', query: `sort=received&limit=${PAGE_SIZE}&cursor=${cursor}`, filter: { after: decodeCursor(cursor!) } },
  ];

  const levels: Level[] = [];
  for (const connections of CONNECTION_LEVELS) {
    const results: Level['results'] = [];
    for (const scenario of scenarios) {
      const url = `${server.origin}/api/cases?${scenario.query}`;
      if (WARMUP_SECONDS > 0) await fireLoad(url, cookie, connections, WARMUP_SECONDS);
      results.push({ scenario, figures: await fireLoad(url, cookie, connections, DURATION_SECONDS) });
    }
    levels.push({ connections, results, loadAverage: loadavg()[0]! });
  }

  const viewer: CaseViewer = { kind: 'staff', userId: caseworker.id };
  const plans: { name: string; page: string[]; counts: string[] }[] = [];
  for (const { name, filter } of scenarios) {
    if (!filter) continue;
    const inbox = await buildInboxQueries(database.db, caseworker.organisationId, viewer, { sort: 'received', ...filter, limit: PAGE_SIZE + 1, now: new Date() });
    plans.push({ name, page: await explain(database, inbox.page), counts: await explain(database, inbox.counts) });
  }
  const postgres = await sql<{ server_version: string }>`show server_version`.execute(database.db);
  const tableSize = await sql<{ cases: string; visible: string; size: string }>`
    select (select count(*) from cases) as cases,
           (select count(*) from cases where service_id in (select service_id from user_service_roles where user_id = ${caseworker.id})) as visible,
           pg_size_pretty(pg_total_relation_size('cases')) as size`.execute(database.db);
  const log = server.output();
  await server.stop();

  const postgresVersion = postgres.rows[0]?.server_version ?? 'unknown';
  printReport({ postgresVersion, table: tableSize.rows[0]!, seedNote, caseworker, levels, plans, log });
  return { cases: Number(tableSize.rows[0]!.cases), levels, postgresVersion };
}


/** p50 / p95 / p99 of every question at every size, into docs/benchmarks.md and the plot. */
function summarise(sizes: SizeRun[], postgresVersion: string): void {
  const label = (scenario: Scenario) => scenario.name.replace(/ "[^"]*"$/, '');
  const cell = (f: Figures) => `${f.p50.toFixed(1)} / ${f.p95 >= TARGET_P95_MS ? `**${f.p95.toFixed(1)}**` : f.p95.toFixed(1)} / ${f.p99.toFixed(1)}`;
  const sizeName = (cases: number) => (cases >= 1_000_000 ? `${cases / 1_000_000}M` : `${Math.round(cases / 1000)}k`);
  const tables = CONNECTION_LEVELS.map((connections, levelIndex) => {
    const names = sizes[0]!.levels[levelIndex]!.results.map((r) => r.scenario);
    const rows = names.map((scenario, i) => `| ${label(scenario)} | ${sizes.map((size) => cell(size.levels[levelIndex]!.results[i]!.figures)).join(' | ')} |`);
    const worst = sizes.map((size) => Math.max(...size.levels[levelIndex]!.results.map((r) => r.figures.p95)));
    return [
      `${connections} caller${connections === 1 ? '' : 's'} at once, p50 / p95 / p99 in ms (bold: p95 at or over ${TARGET_P95_MS} ms):`,
      '',
      `| query | ${sizes.map((size) => `${size.cases.toLocaleString('en')} cases`).join(' | ')} |`,
      `| --- | ${sizes.map(() => '---').join(' | ')} |`,
      ...rows,
      `| **worst p95** | ${worst.map((w) => `${w.toFixed(1)} (${w < TARGET_P95_MS ? 'met' : 'not met'})`).join(' | ')} |`,
    ].join('\n');
  });
  reportSection(
    {
      id: 'inbox',
      command: `BENCH_CASES=${sizes.map((s) => s.cases).join(',')} pnpm bench:inbox`,
      versions: [`PostgreSQL ${postgresVersion}`],
      body: [
        `GET /api/cases through HTTP as a caseworker with roles for four services (about 41 % of the cases are hers to see), page size ${PAGE_SIZE}, ` +
          `${DURATION_SECONDS} s per query after ${WARMUP_SECONDS} s warm-up, closed loop; a fresh database seeded for each size ` +
          '(3 organisations, 20 services). Target: p95 under 50 ms.',
        '',
        ...tables.flatMap((table) => [table, '']),
        ...CONNECTION_LEVELS.map((connections) => `![Inbox p95 against the number of cases, ${connections} at once](plots/${plotFile(connections).split('/').pop()})`),
      ].join('\n'),
    },
    'Inbox at scale: latency against the number of cases',
  );
  if (sizes.length < 2) return;
  CONNECTION_LEVELS.forEach((connections, levelIndex) => {
    const series = sizes[0]!.levels[levelIndex]!.results
      .map((result, i) => ({ name: label(result.scenario), i }))
      .filter(({ name }) => PLOTTED.includes(name))
      .map(({ name, i }) => ({ name: name.replace(/ \(.*\)$/, ''), points: sizes.map((size) => ({ x: size.cases, y: size.levels[levelIndex]!.results[i]!.figures.p95 })) }));
    writeLinePlot(plotFile(connections), {
      title: `Inbox: p95 of GET /api/cases, ${connections} caller${connections === 1 ? '' : 's'} at once`,
      description: `p95 latency in milliseconds of the inbox's main queries and searches at ${sizes.map((s) => s.cases.toLocaleString('en')).join(', ')} cases, ${connections} concurrent caller(s); the dashed line is the 50 ms target.`,
      xLabel: 'cases in the database (log scale)',
      yLabel: 'p95 latency, ms',
      logX: true,
      formatX: sizeName,
      series: [...series, { name: 'target 50 ms', points: sizes.map((size) => ({ x: size.cases, y: TARGET_P95_MS })), dashed: true }],
    });
  });
}

/** The seeded database: BENCH_DATABASE_URL as it is, or a fresh one seeded now (and dropped at the end). */
async function prepareDatabase(cases: number): Promise<{ database: DatabaseHandle; url: string; caseworker: SeededCaseworker; seedNote: string }> {
  if (SEEDED_DATABASE_URL) {
    const database = await createDatabase({ databaseUrl: SEEDED_DATABASE_URL, poolSize: 2 });
    cleanups.push(() => database.close());
    return { database, url: SEEDED_DATABASE_URL, caseworker: await findSeededCaseworker(database), seedNote: `seeded earlier (${redact(SEEDED_DATABASE_URL)})` };
  }
  const postgresHost = new URL(TEST_POSTGRES_URL).hostname;
  if (!LOOPBACK_HOSTS.has(postgresHost)) {
    throw new Error(`the benchmark creates and drops a database; it only uses a PostgreSQL on this machine, not ${postgresHost}`);
  }
  const database = await createTestDatabase('postgres');
  cleanups.push(() => database.dispose());
  console.log(`seeding ${cases.toLocaleString('en')} cases …`);
  const seed = await seedInbox(database.db, { cases });
  const note =
    `seeded ${seed.cases.toLocaleString('en')} cases in ${seed.seconds.cases.toFixed(1)} s ` +
    `(${Math.round(seed.cases / seed.seconds.cases).toLocaleString('en')}/s) + VACUUM ANALYZE ${seed.seconds.vacuum.toFixed(1)} s`;
  console.log(note);
  return { database, url: database.url!, caseworker: seed.caseworkers[0]!, seedNote: note };
}

/** The bench's caseworker in a database seeded earlier (the first one seed-inbox.ts creates). */
async function findSeededCaseworker(database: DatabaseHandle): Promise<SeededCaseworker> {
  const email = 'sachbearbeitung1@musterstadt.example';
  const user = await database.db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.organisation_id', 'organisations.slug'])
    .where('users.email', '=', email)
    .where('organisations.slug', '=', 'musterstadt')
    .executeTakeFirst();
  if (!user) throw new Error(`${redact(SEEDED_DATABASE_URL!)} has no ${email}: seed it with seed-inbox.ts first`);
  const roles = await database.db.selectFrom('user_service_roles').select('service_id').where('user_id', '=', user.id).orderBy('service_id').execute();
  return { id: user.id, organisationId: user.organisation_id, organisationSlug: user.slug, email, serviceIds: roles.map((r) => r.service_id) };
}

async function logIn(origin: string, caseworker: SeededCaseworker): Promise<string> {
  const response = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: caseworker.email, password: INBOX_SEED_PASSWORD, organisation: caseworker.organisationSlug }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`login answered ${response.status}: ${await response.text()}`);
  const session = response.headers.getSetCookie().find((c) => c.startsWith('amtsweg_session='));
  if (!session) throw new Error('the login set no session cookie');
  return session.split(';')[0]!;
}

/**
 * `connections` callers, each sending the next request when the last answer is read (a closed loop, as people
 * clicking), for `seconds`. Every latency is kept, so the percentiles are exact.
 */
async function fireLoad(url: string, cookie: string, connections: number, seconds: number): Promise<Figures> {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`refusing to load anything but 127.0.0.1: ${url}`);
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let rows = 0;
  let counted = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  const caller = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      try {
        const response = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(10_000) });
        const text = await response.text();
        if (!response.ok) {
          const key = `${response.status} ${text.slice(0, 160)}`;
          errors.set(key, (errors.get(key) ?? 0) + 1);
          continue;
        }
        latencies.push(performance.now() - sent);
        const answer = JSON.parse(text) as { cases: unknown[]; countsByState: Record<string, number> };
        rows = answer.cases.length;
        counted = Object.values(answer.countsByState).reduce((a, b) => a + b, 0);
      } catch (error) {
        const key = (error as Error).message;
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, caller));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? Number.NaN;
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / elapsed,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: latencies.at(-1) ?? Number.NaN,
    rows,
    counted,
    errors: [...errors.entries()].map(([key, count]) => `${count} × ${key}`),
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of a query exactly as the server sends it, as text lines. */
async function explain(database: DatabaseHandle, query: Compilable): Promise<string[]> {
  const compiled = query.compile();
  const result = await database.db.executeQuery<{ 'QUERY PLAN': string }>(
    CompiledQuery.raw(`explain (analyze, buffers) ${compiled.sql}`, [...compiled.parameters]),
  );
  return result.rows.map((row) => row['QUERY PLAN']);
}

function decodeCursor(text: string): { at: string; id: string } {
  const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [string, string];
  return { at, id };
}

function printReport(report: {
  postgresVersion: string;
  table: { cases: string; visible: string; size: string };
  seedNote: string;
  caseworker: SeededCaseworker;
  levels: Level[];
  plans: { name: string; page: string[]; counts: string[] }[];
  log: { lines: number; first: string[] };
}): void {
  const cpuList = cpus();
  const ms = (n: number) => (Number.isNaN(n) ? '—' : n.toFixed(1)).padStart(7);
  console.log(`\nAmtsweg inbox benchmark — ${new Date().toISOString()}`);
  console.log(
    `machine: ${cpuList[0]?.model ?? 'unknown'} × ${cpuList.length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ` +
      `PostgreSQL ${report.postgresVersion}; load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  );
  console.log(`data: ${Number(report.table.cases).toLocaleString('en')} cases (${report.table.size} with indexes), ${report.seedNote}`);
  console.log(
    `caller: ${report.caseworker.email}, process roles for ${report.caseworker.serviceIds.length} services ` +
      `(${Number(report.table.visible).toLocaleString('en')} visible cases), session cookie`,
  );
  console.log(
    `load: closed loop (each caller sends its next request when the answer is read), ${DURATION_SECONDS} s per query after ` +
      `${WARMUP_SECONDS} s warm-up, page size ${PAGE_SIZE}; latency from sending to the last byte, in ms; server, PostgreSQL and ` +
      'load generator on the same machine',
  );
  for (const level of report.levels) {
    console.log(
      `\n${level.connections} concurrent caller${level.connections === 1 ? '' : 's'} (load average ${level.loadAverage.toFixed(2)})`.padEnd(42) +
        `${'req/s'.padStart(7)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}${'max'.padStart(8)}  rows  counted`,
    );
    for (const { scenario, figures } of level.results) {
      console.log(
        `${scenario.name.padEnd(42)}${Math.round(figures.requestsPerSecond).toString().padStart(7)} ${ms(figures.p50)} ${ms(figures.p95)} ${ms(figures.p99)} ${ms(figures.max)}` +
          `  ${String(figures.rows).padStart(4)}  ${figures.counted.toLocaleString('en').padStart(7)}`,
      );
    }
    const worst = Math.max(...level.results.map((r) => r.figures.p95));
    const missed = level.results.filter((r) => !(r.figures.p95 < TARGET_P95_MS)).map((r) => r.scenario.name);
    console.log(`worst p95: ${worst.toFixed(1)} ms (target < ${TARGET_P95_MS} ms for every query: ${missed.length === 0 ? 'met' : `NOT met by ${missed.join(', ')}`})`);
    for (const { scenario, figures } of level.results) {
      if (figures.errors.length === 0) continue;
      console.log(`errors in "${scenario.name}":`);
      for (const error of figures.errors.slice(0, 3)) console.log(`  ${error}`);
    }
  }

  console.log('\nindex use (EXPLAIN ANALYZE of the SQL the server sends, as the same caseworker; times include EXPLAIN\'s own overhead):');
  const summaries = report.plans.map((plan) => ({ name: plan.name, page: summarisePlan(plan.page), counts: summarisePlan(plan.counts) }));
  const pageWidth = Math.max(...summaries.map((s) => s.page.length)) + 2;
  console.log(`${'query'.padEnd(42)}${'page'.padEnd(pageWidth)}counts by state`);
  for (const summary of summaries) console.log(`${summary.name.padEnd(42)}${summary.page.padEnd(pageWidth)}${summary.counts}`);
  console.log('\nplans (EXPLAIN ANALYZE, BUFFERS):');
  for (const plan of report.plans) {
    console.log(`\n— ${plan.name}: page`);
    for (const line of plan.page) console.log(`    ${line}`);
    console.log(`— ${plan.name}: counts by state`);
    for (const line of plan.counts) console.log(`    ${line}`);
  }
  if (report.log.lines > 0) {
    console.log(`\nthe server wrote ${report.log.lines} log lines at warn or above; the first:`);
    for (const line of report.log.first) console.log(`  ${line}`);
  }
}

/** The scans of a plan with their index, and its execution time: "Index Scan Backward cases_received_idx; 0.2 ms". */
function summarisePlan(lines: string[]): string {
  const scans: string[] = [];
  for (const line of lines) {
    const found = /(Index Only Scan|Index Scan Backward|Index Scan|Bitmap Index Scan|Seq Scan)(?: using| on) (\w+)/.exec(line);
    if (!found || found[2]!.startsWith('user_service_roles')) continue;
    const scan = `${found[1]!.replace('Index Only Scan', 'index-only').replace('Index Scan Backward', 'backward').replace('Bitmap Index Scan', 'bitmap').replace('Index Scan', 'index').replace('Seq Scan', 'SEQ SCAN')} ${found[2]}`;
    if (!scans.includes(scan)) scans.push(scan);
  }
  const time = lines.map((line) => /Execution Time: ([\d.]+) ms/.exec(line)?.[1]).find((t) => t !== undefined);
  return `${scans.join(' + ')}; ${time ?? '?'} ms`;
}

function redact(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}
