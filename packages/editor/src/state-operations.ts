import type { Expression, ProcessState, ServiceDefinition } from '@amtsweg/definitions';
import { checkInputReferencesKept } from './action-input-references';
import { refuse, succeed, type EditResult } from './edit-result';
import {
  checkNewId,
  editState,
  insertAt,
  isInsertPosition,
  joinList,
  listActions,
  mapStates,
  moveItem,
  quoteLabel,
  refusePosition,
  refuseUnknownState,
  withStates,
  withoutUndefined,
  type Refusal,
} from './process-edit-support';
import { findNewProblem, listActionProblems, listDeadlineProblems, listStateProblems } from './process-reference-checks';

/**
 * What `updateState` may change. The id has `renameStateId`, actions and deadlines have their own operations
 * (they are referenced by id). A property set to `undefined` is removed.
 */
export type StateChanges = Partial<Omit<ProcessState, 'id' | 'actions' | 'deadlines'>>;

/**
 * Adds a state to the process, at `index` or at the end. Refused when the id is taken or invalid, or when the
 * state names a role, template or target state that does not exist.
 *
 * @example
 * const result = addState(definition, { id: 'inspection', kind: 'task', role: 'dogTax', label: { de: 'Ortstermin' }, statusText: { de: 'Wir sehen uns den Hund an.' } });
 */
export function addState(definition: ServiceDefinition, state: ProcessState, index?: number): EditResult {
  const states = definition.process.states;
  if (index !== undefined && !isInsertPosition(index, states.length)) return refusePosition();
  const duplicate = checkNewId(
    state.id,
    states.map((s) => s.id),
    { de: `Es gibt schon einen Status mit der Kennung „${state.id}“.`, en: `There is already a state with the identifier “${state.id}”.` },
  );
  if (duplicate) return duplicate;
  const added = structuredClone(state);
  const problem = findNewProblem([], [
    ...listStateProblems(definition, added),
    ...listActionsProblems(definition, added),
    ...listDeadlineProblems(added),
  ]);
  if (problem) return problem;
  const changed = withStates(definition, insertAt(states, added, index));
  return checkInputReferencesKept(definition, changed) ?? succeed(changed);
}

/**
 * Changes the texts, kind, role, outcome or decision notice of a state.
 *
 * @example
 * updateState(definition, 'inReview', { label: { de: 'In Bearbeitung', en: 'In progress' } });
 */
export function updateState(definition: ServiceDefinition, stateId: string, changes: StateChanges): EditResult {
  const result = editState(definition, stateId, (state) => {
    const { id: _id, actions: _actions, deadlines: _deadlines, ...allowed } = changes as Partial<ProcessState>;
    const changed = withoutUndefined({ ...state, ...structuredClone(allowed) });
    return findNewProblem(listStateProblems(definition, state), listStateProblems(definition, changed)) ?? changed;
  });
  if (!result.ok) return result;
  return checkInputReferencesKept(definition, result.definition) ?? result;
}

/**
 * Gives a state a new id and updates everything that names it: the initial state, the targets of actions and
 * comparisons of `$case.state` in guards.
 *
 * @example
 * renameStateId(definition, 'inReview', 'pruefung');
 */
export function renameStateId(definition: ServiceDefinition, stateId: string, newId: string): EditResult {
  const states = definition.process.states;
  if (!states.some((s) => s.id === stateId)) return refuseUnknownState(stateId);
  if (newId === stateId) return succeed(definition);
  const duplicate = checkNewId(
    newId,
    states.map((s) => s.id),
    { de: `Es gibt schon einen Status mit der Kennung „${newId}“.`, en: `There is already a state with the identifier “${newId}”.` },
  );
  if (duplicate) return duplicate;
  const renamed = mapStates(definition, (state) => ({
    ...state,
    id: state.id === stateId ? newId : state.id,
    ...(state.actions && {
      actions: state.actions.map((action) => ({
        ...action,
        target: action.target === stateId ? newId : action.target,
        ...(action.guard !== undefined && { guard: renameStateInExpression(action.guard, stateId, newId) }),
      })),
    }),
  }));
  const initial = definition.process.initial === stateId ? newId : definition.process.initial;
  return succeed({ ...renamed, process: { ...renamed.process, initial } });
}

/**
 * Makes a state the one every case starts in.
 *
 * @example
 * setInitialState(definition, 'received');
 */
export function setInitialState(definition: ServiceDefinition, stateId: string): EditResult {
  if (!definition.process.states.some((s) => s.id === stateId)) return refuseUnknownState(stateId);
  return succeed({ ...definition, process: { ...definition.process, initial: stateId } });
}

