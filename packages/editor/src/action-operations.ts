import type { ProcessAction, ServiceDefinition } from '@amtsweg/definitions';
import { checkInputReferencesKept } from './action-input-references';
import { refuse, succeed, type EditResult } from './edit-result';
import {
  checkNewId,
  editAction,
  editState,
  findAction,
  insertAt,
  isInsertPosition,
  joinList,
  moveItem,
  quoteLabel,
  refuseFinalState,
  refusePosition,
  refuseUnknownAction,
  withoutUndefined,
} from './process-edit-support';
import { findNewProblem, listActionProblems } from './process-reference-checks';

/**
 * What `updateAction` may change. The id has `renameActionId`, inputs have their own operations (deadlines and
 * templates read them by key). A property set to `undefined` is removed.
 */
export type ActionChanges = Partial<Omit<ProcessAction, 'id' | 'inputs'>>;

/**
 * Adds an action to a state, at `index` or at the end. Refused in a final state, for an id the state already
 * has, and when the target state, a role or an issued template does not exist.
 *
 * @example
 * addAction(definition, 'inReview', { id: 'forward', label: { de: 'Weiterleiten' }, target: 'teamReview', roles: ['dogTax'] });
 */
export function addAction(definition: ServiceDefinition, stateId: string, action: ProcessAction, index?: number): EditResult {
  return editState(definition, stateId, (state) => {
    if (state.kind === 'final') return refuseFinalState(state);
    const actions = state.actions ?? [];
    if (index !== undefined && !isInsertPosition(index, actions.length)) return refusePosition();
    const added = structuredClone(action);
    const problem =
      checkNewId(added.id, actions.map((a) => a.id), duplicateAction(added.id)) ??
      findNewProblem([], listActionProblems(definition, added));
    if (problem) return problem;
    return { ...state, actions: insertAt(actions, added, index) };
  });
}

/**
 * Changes an action's label, target, roles, guard, four-eyes setting or effects. Refused when it would name
 * something that does not exist, or when a deadline or template would lose an input it reads (for example a
 * new target whose deadline is set by one of this action's inputs).
 *
 * @example
 * updateAction(definition, 'inReview', 'reject', { fourEyes: false });
 */
export function updateAction(definition: ServiceDefinition, stateId: string, actionId: string, changes: ActionChanges): EditResult {
  const result = editAction(definition, stateId, actionId, (action) => {
    const { id: _id, inputs: _inputs, ...allowed } = changes as Partial<ProcessAction>;
    const changed = withoutUndefined({ ...action, ...structuredClone(allowed) });
    return findNewProblem(listActionProblems(definition, action), listActionProblems(definition, changed)) ?? changed;
  });
  if (!result.ok) return result;
  return checkInputReferencesKept(definition, result.definition) ?? result;
}

/**
 * Gives an action a new id, unique within its state, and updates the deadlines of the state that take it.
 *
 * @example
 * renameActionId(definition, 'awaitingApplicant', 'answerOverdue', 'fristAbgelaufen');
 */
export function renameActionId(definition: ServiceDefinition, stateId: string, actionId: string, newId: string): EditResult {
  if (newId === actionId && findAction(definition, stateId, actionId)) return succeed(definition);
  return editState(definition, stateId, (state) => {
    const actions = state.actions ?? [];
    if (!actions.some((a) => a.id === actionId)) return refuseUnknownAction(actionId, state);
    const problem = checkNewId(newId, actions.map((a) => a.id), duplicateAction(newId));
    if (problem) return problem;
    return {
      ...state,
      actions: actions.map((a) => (a.id === actionId ? { ...a, id: newId } : a)),
      ...(state.deadlines && {
        deadlines: state.deadlines.map((d) => (d.action === actionId ? { ...d, action: newId } : d)),
      }),
    };
  });
}

/**
 * Moves an action to position `toIndex` within its state (the order the Inbox offers the actions in).
 *
 * @example
 * moveAction(definition, 'inReview', 'approve', 0);
 */
export function moveAction(definition: ServiceDefinition, stateId: string, actionId: string, toIndex: number): EditResult {
  return editState(definition, stateId, (state) => {
    const actions = state.actions ?? [];
    const from = actions.findIndex((a) => a.id === actionId);
    if (from === -1) return refuseUnknownAction(actionId, state);
    const moved = moveItem(actions, from, toIndex);
    return moved ? { ...state, actions: moved } : refusePosition();
  });
}

/**
 * Deletes an action. Refused while a deadline of the state takes it (the deadline would have nothing to do), and
 * while a deadline or template still needs one of its inputs that no other action provides.
 *
 * @example
 * deleteAction(definition, 'inReview', 'withdraw');
 */
export function deleteAction(definition: ServiceDefinition, stateId: string, actionId: string): EditResult {
  const result = editState(definition, stateId, (state) => {
    const action = (state.actions ?? []).find((a) => a.id === actionId);
    if (action === undefined) return refuseUnknownAction(actionId, state);
    const deadlines = (state.deadlines ?? []).filter((d) => d.action === actionId);
    if (deadlines.length > 0) {
      const name = quoteLabel(action.label);
      const list = joinList(deadlines.map((d) => ({ de: `„${d.id}“`, en: `“${d.id}”` })));
      return refuse(
        `Die Aktion ${name.de} wird von der Frist ${list.de} ausgelöst und kann erst gelöscht werden, wenn die Frist gelöscht ist oder eine andere Aktion auslöst.`,
        `The action ${name.en} is taken by the deadline ${list.en}; it can only be deleted once the deadline is deleted or takes another action.`,
      );
    }
    return { ...state, actions: (state.actions ?? []).filter((a) => a.id !== actionId) };
  });
  if (!result.ok) return result;
  return checkInputReferencesKept(definition, result.definition) ?? result;
}

function duplicateAction(id: string): { de: string; en: string } {
  return {
    de: `In diesem Status gibt es schon eine Aktion mit der Kennung „${id}“.`,
    en: `This state already has an action with the identifier “${id}”.`,
  };
}
