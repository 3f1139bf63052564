import { closeSync, fstatSync, linkSync, mkdirSync, openSync, readFileSync, readlinkSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InstallationError } from './installation-error';

/** The lock file inside the PGlite data folder (PGlite leaves a foreign file there alone). */
export const LOCK_FILE_NAME = 'amtsweg.lock';
/** How often the holder refreshes its lock's modification time (its heartbeat). */
export const HEARTBEAT_INTERVAL_MS = 10_000;
/**
 * A lock whose owner cannot be checked from here (another host, another pid namespace, or a pid that is not
 * certainly the owner's) is taken over once its heartbeat is this old. Three missed beats, so a busy file
 * system or a clock of another host a few seconds off never makes a live lock look stale.
 */
export const STALE_AFTER_MS = 30_000;

/** Who holds the data folder, as written into the lock file. */
export interface LockOwner {
  pid: number;
  host: string;
  /**
   * Where `pid` means something: the machine's boot and the pid namespace (Linux; absent where unknown). Two
   * containers on one volume may share a host name and both run as pid 1; their pids are only comparable when
   * this is the same.
   */
  pidSpace?: string;
  /** ISO time the lock was taken. */
  startedAt: string;
  /** What holds it: the server, or a CLI command. */
  program: string;
}

export interface DataDirLock {
  /** The lock file. */
  file: string;
  owner: LockOwner;
  /** Stops the heartbeat and removes the lock file if it is still this process's (synchronous, so it can run while the process exits). */
  release(): void;
}

export interface AcquireOptions {
  /** Written into the lock, so a refused process can say what holds the folder. */
  program: string;
  /** A lock left by a process that no longer runs (or sent no heartbeat for too long) was taken over; `reason` says which. */
  onStaleLock?: (owner: LockOwner | undefined, file: string, reason: string) => void;
  /**
   * The lock stopped being this process's while it held it (removed, or taken over after the heartbeat failed):
   * another process may open the folder now, so the holder should stop using the database.
   */
  onLost?: (reason: string) => void;
  /** Defaults to {@link HEARTBEAT_INTERVAL_MS} (tests shorten it). */
  heartbeatIntervalMs?: number;
  /** Defaults to {@link STALE_AFTER_MS} (tests shorten it); at least twice the heartbeat interval. */
  staleAfterMs?: number;
}

// A lock file that is empty or unreadable this long was not written by a live Amtsweg process.
const UNREADABLE_GRACE_MS = 5_000;
// Rounds of trying before giving up on a folder others keep taking (each round is quick; a busy takeover pauses).
const MAX_ROUNDS = 100;
const RETRY_PAUSE_MS = 10;
// /proc's process start times count in clock ticks from boot, which Linux reports at 100 per second.
const CLOCK_TICKS_PER_SECOND = 100;
// A process that started this much after the lock was taken is not the one that took it (its pid was reused).
const PID_REUSE_MARGIN_MS = 2_000;

/**
 * The heartbeat runs in a worker thread: it says that the process lives, not that its event loop is idle, so a
 * long synchronous PGlite statement (a migration on a large table) does not make the lock look abandoned. It
 * refreshes only the lock that is still this process's, and reports once when that is no longer so.
 */
const HEARTBEAT_SOURCE = `
const { readFileSync, utimesSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const { file, content, intervalMs } = workerData;
const timer = setInterval(() => {
  let current;
  try {
    current = readFileSync(file, 'utf8');
  } catch (error) {
    if (error.code !== 'ENOENT') return;
  }
  if (current !== content) {
    clearInterval(timer);
    parentPort.postMessage({ current });
    return;
  }
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // Tried again at the next beat; three missed beats before anyone may take the lock over.
  }
}, intervalMs);
`;

interface HeldLock {
  content: string;
  stopHeartbeat(): void;
}

const held = new Map<string, HeldLock>();
let releaseAtExit = false;
let ownPidSpace: string | null | undefined;

/**
 * Makes the embedded database folder this process's: creates `<dataDir>/amtsweg.lock` atomically (exclusive
 * create) with pid, host and start time before PGlite opens the folder, because two PGlite instances on one
 * folder overwrite each other's writes, and keeps it alive with a heartbeat (its modification time, refreshed
 * every {@link HEARTBEAT_INTERVAL_MS}). A lock of this machine and pid namespace whose process is gone is taken
 * over at once, one whose process runs is refused. Any other lock (another host, another container, a pid of
 * this very process, a reused pid) is taken over only once its heartbeat is older than {@link STALE_AFTER_MS},
 * and refused with an `InstallationError` before.
 *
 * @example
 * const lock = acquireDataDirLock('.data/pglite', { program: 'server', onLost: (reason) => log.fatal(reason) });
 * // … open PGlite, serve, close PGlite …
 * lock.release();
 */
