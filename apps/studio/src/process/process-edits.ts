import type { ActionInput, ChoiceOption, Deadline, LocalizedText, Outcome, ProcessAction, ProcessState, ServiceDefinition, StateKind } from '@amtsweg/definitions';
import {
  addAction,
  addState,
  keyFromLabel,
  renameActionId,
  renameActionInputKey,
  renameStateId,
  setDeadlineReminder,
  updateAction,
  updateActionInput,
  updateState,
  type EditResult,
  type StateChanges,
} from '@amtsweg/editor';
import { followLabel, idsOfOthers } from '../area-controls/follow-label';
import { withLanguage } from '../area-controls/localized-text';

// The procedure designer's edits that take more than one operation of @amtsweg/editor: a new state or action
// with sensible defaults, a change of kind that keeps the state valid, labels whose ids follow them.

export const STATE_KINDS = ['task', 'waiting', 'automatic', 'final'] as const satisfies readonly StateKind[];
export const OUTCOMES = ['approved', 'rejected', 'withdrawn', 'closed'] as const satisfies readonly Outcome[];
export const INPUT_TYPES = ['comment', 'reason', 'text', 'choice', 'date'] as const satisfies readonly ActionInput['type'][];

/** What the applicant reads while a new state of each kind holds the case, until the clerk writes better. */
const STATUS_TEXTS: Readonly<Record<StateKind, { de: string; en: string }>> = {
  task: { de: 'Ihr Antrag wird bearbeitet.', en: 'Your application is being processed.' },
  waiting: { de: 'Wir brauchen noch Angaben von Ihnen.', en: 'We need more information from you.' },
  automatic: { de: 'Ihr Antrag wird weitergeleitet.', en: 'Your application is being passed on.' },
  final: { de: 'Ihr Antrag ist abgeschlossen. Den Bescheid können Sie herunterladen.', en: 'Your application is closed. You can download the notice.' },
};

/** A result refusing with the clerk's words. */
function refuseWith(message: { de: string; en: string }): EditResult {
  return { ok: false, message };
}

/**
 * A new state of a kind, its id made from its label: a task state is worked on by the first role, a final
 * state closes the case ("Erledigt") with the first decision notice; the status text says something general.
 *
 * @example
 * createState(definition, 'waiting', 'Wartet auf Unterlagen').id // 'wartetAufUnterlagen'
 */
export function createState(definition: ServiceDefinition, kind: StateKind, label: string): ProcessState {
  const id = keyFromLabel(label, new Set(definition.process.states.map((state) => state.id)));
  const text = STATUS_TEXTS[kind];
  const state: ProcessState = {
    id,
    kind,
    label: { de: label },
    statusText: definition.settings.languages.includes('en') ? { de: text.de, en: text.en } : { de: text.de },
  };
  const role = definition.settings.roles[0];
  if (kind === 'task' && role) state.role = role.id;
  if (kind === 'final') {
    state.outcome = 'closed';
    const notice = definition.documents.find((template) => template.kind === 'decision');
    if (notice) state.decisionTemplate = notice.id;
  }
  return state;
}

/**
 * Adds a new state: a final state at the end, any other before the first final state (so the list reads from
 * the start to the end). Refused for a task state while no role exists.
 */
export function addNewState(
  definition: ServiceDefinition,
  kind: StateKind,
  label: string,
  noRoles: { de: string; en: string },
): { result: EditResult; id: string } {
  const state = createState(definition, kind, label);
  if (kind === 'task' && state.role === undefined) return { result: refuseWith(noRoles), id: state.id };
  const firstFinal = definition.process.states.findIndex((s) => s.kind === 'final');
  const index = kind === 'final' || firstFinal === -1 ? undefined : firstFinal;
  return { result: addState(definition, state, index), id: state.id };
}

/**
 * A new action of a state: it leads to the next state of the list (else the first other state), and may be
 * taken by whoever acts in this kind of state (the state's role, the applicant while waiting, the system in an
 * automatic state).
 *
 * @example
 * createAction(definition, inReview, 'Genehmigen') // { id: 'genehmigen', target: 'awaitingApplicant', roles: ['dogTax'], … }
 */
