import type { ServiceDefinition } from '@amtsweg/definitions';

/** What a step did, in words for people: „Feld verschoben“ / "Field moved". */
export interface EditLabel {
  de: string;
  en: string;
}

/** One recorded edit: the definition after it and what it did. */
export interface EditStep {
  readonly definition: ServiceDefinition;
  readonly label: EditLabel;
  /** Steps with the same key recorded one after another are merged (typing into one text field). */
  readonly mergeKey?: string;
}

/** The last undo or redo, for announcing it to screen readers. */
export interface HistoryMove {
  readonly direction: 'undo' | 'redo';
  readonly label: EditLabel;
}

/**
 * The Studio's undo/redo history: an immutable value, replaced on every change. `steps[0 … position-1]` are
 * applied, the rest can be redone.
 */
export interface EditHistory {
  /** The definition before the oldest step still kept. */
  readonly base: ServiceDefinition;
  readonly steps: readonly EditStep[];
  /** How many steps are applied. */
  readonly position: number;
  /** How many steps are kept at most; the oldest are dropped beyond it. */
  readonly limit: number;
  /** Set by `undo` and `redo`, cleared by `record`. */
  readonly lastMove?: HistoryMove;
}

/** How many undo steps a history keeps unless told otherwise. */
export const DEFAULT_HISTORY_LIMIT = 200;

/**
 * Starts a history at the definition the Studio opened.
 *
 * @example
 * let history = createHistory(definition);
 * const result = moveState(current(history), 'withdrawn', 0);
 * if (result.ok) history = record(history, result.definition, { de: 'Status verschoben', en: 'State moved' });
 */
export function createHistory(definition: ServiceDefinition, options: { limit?: number } = {}): EditHistory {
  const limit = options.limit ?? DEFAULT_HISTORY_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`History limit must be a whole number of at least 1, not ${limit}`);
  return { base: definition, steps: [], position: 0, limit };
}

/** The definition as it is now. */
export function current(history: EditHistory): ServiceDefinition {
  return history.position === 0 ? history.base : history.steps[history.position - 1]!.definition;
}

/**
 * Records an edit. Steps that were undone cannot be redone afterwards; beyond the limit the oldest step is
 * dropped. With a `mergeKey` equal to the last step's (and no undo or redo in between), the edit replaces that
 * step instead, so typing a word into a field is undone at once. Recording the current definition again
 * changes nothing.
 *
 * @example
 * history = record(history, result.definition, { de: 'Bezeichnung geändert', en: 'Label changed' }, { mergeKey: 'state:inReview:label' });
 */
export function record(
  history: EditHistory,
  definition: ServiceDefinition,
  label: EditLabel,
  options: { mergeKey?: string } = {},
): EditHistory {
  if (definition === current(history)) return history;
  const applied = history.steps.slice(0, history.position);
  const last = applied[applied.length - 1];
  const { mergeKey } = options;
  if (mergeKey !== undefined && last?.mergeKey === mergeKey && history.lastMove === undefined) {
    const steps = [...applied.slice(0, -1), { ...last, definition }];
    return { base: history.base, steps, position: steps.length, limit: history.limit };
  }
  const step: EditStep = mergeKey === undefined ? { definition, label } : { definition, label, mergeKey };
  const steps = [...applied, step];
  const dropped = Math.max(0, steps.length - history.limit);
  const base = dropped === 0 ? history.base : steps[dropped - 1]!.definition;
  const kept = steps.slice(dropped);
  return { base, steps: kept, position: kept.length, limit: history.limit };
}

/** True when there is a step to undo. */
export function canUndo(history: EditHistory): boolean {
  return history.position > 0;
}

/** True when there is an undone step to redo. */
export function canRedo(history: EditHistory): boolean {
  return history.position < history.steps.length;
}

/** What `undo` would take back, for the button's tooltip; undefined when there is nothing to undo. */
export function undoLabel(history: EditHistory): EditLabel | undefined {
  return history.steps[history.position - 1]?.label;
}

/** What `redo` would do again; undefined when there is nothing to redo. */
export function redoLabel(history: EditHistory): EditLabel | undefined {
  return history.steps[history.position]?.label;
}

/**
 * Takes the last step back; `lastMove` then names it. Returns the history unchanged when there is nothing to
 * undo.
 *
 * @example
 * history = undo(history);
 * announce(describeLastMove(history)?.de); // „Rückgängig: Feld verschoben“
 */
export function undo(history: EditHistory): EditHistory {
  const step = history.steps[history.position - 1];
  if (step === undefined) return history;
  return { ...history, position: history.position - 1, lastMove: { direction: 'undo', label: step.label } };
}

/** Applies the next undone step again; `lastMove` then names it. Returns the history unchanged when there is none. */
export function redo(history: EditHistory): EditHistory {
  const step = history.steps[history.position];
  if (step === undefined) return history;
  return { ...history, position: history.position + 1, lastMove: { direction: 'redo', label: step.label } };
}

/**
 * The sentence a screen reader announces after an undo or redo („Rückgängig: Feld verschoben“, „Wiederholt:
 * Feld verschoben“); undefined after a record.
 */
export function describeLastMove(history: EditHistory): EditLabel | undefined {
  const move = history.lastMove;
  if (move === undefined) return undefined;
  return move.direction === 'undo'
    ? { de: `Rückgängig: ${move.label.de}`, en: `Undone: ${move.label.en}` }
    : { de: `Wiederholt: ${move.label.de}`, en: `Redone: ${move.label.en}` };
}
