// pnpm bench:jobs — background work at scale on PostgreSQL. Each round starts from a fresh database holding that
// round's number of cases of the demo Hundeanmeldung, waiting for the applicant, and a webhook endpoint for
// `case.stateChanged` pointing at a receiver on 127.0.0.1 (webhook-counter.ts) that answers 200 and checks every
// signature. The real server runs as one process (first round), then as two processes on one database (second
// round); once they are up, the cases' answer deadlines are inserted, all due at one moment a few seconds ahead. The
// workers claim them (FOR UPDATE SKIP LOCKED), fire each through takeCaseAction as the system, and every move fans
// out into one webhook delivery. Measured: deadlines fired per second and their lateness (the `answerOverdue`
// event's time minus the due moment), deliveries per second at the receiver (first to last), and whether each
// deadline fired exactly once and each delivery arrived exactly once. Prints figures and writes them into
// docs/benchmarks.md; exits non-zero if a check fails or a round does not finish in time.
//
// Settings (environment): BENCH_PROCESSES the numbers of server processes, one round each (1,2); BENCH_DEADLINES
// the deadlines per round, the last repeated for further rounds (100000,20000); BENCH_POLL_MS the worker's idle
// poll (JOB_POLL_MS; unset: the server's default of 2000 ms); BENCH_ROUND_TIMEOUT seconds a round may take from
// the due moment (unset: deadlines / 20 + 120); BENCH_CPU_PROF a folder for --cpu-prof profiles of the server
// processes. Each round's database is created on TEST_DATABASE_URL / DATABASE_URL /
// postgres://postgres@127.0.0.1:5432/postgres and dropped again.
import type { DatabaseHandle } from '@amtsweg/db';
import { TEST_POSTGRES_URL } from '@amtsweg/db/testing';
import { sql } from 'kysely';
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { percentile, reportSection } from '../../../tests/support/bench-report';
import { createProcessDatabase, findDemoService, TEST_SERVER_SECRET } from '../reliability/support/process-server';
import { createSecretBox, deriveKey } from '../src/auth/secret-box';
import { createWebhookSecret } from '../src/webhooks/sign-webhook';
import { startChildServer, type ChildServer } from './child-server';
import { runBounded } from './run-bounded';
import { readLevels, readSetting } from './settings';
import { startWebhookCounter, type WebhookCounter, type WebhookTally } from './webhook-counter';

const PROCESS_LEVELS = readLevels('BENCH_PROCESSES', [1, 2]);
// The headline round is 100,000 deadlines with one process; the two-process round is smaller, so the whole
// benchmark ends in reasonable time on two cores (its rates compare with the first round's, its lateness does not).
const DEADLINE_COUNTS = readLevels('BENCH_DEADLINES', [100_000, 20_000]);
const POLL_MS = process.env.BENCH_POLL_MS ? readSetting('BENCH_POLL_MS', 2000, 1) : undefined;
const ROUND_TIMEOUT_SECONDS = process.env.BENCH_ROUND_TIMEOUT ? readSetting('BENCH_ROUND_TIMEOUT', 0, 10) : undefined;
/** How far ahead of the deadlines' insert their due moment lies: long enough for the insert to commit first. */
const LEAD_MS = 10_000;
/** The worker's settings as the server process sets them (src/jobs/create-worker.ts); printed, not changed. */
const WORKER_DEFAULTS = { batchSize: 50, concurrency: 4, leaseMs: 120_000, pollMs: 2000 };
const REFERENCE_PREFIX = 'JOBS-';
const PROGRESS_EVERY_MS = 30_000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROF;
const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

type Db = DatabaseHandle['db'];

interface Check {
  what: string;
  ok: boolean;
  detail: string;
}

