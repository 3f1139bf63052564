import type { ProcessAction, ProcessDefinition, ProcessState } from '@amtsweg/definitions';
import type { DefinitionChange } from './definition-diff';
import type { NameBooks } from './diff-name-book';
import { compareProperties, summarizePropertyChanges, type PropertySpecs, type ValueFormatter } from './diff-properties';
import { mergeKeepingRemoved } from './diff-sequence';
import { formatAddedOrRemoved, formatDuration, formatFromTable, inBothLanguages, quote, shorten } from './diff-wording';
import { capitalize, type EditText } from './element-names';

const STATE_KIND_NAMES: Readonly<Record<string, EditText>> = {
  task: { de: 'Aufgabe der Sachbearbeitung', en: 'task for caseworkers' },
  waiting: { de: 'Warten auf die antragstellende Person', en: 'waiting for the applicant' },
  automatic: { de: 'Automatisch', en: 'automatic' },
  final: { de: 'Abschluss', en: 'final' },
};

const OUTCOME_NAMES: Readonly<Record<string, EditText>> = {
  approved: { de: 'Bewilligt', en: 'approved' },
  rejected: { de: 'Abgelehnt', en: 'rejected' },
  withdrawn: { de: 'Zurückgezogen', en: 'withdrawn' },
  closed: { de: 'Eingestellt', en: 'closed' },
};

const INPUT_TYPE_NAMES: Readonly<Record<string, EditText>> = {
  comment: { de: 'Interner Vermerk', en: 'internal note' },
  reason: { de: 'Begründung', en: 'reason' },
  text: { de: 'Text', en: 'text' },
  choice: { de: 'Auswahl', en: 'choice' },
  date: { de: 'Datum', en: 'date' },
};

const formatState: ValueFormatter = (value, language, names) =>
  typeof value === 'string' ? quote(shorten(names.state(value)), language) : String(value);
const formatTemplate: ValueFormatter = (value, language, names) =>
  typeof value === 'string' ? quote(shorten(names.template(value)), language) : String(value);
const formatRole: ValueFormatter = (value, language, names) =>
  typeof value === 'string' ? quote(names.role(value)[language], language) : String(value);

const DEADLINE_PROPERTIES: PropertySpecs = {
  after: { kind: 'value', name: { de: 'Dauer', en: 'period' }, format: formatDuration },
  action: { kind: 'value', name: { de: 'Aktion bei Fristablauf', en: 'action when it expires' } },
  setBy: { kind: 'value', name: { de: 'Letzter Tag aus der Eingabe', en: 'last day from the input' } },
  remindBefore: { kind: 'value', name: { de: 'Erinnerung vor Fristende', en: 'reminder before it ends' }, format: formatDuration },
};

const STATE_PROPERTIES: PropertySpecs = {
  label: { kind: 'text', name: { de: 'Bezeichnung', en: 'label' } },
  kind: { kind: 'value', name: { de: 'Art', en: 'kind' }, format: formatFromTable(STATE_KIND_NAMES) },
  role: { kind: 'value', name: { de: 'Zuständige Rolle', en: 'responsible role' }, format: formatRole },
  statusText: { kind: 'text', name: { de: 'Statustext für die antragstellende Person', en: 'status text for the applicant' } },
  outcome: { kind: 'value', name: { de: 'Ergebnis', en: 'outcome' }, format: formatFromTable(OUTCOME_NAMES) },
  decisionTemplate: { kind: 'value', name: { de: 'Bescheid', en: 'decision notice' }, format: formatTemplate },
  deadlines: {
    kind: 'keyed',
    name: { de: 'Fristen', en: 'deadlines' },
    itemName: { de: 'Frist', en: 'deadline' },
    key: 'id',
    properties: DEADLINE_PROPERTIES,
  },
};

const INPUT_PROPERTIES: PropertySpecs = {
  type: { kind: 'value', name: { de: 'Art', en: 'kind' }, format: formatFromTable(INPUT_TYPE_NAMES) },
  label: { kind: 'text', name: { de: 'Bezeichnung', en: 'label' } },
  required: { kind: 'flag', name: { de: 'Pflichtangabe', en: 'required' } },
  options: {
    kind: 'keyed',
    name: { de: 'Auswahlmöglichkeiten', en: 'options' },
    itemName: { de: 'Auswahlmöglichkeit', en: 'option' },
    key: 'value',
    properties: { label: { kind: 'text', name: { de: 'Bezeichnung', en: 'label' } } },
  },
  maxLength: { kind: 'value', name: { de: 'Höchstlänge', en: 'maximum length' } },
};

const ACTION_PROPERTIES: PropertySpecs = {
  label: { kind: 'text', name: { de: 'Bezeichnung', en: 'label' } },
  target: { kind: 'value', name: { de: 'Zielstatus', en: 'target state' }, format: formatState },
  roles: { kind: 'set', name: { de: 'Berechtigte Rollen', en: 'roles allowed' }, format: formatRole },
  guard: { kind: 'value', name: { de: 'Bedingung', en: 'condition' } },
  guardMessage: { kind: 'text', name: { de: 'Meldung, wenn die Bedingung nicht erfüllt ist', en: 'message when the condition fails' } },
  fourEyes: { kind: 'flag', name: { de: 'Vier-Augen-Prinzip', en: 'four-eyes principle' } },
  inputs: {
    kind: 'keyed',
    name: { de: 'Eingaben', en: 'inputs' },
    itemName: { de: 'Eingabe', en: 'input' },
    key: 'key',
    properties: INPUT_PROPERTIES,
  },
  effects: { kind: 'effects', name: { de: 'Wirkungen', en: 'effects' } },
};

interface StateEntry {
  state: ProcessState;
  pointer: string;
}