/**
 * Moves a state to position `toIndex` of the list (the order is only how the Studio lists the states).
 *
 * @example
 * moveState(definition, 'withdrawn', 0);
 */
export function moveState(definition: ServiceDefinition, stateId: string, toIndex: number): EditResult {
  const from = definition.process.states.findIndex((s) => s.id === stateId);
  if (from === -1) return refuseUnknownState(stateId);
  const states = moveItem(definition.process.states, from, toIndex);
  return states ? succeed(withStates(definition, states)) : refusePosition();
}

/**
 * Deletes a state with its own actions and deadlines. Refused for the initial state and while actions of other
 * states lead into it: those are listed, and the clerk decides for each whether to delete it or let it lead
 * elsewhere. Deleting them silently would take options away from caseworkers in states the clerk is not looking at.
 *
 * @example
 * deleteState(definition, 'inspection');
 */
export function deleteState(definition: ServiceDefinition, stateId: string): EditResult {
  const state = definition.process.states.find((s) => s.id === stateId);
  if (state === undefined) return refuseUnknownState(stateId);
  const name = quoteLabel(state.label);
  if (definition.process.initial === stateId) {
    return refuse(
      `${name.de} ist der Anfangsstatus, in dem jeder Vorgang beginnt, und kann nicht gelöscht werden. Legen Sie zuerst einen anderen Anfangsstatus fest.`,
      `${name.en} is the initial state every case starts in and cannot be deleted. First choose another initial state.`,
    );
  }
  const incoming = listActions(definition).filter(({ state: from, action }) => from.id !== stateId && action.target === stateId);
  if (incoming.length > 0) {
    const list = joinList(
      incoming.map(({ state: from, action }) => {
        const [fromName, actionName] = [quoteLabel(from.label), quoteLabel(action.label)];
        return { de: `${actionName.de} im Status ${fromName.de}`, en: `${actionName.en} in the state ${fromName.en}` };
      }),
    );
    return refuse(
      `Der Status ${name.de} kann nicht gelöscht werden, solange Aktionen in ihn führen: ${list.de}. Löschen Sie diese Aktionen oder lassen Sie sie in einen anderen Status führen.`,
      `The state ${name.en} cannot be deleted while actions lead into it: ${list.en}. Delete these actions or let them lead to another state.`,
    );
  }
  const changed = withStates(
    definition,
    definition.process.states.filter((s) => s.id !== stateId),
  );
  return checkInputReferencesKept(definition, changed) ?? succeed(changed);
}

function listActionsProblems(definition: ServiceDefinition, state: ProcessState): Refusal[] {
  const problems: Refusal[] = [];
  const ids: string[] = [];
  for (const action of state.actions ?? []) {
    const duplicate = checkNewId(action.id, ids, {
      de: `Die Aktion „${action.id}“ gibt es in diesem Status doppelt.`,
      en: `The action “${action.id}” appears twice in this state.`,
    });
    if (duplicate) problems.push(duplicate);
    problems.push(...listActionProblems(definition, action, [state.id]));
    ids.push(action.id);
  }
  return problems;
}

/**
 * Renames a state in guards that compare the case's state (`{ "eq": [{ "var": "$case.state" }, "inReview"] }`),
 * the only place an expression names a state.
 */
function renameStateInExpression(expression: Expression, from: string, to: string): Expression {
  if (expression === null || typeof expression !== 'object') return expression;
  const [operator, args] = Object.entries(expression)[0] as [string, unknown];
  let renamed = args;
  if ((operator === 'eq' || operator === 'ne') && Array.isArray(args) && args.some(isCaseState)) {
    renamed = args.map((arg: unknown) => (arg === from ? to : arg));
  } else if (operator === 'in' && Array.isArray(args) && isCaseState(args[0]) && Array.isArray(args[1])) {
    renamed = [args[0], args[1].map((item: unknown) => (item === from ? to : item))];
  }
  return { [operator]: renameInArguments(renamed, from, to) } as Expression;
}

function renameInArguments(args: unknown, from: string, to: string): unknown {
  if (Array.isArray(args)) return args.map((arg) => renameInArguments(arg, from, to));
  if (args !== null && typeof args === 'object') return renameStateInExpression(args as Expression, from, to);
  return args;
}

function isCaseState(expression: unknown): boolean {
  return typeof expression === 'object' && expression !== null && (expression as { var?: unknown }).var === '$case.state';
}