/** One round: this many deadlines, this many server processes. */
interface Round {
  processes: number;
  deadlines: number;
  /** Seconds: seeding the cases, starting the processes, the whole round. */
  seedSeconds: number;
  startSeconds: number;
  wallSeconds: number;
  /** How long before the due moment the deadlines were committed (negative: after it). */
  committedAheadMs: number;
  dueAt: number;
  finished: boolean;
  fired: { events: number; firstMs: number; lastMs: number; p50Ms: number; p99Ms: number };
  tally: WebhookTally;
  /** Jobs done per worker (caseEvent and deliverWebhook), largest first. */
  jobsPerWorker: number[];
  checks: Check[];
  logs: { name: string; lines: number; first: string[] }[];
}

const cleanups: (() => Promise<void>)[] = [];

async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    await cleanups
      .pop()!()
      .catch((error: unknown) => console.error(`cleanup: ${(error as Error).message}`));
  }
}

const benchStarted = performance.now();
// Bounded in time (see runBounded): each round's work, plus seeding and starting.
await runBounded('bench:jobs', PROCESS_LEVELS.reduce((total, _, i) => total + roundTimeoutSeconds(deadlinesOf(i)) + 180, 0), run, cleanUp);

function deadlinesOf(round: number): number {
  return DEADLINE_COUNTS[Math.min(round, DEADLINE_COUNTS.length - 1)]!;
}

/**
 * BENCH_ROUND_TIMEOUT, or enough for 20 deadlines (and their deliveries) a second, plus two minutes: about half the
 * pace one process kept on a busy two-core machine (load average 12).
 */
function roundTimeoutSeconds(deadlines: number): number {
  return ROUND_TIMEOUT_SECONDS ?? Math.ceil(deadlines / 20) + 120;
}

async function run(): Promise<void> {
  const postgresHost = new URL(TEST_POSTGRES_URL).hostname;
  if (!LOOPBACK_HOSTS.has(postgresHost)) {
    throw new Error(`the benchmark creates and drops databases; it only uses a PostgreSQL on this machine, not ${postgresHost}`);
  }
  const rounds: Round[] = [];
  let postgresVersion = 'unknown';
  for (const [i, processes] of PROCESS_LEVELS.entries()) {
    const measured = await measureRound(processes, deadlinesOf(i));
    rounds.push(measured.round);
    postgresVersion = measured.postgresVersion;
    printRound(measured.round, postgresVersion);
    // Drop this round's database before seeding the next one.
    await cleanUp();
  }
  const wallSeconds = (performance.now() - benchStarted) / 1000;
  console.log(`\nwhole benchmark: ${wallSeconds.toFixed(0)} s`);
  summarise(rounds, postgresVersion, wallSeconds);
  const failed = rounds.flatMap((round) => round.checks.filter((check) => !check.ok).map((check) => `${round.processes} process(es): ${check.what}`));
  if (failed.length > 0) {
    console.error(`\nFAILED: ${failed.join('; ')}`);
    process.exitCode = 1;
  }
}

