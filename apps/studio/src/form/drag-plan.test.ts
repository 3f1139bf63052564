import { describe, expect, it } from 'vitest';
import { dropPosition, planDrop, type DragSource, type DropTarget } from './drag-plan';

const name = { de: 'Feld „X“', en: 'field "X"' };
const scopeName = { de: 'auf der Seite „P“', en: 'on the page "P"' };

function field(path: string, page: string, index: number, parent?: string): DragSource {
  return { kind: 'element', path, place: parent === undefined ? { page, index } : { page, parent, index }, name };
}
function item(path: string, page: string, index: number, parent?: string): DropTarget {
  return { kind: 'item', path, place: parent === undefined ? { page, index } : { page, parent, index }, name, scopeName };
}

describe('planning a drop', () => {
  it('moves down within a list to the position of the element dropped on (after it)', () => {
    const source = field('a', 'p1', 0);
    const target = item('c', 'p1', 2);
    expect(dropPosition(source, target)).toBe('after');
    expect(planDrop(source, target)).toEqual({ kind: 'move', path: 'a', place: { page: 'p1', index: 2 } });
  });

  it('moves up within a list before the element dropped on', () => {
    const source = field('c', 'p1', 2);
    const target = item('a', 'p1', 0);
    expect(dropPosition(source, target)).toBe('before');
    expect(planDrop(source, target)).toEqual({ kind: 'move', path: 'c', place: { page: 'p1', index: 0 } });
  });

  it('moves into a group before the element dropped on', () => {
    expect(planDrop(field('phone', 'p1', 0), item('holder.name', 'p1', 1, 'holder'))).toEqual({
      kind: 'move',
      path: 'phone',
      place: { page: 'p1', parent: 'holder', index: 1 },
    });
  });

  it('moves to the end of a group, and to the last place of its own list', () => {
    const end: DropTarget = { kind: 'end', scope: { page: 'p1', parent: 'holder' }, length: 2, endName: scopeName };
    expect(planDrop(field('phone', 'p1', 0), end)).toEqual({ kind: 'move', path: 'phone', place: { page: 'p1', parent: 'holder', index: 2 } });
    expect(planDrop(field('holder.name', 'p1', 0, 'holder'), end)).toEqual({
      kind: 'move',
      path: 'holder.name',
      place: { page: 'p1', parent: 'holder', index: 1 },
    });
  });

  it('moves out of a group to the end of another page when dropped on its name', () => {
    const page: DropTarget = { kind: 'page', page: 'p2', length: 3, pageName: name };
    expect(planDrop(field('holder.name', 'p1', 0, 'holder'), page)).toEqual({ kind: 'move', path: 'holder.name', place: { page: 'p2', index: 3 } });
  });

  it('adds a new element where a palette entry is dropped', () => {
    const source: DragSource = { kind: 'new', type: 'date', name };
    expect(planDrop(source, item('b', 'p1', 1))).toEqual({ kind: 'add', type: 'date', place: { page: 'p1', index: 1 } });
    expect(planDrop(source, { kind: 'end', scope: { page: 'p1' }, length: 4, endName: scopeName })).toEqual({ kind: 'add', type: 'date', place: { page: 'p1', index: 4 } });
  });

  it('plans nothing for a drop on itself, at its own place, or into itself', () => {
    expect(planDrop(field('a', 'p1', 0), item('a', 'p1', 0))).toEqual({ kind: 'none' });
    expect(planDrop(field('a', 'p1', 2), { kind: 'end', scope: { page: 'p1' }, length: 3, endName: scopeName })).toEqual({ kind: 'none' });
    expect(planDrop(field('a', 'p1', 2), { kind: 'page', page: 'p1', length: 3, pageName: name })).toEqual({ kind: 'none' });
    expect(planDrop(field('holder', 'p1', 0), item('holder.name', 'p1', 0, 'holder'))).toEqual({ kind: 'none' });
    expect(planDrop(field('holder', 'p1', 0), { kind: 'end', scope: { page: 'p1', parent: 'holder.address' }, length: 0, endName: scopeName })).toEqual({
      kind: 'none',
    });
  });

  it('does not mistake a sibling whose key starts alike for a child', () => {
    expect(planDrop(field('dog', 'p1', 0), item('dogs.name', 'p1', 0, 'dogs'))).toEqual({
      kind: 'move',
      path: 'dog',
      place: { page: 'p1', parent: 'dogs', index: 0 },
    });
  });
});
