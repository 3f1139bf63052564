import type { Deadline, ProcessState, ServiceDefinition } from '@amtsweg/definitions';
import { refuse, type EditResult } from './edit-result';
import {
  checkNewId,
  editState,
  insertAt,
  isInsertPosition,
  listActions,
  quoteLabel,
  refuseFinalState,
  refusePosition,
  withoutUndefined,
  type Refusal,
} from './process-edit-support';
import { findNewProblem, listDeadlineProblems } from './process-reference-checks';

/** What `updateDeadline` may change: the duration, the action it takes, the input that sets it (`undefined` removes it). */
export type DeadlineChanges = Partial<Omit<Deadline, 'id'>>;

/**
 * Adds a deadline to a state, at `index` or at the end. Refused in a final state, for an id the state already
 * has, for an action the state does not have, and for a `setBy` that no action leading into the state asks for
 * as a date.
 *
 * @example
 * addDeadline(definition, 'awaitingApplicant', { id: 'reminder', after: 'P7D', action: 'answerOverdue' });
 */
export function addDeadline(definition: ServiceDefinition, stateId: string, deadline: Deadline, index?: number): EditResult {
  return editState(definition, stateId, (state) => {
    if (state.kind === 'final') return refuseFinalState(state);
    const deadlines = state.deadlines ?? [];
    if (index !== undefined && !isInsertPosition(index, deadlines.length)) return refusePosition();
    const duplicate = checkNewId(deadline.id, deadlines.map((d) => d.id), {
      de: `In diesem Status gibt es schon eine Frist mit der Kennung „${deadline.id}“.`,
      en: `This state already has a deadline with the identifier “${deadline.id}”.`,
    });
    if (duplicate) return duplicate;
    const changed: ProcessState = { ...state, deadlines: insertAt(deadlines, structuredClone(deadline), index) };
    return findNewProblem(listDeadlineProblems(state), listDeadlineProblems(changed)) ?? checkSetBy(definition, state, deadline.setBy) ?? changed;
  });
}

/**
 * Changes a deadline's duration, the action it takes or the input that sets its last day.
 *
 * @example
 * updateDeadline(definition, 'awaitingApplicant', 'answerDeadline', { after: 'P21D' });
 */
export function updateDeadline(
  definition: ServiceDefinition,
  stateId: string,
  deadlineId: string,
  changes: DeadlineChanges,
): EditResult {
  return editState(definition, stateId, (state) => {
    const deadlines = state.deadlines ?? [];
    const index = deadlines.findIndex((d) => d.id === deadlineId);
    const deadline = deadlines[index];
    if (deadline === undefined) return refuseUnknownDeadline(deadlineId, state);
    const { id: _id, ...allowed } = changes as Partial<Deadline>;
    const updated = withoutUndefined({ ...deadline, ...allowed });
    const copy = [...deadlines];
    copy[index] = updated;
    const changed: ProcessState = { ...state, deadlines: copy };
    const setByProblem = updated.setBy === deadline.setBy ? undefined : checkSetBy(definition, state, updated.setBy);
    return findNewProblem(listDeadlineProblems(state), listDeadlineProblems(changed)) ?? setByProblem ?? changed;
  });
}

/**
 * Deletes a deadline; the action it took stays.
 *
 * @example
 * deleteDeadline(definition, 'awaitingApplicant', 'answerDeadline');
 */
export function deleteDeadline(definition: ServiceDefinition, stateId: string, deadlineId: string): EditResult {
  return editState(definition, stateId, (state) => {
    const deadlines = state.deadlines ?? [];
    if (!deadlines.some((d) => d.id === deadlineId)) return refuseUnknownDeadline(deadlineId, state);
    const rest = deadlines.filter((d) => d.id !== deadlineId);
    if (rest.length > 0) return { ...state, deadlines: rest };
    const { deadlines: _removed, ...withoutDeadlines } = state;
    return withoutDeadlines;
  });
}

/** A deadline set by a person needs a date input of that name on the actions leading into its state. */
function checkSetBy(definition: ServiceDefinition, state: ProcessState, key: string | undefined): Refusal | undefined {
  if (key === undefined) return undefined;
  const declared = listActions(definition)
    .filter(({ action }) => action.target === state.id)
    .flatMap(({ action }) => (action.inputs ?? []).filter((input) => input.key === key));
  const name = quoteLabel(state.label);
  if (declared.length === 0) {
    return refuse(
      `Keine Aktion, die in den Status ${name.de} führt, fragt „${key}“ ab; damit kann niemand den letzten Tag der Frist festlegen.`,
      `No action leading into the state ${name.en} asks for “${key}”, so nobody could set the deadline's last day with it.`,
    );
  }
  if (declared.some((input) => input.type !== 'date')) {
    return refuse(
      `Die Eingabe „${key}“ legt den letzten Tag der Frist fest und muss deshalb bei jeder Aktion, die in den Status ${name.de} führt, ein Datum sein.`,
      `The input “${key}” sets the deadline's last day, so it must be a date on every action leading into the state ${name.en}.`,
    );
  }
  return undefined;
}

function refuseUnknownDeadline(deadlineId: string, state: ProcessState): Refusal {
  const name = quoteLabel(state.label);
  return refuse(`Im Status ${name.de} gibt es die Frist „${deadlineId}“ nicht.`, `The state ${name.en} has no deadline “${deadlineId}”.`);
}
