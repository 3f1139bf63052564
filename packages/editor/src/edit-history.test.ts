import type { ServiceDefinition } from '@amtsweg/definitions';
import { describe, expect, it } from 'vitest';
import {
  canRedo,
  canUndo,
  createHistory,
  current,
  DEFAULT_HISTORY_LIMIT,
  describeLastMove,
  record,
  redo,
  redoLabel,
  undo,
  undoLabel,
  type EditHistory,
} from './edit-history';
import { createProcessDefinition, deepFreeze } from './process-test-fixtures';

/** Distinct definitions told apart by their title. */
function version(title: string): ServiceDefinition {
  return { ...createProcessDefinition(), title: { de: title } };
}

const label = (de: string): { de: string; en: string } => ({ de, en: `${de} (en)` });

function recordAll(history: EditHistory, titles: string[]): EditHistory {
  return titles.reduce((h, title) => record(h, version(title), label(title)), history);
}

const titleOf = (history: EditHistory): string => current(history).title.de;

describe('edit history', () => {
  it('starts at the opened definition with nothing to undo or redo', () => {
    const start = version('start');
    const history = createHistory(start);
    expect(current(history)).toBe(start);
    expect([canUndo(history), canRedo(history)]).toEqual([false, false]);
    expect([undoLabel(history), redoLabel(history)]).toEqual([undefined, undefined]);
    expect(undo(history)).toBe(history);
    expect(redo(history)).toBe(history);
  });

  it('undoes and redoes a sequence of steps in order', () => {
    let history = recordAll(createHistory(version('start')), ['a', 'b', 'c']);
    expect(titleOf(history)).toBe('c');
    expect(undoLabel(history)?.de).toBe('c');
    history = undo(undo(history));
    expect(titleOf(history)).toBe('a');
    expect([canUndo(history), canRedo(history)]).toEqual([true, true]);
    expect(redoLabel(history)?.de).toBe('b');
    history = undo(history);
    expect(titleOf(history)).toBe('start');
    expect(canUndo(history)).toBe(false);
    expect(undo(history)).toBe(history);
    history = redo(redo(redo(history)));
    expect(titleOf(history)).toBe('c');
    expect(canRedo(history)).toBe(false);
    expect(redo(history)).toBe(history);
  });

  it('never changes a history it is given', () => {
    const history = deepFreeze(recordAll(createHistory(version('start')), ['a', 'b']));
    const undone = undo(history);
    expect(titleOf(history)).toBe('b');
    expect(titleOf(record(undone, version('x'), label('x')))).toBe('x');
    expect(titleOf(redo(undone))).toBe('b');
    expect(titleOf(history)).toBe('b');
  });

  it('names the step undone or redone for screen readers', () => {
    let history = record(createHistory(version('start')), version('moved'), { de: 'Feld verschoben', en: 'Field moved' });
    expect(describeLastMove(history)).toBeUndefined();
    history = undo(history);
    expect(describeLastMove(history)).toEqual({ de: 'Rückgängig: Feld verschoben', en: 'Undone: Field moved' });
    history = redo(history);
    expect(describeLastMove(history)).toEqual({ de: 'Wiederholt: Feld verschoben', en: 'Redone: Field moved' });
    history = record(history, version('next'), label('next'));
    expect(describeLastMove(history)).toBeUndefined();
  });

  it('drops the undone steps when a new edit is recorded', () => {
    let history = recordAll(createHistory(version('start')), ['a', 'b', 'c']);
    history = undo(undo(history));
    history = record(history, version('d'), label('d'));
    expect(titleOf(history)).toBe('d');
    expect(canRedo(history)).toBe(false);
    expect(history.steps.map((s) => s.label.de)).toEqual(['a', 'd']);
    history = undo(history);
    expect(titleOf(history)).toBe('a');
  });

  it('ignores recording the current definition again', () => {
    const history = recordAll(createHistory(version('start')), ['a']);
    expect(record(history, current(history), label('nothing'))).toBe(history);
  });

  it('keeps at most the limit of steps, dropping the oldest', () => {
    let history = recordAll(createHistory(version('start'), { limit: 3 }), ['a', 'b', 'c', 'd', 'e']);
    expect(history.steps.map((s) => s.label.de)).toEqual(['c', 'd', 'e']);
    history = undo(undo(undo(history)));
    expect(titleOf(history)).toBe('b');
    expect(canUndo(history)).toBe(false);
  });

  it('keeps 200 steps by default', () => {
    const titles = Array.from({ length: DEFAULT_HISTORY_LIMIT + 5 }, (_, i) => `v${i}`);
    let history = recordAll(createHistory(version('start')), titles);
    expect(DEFAULT_HISTORY_LIMIT).toBe(200);
    expect(history.steps).toHaveLength(200);
    while (canUndo(history)) history = undo(history);
    expect(titleOf(history)).toBe('v4');
  });

  it('refuses a limit below one', () => {
    expect(() => createHistory(version('start'), { limit: 0 })).toThrow(RangeError);
    expect(() => createHistory(version('start'), { limit: 1.5 })).toThrow(RangeError);
  });

  it('merges consecutive edits with the same merge key into one step', () => {
    let history = createHistory(version('start'));
    history = record(history, version('H'), label('Titel geändert'), { mergeKey: 'title' });
    history = record(history, version('Hu'), label('Titel geändert'), { mergeKey: 'title' });
    history = record(history, version('Hund'), label('Titel geändert'), { mergeKey: 'title' });
    expect(history.steps).toHaveLength(1);
    expect(titleOf(history)).toBe('Hund');
    expect(titleOf(undo(history))).toBe('start');
  });

  it('does not merge different keys, edits without a key, or across an undo', () => {
    let history = createHistory(version('start'));
    history = record(history, version('a'), label('a'), { mergeKey: 'title' });
    history = record(history, version('b'), label('b'), { mergeKey: 'label' });
    expect(history.steps).toHaveLength(2);
    history = record(history, version('c'), label('c'));
    history = record(history, version('d'), label('d'));
    expect(history.steps).toHaveLength(4);
  });

  it('does not merge into a step that an undo or redo came back to', () => {
    // Typing in a field, then elsewhere, then undoing and typing in the first field again is a new step.
    let history = createHistory(version('start'));
    history = record(history, version('a'), label('a'), { mergeKey: 'x' });
    history = record(history, version('b'), label('b'), { mergeKey: 'y' });
    history = record(undo(history), version('c'), label('c'), { mergeKey: 'x' });
    expect(history.steps.map((s) => s.label.de)).toEqual(['a', 'c']);
    history = record(redo(undo(history)), version('d'), label('d'), { mergeKey: 'x' });
    expect(history.steps.map((s) => s.label.de)).toEqual(['a', 'c', 'd']);
    expect(titleOf(undo(history))).toBe('c');
  });
});
