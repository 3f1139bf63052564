import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createDatabase, type DatabaseHandle } from '@amtsweg/db';
import { TEST_POSTGRES_URL } from '@amtsweg/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLockOwner, LOCK_FILE_NAME } from '../src/install/data-dir-lock';

// Installing and starting Amtsweg for real (issue 17): the server and the CLI as their own processes, the way
// an administrator runs them. Process starts cost seconds each (PGlite most), so each database gets one
// sequence of steps: PostgreSQL 5 server starts (2 of them refused) and 4 CLI runs, PGlite 2 server starts
// (1 refused) and 1 CLI run.

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
/** Whatever the machine's environment says about an installation is not this test's. */
const CLEAN_ENV = {
  DATABASE_URL: '',
  DATA_DIR: '',
  SEED_DEMO: '',
  ADMIN_EMAIL: '',
  ADMIN_PASSWORD: '',
  ADMIN_PASSWORD_FILE: '',
  ADMIN_NAME: '',
  ORGANISATION_NAME: '',
  ORGANISATION_SLUG: '',
  SERVER_SECRET: 'installation-test-server-secret-0123456789',
  JOBS: 'false',
  LOG_LEVEL: 'info',
  HOST: '127.0.0.1',
  PORT: '0',
};
const ADMIN_EMAIL = 'amtsleitung@suedheide.example';
const ADMIN_PASSWORD = 'Heideblüte-im-August-2026';

interface RunningServer {
  child: ChildProcess;
  origin: string;
  output(): string;
  stop(): Promise<number | null>;
}

interface Finished {
  code: number | null;
  output: string;
  stdout: string;
  ms: number;
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'amtsweg-installation-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Starts `src/server.ts` (PORT=0) and resolves once it logs its address and answers /api/health. */
async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: SERVER_DIR, env: { ...process.env, ...CLEAN_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const server: RunningServer = {
    child,
    origin: '',
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    const port = /Amtsweg on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
    if (port) {
      const origin = `http://127.0.0.1:${port}`;
      if ((await fetch(`${origin}/api/health`)).ok) return { ...server, origin };
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not start within 90 s:\n${output}`);
}

/** Runs a process to its end (SIGKILL after `timeoutMs`), with `input` on its stdin. */
async function runToEnd(command: string, args: string[], env: Record<string, string>, options: { input?: string; timeoutMs?: number } = {}): Promise<Finished> {
  const started = Date.now();
  const child = spawn(command, args, { cwd: SERVER_DIR, env: { ...process.env, ...CLEAN_ENV, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stdin.end(options.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  return { code, output, stdout, ms: Date.now() - started };
}

/** The CLI as an administrator runs it: through pnpm, the password piped in. */
function runPnpmCli(script: string, args: string[], env: Record<string, string>, password: string): Promise<Finished> {
  return runToEnd('pnpm', ['--silent', '--filter', '@amtsweg/server', script, ...args], env, { input: `${password}\n` });
}

async function logIn(origin: string, email: string, password: string): Promise<{ status: number; cookie: string; roles: string[] }> {
  const response = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, kind: 'staff' }),
  });
  const body = (await response.json()) as { account?: { roles: string[] } };
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('amtsweg_session='))?.split(';')[0] ?? '';
  return { status: response.status, cookie, roles: body.account?.roles ?? [] };
}

describe('a new installation on PostgreSQL', () => {
  let databaseName: string;
  let databaseUrl: string;
  let database: DatabaseHandle;
  let server: RunningServer | undefined;
  let adminSession = '';
  const env = (): Record<string, string> => ({ DATABASE_URL: databaseUrl, MAIL_DIR: join(scratch, 'mail'), DATA_DIR: join(scratch, 'unused', 'pglite') });

  beforeAll(async () => {
    // An empty database, as a municipality's database administrator hands it over: the server migrates it.
    databaseName = `amtsweg_install_${crypto.randomUUID().replace(/-/g, '')}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`create database ${databaseName}`);
    await admin.end();
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
    database = await createDatabase({ databaseUrl });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
  });