export function createAction(definition: ServiceDefinition, state: ProcessState, label: string): ProcessAction {
  const states = definition.process.states;
  const position = states.findIndex((s) => s.id === state.id);
  const target = states.slice(position + 1).find((s) => s.id !== state.id) ?? states.find((s) => s.id !== state.id) ?? state;
  const staffRole = state.role ?? definition.settings.roles[0]?.id;
  const roles = state.kind === 'waiting' ? ['applicant'] : state.kind === 'automatic' || staffRole === undefined ? ['system'] : [staffRole];
  return {
    id: keyFromLabel(label, new Set((state.actions ?? []).map((action) => action.id))),
    label: { de: label },
    target: target.id,
    roles,
  };
}

/** Adds a new action (see `createAction`) at the end of a state's actions. */
export function addNewAction(definition: ServiceDefinition, state: ProcessState, label: string): { result: EditResult; id: string } {
  const action = createAction(definition, state, label);
  return { result: addAction(definition, state.id, action), id: action.id };
}

/**
 * Changes the kind of a state and what comes with it: a task state gets a role (its own if valid, else the
 * first), a final state an outcome and the first decision notice; what the new kind does not have is removed,
 * such as the reminders of its deadlines outside a state waiting for the applicant. Refused (by `updateState`)
 * for a final state that still has actions or deadlines.
 */
export function changeStateKind(
  definition: ServiceDefinition,
  state: ProcessState,
  kind: StateKind,
  noRoles: { de: string; en: string },
): EditResult {
  if (kind === state.kind) return { ok: true, definition };
  const roles = definition.settings.roles;
  const changes: StateChanges = { kind, role: undefined, outcome: undefined, decisionTemplate: undefined };
  if (kind === 'task') {
    const role = roles.some((r) => r.id === state.role) ? state.role : roles[0]?.id;
    if (role === undefined) return refuseWith(noRoles);
    changes.role = role;
  }
  if (kind === 'final') {
    changes.outcome = state.outcome ?? 'closed';
    changes.decisionTemplate = state.decisionTemplate ?? definition.documents.find((template) => template.kind === 'decision')?.id;
  }
  let current: EditResult = { ok: true, definition };
  if (kind !== 'waiting') {
    for (const deadline of state.deadlines ?? []) {
      if (deadline.remindBefore === undefined) continue;
      current = setDeadlineReminder(current.definition, state.id, deadline.id, null);
      if (!current.ok) return current;
    }
  }
  return updateState(current.definition, state.id, changes);
}

/**
 * The most days before its end a deadline can remind the applicant: one day less than it lasts when it is given
 * in days or weeks, else `longest` (months and years have no fixed number of days).
 *
 * @example
 * findLongestReminder('P14D', 3650) // 13
 */
export function findLongestReminder(after: string, longest: number): number {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?$/.exec(after);
  if (match === null || (match[1] === undefined && match[2] === undefined)) return longest;
  return Math.min(longest, Number(match[1] ?? 0) * 7 + Number(match[2] ?? 0) - 1);
}

/** A label change, and the new id when the id followed the label. */
export interface LabelChange {
  result: EditResult;
  renamedTo?: string;
}

/**
 * Changes one language of a state's label; when the German label changes and the id was made from it, the id
 * follows (with every action leading to the state).
 */
export function changeStateLabel(definition: ServiceDefinition, index: number, language: string, text: string): LabelChange {
  const states = definition.process.states;
  const state = states[index];
  if (state === undefined) return { result: updateState(definition, '', {}) };
  const result = updateState(definition, state.id, { label: withLanguage(state.label, language, text) });
  if (!result.ok || language !== 'de') return { result };
  const next = followLabel(state.id, state.label.de, text, idsOfOthers(states, index));
  if (next === undefined) return { result };
  const renamed = renameStateId(result.definition, state.id, next);
  return renamed.ok ? { result: renamed, renamedTo: next } : { result };
}