async function measureRound(processes: number, deadlines: number): Promise<{ round: Round; postgresVersion: string }> {
  const roundStarted = performance.now();
  console.log(`\n— ${processes} server process${processes === 1 ? '' : 'es'}, ${deadlines.toLocaleString('en')} deadlines —`);
  const database = await createProcessDatabase('postgres');
  cleanups.push(() => database.dispose());
  const handle = await database.open();
  cleanups.push(() => handle.close());
  const db = handle.db;
  const { organisationId, serviceId } = await findDemoService(db);

  const secret = createWebhookSecret();
  const counter = await startWebhookCounter({ secret, referencePrefix: REFERENCE_PREFIX });
  cleanups.push(() => counter.close());
  await registerEndpoint(db, organisationId, serviceId, counter, secret);

  let stepStarted = performance.now();
  await seedWaitingCases(db, organisationId, serviceId, deadlines);
  const seedSeconds = (performance.now() - stepStarted) / 1000;
  console.log(`seeded ${deadlines.toLocaleString('en')} cases waiting for the applicant in ${seedSeconds.toFixed(1)} s`);

  stepStarted = performance.now();
  // The server secret the endpoint's secret was sealed with; errors only (an info line per firing would be measured too).
  const env = { ...database.env, SERVER_SECRET: TEST_SERVER_SECRET, LOG_LEVEL: 'error', ...(POLL_MS === undefined ? {} : { JOB_POLL_MS: String(POLL_MS) }) };
  const servers: ChildServer[] = [];
  await Promise.all(
    Array.from({ length: processes }, async (_, i) => {
      const server = await startChildServer({
        name: `amtsweg ${i + 1}`,
        script: 'src/server.ts',
        cwd: SERVER_DIR,
        env,
        healthPath: '/api/health',
        nodeArgs: CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : [],
      });
      servers.push(server);
      cleanups.push(() => server.stop());
    }),
  );
  const startSeconds = (performance.now() - stepStarted) / 1000;
  console.log(`started ${processes} server process${processes === 1 ? '' : 'es'} with the worker in ${startSeconds.toFixed(1)} s`);

  const dueAt = new Date(Date.now() + LEAD_MS);
  await startDeadlines(db, dueAt);
  const committedAheadMs = dueAt.getTime() - Date.now();
  console.log(`deadlines due at ${dueAt.toISOString()}, committed ${(committedAheadMs / 1000).toFixed(1)} s before`);

  const finished = await waitUntilDone(db, counter, dueAt, deadlines);
  const logs = servers.map((server) => ({ name: server.name, ...server.output() }));
  await Promise.all(servers.map((server) => server.stop()));

  const fired = await readFirings(db, dueAt);
  const tally = counter.tally();
  const jobsPerWorker = await readJobsPerWorker(db);
  const checks = await checkRound(db, { deadlines, processes, fired, tally, jobsPerWorker, finished, committedAheadMs });
  const postgres = await sql<{ server_version: string }>`show server_version`.execute(db);
  const round: Round = {
    processes,
    deadlines,
    seedSeconds,
    startSeconds,
    wallSeconds: (performance.now() - roundStarted) / 1000,
    committedAheadMs,
    dueAt: dueAt.getTime(),
    finished,
    fired,
    tally,
    jobsPerWorker,
    checks,
    logs,
  };
  return { round, postgresVersion: postgres.rows[0]?.server_version ?? 'unknown' };
}

/** The receiver on the organisation's allow-list, and an endpoint for every state change, sealed as a server seals it. */
async function registerEndpoint(db: Db, organisationId: string, serviceId: string, counter: WebhookCounter, secret: string): Promise<void> {
  const endpointId = crypto.randomUUID();
  const secrets = createSecretBox(deriveKey(TEST_SERVER_SECRET, 'stored secrets'));
  await db.updateTable('organisations').set({ webhook_hosts: JSON.stringify([counter.host]) }).where('id', '=', organisationId).execute();
  await db
    .insertInto('webhook_endpoints')
    .values({
      id: endpointId,
      organisation_id: organisationId,
      service_id: serviceId,
      url: counter.url,
      events: JSON.stringify(['case.stateChanged']),
      secret: secrets.seal(secret, endpointId),
      description: 'bench:jobs receiver',
    })
    .execute();
}

/** `count` cases received 20 days ago and now waiting for the applicant's answer (no e-mail address: no mails). */
async function seedWaitingCases(db: Db, organisationId: string, serviceId: string, count: number): Promise<void> {
  await sql`
    insert into cases (id, organisation_id, service_id, service_version, reference, state, status, snapshot, data,
      applicant_name, applicant_email, access_token_hash, received_at)
    select gen_random_uuid(), ${organisationId}, ${serviceId}, 1, ${REFERENCE_PREFIX} || n, 'awaitingApplicant', 'active',
      '{"value":"awaitingApplicant","status":"active"}'::jsonb, '{}'::jsonb, 'Fristablauf ' || n, null, md5(n::text), now() - interval '20 days'
    from generate_series(1, ${count}::int) as n`.execute(db);
  await sql`analyze cases`.execute(db);
}

