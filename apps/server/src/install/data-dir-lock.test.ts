import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, createLockOwner, HEARTBEAT_INTERVAL_MS, LOCK_FILE_NAME, STALE_AFTER_MS, type LockOwner } from './data-dir-lock';

// Short heartbeats, so a test waits a second or so instead of half a minute; the limit leaves the heartbeat
// thread many beats of slack on a busy machine.
const BEAT = { heartbeatIntervalMs: 50, staleAfterMs: 600 };
const STALE = 5_000;

describe('the lock of the embedded data folder', () => {
  let root: string;
  let dataDir: string;
  let lockFile: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'amtsweg-lock-'));
    dataDir = join(root, 'pglite');
    lockFile = join(dataDir, LOCK_FILE_NAME);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A lock as another process writes it (this process's machine and pid namespace unless said), its heartbeat `ageMs` old. */
  const plant = (owner: Partial<LockOwner>, ageMs = 0): void => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(lockFile, JSON.stringify({ ...createLockOwner('server'), pid: 1, startedAt: new Date(Date.now() - ageMs).toISOString(), ...owner }));
    age(ageMs);
  };
  const age = (ageMs: number): void => {
    const at = new Date(Date.now() - ageMs);
    utimesSync(lockFile, at, at);
  };
  const heartbeatAge = (): number => Date.now() - statSync(lockFile).mtimeMs;
  /** The pid of a process that ran and has ended. */
  const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid;
  /** Blocks this thread as a long synchronous statement would. */
  const block = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

  it('beats every 10 s and counts a lock stale after 30 s without a beat', () => {
    expect([HEARTBEAT_INTERVAL_MS, STALE_AFTER_MS]).toEqual([10_000, 30_000]);
    expect(() => acquireDataDirLock(dataDir, { program: 'server', heartbeatIntervalMs: 1_000, staleAfterMs: 1_500 })).toThrow(/at least twice/);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('is created with pid, host, pid space and start time, refused to a second taker and removed on release', () => {
    const lock = acquireDataDirLock(dataDir, { program: 'server' });
    const stored = JSON.parse(readFileSync(lockFile, 'utf8')) as LockOwner;
    expect(stored).toMatchObject({ pid: process.pid, host: hostname(), program: 'server' });
    expect(stored.pidSpace).toMatch(/^[0-9a-f-]{36}\/pid:\[\d+\]$/);
    expect(Date.now() - Date.parse(stored.startedAt)).toBeLessThan(10_000);
    expect(() => acquireDataDirLock(dataDir, { program: 'admin:create' })).toThrow(/holds the data folder .*pglite already/);
    lock.release();
    expect(existsSync(lockFile)).toBe(false);
    // Released, it can be taken again.
    acquireDataDirLock(dataDir, { program: 'server' }).release();
  });

  it('keeps its lock fresh with a heartbeat while this thread is blocked beyond the limit, and stops beating on release', async () => {
    const lock = acquireDataDirLock(dataDir, { program: 'server', ...BEAT });
    age(STALE);
    block(3 * BEAT.staleAfterMs);
    expect(heartbeatAge()).toBeLessThan(BEAT.staleAfterMs);
    lock.release();
    // A file under that name after the release is not this process's to refresh.
    plant({ pid: deadPid() }, STALE);
    await sleep(5 * BEAT.heartbeatIntervalMs);
    expect(heartbeatAge()).toBeGreaterThanOrEqual(STALE);
  });

  it('refuses a live lock reached through another path to the folder (the same volume in two containers), while its holder is blocked beyond the limit', () => {
    const lock = acquireDataDirLock(dataDir, { program: 'server', ...BEAT });
    const otherMount = join(root, 'mounted-elsewhere');
    symlinkSync(dataDir, otherMount);
    block(3 * BEAT.staleAfterMs);
    expect(() => acquireDataDirLock(otherMount, { program: 'server', ...BEAT })).toThrow(
      new RegExp(`data folder ${otherMount} is in use by an Amtsweg server \\(pid ${process.pid} on host ${hostname()}, since ${lock.owner.startedAt}, last heartbeat 0\\.\\d s ago\\)`),
    );
    lock.release();
  });

  it('refuses a folder a live process of this host holds, whatever its heartbeat, naming the folder and its pid, and leaves its lock alone', () => {
    plant({ pid: process.ppid, startedAt: new Date().toISOString() }, STALE);
    const before = readFileSync(lockFile, 'utf8');
    expect(() => acquireDataDirLock(dataDir, { program: 'server', ...BEAT })).toThrow(
      new RegExp(`data folder ${dataDir} is in use by an Amtsweg server \\(pid ${process.ppid} on host .*stop that process first`),
    );
    expect(readFileSync(lockFile, 'utf8')).toBe(before);
    expect(heartbeatAge()).toBeGreaterThanOrEqual(STALE);
  });

  it('takes over the lock of a process of this host that no longer runs at once, and says so', () => {
    const pid = deadPid();
    plant({ pid });
    const stale: [LockOwner | undefined, string][] = [];
    const lock = acquireDataDirLock(dataDir, { program: 'server', onStaleLock: (owner, _file, reason) => stale.push([owner, reason]) });
    expect(stale).toEqual([[expect.objectContaining({ pid }), 'its process no longer runs']]);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  const uncheckable: [string, Partial<LockOwner>][] = [
    ['its own pid (a restarted container: the server is pid 1 every time)', { pid: process.pid }],
    ['its own pid in another pid namespace (two containers on one volume with one host name)', { pid: process.pid, pidSpace: 'another-container/pid:[4026532999]' }],
    ['a pid of another pid namespace that does not run here', { pid: 0x3fffff, pidSpace: 'another-container/pid:[4026532999]' }],
    ['another host (a container recreated under a new host name)', { pid: 1, host: 'anderer-rechner', pidSpace: 'another-boot/pid:[4026531836]' }],
    ['a reused pid (the process running under it started after the lock)', { pid: process.ppid, startedAt: '2001-01-01T00:00:00.000Z' }],
  ];
  for (const [kind, owner] of uncheckable) {
    it(`judges a lock of ${kind} by its heartbeat: refused while fresh, taken over once older than the limit`, () => {
      plant(owner, 100);
      const before = readFileSync(lockFile, 'utf8');
      let refusal = '';
      try {
        acquireDataDirLock(dataDir, { program: 'server', ...BEAT });
      } catch (error) {
        refusal = (error as Error).message;
      }
      const taker = JSON.parse(before) as LockOwner;
      expect(refusal).toContain(`is in use by an Amtsweg server (pid ${taker.pid} on host ${taker.host}, since ${taker.startedAt}, last heartbeat 0.`);
      expect(refusal).toContain('A lock left by a process that crashed is taken over automatically once it has had no heartbeat for 0.6 s');
      expect(readFileSync(lockFile, 'utf8')).toBe(before);

      age(BEAT.staleAfterMs + 1_000);
      const reasons: string[] = [];
      const lock = acquireDataDirLock(dataDir, { program: 'server', ...BEAT, onStaleLock: (_owner, _file, reason) => reasons.push(reason) });
      expect(reasons).toEqual([expect.stringMatching(/^it had no heartbeat for 1\.\d s$/)]);
      expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
      lock.release();
    });
  }

  it('never keeps a process alive: one that holds the lock and has nothing else to do ends, leaving no lock behind', () => {
    const holder = [
      `import { acquireDataDirLock } from ${JSON.stringify(fileURLToPath(new URL('./data-dir-lock.ts', import.meta.url)))};`,
      `acquireDataDirLock(${JSON.stringify(dataDir)}, { program: 'probe', heartbeatIntervalMs: 50, staleAfterMs: 600 });`,
      `setTimeout(() => process.stdout.write('held'), 300);`,
    ].join('\n');
    // A script file: \`node -e\` ends its process in its own way, whatever still runs.
    const script = join(root, 'hold-and-end.ts');
    writeFileSync(script, holder);
    // From the server's folder, where `tsx` resolves (the root's `pnpm test` runs from the repository root).
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8', timeout: 10_000 });
    expect(child.stderr).toBe('');
    expect([child.signal, child.status, child.stdout]).toEqual([null, 0, 'held']);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('says when its lock is taken from it, and never refreshes the taker’s', async () => {
    const lost: string[] = [];
    const lock = acquireDataDirLock(dataDir, { program: 'server', ...BEAT, onLost: (reason) => lost.push(reason) });
    plant({ pid: 4242, host: 'anderer-rechner' }, STALE);
    for (let waited = 0; lost.length === 0 && waited < 5_000; waited += BEAT.heartbeatIntervalMs) await sleep(BEAT.heartbeatIntervalMs);
    expect(lost).toEqual([`The lock ${lockFile} was taken over by pid 4242 on host anderer-rechner while this process held it`]);
    await sleep(5 * BEAT.heartbeatIntervalMs);
    expect(heartbeatAge()).toBeGreaterThanOrEqual(STALE);
    // Releasing leaves the taker's lock alone.
    lock.release();
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: 4242 });
  });

  it('treats an empty lock file as being written, unless it has been empty for a while', () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(lockFile, '');
    expect(() => acquireDataDirLock(dataDir, { program: 'server' })).toThrow(/is being locked by another process at this moment/);
    age(60_000);
    acquireDataDirLock(dataDir, { program: 'server' }).release();
  });
});
