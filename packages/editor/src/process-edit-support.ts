import type { LocalizedText, ProcessAction, ProcessState, ServiceDefinition } from '@amtsweg/definitions';
import { refuse, type EditResult, type Refusal } from './edit-result';
import { isValidKey } from './element-keys';

// Internal helpers of the process, role and template operations; not part of the package API.

export type { Refusal };

export interface Bilingual {
  de: string;
  en: string;
}

/** A text in the given language, falling back to German (German is always present). */
function textIn(text: LocalizedText, language: 'de' | 'en'): string {
  return text[language] ?? text.de;
}

/** „Label“ of a labelled item in both languages, for lists in refusals. */
export function quoteLabel(label: LocalizedText): Bilingual {
  return { de: `„${label.de}“`, en: `“${textIn(label, 'en')}”` };
}

/** Joins list items of refusals: „a“, „b“ und „c“. */
export function joinList(items: readonly Bilingual[]): Bilingual {
  const join = (parts: string[], and: string): string =>
    parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} ${and} ${parts[parts.length - 1]}`;
  return { de: join(items.map((i) => i.de), 'und'), en: join(items.map((i) => i.en), 'and') };
}

/**
 * Refuses an id that the schema would reject or that is taken; `duplicate` is the whole sentence for a taken id.
 */
export function checkNewId(id: string, taken: readonly string[], duplicate: Bilingual): Refusal | undefined {
  // Ids (`$defs/id`) and keys (`$defs/key`) follow the same pattern in the schema.
  if (!isValidKey(id)) {
    return refuse(
      `„${id}“ ist als Kennung nicht möglich: Sie muss mit einem Buchstaben beginnen und darf nur Buchstaben ohne Umlaute, Ziffern und „_“ enthalten, höchstens 63 Zeichen.`,
      `“${id}” cannot be used as an identifier: it must start with a letter and contain only letters without umlauts, digits and “_”, at most 63 characters.`,
    );
  }
  if (taken.includes(id)) return refuse(duplicate.de, duplicate.en);
  return undefined;
}

export function refuseUnknownState(stateId: string): EditResult {
  return refuse(`Den Status „${stateId}“ gibt es nicht.`, `The state “${stateId}” does not exist.`);
}

export function refuseUnknownAction(actionId: string, state: ProcessState): EditResult {
  return refuse(
    `Im Status „${state.label.de}“ gibt es die Aktion „${actionId}“ nicht.`,
    `The state “${textIn(state.label, 'en')}” has no action “${actionId}”.`,
  );
}

export function refusePosition(): EditResult {
  return refuse('Diese Position gibt es in der Liste nicht.', 'This position does not exist in the list.');
}

/** True when `index` is a whole number from 0 to `length` (inclusive: the end of the list). */
export function isInsertPosition(index: number, length: number): boolean {
  return Number.isInteger(index) && index >= 0 && index <= length;
}

/** A copy of `items` with `item` inserted at `index` (appended without one). */
export function insertAt<TItem>(items: readonly TItem[], item: TItem, index = items.length): TItem[] {
  return [...items.slice(0, index), item, ...items.slice(index)];
}

/**
 * A copy of `items` with the item at `from` moved so that it ends up at `to`, or undefined when `to` is not a
 * position of the list.
 */
export function moveItem<TItem>(items: readonly TItem[], from: number, to: number): TItem[] | undefined {
  if (!Number.isInteger(to) || to < 0 || to >= items.length) return undefined;
  const rest = items.filter((_, i) => i !== from);
  return insertAt(rest, items[from] as TItem, to);
}

/** A copy without the properties whose value is `undefined`: in a change, `undefined` removes the property. */
export function withoutUndefined<TObject extends object>(object: TObject): TObject {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as TObject;
}

/** The definition with other states. */
export function withStates(definition: ServiceDefinition, states: ProcessState[]): ServiceDefinition {
  return { ...definition, process: { ...definition.process, states } };
}

/** The definition with every state passed through `change` (which returns the state itself to keep it). */
export function mapStates(definition: ServiceDefinition, change: (state: ProcessState) => ProcessState): ServiceDefinition {
  return withStates(definition, definition.process.states.map(change));
}

/** Every action with the state it belongs to. */
export function listActions(definition: ServiceDefinition): { state: ProcessState; action: ProcessAction }[] {
  return definition.process.states.flatMap((state) => (state.actions ?? []).map((action) => ({ state, action })));
}

/**
 * Finds a state and lets `edit` return it changed, or a refusal; refuses an unknown state. Returning the state
 * unchanged still yields a copy of the definition.
 */
export function editState(
  definition: ServiceDefinition,
  stateId: string,
  edit: (state: ProcessState) => ProcessState | EditResult,
): EditResult {
  const index = definition.process.states.findIndex((s) => s.id === stateId);
  const state = definition.process.states[index];
  if (state === undefined) return refuseUnknownState(stateId);
  const changed = edit(state);
  if ('ok' in changed) return changed;
  const states = [...definition.process.states];
  states[index] = changed;
  return { ok: true, definition: withStates(definition, states) };
}

/** Like `editState`, for one action of the state. */
export function editAction(
  definition: ServiceDefinition,
  stateId: string,
  actionId: string,
  edit: (action: ProcessAction, state: ProcessState) => ProcessAction | EditResult,
): EditResult {
  return editState(definition, stateId, (state) => {
    const actions = state.actions ?? [];
    const index = actions.findIndex((a) => a.id === actionId);
    const action = actions[index];
    if (action === undefined) return refuseUnknownAction(actionId, state);
    const changed = edit(action, state);
    if ('ok' in changed) return changed;
    const copy = [...actions];
    copy[index] = changed;
    return { ...state, actions: copy };
  });
}

/** The action as it is in `definition`, or undefined. */
export function findAction(definition: ServiceDefinition, stateId: string, actionId: string): ProcessAction | undefined {
  return definition.process.states.find((s) => s.id === stateId)?.actions?.find((a) => a.id === actionId);
}

/** Refuses adding an action or a deadline to a final state. */
export function refuseFinalState(state: ProcessState): Refusal {
  const name = quoteLabel(state.label);
  return refuse(
    `${name.de} ist ein Endstatus: Mit ihm ist der Vorgang abgeschlossen, deshalb hat er keine Aktionen und keine Fristen.`,
    `${name.en} is a final state: it closes the case, so it has no actions and no deadlines.`,
  );
}