export function acquireDataDirLock(dataDir: string, options: AcquireOptions): DataDirLock {
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS;
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;
  if (!(heartbeatIntervalMs > 0 && staleAfterMs >= 2 * heartbeatIntervalMs)) {
    throw new RangeError(`staleAfterMs (${staleAfterMs}) must be at least twice heartbeatIntervalMs (${heartbeatIntervalMs})`);
  }
  const folder = resolve(dataDir);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, LOCK_FILE_NAME);
  if (held.has(file)) throw new InstallationError(`This process holds the data folder ${folder} already`);
  const owner = createLockOwner(options.program);
  const ownContent = `${JSON.stringify(owner)}\n`;
  // Each lost race (another process created the lock, or is taking the stale one over) starts over.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (createExclusively(file, ownContent)) {
      let stopHeartbeat: () => void;
      try {
        stopHeartbeat = startHeartbeat(file, ownContent, heartbeatIntervalMs, options.onLost);
      } catch (error) {
        unlinkSync(file);
        throw error;
      }
      held.set(file, { content: ownContent, stopHeartbeat });
      if (!releaseAtExit) {
        releaseAtExit = true;
        // Whatever ends the process (an error at start, an uncaught exception) leaves no lock behind.
        process.once('exit', () => held.forEach((_, lockFile) => releaseLock(lockFile)));
      }
      return { file, owner, release: () => releaseLock(file) };
    }
    const found = readLock(file);
    if (found === undefined) continue;
    const { content } = found;
    const current = parseOwner(content);
    const verdict = judgeLock(found, current, staleAfterMs);
    // Not a lock this code wrote (those are whole from the start), judged once it has been unreadable a while.
    if (verdict === 'being-written') {
      pause(RETRY_PAUSE_MS);
      continue;
    }
    if (verdict.live) throw new InstallationError(describeRefusal(folder, file, current, verdict.heartbeatAgeMs, staleAfterMs));
    const outcome = removeStaleLock(file, () => {
      const again = readLock(file);
      if (again?.content !== content) return false;
      const verdictNow = judgeLock(again, current, staleAfterMs);
      return typeof verdictNow === 'object' && !verdictNow.live;
    });
    if (outcome === 'removed') options.onStaleLock?.(current, file, verdict.reason);
    else if (outcome === 'busy') pause(RETRY_PAUSE_MS);
  }
  throw new InstallationError(
    `The data folder ${folder} is being locked by another process at this moment (${file}); only one process may open the embedded database: stop the other one, or start again`,
  );
}

/** The lock record this process writes (tests plant locks of other processes with it). */
export function createLockOwner(program: string): LockOwner {
  const pidSpace = readPidSpace();
  return { pid: process.pid, host: hostname(), ...(pidSpace ? { pidSpace } : {}), startedAt: new Date().toISOString(), program };
}

/** This machine's boot id and this process's pid namespace, on Linux; undefined where neither can be read. */
function readPidSpace(): string | undefined {
  if (ownPidSpace === undefined) {
    const boot = readOrUndefined(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
    const namespace = readOrUndefined(() => readlinkSync('/proc/self/ns/pid'));
    ownPidSpace = boot || namespace ? `${boot ?? '?'}/${namespace ?? '?'}` : null;
  }
  return ownPidSpace ?? undefined;
}

function readOrUndefined(read: () => string): string | undefined {
  try {
    return read() || undefined;
  } catch {
    return undefined;
  }
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

function startHeartbeat(file: string, content: string, intervalMs: number, onLost: AcquireOptions['onLost']): () => void {
  let stopped = false;
  const worker = new Worker(HEARTBEAT_SOURCE, { eval: true, workerData: { file, content, intervalMs } });
  const lose = (reason: string): void => {
    if (stopped) return;
    stopped = true;
    void worker.terminate();
    onLost?.(reason);
  };
  worker.on('message', ({ current }: { current: string | undefined }) => {
    if (current === undefined) return lose(`The lock ${file} was removed while this process held it`);
    const taker = parseOwner(current);
    lose(`The lock ${file} was taken over by ${taker ? `pid ${taker.pid} on host ${taker.host}` : 'another process'} while this process held it`);
  });
  worker.on('error', (error) => lose(`The heartbeat of the lock ${file} stopped: ${error.message}`));
  // The heartbeat never keeps a process alive that has nothing else to do (after the listeners: adding a
  // 'message' listener refs the worker again).
  worker.unref();
  return () => {
    if (stopped) return;
    stopped = true;
    void worker.terminate();
  };
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
      return {
        pid: value.pid!,
        host: value.host,
        ...(typeof value.pidSpace === 'string' ? { pidSpace: value.pidSpace } : {}),
        startedAt: value.startedAt,
        program: typeof value.program === 'string' ? value.program : 'unknown',
      };
    }
  } catch {
    // Not JSON: judged by the file's age.
  }
  return undefined;
}

