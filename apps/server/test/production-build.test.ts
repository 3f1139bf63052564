import { TEST_POSTGRES_URL } from '@amtsweg/db/testing';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, parse as parsePath } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPnpm } from '../scripts/pnpm-command';
import { argumentsOf, environmentOf, execFormOf, lastArgumentOf, readDockerfile, REPOSITORY_DIR } from './dockerfile';

// The production image without Docker: the Dockerfile's build stage (its own RUN lines) in a copy of the build
// context, its run stage's files copied as its COPY says, and the server started with its CMD from its WORKDIR,
// outside the workspace, so that nothing but the production dependencies can be found. One build per run
// (a minute or two: installing the workspace, four Vite builds, the bundle).

const stages = readDockerfile();
const buildStage = stages.find((stage) => stage.name === 'build')!;
const runStage = stages.at(-1)!;

/** A place in the image (`/out`, `/app/…`) inside the temporary folder that stands for the image's root. */
function inImage(root: string, path: string): string {
  return join(root, path);
}

/** The files `COPY . .` takes: what git tracks or would track (no node_modules, dist, .data, docker/.env). */
function copyBuildContext(target: string): void {
  const listing = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPOSITORY_DIR, encoding: 'utf8' });
  for (const file of listing.split('\0')) {
    if (file === '' || !existsSync(join(REPOSITORY_DIR, file))) continue;
    mkdirSync(dirname(join(target, file)), { recursive: true });
    copyFileSync(join(REPOSITORY_DIR, file), join(target, file));
  }
}

/** `pnpm` on PATH for the Dockerfile's RUN lines, also where only `npx pnpm@…` runs this test (as in CI). */
function pnpmOnPath(shimDir: string): string {
  const pnpm = findPnpm();
  if (pnpm.args.length === 0) return process.env.PATH ?? ''; // pnpm is on PATH already
  mkdirSync(shimDir, { recursive: true });
  const shim = join(shimDir, 'pnpm');
  writeFileSync(shim, `#!/bin/sh\nexec ${[pnpm.command, ...pnpm.args].map((part) => `'${part}'`).join(' ')} "$@"\n`);
  chmodSync(shim, 0o755);
  return `${shimDir}:${process.env.PATH ?? ''}`;
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The image's ENV, its absolute paths (DATA_DIR=/data/pglite) inside the temporary image root. */
function imageEnvironment(imageRoot: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environmentOf(runStage)).map(([key, value]) => [key, value.startsWith('/') ? inImage(imageRoot, value) : value]),
  );
}

interface RunningServer {
  baseUrl: string;
  process: ChildProcess;
  output: () => string;
}