/** Changes one language of an action's label; the id follows a German label it was made from. */
export function changeActionLabel(definition: ServiceDefinition, state: ProcessState, index: number, language: string, text: string): LabelChange {
  const actions = state.actions ?? [];
  const action = actions[index];
  if (action === undefined) return { result: updateAction(definition, state.id, '', {}) };
  const result = updateAction(definition, state.id, action.id, { label: withLanguage(action.label, language, text) });
  if (!result.ok || language !== 'de') return { result };
  const next = followLabel(action.id, action.label.de, text, idsOfOthers(actions, index));
  if (next === undefined) return { result };
  const renamed = renameActionId(result.definition, state.id, action.id, next);
  return renamed.ok ? { result: renamed, renamedTo: next } : { result };
}

/**
 * Changes one language of an input's label; the key follows a German label it was made from, unless renaming
 * it is refused (another action shares a letter or deadline that reads it): then only the label changes.
 */
export function changeInputLabel(
  definition: ServiceDefinition,
  stateId: string,
  action: ProcessAction,
  index: number,
  language: string,
  text: string,
): LabelChange {
  const inputs = action.inputs ?? [];
  const input = inputs[index];
  if (input === undefined) return { result: updateActionInput(definition, stateId, action.id, '', {}) };
  const result = updateActionInput(definition, stateId, action.id, input.key, { label: withLanguage(input.label, language, text) });
  if (!result.ok || language !== 'de') return { result };
  const others = new Set(inputs.filter((_, i) => i !== index).map((other) => other.key));
  const next = followLabel(input.key, input.label.de, text, others);
  if (next === undefined) return { result };
  const renamed = renameActionInputKey(result.definition, stateId, action.id, input.key, next);
  return renamed.ok ? { result: renamed, renamedTo: next } : { result };
}

/**
 * The options of a choice input from lines of text (one choice per line, blank lines ignored). A line that is
 * still the German label of an option keeps that option (its value and translations); new lines get a value
 * made from the text.
 *
 * @example
 * optionsFromLines('Ja\nNein', undefined) // [{ value: 'ja', label: { de: 'Ja' } }, { value: 'nein', label: { de: 'Nein' } }]
 */
export function optionsFromLines(text: string, existing: readonly ChoiceOption[] | undefined): ChoiceOption[] {
  const taken = new Set<string>();
  const kept = new Set<ChoiceOption>();
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.map((line) => {
    const same = existing?.find((option) => option.label.de === line && !kept.has(option) && !taken.has(option.value));
    if (same) {
      kept.add(same);
      taken.add(same.value);
      return same;
    }
    const value = keyFromLabel(line, new Set([...taken, ...(existing ?? []).map((option) => option.value)]));
    taken.add(value);
    return { value, label: { de: line } };
  });
}

/** The lines a choice input's options are edited as. */
export function linesFromOptions(options: readonly ChoiceOption[] | undefined): string {
  return (options ?? []).map((option) => option.label.de).join('\n');
}

/**
 * A new deadline of a state: 14 days, taking the first action the system may take (else the first action);
 * `undefined` while the state has no actions.
 */
export function createDeadline(state: ProcessState): Deadline | undefined {
  const actions = state.actions ?? [];
  const action = actions.find((a) => a.roles.includes('system')) ?? actions[0];
  if (action === undefined) return undefined;
  const id = keyFromLabel('frist', new Set((state.deadlines ?? []).map((deadline) => deadline.id)));
  return { id, after: 'P14D', action: action.id };
}

/** A date input of an action leading into a state, which may set the last day of the state's deadline. */
export interface DeadlineSetter {
  key: string;
  inputLabel: LocalizedText;
  actionLabel: LocalizedText;
}

/** The date inputs of the actions leading into a state, each key once. */
export function listDeadlineSetters(definition: ServiceDefinition, stateId: string): DeadlineSetter[] {
  const setters = new Map<string, DeadlineSetter>();
  for (const state of definition.process.states) {
    for (const action of state.actions ?? []) {
      if (action.target !== stateId) continue;
      for (const input of action.inputs ?? []) {
        if (input.type === 'date' && !setters.has(input.key)) setters.set(input.key, { key: input.key, inputLabel: input.label, actionLabel: action.label });
      }
    }
  }
  return [...setters.values()];
}