  const count = async (table: 'organisations' | 'users' | 'services' | 'cases') =>
    Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  it('does not start with a weak ADMIN_PASSWORD, says why, and leaves no organisation or account', async () => {
    const run = await runToEnd(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      ...env(),
      ORGANISATION_NAME: 'Gemeinde Südheide',
      ADMIN_EMAIL,
      ADMIN_PASSWORD: 'amtsleitung-1234',
    });
    expect(run.code).toBe(1);
    expect(run.output).toContain('Amtsweg did not start: ADMIN_PASSWORD: The password is too easy to guess');
    expect(run.output).not.toContain('amtsleitung-1234');
    expect(await count('organisations')).toBe(0);
    expect(await count('users')).toBe(0);
  }, 120_000);

  it('does not start with both ADMIN_PASSWORD and ADMIN_PASSWORD_FILE', async () => {
    const run = await runToEnd(process.execPath, ['--import', 'tsx', 'src/server.ts'], { ...env(), ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_PASSWORD_FILE: join(scratch, 'admin_password') });
    expect(run.code).toBe(1);
    expect(run.output).toContain('Amtsweg did not start: ADMIN_PASSWORD and ADMIN_PASSWORD_FILE are both set: set only one of them');
    expect(await count('organisations')).toBe(0);
  }, 60_000);

  it('starts with ADMIN_EMAIL and ADMIN_PASSWORD_FILE: the first administrator logs in, and there is no demo data', async () => {
    // A Docker secret as `echo` writes it: the final line break is no part of the password.
    writeFileSync(join(scratch, 'admin_password'), `${ADMIN_PASSWORD}\n`);
    server = await startServer({ ...env(), ORGANISATION_NAME: 'Gemeinde Südheide', ADMIN_EMAIL, ADMIN_PASSWORD_FILE: join(scratch, 'admin_password') });
    expect(await count('cases')).toBe(0);
    expect(await count('services')).toBe(0);
    const organisations = await database.db.selectFrom('organisations').select(['slug', 'name']).execute();
    expect(organisations).toEqual([{ slug: 'gemeinde-suedheide', name: 'Gemeinde Südheide' }]);
    const staff = await database.db.selectFrom('users').select(['id', 'roles']).where('kind', '=', 'staff').execute();
    expect(staff).toHaveLength(1);
    expect(staff[0]!.roles).toEqual(['administrator', 'operator']);

    const login = await logIn(server.origin, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(login.status).toBe(200);
    expect(login.roles).toEqual(['administrator', 'operator']);
    adminSession = login.cookie;
    // Logged once, by account id; neither the address nor the password reaches the log.
    expect(server.output().match(/created the first administrator/g)).toHaveLength(1);
    expect(server.output()).toContain(`"accountId":"${staff[0]!.id}"`);
    expect(server.output()).not.toContain(ADMIN_EMAIL);
    expect(server.output()).not.toContain(ADMIN_PASSWORD);
  }, 120_000);

  it('a second start with another ADMIN_PASSWORD and ORGANISATION_NAME creates no administrator and changes nothing', async () => {
    expect(await server!.stop()).toBe(0);
    server = await startServer({ ...env(), ORGANISATION_NAME: 'Samtgemeinde Heideland', ADMIN_EMAIL, ADMIN_PASSWORD: 'Ein-ganz-anderes-Passwort-7' });
    expect(await count('users')).toBe(1);
    expect(await database.db.selectFrom('organisations').select(['slug', 'name']).execute()).toEqual([{ slug: 'gemeinde-suedheide', name: 'Gemeinde Südheide' }]);
    expect((await logIn(server.origin, ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(200);
    expect((await logIn(server.origin, ADMIN_EMAIL, 'Ein-ganz-anderes-Passwort-7')).status).toBe(401);
    expect(server.output()).toContain('ADMIN_EMAIL and ADMIN_PASSWORD are ignored: the organisation has staff accounts already');
    expect(server.output()).toContain('ORGANISATION_NAME differs from the stored name and is ignored');
    expect(server.output()).not.toContain('created the first administrator');
  }, 120_000);

  it('admin:create and admin:reset-password work as commands with the password piped in', async () => {
    const origin = server!.origin;
    const created = await runPnpmCli(
      'admin:create',
      ['--email', 'kaemmerei@suedheide.example', '--organisation', 'gemeinde-suedheide', '--name', 'Kim Kämmerei'],
      env(),
      'Kassensturz-am-Freitag-12',
    );
    expect(created.output).toMatch(/Created administrator account [0-9a-f-]{36} \(roles: administrator\) in "gemeinde-suedheide"/);
    expect(created.code).toBe(0);
    expect((await logIn(origin, 'kaemmerei@suedheide.example', 'Kassensturz-am-Freitag-12')).status).toBe(200);

    const again = await runPnpmCli('admin:create', ['--email', 'Kaemmerei@suedheide.example', '--organisation', 'gemeinde-suedheide'], env(), 'Kassensturz-am-Samstag-12');
    expect(again.code).not.toBe(0);
    expect(again.output).toContain('There is a staff account with this e-mail address in "gemeinde-suedheide" already');

    // The lost password of the first administrator: reset from the machine; the old session ends.
    expect((await fetch(`${origin}/api/auth/me`, { headers: { cookie: adminSession } })).status).toBe(200);
    const reset = await runPnpmCli('admin:reset-password', ['--email', ADMIN_EMAIL, '--organisation', 'gemeinde-suedheide'], env(), 'Neuer-Schluessel-fuers-Amt-3');
    expect(reset.output).toMatch(/Set a new password for account [0-9a-f-]{36}; its sessions were ended and its lock cleared/);
    expect(reset.code).toBe(0);
    expect((await fetch(`${origin}/api/auth/me`, { headers: { cookie: adminSession } })).status).toBe(401);
    expect((await logIn(origin, ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(401);
    expect((await logIn(origin, ADMIN_EMAIL, 'Neuer-Schluessel-fuers-Amt-3')).status).toBe(200);

    const unknown = await runPnpmCli('admin:reset-password', ['--email', 'niemand@suedheide.example', '--organisation', 'gemeinde-suedheide'], env(), 'Neuer-Schluessel-fuers-Amt-4');
    expect(unknown.code).not.toBe(0);
    expect(unknown.output).toContain('There is no staff account with this e-mail address in "gemeinde-suedheide"');
  }, 180_000);
});

describe('one PGlite data folder', () => {
  let dataDir: string;
  let first: RunningServer | undefined;
  const env = (): Record<string, string> => ({ DATA_DIR: dataDir, MAIL_DIR: join(scratch, 'pglite-mail') });

  beforeAll(() => {
    dataDir = join(scratch, 'embedded', 'pglite');
  });
  afterAll(async () => {
    await first?.stop();
  });

  it('a start takes over the lock a killed process left behind, and seeds the demo by default', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    mkdirSync(dataDir, { recursive: true });
    // Written by a process of this machine and pid namespace, so the start sees at once that it is gone.
    writeFileSync(join(dataDir, LOCK_FILE_NAME), JSON.stringify({ ...createLockOwner('server'), pid: dead, startedAt: new Date(Date.now() - 60_000).toISOString() }));
    first = await startServer(env());
    expect(first.output()).toContain('took over the data folder’s lock from a process that was not shut down cleanly');
    expect(first.output()).toContain(`"previousPid":${dead}`);
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: first.child.pid, program: 'server' });
    expect((await logIn(first.origin, 'admin@musterstadt.example', 'Amtsweg-Demo-2026')).status).toBe(200);
  }, 150_000);

  it('a second server on the same folder exits non-zero within 30 s, naming the folder and the owner, and the first keeps serving', async () => {
    const second = await runToEnd(process.execPath, ['--import', 'tsx', 'src/server.ts'], env(), { timeoutMs: 30_000 });
    expect(second.ms).toBeLessThan(30_000);
    expect(second.code).toBe(1);
    expect(second.output).toContain(`The data folder ${dataDir} is in use by an Amtsweg server (pid ${first!.child.pid} on host ${hostname()}`);
    expect(second.output).toContain('A lock left by a process that crashed is taken over automatically once it has had no heartbeat for 30 s');
    const health = await fetch(`${first!.origin}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'pglite' });
  }, 60_000);

  it('the CLI refuses the folder while the server runs, and a clean shutdown removes the lock', async () => {
    const cli = await runToEnd(process.execPath, ['--import', 'tsx', 'src/cli/admin-cli.ts', 'reset-password', '--email', 'admin@musterstadt.example', '--organisation', 'musterstadt'], env(), {
      input: 'Neues-Demo-Passwort-2026\n',
      timeoutMs: 30_000,
    });
    expect(cli.code).toBe(1);
    expect(cli.output).toContain(`is in use by an Amtsweg server (pid ${first!.child.pid}`);
    expect(cli.output).toContain('commands such as admin:create need the server stopped too');
    expect((await logIn(first!.origin, 'admin@musterstadt.example', 'Amtsweg-Demo-2026')).status).toBe(200);

    expect(await first!.stop()).toBe(0);
    first = undefined;
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
  }, 60_000);
});
