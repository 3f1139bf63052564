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

/**
 * What `updateDeadline` may change: the duration, the action it takes, the input that sets it (`undefined`
 * removes it). The reminder has `setDeadlineReminder`, which knows where one is allowed.
 */
export type DeadlineChanges = Partial<Omit<Deadline, 'id' | 'remindBefore'>>;

/**
 * Adds a deadline to a state, at `index` or at the end. Refused in a final state, for an id the state already
 * has, for an action the state does not have, for a `setBy` that no action leading into the state asks for
 * as a date, and for a reminder (`remindBefore`) outside a state waiting for the applicant.
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
    if (deadline.remindBefore !== undefined) {
      const outside = refuseReminderOutsideWaiting(state);
      if (outside) return outside;
    }
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
    const { id: _id, remindBefore: _reminder, ...allowed } = changes as Partial<Deadline>;
    const updated = withoutUndefined({ ...deadline, ...allowed });
    const copy = [...deadlines];
    copy[index] = updated;
    const changed: ProcessState = { ...state, deadlines: copy };
    const setByProblem = updated.setBy === deadline.setBy ? undefined : checkSetBy(definition, state, updated.setBy);
    return findNewProblem(listDeadlineProblems(state), listDeadlineProblems(changed)) ?? setByProblem ?? changed;
  });
}

/**
 * Sets how many days before a deadline ends the applicant is reminded by e-mail (`remindBefore: 'P3D'`), or
 * with `null` removes the reminder. Only deadlines of states waiting for the applicant can remind (nobody else
 * is waiting to be reminded); the reminder must fall before the deadline ends, so it is shorter than a deadline
 * given in days or weeks. Removing a reminder is always possible.
 *
 * @example
 * setDeadlineReminder(definition, 'awaitingApplicant', 'answerDeadline', 3); // remindBefore: 'P3D'
 * setDeadlineReminder(definition, 'awaitingApplicant', 'answerDeadline', null); // no reminder
 */
export function setDeadlineReminder(definition: ServiceDefinition, stateId: string, deadlineId: string, days: number | null): EditResult {
  return editState(definition, stateId, (state) => {
    const deadlines = state.deadlines ?? [];
    const index = deadlines.findIndex((d) => d.id === deadlineId);
    const deadline = deadlines[index];
    if (deadline === undefined) return refuseUnknownDeadline(deadlineId, state);
    if (days !== null) {
      const problem = checkReminder(state, deadline, days);
      if (problem) return problem;
    }
    const { remindBefore: _removed, ...rest } = deadline;
    const copy = [...deadlines];
    copy[index] = days === null ? rest : { ...rest, remindBefore: `P${days}D` };
    return { ...state, deadlines: copy };
  });
}

/** The days a duration given in days or weeks only lasts (`P2W` → 14), else undefined (months and years vary). */
function wholeDaysOf(duration: string): number | undefined {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?$/.exec(duration);
  if (match === null || (match[1] === undefined && match[2] === undefined)) return undefined;
  return Number(match[1] ?? 0) * 7 + Number(match[2] ?? 0);
}

/** A reminder goes to the applicant, so only a state waiting for them can have one (the check REMINDER_NOT_FOR_APPLICANT). */
function refuseReminderOutsideWaiting(state: ProcessState): Refusal | undefined {
  if (state.kind === 'waiting') return undefined;
  const name = quoteLabel(state.label);
  return refuse(
    `Eine Erinnerung geht an die Antragstellerin oder den Antragsteller. Sie ist nur bei Fristen eines Status möglich, der auf die antragstellende Person wartet; ${name.de} tut das nicht.`,
    `A reminder goes to the applicant. It is only possible on deadlines of a state waiting for the applicant; ${name.en} is not one.`,
  );
}

function checkReminder(state: ProcessState, deadline: Deadline, days: number): Refusal | undefined {
  const outside = refuseReminderOutsideWaiting(state);
  if (outside) return outside;
  if (!Number.isInteger(days) || days < 1) {
    return refuse(
      'Die Erinnerung braucht eine ganze Zahl von Tagen vor Fristende, mindestens 1.',
      'The reminder needs a whole number of days before the deadline ends, at least 1.',
    );
  }
  const length = wholeDaysOf(deadline.after);
  if (length !== undefined && days >= length) {
    return refuse(
      `Die Frist „${deadline.id}“ dauert ${length} ${length === 1 ? 'Tag' : 'Tage'}; eine Erinnerung ${days} ${days === 1 ? 'Tag' : 'Tage'} vor ihrem Ende ginge schon beim Beginn der Frist hinaus. Wählen Sie weniger Tage.`,
      `The deadline “${deadline.id}” lasts ${length} ${length === 1 ? 'day' : 'days'}; a reminder ${days} ${days === 1 ? 'day' : 'days'} before it ends would go out as soon as it starts. Choose fewer days.`,
    );
  }
  return undefined;
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
