import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A server the benchmark started as its own process, listening on 127.0.0.1. */
export interface ChildServer {
  name: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** What the process wrote (its log at the level it was given), for the report. */
  output(): { lines: number; first: string[] };
  /** SIGTERM, then waits for the process to end; SIGKILL if it has not after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once (a crash), and waits until the process is gone. */
  kill(): Promise<void>;
}

export interface ChildServerOptions {
  name: string;
  /** The TypeScript entry point, run with `node --import tsx`. */
  script: string;
  /** Folder whose node_modules resolve `tsx`. */
  cwd: string;
  env: Record<string, string>;
  /** Polled until it answers 200. */
  healthPath: string;
  /** Extra flags for node, such as --cpu-prof. */
  nodeArgs?: string[];
  startTimeoutMs?: number;
}

const KEPT_OUTPUT_LINES = 10;

/**
 * Starts `script` in a separate Node process on a free port of 127.0.0.1 (passed as PORT) and resolves once
 * its health route answers.
 *
 * @example
 * const server = await startChildServer({ name: 'amtsweg', script: 'src/server.ts', cwd, env: {}, healthPath: '/api/health' });
 * await server.stop();
 */
export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const port = await findFreePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', options.script], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let lines = 0;
  const first: string[] = [];
  const collect = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      lines++;
      if (first.length < KEPT_OUTPUT_LINES) first.push(line.length > 400 ? `${line.slice(0, 400)}…` : line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  const server: ChildServer = {
    name: options.name,
    origin,
    output: () => ({ lines, first: [...first] }),
    stop: (graceMs = 10_000) => stopChild(child, exited, graceMs),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  try {
    await waitForHealth(`${origin}${options.healthPath}`, exited, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await server.stop(2_000);
    const detail = first.length > 0 ? `\n${first.join('\n')}` : '';
    throw new Error(`${options.name} did not start: ${(error as Error).message}${detail}`);
  }
  return server;
}

async function waitForHealth(url: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`the process exited with code ${exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  // Unreferenced, so a pending grace timer never keeps the benchmark process alive.
  const timer = sleep(graceMs, undefined, { ref: false }).then(() => 'timeout' as const);
  if ((await Promise.race([exited, timer])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/** A port the system reports free on 127.0.0.1 right now (another process could still take it first). */
async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