/** Every seeded case's answer deadline, all due at `dueAt`, in one transaction (the workers see all or none). */
async function startDeadlines(db: Db, dueAt: Date): Promise<void> {
  await sql`
    insert into case_deadlines (organisation_id, case_id, deadline_id, state, action, due_at)
    select organisation_id, id, 'answerDeadline', 'awaitingApplicant', 'answerOverdue', ${dueAt}
    from cases where reference like ${`${REFERENCE_PREFIX}%`}`.execute(db);
  await sql`analyze case_deadlines`.execute(db);
}

/**
 * Waits until every deadline has fired, every delivery has arrived and no job is left, printing progress; false
 * if that has not happened BENCH_ROUND_TIMEOUT seconds after the due moment.
 */
async function waitUntilDone(db: Db, counter: WebhookCounter, dueAt: Date, deadlines: number): Promise<boolean> {
  const timeoutSeconds = roundTimeoutSeconds(deadlines);
  const giveUpAt = dueAt.getTime() + timeoutSeconds * 1000;
  let nextProgress = dueAt.getTime() + PROGRESS_EVERY_MS;
  for (;;) {
    const open = await countRows(db, sql<{ n: string }>`select count(*) as n from case_deadlines where due_at = ${dueAt}`);
    const waitingJobs = await countRows(db, sql<{ n: string }>`select count(*) as n from jobs where status = 'pending'`);
    const delivered = counter.tally().deliveries;
    const now = Date.now();
    if (open === 0 && waitingJobs === 0 && delivered >= deadlines) return true;
    if (now >= nextProgress) {
      const fired = (deadlines - open).toLocaleString('en');
      console.log(`  +${Math.round((now - dueAt.getTime()) / 1000)} s: fired ${fired}, delivered ${delivered.toLocaleString('en')}, jobs waiting ${waitingJobs.toLocaleString('en')}`);
      nextProgress += PROGRESS_EVERY_MS;
    }
    if (now >= giveUpAt) {
      console.error(`  gave up ${timeoutSeconds} s after the due moment: ${open} deadlines open, ${waitingJobs} jobs waiting, ${delivered} delivered`);
      return false;
    }
    await sleep(1000);
  }
}

/** The `answerOverdue` events of the seeded cases, as milliseconds after the due moment. */
async function readFirings(db: Db, dueAt: Date): Promise<Round['fired']> {
  const result = await sql<{ late_ms: number }>`
    select (extract(epoch from (e.at - ${dueAt}::timestamptz)) * 1000)::float8 as late_ms
    from case_events e join cases c on c.id = e.case_id
    where e.action = 'answerOverdue' and c.reference like ${`${REFERENCE_PREFIX}%`}
    order by late_ms`.execute(db);
  const lateness = result.rows.map((row) => row.late_ms);
  return {
    events: lateness.length,
    firstMs: lateness[0] ?? Number.NaN,
    lastMs: lateness.at(-1) ?? Number.NaN,
    p50Ms: percentile(lateness, 50),
    p99Ms: percentile(lateness, 99),
  };
}

async function readJobsPerWorker(db: Db): Promise<number[]> {
  const result = await sql<{ n: string }>`
    select count(*) as n from jobs where status = 'done' and kind in ('caseEvent', 'deliverWebhook') group by locked_by order by count(*) desc`.execute(db);
  return result.rows.map((row) => Number(row.n));
}

