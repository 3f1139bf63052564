import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, LOCK_FILE_NAME, type LockOwner } from './data-dir-lock';

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

  const plant = (owner: Partial<LockOwner>): void => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(lockFile, JSON.stringify({ pid: 1, host: hostname(), startedAt: new Date().toISOString(), program: 'server', ...owner }));
  };
  /** The pid of a process that ran and has ended. */
  const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid;

  it('is created with pid, host and start time, refused to a second taker and removed on release', () => {
    const lock = acquireDataDirLock(dataDir, { program: 'server' });
    const stored = JSON.parse(readFileSync(lockFile, 'utf8')) as LockOwner;
    expect(stored).toMatchObject({ pid: process.pid, host: hostname(), program: 'server' });
    expect(Date.now() - Date.parse(stored.startedAt)).toBeLessThan(10_000);
    expect(() => acquireDataDirLock(dataDir, { program: 'admin:create' })).toThrow(/holds the data folder .*pglite already/);
    lock.release();
    expect(existsSync(lockFile)).toBe(false);
    // Released, it can be taken again.
    acquireDataDirLock(dataDir, { program: 'server' }).release();
  });

  it('refuses a folder a live process of this host holds, naming the folder and its pid, and leaves its lock alone', () => {
    plant({ pid: process.ppid });
    const before = readFileSync(lockFile, 'utf8');
    expect(() => acquireDataDirLock(dataDir, { program: 'server' })).toThrow(
      new RegExp(`data folder ${dataDir} is in use by an Amtsweg server \\(pid ${process.ppid} on host .*stop that process first`),
    );
    expect(readFileSync(lockFile, 'utf8')).toBe(before);
  });

  it('takes over the lock of a process that no longer runs, and says so', () => {
    const pid = deadPid();
    plant({ pid });
    const stale: (LockOwner | undefined)[] = [];
    const lock = acquireDataDirLock(dataDir, { program: 'server', onStaleLock: (owner) => stale.push(owner) });
    expect(stale).toEqual([expect.objectContaining({ pid })]);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('takes over a lock whose pid now belongs to a process started after it (a reused pid)', () => {
    plant({ pid: process.ppid, startedAt: '2001-01-01T00:00:00.000Z' });
    const lock = acquireDataDirLock(dataDir, { program: 'server' });
    expect(lock.owner.pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock naming its own pid, left by an earlier process with that pid (a restarted container)', () => {
    plant({ pid: process.pid, startedAt: '2001-01-01T00:00:00.000Z' });
    acquireDataDirLock(dataDir, { program: 'server' }).release();
  });

  it('refuses a lock of another host, which it cannot check, and says how to remove it', () => {
    plant({ pid: deadPid(), host: 'anderer-rechner' });
    expect(() => acquireDataDirLock(dataDir, { program: 'server' })).toThrow(/on host anderer-rechner.*cannot check whether that process still runs: if it does not, delete .*amtsweg\.lock/);
  });

  it('treats an empty lock file as being written, unless it has been empty for a while', () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(lockFile, '');
    expect(() => acquireDataDirLock(dataDir, { program: 'server' })).toThrow(/is being locked by another process at this moment/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockFile, old, old);
    acquireDataDirLock(dataDir, { program: 'server' }).release();
  });
});
