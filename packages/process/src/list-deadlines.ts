import type { ProcessDefinition } from '@amtsweg/definitions';

/** A timer of the process: it starts when the case enters `state` and stops when it leaves it. */
export interface ProcessDeadline {
  state: string;
  id: string;
  /** ISO-8601 duration, e.g. `P14D`. */
  after: string;
  /** The action the system takes when the time is up. */
  action: string;
}

/**
 * Lists every deadline of a process with the state that starts and stops it, for the Studio's overview and
 * the timer worker.
 *
 * @example
 * listDeadlines(definition.process)
 * // [{ state: 'awaitingApplicant', id: 'answerDeadline', after: 'P14D', action: 'answerOverdue' }]
 */
export function listDeadlines(process: ProcessDefinition): ProcessDeadline[] {
  return process.states.flatMap((state) =>
    (state.deadlines ?? []).map((deadline) => ({ state: state.id, id: deadline.id, after: deadline.after, action: deadline.action })),
  );
}