/** Every deadline fired once, every case moved once, every delivery stored, attempted and received once, no job left. */
async function checkRound(
  db: Db,
  facts: { deadlines: number; processes: number; fired: Round['fired']; tally: WebhookTally; jobsPerWorker: number[]; finished: boolean; committedAheadMs: number },
): Promise<Check[]> {
  const { deadlines: n, fired, tally } = facts;
  const prefix = `${REFERENCE_PREFIX}%`;
  const firings = (
    await sql<{ cases: string; twice: string }>`
      select count(*) as cases, count(*) filter (where n > 1) as twice from (
        select e.case_id, count(*) as n from case_events e join cases c on c.id = e.case_id
        where e.action = 'answerOverdue' and c.reference like ${prefix} group by e.case_id) per_case`.execute(db)
  ).rows[0]!;
  const cases = (
    await sql<{ moved: string }>`select count(*) filter (where state = 'inReview' and version = 2) as moved from cases where reference like ${prefix}`.execute(db)
  ).rows[0]!;
  const open = await countRows(db, sql<{ n: string }>`select count(*) as n from case_deadlines d join cases c on c.id = d.case_id where c.reference like ${prefix}`);
  const deliveries = (
    await sql<{ stored: string; delivered: string; cases: string }>`
      select count(*) as stored, count(*) filter (where status = 'delivered') as delivered, count(distinct payload->'case'->>'id') as cases
      from webhook_deliveries where payload->'case'->>'reference' like ${prefix}`.execute(db)
  ).rows[0]!;
  const attempts = (
    await sql<{ all: string; ok: string }>`
      select count(*) as all, count(*) filter (where a.status_code = 200) as ok
      from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id where d.payload->'case'->>'reference' like ${prefix}`.execute(db)
  ).rows[0]!;
  const jobs = (
    await sql<{ pending: string; failed: string }>`
      select count(*) filter (where status = 'pending') as pending, count(*) filter (where status = 'failed') as failed from jobs`.execute(db)
  ).rows[0]!;

  const whole = (value: string | number): string => Number(value).toLocaleString('en');
  const checks: Check[] = [
    { what: 'finished in time', ok: facts.finished, detail: facts.finished ? 'yes' : `not within ${roundTimeoutSeconds(n)} s of the due moment` },
    {
      what: 'deadlines committed before they fell due',
      ok: facts.committedAheadMs > 0,
      detail: `${(facts.committedAheadMs / 1000).toFixed(1)} s ahead`,
    },
    {
      what: 'each deadline fired exactly once',
      ok: Number(firings.cases) === n && Number(firings.twice) === 0 && fired.events === n,
      detail: `${whole(fired.events)} answerOverdue events for ${whole(firings.cases)} of ${whole(n)} cases, ${whole(firings.twice)} cases more than once`,
    },
    { what: 'no deadline left', ok: open === 0, detail: `${whole(open)} open` },
    { what: 'each case moved once (inReview, version 2)', ok: Number(cases.moved) === n, detail: `${whole(cases.moved)} of ${whole(n)}` },
    {
      what: 'one delivery per move, all delivered',
      ok: Number(deliveries.stored) === n && Number(deliveries.delivered) === n && Number(deliveries.cases) === n,
      detail: `${whole(deliveries.stored)} stored for ${whole(deliveries.cases)} cases, ${whole(deliveries.delivered)} delivered`,
    },
    { what: 'one attempt per delivery, answered 200', ok: Number(attempts.all) === n && Number(attempts.ok) === n, detail: `${whole(attempts.all)} attempts, ${whole(attempts.ok)} with 200` },
    {
      what: 'each delivery received exactly once',
      ok: tally.deliveries === n && tally.cases === n && tally.repeats === 0 && tally.malformed === 0,
      detail: `${whole(tally.deliveries)} distinct deliveries for ${whole(tally.cases)} cases, ${whole(tally.repeats)} repeated, ${whole(tally.malformed)} malformed, ${whole(tally.others)} for other cases`,
    },
    { what: 'every signature valid (all checked)', ok: tally.badSignatures === 0, detail: `${whole(tally.requests - tally.badSignatures)} of ${whole(tally.requests)} requests` },
    { what: 'no job left pending or failed', ok: Number(jobs.pending) === 0 && Number(jobs.failed) === 0, detail: `${whole(jobs.pending)} pending, ${whole(jobs.failed)} failed` },
  ];
  if (facts.processes > 1) {
    checks.push({
      what: 'every process took part',
      ok: facts.jobsPerWorker.length === facts.processes,
      detail: `jobs done per process: ${facts.jobsPerWorker.map(whole).join(' / ')}`,
    });
  }
  return checks;
}