type Verdict = 'being-written' | { live: true; heartbeatAgeMs: number } | { live: false; reason: string };

/** A lock file's content and the age of its heartbeat, read from one open file, so both belong to the same lock. */
interface LockSnapshot {
  content: string;
  heartbeatAgeMs: number;
}

/**
 * Reads the lock through one file descriptor: its content and modification time are of the same file even when
 * another process replaces the lock between the two reads (reading the name twice once paired a stale lock's
 * owner with the fresh heartbeat of the lock that had just replaced it). Undefined if there is no lock.
 */
function readLock(file: string): LockSnapshot | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return { content: readFileSync(fd, 'utf8'), heartbeatAgeMs: Math.max(0, Date.now() - fstatSync(fd).mtimeMs) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a lock (not this process's: checked before) is live. Certain only where the pid can be checked —
 * this host and pid namespace, a pid other than ours: gone is stale, running since before the lock is live.
 * Everything else is decided by the heartbeat.
 */
function judgeLock({ heartbeatAgeMs }: LockSnapshot, owner: LockOwner | undefined, staleAfterMs: number): Verdict {
  if (!owner) return heartbeatAgeMs > UNREADABLE_GRACE_MS ? { live: false, reason: 'its lock file could not be read' } : 'being-written';
  const pidComparable = owner.host === hostname() && owner.pidSpace === readPidSpace() && owner.pid !== process.pid;
  if (pidComparable) {
    try {
      process.kill(owner.pid, 0);
    } catch (error) {
      // ESRCH: no such process. EPERM: it exists, under another user.
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return { live: false, reason: 'its process no longer runs' };
    }
    // A process with that pid runs; it is the holder if it started before the lock was taken, else the pid
    // was reused (or its start cannot be read), and the heartbeat tells.
    const started = processStartTime(owner.pid);
    const lockedAt = Date.parse(owner.startedAt);
    if (started !== undefined && Number.isFinite(lockedAt) && started <= lockedAt + PID_REUSE_MARGIN_MS) return { live: true, heartbeatAgeMs };
  }
  return heartbeatAgeMs > staleAfterMs ? { live: false, reason: `it had no heartbeat for ${formatSeconds(heartbeatAgeMs)}` } : { live: true, heartbeatAgeMs };
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
 * Holding that file it judges again, so a heartbeat that came meanwhile keeps the lock.
 */
function removeStaleLock(file: string, isStillStale: () => boolean): 'removed' | 'changed' | 'busy' {
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
    if (!isStillStale()) return 'changed';
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

function releaseLock(file: string): void {
  const lock = held.get(file);
  if (!lock) return;
  held.delete(file);
  lock.stopHeartbeat();
  if (readIfPresent(file) === lock.content) unlinkSync(file);
}

function formatSeconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

function describeRefusal(folder: string, file: string, owner: LockOwner | undefined, heartbeatAgeMs: number, staleAfterMs: number): string {
  if (!owner) return `The data folder ${folder} has a lock file that cannot be read (${file}); if no Amtsweg process uses the folder, delete it`;
  const holder = owner.program === 'server' ? 'an Amtsweg server' : `"${owner.program}"`;
  return (
    `The data folder ${folder} is in use by ${holder} (pid ${owner.pid} on host ${owner.host}, since ${owner.startedAt}, last heartbeat ${formatSeconds(heartbeatAgeMs)} ago). ` +
    `Only one process may open the embedded database: stop that process first (commands such as admin:create need the server stopped too), ` +
    `or run several processes on PostgreSQL (DATABASE_URL). A lock left by a process that crashed is taken over automatically once it has had ` +
    `no heartbeat for ${formatSeconds(staleAfterMs)}, so a start retried then (as a restart policy does) succeeds; never delete ${file} while that process may run.`
  );
}