/** Starts the image's CMD in its WORKDIR with the image's ENV and `environment`; resolves once /api/health answers. */
async function startImageServer(imageRoot: string, environment: Record<string, string>): Promise<RunningServer> {
  const [command, ...args] = execFormOf(lastArgumentOf(runStage, 'CMD'));
  const port = await findFreePort();
  let output = '';
  const child = spawn(command === 'node' ? process.execPath : command!, args, {
    cwd: inImage(imageRoot, lastArgumentOf(runStage, 'WORKDIR')!),
    // Nothing of this process's environment (no NODE_OPTIONS, no loaders): only what the image sets.
    env: { PATH: dirname(process.execPath), ...imageEnvironment(imageRoot), HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    const healthy = await fetch(`${baseUrl}/api/health`).then((response) => response.ok, () => false);
    if (healthy) return { baseUrl, process: child, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not answer /api/health within 90 s:\n${output}`);
}

function stopServer(server: RunningServer | undefined): Promise<void> {
  if (!server || server.process.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.process.once('exit', () => resolve());
    server.process.kill('SIGTERM');
  });
}

describe('the production image’s files, built and started as the Dockerfile does', () => {
  let workDir: string;
  let imageRoot: string;
  let databaseName: string;
  let databaseUrl: string;
  let server: RunningServer | undefined;
  const adminEmail = 'verwaltung@musterstadt.example';
  const adminPassword = 'Produktion-im-Test-2026!';

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'amtsweg-production-'));
    imageRoot = join(workDir, 'image');
    const source = inImage(imageRoot, lastArgumentOf(buildStage, 'WORKDIR')!);
    copyBuildContext(source);
    const path = pnpmOnPath(join(workDir, 'bin'));
    for (const command of argumentsOf(buildStage, 'RUN')) {
      if (command.startsWith('npm install --global pnpm')) continue; // the test's own pnpm stands in for it
      // Absolute paths of the image (`/out`) point into the temporary image root.
      const mapped = command.replace(/(^|\s)\/(?=\w)/g, `$1${imageRoot}/`);
      // Offline: the packages come from the store the workspace's own install filled; nothing downloads at test time.
      execFileSync('sh', ['-c', mapped], { cwd: source, stdio: 'inherit', env: { ...process.env, PATH: path, CI: 'true', npm_config_offline: 'true' } });
    }
    for (const copy of argumentsOf(runStage, 'COPY')) {
      const [from, origin, destination] = copy.split(' ');
      expect(from).toBe('--from=build');
      expect(existsSync(inImage(imageRoot, destination!)), `${destination} exists before COPY`).toBe(false);
      mkdirSync(dirname(inImage(imageRoot, destination!)), { recursive: true });
      renameSync(inImage(imageRoot, origin!), inImage(imageRoot, destination!));
    }
    // The run stage has nothing of the build stage but what it copied.
    rmSync(source, { recursive: true, force: true });

    databaseName = `amtsweg_production_${randomUUID().replace(/-/g, '')}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`create database ${databaseName}`);
    await admin.end();
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  }, 900_000);

  afterAll(async () => {
    await stopServer(server);
    if (databaseName) {
      const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${databaseName} with (force)`);
      await admin.end();
    }
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('ships the bundle, the four front ends and the licences, with production dependencies only', () => {
    const app = inImage(imageRoot, '/app');
    for (const file of ['apps/server/dist/server.js', 'apps/server/package.json', 'LICENSE', 'THIRD-PARTY-LICENSES.md']) {
      expect(existsSync(join(app, file)), file).toBe(true);
    }
    for (const frontEnd of ['portal', 'inbox', 'studio', 'admin']) expect(existsSync(join(app, 'apps', frontEnd, 'dist', 'index.html')), frontEnd).toBe(true);
    const modules = join(app, 'apps/server/node_modules');
    for (const needed of ['fastify', '@node-rs/argon2', '@electric-sql/pglite', 'pg', 'pdfmake']) expect(existsSync(join(modules, needed)), needed).toBe(true);
    for (const development of ['tsx', 'typescript', 'vite', 'vitest', 'esbuild', 'playwright-core', '@amtsweg/server']) {
      expect(existsSync(join(modules, development)), `${development} is in the image`).toBe(false);
    }
    // No node_modules above the run directory that could stand in for a missing production dependency.
    for (let dir = join(app, 'apps/server'); dir !== parsePath(dir).root; dir = dirname(dir)) {
      if (dir !== join(app, 'apps/server')) expect(existsSync(join(dir, 'node_modules')), `${dir}/node_modules`).toBe(false);
    }
    expect(existsSync('/node_modules')).toBe(false);
    expect(readFileSync(join(app, 'LICENSE'), 'utf8')).toMatch(/^EUROPEAN UNION PUBLIC LICENCE v\. 1\.2/);
  });

  it('serves the API, the portal and the administration on PostgreSQL, and lets the first administrator log in', async () => {
    server = await startImageServer(imageRoot, {
      DATABASE_URL: databaseUrl,
      SERVER_SECRET: randomBytes(32).toString('base64url'),
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: adminPassword,
      ORGANISATION_NAME: 'Stadt Musterstadt',
    });
    const health = await fetch(`${server.baseUrl}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'postgres' });

    for (const [path, frontEnd] of [['/', 'portal'], ['/inbox/', 'inbox'], ['/studio/', 'studio'], ['/admin/', 'admin']] as const) {
      const page = await fetch(`${server.baseUrl}${path}`, { headers: { accept: 'text/html' } });
      expect(page.status, frontEnd).toBe(200);
      const html = await page.text();
      const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
      expect(script, `${frontEnd} has a script`).toBeDefined();
      const asset = await fetch(new URL(script!, `${server.baseUrl}${path}`));
      expect(asset.status, `${frontEnd} ${script}`).toBe(200);
      expect(asset.headers.get('content-type'), script).toMatch(/javascript/);
    }

    // Password hashing (the native @node-rs/argon2), sessions and the database together.
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: adminEmail, password: adminPassword }),
    });
    expect(login.status, await login.clone().text()).toBe(200);
    const cookie = login.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ');
    const me = await fetch(`${server.baseUrl}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(JSON.stringify(await me.json())).toContain(adminEmail);

    const services = await fetch(`${server.baseUrl}/api/services`);
    expect(services.status).toBe(200);
    // A real installation: no demo services without SEED_DEMO.
    expect(((await services.json()) as { services: unknown[] }).services).toEqual([]);
    // The API description (@fastify/swagger and the assets of @fastify/swagger-ui, read from their packages).
    expect((await fetch(`${server.baseUrl}/docs/json`)).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/docs/static/swagger-ui.css`)).status).toBe(200);

    await stopServer(server);
    expect(server.process.exitCode).toBe(0);
    expect(server.output()).not.toContain(adminPassword);
  }, 180_000);

  it('runs the command-line tools beside the server: `node dist/admin-cli.js create` with the password on stdin', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ slug: string }>('select slug from organisations');
    await client.end();
    expect(rows).toHaveLength(1);
    const password = 'Kanzlei-Rathaus-Hof-2026!';
    const cli = spawnSync(process.execPath, ['dist/admin-cli.js', 'create', '--email', 'zweite@musterstadt.example', '--organisation', rows[0]!.slug], {
      cwd: inImage(imageRoot, lastArgumentOf(runStage, 'WORKDIR')!),
      env: { PATH: dirname(process.execPath), ...imageEnvironment(imageRoot), DATABASE_URL: databaseUrl },
      input: password,
      encoding: 'utf8',
    });
    expect(cli.status, cli.stdout + cli.stderr).toBe(0);
    expect(cli.stdout + cli.stderr).not.toContain(password);

    server = await startImageServer(imageRoot, { DATABASE_URL: databaseUrl, SERVER_SECRET: randomBytes(32).toString('base64url') });
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'zweite@musterstadt.example', password }),
    });
    expect(login.status, await login.clone().text()).toBe(200);
    await stopServer(server);
  }, 180_000);

  it('runs on the embedded database in the data folder, PGlite’s wasm and data files read from its package', async () => {
    server = await startImageServer(imageRoot, { SEED_DEMO: 'false' });
    const health = await fetch(`${server.baseUrl}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'pglite' });
    await stopServer(server);
    // In the volume, with the server secret made at the first start beside it.
    expect(existsSync(inImage(imageRoot, '/data/pglite'))).toBe(true);
    expect(existsSync(inImage(imageRoot, '/data/server-secret'))).toBe(true);
  }, 180_000);
});