interface ActionEntry {
  stateId: string;
  action: ProcessAction;
  pointer: string;
}

interface ProcessOutline {
  states: Map<string, StateEntry>;
  actions: Map<string, ActionEntry>;
  /** `state:<id>` and `action:<stateId>/<actionId>`: each state, then its actions. */
  sequence: string[];
}

/**
 * The changes to the process: the initial state first, then states (matched by id) each followed by its
 * actions (matched by state id and action id), in the newer order with removed ones where they were. The order
 * of states and of a state's actions is not compared: it changes nothing in how a case runs.
 */
export function diffProcess(older: ProcessDefinition, newer: ProcessDefinition, names: NameBooks): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  const initial = compareProperties(
    { initial: older.initial },
    { initial: newer.initial },
    { initial: { kind: 'value', name: { de: 'Anfangsstatus', en: 'initial state' }, format: formatState } },
    names,
  );
  const [initialChange] = initial;
  if (initialChange !== undefined) {
    changes.push({
      area: 'state',
      change: 'changed',
      id: 'process.initial',
      olderPointer: '/process/initial',
      newerPointer: '/process/initial',
      properties: initial,
      summary: inBothLanguages((language) => capitalize(initialChange.summary[language])),
    });
  }

  const before = outlineProcess(older);
  const after = outlineProcess(newer);
  const byKey = new Map<string, DefinitionChange>();
  for (const [id, was] of before.states) {
    if (!after.states.has(id)) byKey.set(`state:${id}`, addedOrRemovedState('removed', id, was));
  }
  for (const [id, is] of after.states) {
    const was = before.states.get(id);
    if (was === undefined) {
      byKey.set(`state:${id}`, addedOrRemovedState('added', id, is));
      continue;
    }
    const properties = compareProperties(was.state, is.state, STATE_PROPERTIES, names, ['id', 'actions']);
    if (properties.length === 0) continue;
    byKey.set(`state:${id}`, {
      area: 'state',
      change: 'changed',
      id,
      olderPointer: was.pointer,
      newerPointer: is.pointer,
      properties,
      summary: summarizePropertyChanges(subjectOfState(is.state), properties),
    });
  }
  for (const [id, was] of before.actions) {
    if (!after.actions.has(id)) byKey.set(`action:${id}`, addedOrRemovedAction('removed', id, was, names));
  }
  for (const [id, is] of after.actions) {
    const was = before.actions.get(id);
    if (was === undefined) {
      byKey.set(`action:${id}`, addedOrRemovedAction('added', id, is, names));
      continue;
    }
    const properties = compareProperties(was.action, is.action, ACTION_PROPERTIES, names, ['id']);
    if (properties.length === 0) continue;
    const state = shorten(names.newer.state(is.stateId));
    const action = shorten(is.action.label.de || is.action.id);
    byKey.set(`action:${id}`, {
      area: 'action',
      change: 'changed',
      id,
      olderPointer: was.pointer,
      newerPointer: is.pointer,
      properties,
      summary: summarizePropertyChanges(
        inBothLanguages((language) =>
          language === 'de'
            ? `Status ${quote(state, language)}, Aktion ${quote(action, language)}`
            : `State ${quote(state, language)}, action ${quote(action, language)}`,
        ),
        properties,
      ),
    });
  }
  for (const key of mergeKeepingRemoved(before.sequence, after.sequence)) {
    const change = byKey.get(key);
    if (change !== undefined) changes.push(change);
  }
  return changes;
}

function outlineProcess(process: ProcessDefinition): ProcessOutline {
  const outline: ProcessOutline = { states: new Map(), actions: new Map(), sequence: [] };
  process.states.forEach((state, stateIndex) => {
    // A duplicate id is a mistake the static checks report; the first one counts, as everywhere else.
    if (outline.states.has(state.id)) return;
    const pointer = `/process/states/${stateIndex}`;
    outline.states.set(state.id, { state, pointer });
    outline.sequence.push(`state:${state.id}`);
    (state.actions ?? []).forEach((action, actionIndex) => {
      const id = `${state.id}/${action.id}`;
      if (outline.actions.has(id)) return;
      outline.actions.set(id, { stateId: state.id, action, pointer: `${pointer}/actions/${actionIndex}` });
      outline.sequence.push(`action:${id}`);
    });
  });
  return outline;
}

function subjectOfState(state: ProcessState): EditText {
  const label = shorten(state.label.de || state.id);
  return inBothLanguages((language) => `${language === 'de' ? 'Status' : 'State'} ${quote(label, language)}`);
}

function addedOrRemovedState(change: 'added' | 'removed', id: string, entry: StateEntry): DefinitionChange {
  const subject = subjectOfState(entry.state);
  return {
    area: 'state',
    change,
    id,
    ...(change === 'added' ? { newerPointer: entry.pointer } : { olderPointer: entry.pointer }),
    properties: [],
    summary: inBothLanguages((language) => `${subject[language]} ${formatAddedOrRemoved(change, language)}`),
  };
}

function addedOrRemovedAction(change: 'added' | 'removed', id: string, entry: ActionEntry, names: NameBooks): DefinitionChange {
  const book = change === 'added' ? names.newer : names.older;
  const state = shorten(book.state(entry.stateId));
  const action = shorten(entry.action.label.de || entry.action.id);
  return {
    area: 'action',
    change,
    id,
    ...(change === 'added' ? { newerPointer: entry.pointer } : { olderPointer: entry.pointer }),
    properties: [],
    summary: inBothLanguages((language) =>
      language === 'de'
        ? `Status ${quote(state, language)}: Aktion ${quote(action, language)} ${formatAddedOrRemoved(change, language)}`
        : `State ${quote(state, language)}: action ${quote(action, language)} ${formatAddedOrRemoved(change, language)}`,
    ),
  };
}
