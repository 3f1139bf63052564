import type { ActionInput, ProcessAction, ProcessState, ServiceDefinition } from '@amtsweg/definitions';
import {
  checkInputReferencesKept,
  listActionPlaceholderKeys,
  listTemplatesIssuedBy,
  renameActionPlaceholder,
} from './action-input-references';
import { refuse, succeed, type EditResult } from './edit-result';
import {
  checkNewId,
  editAction,
  findAction,
  insertAt,
  isInsertPosition,
  joinList,
  listActions,
  mapStates,
  moveItem,
  quoteLabel,
  refusePosition,
  withoutUndefined,
} from './process-edit-support';

/** What `updateActionInput` may change; the key has `renameActionInputKey`. `undefined` removes a property. */
export type ActionInputChanges = Partial<Omit<ActionInput, 'key'>>;

/**
 * Adds an input the person taking the action fills in, at `index` or at the end; keys are unique per action.
 *
 * @example
 * addActionInput(definition, 'inReview', 'approve', { key: 'taxNumber', type: 'text', label: { de: 'Steuernummer' } });
 */
export function addActionInput(
  definition: ServiceDefinition,
  stateId: string,
  actionId: string,
  input: ActionInput,
  index?: number,
): EditResult {
  return editAction(definition, stateId, actionId, (action) => {
    const inputs = action.inputs ?? [];
    if (index !== undefined && !isInsertPosition(index, inputs.length)) return refusePosition();
    const problem = checkNewId(input.key, inputs.map((i) => i.key), duplicateInput(input.key, action));
    if (problem) return problem;
    return { ...action, inputs: insertAt(inputs, structuredClone(input), index) };
  });
}

/**
 * Changes an input's type, label, options, length or whether it is required. Refused when a deadline is set by
 * the input and it would no longer be a date.
 *
 * @example
 * updateActionInput(definition, 'inReview', 'reject', 'reason', { maxLength: 8000 });
 */
export function updateActionInput(
  definition: ServiceDefinition,
  stateId: string,
  actionId: string,
  key: string,
  changes: ActionInputChanges,
): EditResult {
  const result = editAction(definition, stateId, actionId, (action) =>
    editInputs(action, key, (inputs, index, input) => {
      const { key: _key, ...allowed } = changes as Partial<ActionInput>;
      const copy = [...inputs];
      copy[index] = withoutUndefined({ ...input, ...structuredClone(allowed) });
      return copy;
    }),
  );
  if (!result.ok) return result;
  return checkInputReferencesKept(definition, result.definition) ?? result;
}

/**
 * Gives an input a new key and updates what reads it: the `setBy` of deadlines in the state the action leads
 * into, and `{{action.KEY}}` placeholders in the templates the action issues (by an effect, or as the decision
 * notice of its target). Refused while another action shares such a reader under the same key: renamed here
 * only, the reader would fit one of the actions and silently miss the other.
 *
 * @example
 * renameActionInputKey(definition, 'inReview', 'requestInformation', 'answerBy', 'replyBy');
 */
export function renameActionInputKey(
  definition: ServiceDefinition,
  stateId: string,
  actionId: string,
  key: string,
  newKey: string,
): EditResult {
  const result = editAction(definition, stateId, actionId, (action) =>
    editInputs(action, key, (inputs, index, input) => {
      if (newKey === key) return inputs;
      const problem = checkNewId(newKey, inputs.map((i) => i.key), duplicateInput(newKey, action));
      if (problem) return problem;
      const copy = [...inputs];
      copy[index] = { ...input, key: newKey };
      return copy;
    }),
  );
  if (!result.ok) return result;
  if (newKey === key) return succeed(definition);
  const action = findAction(definition, stateId, actionId) as ProcessAction;
  const sharing = listActionsSharingReaders(definition, stateId, action, key);
  if (sharing.length > 0) {
    const list = joinList(
      sharing.map(({ state, action: other }) => {
        const [actionName, stateName] = [quoteLabel(other.label), quoteLabel(state.label)];
        return { de: `der Aktion ${actionName.de} im Status ${stateName.de}`, en: `the action ${actionName.en} in the state ${stateName.en}` };
      }),
    );
    return refuse(
      `Die Eingabe „${key}“ kann nicht umbenannt werden, weil eine Frist oder Vorlage sie auch bei ${list.de} liest; umbenannt passte sie nur noch zu einer dieser Aktionen.`,
      `The input “${key}” cannot be renamed because a deadline or template also reads it from ${list.en}; renamed, it would fit only one of these actions.`,
    );
  }
  const issued = listTemplatesIssuedBy(definition, action);
  const withReaders = mapStates(result.definition, (state) =>
    state.id !== action.target || state.deadlines === undefined
      ? state
      : { ...state, deadlines: state.deadlines.map((d) => (d.setBy === key ? { ...d, setBy: newKey } : d)) },
  );
  const changed: ServiceDefinition = {
    ...withReaders,
    documents: withReaders.documents.map((t) => (issued.includes(t.id) ? renameActionPlaceholder(t, key, newKey) : t)),
  };
  return checkInputReferencesKept(definition, changed) ?? succeed(changed);
}