async function countRows(db: Db, query: ReturnType<typeof sql<{ n: string }>>): Promise<number> {
  const result = await query.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** Deadlines per second from the due moment to the last firing. */
function firedPerSecond(round: Round): number {
  return round.fired.events / (round.fired.lastMs / 1000);
}

/** Deliveries per second from the first to the last arrival at the receiver. */
function deliveredPerSecond(tally: WebhookTally): number {
  if (tally.firstAt === null || tally.lastAt === null || tally.lastAt === tally.firstAt) return Number.NaN;
  return (tally.deliveries - 1) / ((tally.lastAt - tally.firstAt) / 1000);
}

function lagPercentile(tally: WebhookTally, p: number): number {
  return percentile([...tally.lagsMs].sort((a, b) => a - b), p);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
}

function whole(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '–';
}

function printRound(round: Round, postgresVersion: string): void {
  const { fired, tally } = round;
  const cpuList = cpus();
  console.log(`\nAmtsweg background work — ${new Date().toISOString()}`);
  console.log(`machine: ${cpuList[0]?.model ?? 'unknown'} × ${cpuList.length}, Node ${process.version}, PostgreSQL ${postgresVersion}`);
  console.log(
    `${round.processes} server process${round.processes === 1 ? '' : 'es'} (src/server.ts, pg pool of 10, log level error), worker batch ${WORKER_DEFAULTS.batchSize}, ` +
      `${WORKER_DEFAULTS.concurrency} at once, lease ${WORKER_DEFAULTS.leaseMs / 1000} s, idle poll ${POLL_MS ?? WORKER_DEFAULTS.pollMs} ms`,
  );
  console.log(`seed ${round.seedSeconds.toFixed(1)} s, start ${round.startSeconds.toFixed(1)} s, round ${round.wallSeconds.toFixed(0)} s in all`);
  console.log(`\ndeadlines fired:        ${whole(fired.events)} in ${seconds(fired.lastMs)} s after the due moment: ${whole(firedPerSecond(round))}/s`);
  console.log(`lateness (event − due): first ${seconds(fired.firstMs)} s, p50 ${seconds(fired.p50Ms)} s, p99 ${seconds(fired.p99Ms)} s, last ${seconds(fired.lastMs)} s`);
  if (tally.firstAt !== null && tally.lastAt !== null) {
    console.log(`webhook deliveries:     ${whole(tally.deliveries)} in ${seconds(tally.lastAt - tally.firstAt)} s from first to last: ${whole(deliveredPerSecond(tally))}/s`);
    console.log(`delivery lag (arrival − event): p50 ${seconds(lagPercentile(tally, 50))} s, p99 ${seconds(lagPercentile(tally, 99))} s`);
    console.log(`last delivery:          ${seconds(tally.lastAt - round.dueAt)} s after the due moment`);
  }
  if (round.jobsPerWorker.length > 1) console.log(`jobs done per process:  ${round.jobsPerWorker.map(whole).join(' / ')}`);
  console.log('\nchecks:');
  for (const check of round.checks) console.log(`  ${check.ok ? 'ok   ' : 'WRONG'} ${check.what}: ${check.detail}`);
  for (const log of round.logs) {
    if (log.lines === 0) continue;
    console.log(`\n${log.name} wrote ${log.lines} log lines at error level; the first:`);
    for (const line of log.first) console.log(`  ${line}`);
  }
}

function summarise(rounds: Round[], postgresVersion: string, wallSeconds: number): void {
  const rows = rounds.map((round) => {
    const { fired, tally } = round;
    const span = tally.firstAt !== null && tally.lastAt !== null ? seconds(tally.lastAt - tally.firstAt) : '–';
    const done = tally.lastAt !== null ? seconds(tally.lastAt - round.dueAt) : '–';
    const failed = round.checks.filter((check) => !check.ok).map((check) => check.what);
    return (
      `| ${round.processes} | ${whole(round.deadlines)} | ${whole(firedPerSecond(round))} (${seconds(fired.lastMs)} s) | ` +
      `${seconds(fired.p50Ms)} / ${seconds(fired.p99Ms)} | ${whole(deliveredPerSecond(tally))} (${span} s) | ` +
      `${seconds(lagPercentile(tally, 50))} / ${seconds(lagPercentile(tally, 99))} | ${done} | ${failed.length === 0 ? 'ok' : `**wrong**: ${failed.join(', ')}`} |`
    );
  });
  const shares = rounds
    .filter((round) => round.jobsPerWorker.length > 1)
    .map((round) => `With ${round.processes} processes the fan-out and delivery jobs split ${round.jobsPerWorker.map(whole).join(' / ')} between them.`);
  const sizes = new Set(rounds.map((round) => round.deadlines));
  reportSection(
    {
      id: 'jobs',
      command: `BENCH_PROCESSES=${PROCESS_LEVELS.join(',')} BENCH_DEADLINES=${DEADLINE_COUNTS.join(',')} pnpm bench:jobs`,
      versions: [`PostgreSQL ${postgresVersion}`],
      body: [
        'Each round: a fresh PostgreSQL database with that many cases of the demo Hundeanmeldung waiting for the applicant, and the server ' +
          '(`src/server.ts` with its worker; one process, or two on the same database; pg pool of 10 each, log level error) already running. ' +
          `The cases' answer deadlines are then inserted in one transaction, all due at one moment ${LEAD_MS / 1000} s ahead. Each deadline is claimed ` +
          '(`FOR UPDATE SKIP LOCKED`), fired as the system through `takeCaseAction` (case, history and a `caseEvent` job in one transaction), ' +
          'and fanned out into one `case.stateChanged` delivery to a receiver on 127.0.0.1 that answers 200 and checks every HMAC signature. ' +
          `Worker settings as shipped: per round of the worker ${WORKER_DEFAULTS.batchSize} deadlines, then ${WORKER_DEFAULTS.batchSize} jobs, ` +
          `${WORKER_DEFAULTS.concurrency} at once; idle poll ${POLL_MS ?? WORKER_DEFAULTS.pollMs} ms.`,
        '',
        '"fired/s": deadlines divided by the time from the due moment to the last firing. "lateness": the `answerOverdue` event\'s time minus the ' +
          'due moment (so it includes waiting behind the other deadlines: it grows with their number). "deliveries/s": from the first to the last ' +
          'arrival at the receiver. "delivery lag": arrival minus the event\'s time. "all delivered": the last arrival after the due moment. ' +
          '"checks": every deadline fired exactly once, every case moved once, one delivery per move, stored, attempted once and received once ' +
          'with a valid signature, no job left pending or failed (with two processes: both took part).',
        '',
        '| processes | deadlines | fired/s (last firing after due) | lateness p50 / p99 s | deliveries/s (first → last) | delivery lag p50 / p99 s | all delivered s | checks |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        ...rows,
        '',
        ...(sizes.size > 1 ? ['The rounds differ in size (to keep the run bounded): compare their rates, not their lateness.'] : []),
        ...shares,
        `Whole benchmark ${Math.round(wallSeconds / 60)} min, seeding and process starts included.`,
      ].join('\n'),
    },
    'Background work: deadlines and webhooks at scale',
  );
}
