import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { InstallationError } from './installation-error';

/** The lock file inside the PGlite data folder (PGlite leaves a foreign file there alone). */
export const LOCK_FILE_NAME = 'amtsweg.lock';

/** Who holds the data folder, as written into the lock file. */
export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  startedAt: string;
  /** What holds it: the server, or a CLI command. */
  program: string;
}

export interface DataDirLock {
  /** The lock file. */
  file: string;
  owner: LockOwner;
  /** Removes the lock file if it is still this process's (synchronous, so it can run while the process exits). */
  release(): void;
}

export interface AcquireOptions {
  /** Written into the lock, so a refused process can say what holds the folder. */
  program: string;
  /** A lock left by a process that no longer runs was taken over. */
  onStaleLock?: (owner: LockOwner | undefined, file: string) => void;
}

// A lock file that is empty or unreadable this long was not written by a live Amtsweg process.
const UNREADABLE_GRACE_MS = 5_000;
// Rounds of trying before giving up on a folder others keep taking (each round is quick; a busy takeover pauses).
const MAX_ROUNDS = 100;
const RETRY_PAUSE_MS = 10;
// /proc's process start times count in clock ticks from boot, which Linux reports at 100 per second.
const CLOCK_TICKS_PER_SECOND = 100;

const held = new Map<string, string>();
let releaseAtExit = false;

/**
 * Makes the embedded database folder this process's: creates `<dataDir>/amtsweg.lock` atomically (exclusive
 * create) with pid, host and start time before PGlite opens the folder, because two PGlite instances on one
 * folder overwrite each other's writes. A lock whose process is gone (on this host) is taken over; a live
 * one, or one of another host (which cannot be checked from here), stops with an `InstallationError`.
 *
 * @example
 * const lock = acquireDataDirLock('.data/pglite', { program: 'server' });
 * // … open PGlite, serve, close PGlite …
 * lock.release();
 */
export function acquireDataDirLock(dataDir: string, options: AcquireOptions): DataDirLock {
  const folder = resolve(dataDir);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, LOCK_FILE_NAME);
  if (held.has(file)) throw new InstallationError(`This process holds the data folder ${folder} already`);
  const owner: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), program: options.program };
  const ownContent = `${JSON.stringify(owner)}\n`;
  // Each lost race (another process created the lock, or is taking the stale one over) starts over.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (createExclusively(file, ownContent)) {
      held.set(file, ownContent);
      if (!releaseAtExit) {
        releaseAtExit = true;
        // Whatever ends the process (an error at start, an uncaught exception) leaves no lock behind.
        process.once('exit', () => held.forEach((content, lockFile) => releaseLock(lockFile, content)));
      }
      return { file, owner, release: () => releaseLock(file, ownContent) };
    }
    const content = readIfPresent(file);
    if (content === undefined) continue;
    const current = parseOwner(content);
    // Not a lock this code wrote (those are whole from the start): judged once it has been unreadable a while.
    if (!current && !isOld(file)) {
      pause(RETRY_PAUSE_MS);
      continue;
    }
    if (!isStale(file, current)) throw new InstallationError(describeRefusal(folder, file, current));
    const outcome = removeStaleLock(file, content);
    if (outcome === 'removed') options.onStaleLock?.(current, file);
    else if (outcome === 'busy') pause(RETRY_PAUSE_MS);
  }
  throw new InstallationError(
    `The data folder ${folder} is being locked by another process at this moment (${file}); only one process may open the embedded database: stop the other one, or start again`,
  );
}

/**
 * Creates `file` with `content` unless it exists, atomically and whole: the content is written to a file of
 * this process first and then hard-linked to the name (link refuses an existing name, also on NFS), so no one
 * ever reads a half-written lock.
 */
function createExclusively(file: string, content: string): boolean {
  const draft = `${file}.${process.pid}.new`;
  writeFileSync(draft, content, { mode: 0o644 });
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseOwner(content: string): LockOwner | undefined {
  try {
    const value = JSON.parse(content) as Partial<LockOwner>;
    if (Number.isInteger(value.pid) && typeof value.host === 'string' && typeof value.startedAt === 'string') {
      return { pid: value.pid!, host: value.host, startedAt: value.startedAt, program: typeof value.program === 'string' ? value.program : 'unknown' };
    }
  } catch {
    // Not JSON: judged by the file's age below.
  }
  return undefined;
}

/** Whether the lock's process is certainly gone: only decidable for a process of this host. */
function isStale(file: string, owner: LockOwner | undefined): boolean {
  if (!owner) return isOld(file);
  if (owner.host !== hostname()) return false;
  // Not held by this process (checked above), so a lock naming our pid was left by an earlier process that
  // had the same pid: a container restarted, where the server is pid 1 every time.
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // ESRCH: no such process. EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  // A process with that pid runs; if it started after the lock was taken, the pid was reused.
  const started = processStartTime(owner.pid);
  const lockedAt = Date.parse(owner.startedAt);
  return started !== undefined && Number.isFinite(lockedAt) && started > lockedAt + 2_000;
}

function isOld(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs > UNREADABLE_GRACE_MS;
  } catch {
    return false;
  }
}

/** When a process started (ms since the epoch), on Linux; undefined elsewhere or when unreadable. */
function processStartTime(pid: number): number | undefined {
  try {
    const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name (which may hold spaces, in parentheses); starttime is field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    if (!Number.isFinite(bootSeconds) || !Number.isFinite(ticks)) return undefined;
    return (bootSeconds + ticks / CLOCK_TICKS_PER_SECOND) * 1000;
  } catch {
    return undefined;
  }
}

/**
 * Removes the stale lock if it is still the one judged stale. Takeovers hold a second file, created
 * exclusively as well, so of several processes finding one stale lock only one removes it (and then races the
 * others on the exclusive create like any start); nothing but a takeover ever removes a lock it did not take.
 */
function removeStaleLock(file: string, judged: string): 'removed' | 'changed' | 'busy' {
  const takeover = `${file}.takeover`;
  if (!createExclusively(takeover, `${process.pid}\n`)) {
    // Another process is taking over right now. One killed within those microseconds leaves its file: cleared
    // once it is old.
    try {
      if (Date.now() - statSync(takeover).mtimeMs > UNREADABLE_GRACE_MS) unlinkSync(takeover);
    } catch {
      // Gone already.
    }
    return 'busy';
  }
  try {
    if (readIfPresent(file) !== judged) return 'changed';
    unlinkSync(file);
    return 'removed';
  } finally {
    unlinkSync(takeover);
  }
}

/** Waits synchronously (acquiring happens once, before anything else runs). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function releaseLock(file: string, ownContent: string): void {
  if (!held.delete(file)) return;
  if (readIfPresent(file) === ownContent) unlinkSync(file);
}

function describeRefusal(folder: string, file: string, owner: LockOwner | undefined): string {
  if (!owner) return `The data folder ${folder} has a lock file that cannot be read (${file}); if no Amtsweg process uses the folder, delete it`;
  const holder = `${owner.program === 'server' ? 'an Amtsweg server' : `"${owner.program}"`} (pid ${owner.pid} on host ${owner.host}, since ${owner.startedAt})`;
  const otherHost =
    owner.host !== hostname()
      ? ` This host cannot check whether that process still runs: if it does not, delete ${file}.`
      : ` If no process with pid ${owner.pid} is Amtsweg's any more, delete ${file}.`;
  return (
    `The data folder ${folder} is in use by ${holder}. Only one process may open the embedded database: ` +
    `stop that process first (commands such as admin:create need the server stopped too), or run several processes on PostgreSQL (DATABASE_URL).${otherHost}`
  );
}