/**
 * Moves an input to position `toIndex` within its action (the order of the fields in the Inbox dialog).
 *
 * @example
 * moveActionInput(definition, 'inReview', 'requestInformation', 'answerBy', 0);
 */
export function moveActionInput(
  definition: ServiceDefinition,
  stateId: string,
  actionId: string,
  key: string,
  toIndex: number,
): EditResult {
  return editAction(definition, stateId, actionId, (action) =>
    editInputs(action, key, (inputs, index) => moveItem(inputs, index, toIndex) ?? refusePosition()),
  );
}

/**
 * Deletes an input. Refused while a deadline is set by it or a template prints it and no other action provides it.
 *
 * @example
 * deleteActionInput(definition, 'inReview', 'approve', 'comment');
 */
export function deleteActionInput(definition: ServiceDefinition, stateId: string, actionId: string, key: string): EditResult {
  const result = editAction(definition, stateId, actionId, (action) =>
    editInputs(action, key, (inputs, index) => inputs.filter((_, i) => i !== index)),
  );
  if (!result.ok) return result;
  return checkInputReferencesKept(definition, result.definition) ?? result;
}

/** Finds the input `key` of an action and lets `edit` return the new inputs; an empty list removes `inputs`. */
function editInputs(
  action: ProcessAction,
  key: string,
  edit: (inputs: ActionInput[], index: number, input: ActionInput) => ActionInput[] | EditResult,
): ProcessAction | EditResult {
  const inputs = action.inputs ?? [];
  const index = inputs.findIndex((i) => i.key === key);
  const input = inputs[index];
  if (input === undefined) {
    const name = quoteLabel(action.label);
    return refuse(`Die Aktion ${name.de} hat keine Eingabe „${key}“.`, `The action ${name.en} has no input “${key}”.`);
  }
  const changed = edit(inputs, index, input);
  if (!Array.isArray(changed)) return changed;
  if (changed.length > 0) return { ...action, inputs: changed };
  const { inputs: _removed, ...rest } = action;
  return rest;
}

/**
 * Other actions that ask for `key` and share a reader of it with `action`: a deadline of the common target set
 * by `key`, or a common issued template printing `{{action.key}}`.
 */
function listActionsSharingReaders(
  definition: ServiceDefinition,
  stateId: string,
  action: ProcessAction,
  key: string,
): { state: ProcessState; action: ProcessAction }[] {
  const target = definition.process.states.find((s) => s.id === action.target);
  const deadlineReads = (target?.deadlines ?? []).some((d) => d.setBy === key);
  const printing = listTemplatesIssuedBy(definition, action).filter((id) => {
    const template = definition.documents.find((t) => t.id === id);
    return template !== undefined && listActionPlaceholderKeys(template).has(key);
  });
  return listActions(definition).filter(({ state, action: other }) => {
    if (state.id === stateId && other.id === action.id) return false;
    if (!(other.inputs ?? []).some((i) => i.key === key)) return false;
    if (deadlineReads && other.target === action.target) return true;
    return listTemplatesIssuedBy(definition, other).some((id) => printing.includes(id));
  });
}

function duplicateInput(key: string, action: ProcessAction): { de: string; en: string } {
  const name = quoteLabel(action.label);
  return {
    de: `Die Aktion ${name.de} hat schon eine Eingabe mit dem Schlüssel „${key}“.`,
    en: `The action ${name.en} already has an input with the key “${key}”.`,
  };
}
