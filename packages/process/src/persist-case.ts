import { formatLocalDate } from '@amtsweg/definitions';
import type { ProcessState } from '@amtsweg/definitions';
import type { CompiledProcess } from './compile-process';
import type { ProcessContext, ProcessSnapshot } from './create-process-machine';
import { failInvalidSnapshot } from './process-errors';
import type { CaseFailure } from './process-errors';

/**
 * What the database keeps of a case's position in its process. Deliberately tiny: the case data lives in
 * its own column and is passed in again on restore.
 */
export interface PersistedCase {
  /** Id of the current process state. */
  value: string;
  /** `done` once the case has reached a final state. */
  status: 'active' | 'done';
}

/** Optional context for evaluating guards. */
export interface CaseOptions {
  /** The moment of the action; deadlines are due from here and guards' `today` is its date. Default: now. */
  now?: Date;
  /** The date guards read as `today` (`YYYY-MM-DD`); default: the date of `now` in the process's local time. */
  today?: string;
  /** The IANA time zone whose days deadlines set by a person end with (e.g. `Europe/Berlin`); default: the process's. */
  timeZone?: string;
  /** Case facts guards may read as `$case.reference`, `$case.receivedAt`; `$case.state` is filled in. */
  facts?: Readonly<Record<string, unknown>>;
}

/** A restored case, or why the stored state cannot be used. */
export type RestoreResult = { ok: true; snapshot: ProcessSnapshot; state: ProcessState } | CaseFailure;

/**
 * Reduces a snapshot to what the database stores. JSON-serialisable and free of case data.
 *
 * @example
 * persistCase(started.snapshot) // { value: 'inReview', status: 'active' }
 */
export function persistCase(snapshot: ProcessSnapshot): PersistedCase {
  return { value: String(snapshot.value), status: snapshot.status === 'done' ? 'done' : 'active' };
}

/**
 * Rebuilds a case's snapshot from its stored state and its data. Never throws: a stored state that names
 * no state of this process, is not of the stored shape or whose `status` contradicts its state yields
 * `INVALID_SNAPSHOT`.
 *
 * @example
 * const restored = restoreCase(compiled, { value: 'inReview', status: 'active' }, caseRow.data);
 * if (restored.ok) restored.snapshot.can({ type: 'approve' });
 */
export function restoreCase(
  compiled: CompiledProcess,
  persisted: PersistedCase,
  data: Readonly<Record<string, unknown>>,
  options: CaseOptions = {},
): RestoreResult {
  // The stored JSON comes from outside this package's types (a database column), so check its shape.
  const stored: unknown = persisted;
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return failInvalidSnapshot('shape', stored);
  const { value, status } = stored as Record<string, unknown>;
  if (typeof value !== 'string') return failInvalidSnapshot('shape', stored);
  const state = compiled.states.get(value);
  if (state === undefined) return failInvalidSnapshot('state', stored);
  if (status !== (state.kind === 'final' ? 'done' : 'active')) return failInvalidSnapshot('status', stored);
  const snapshot = compiled.machine.resolveState({ value: state.id, context: createContext(data, options) });
  return { ok: true, snapshot, state };
}

/** The machine context for one call: data plus the facts and date guards may read. */
export function createContext(data: Readonly<Record<string, unknown>>, options: CaseOptions): ProcessContext {
  return { data, facts: options.facts ?? {}, today: options.today ?? formatLocalDate(options.now ?? new Date()) };
}
