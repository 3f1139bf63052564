import type { ElementPlace, ElementScope, EditText } from '@amtsweg/editor';
import type { ElementType } from './field-types';

/**
 * What a drag on the form designer carries and where it may end. The canvas and the page list only describe
 * sources and targets; `planDrop` turns a drop into one editing operation (a move or an add), so a drag is one
 * undo step and the rules are tested without a browser.
 */
export type DragSource =
  | { kind: 'element'; path: string; place: ElementPlace; name: EditText }
  | { kind: 'new'; type: ElementType; name: EditText };

export type DropTarget =
  /** An element in a list: the dragged one takes its place; `scopeName` says „in Gruppe „Halter““. */
  | { kind: 'item'; path: string; place: ElementPlace; name: EditText; scopeName: EditText }
  /** The end of a list (a page's top level, or a group's contents); `endName` says „am Ende der Seite „Halter““. */
  | { kind: 'end'; scope: ElementScope; length: number; endName: EditText }
  /** A page in the page list: the end of its top level. */
  | { kind: 'page'; page: string; length: number; pageName: EditText };

/** What dnd-kit's `data` holds for the designer's draggables and droppables. */
export interface DragData {
  source?: DragSource;
  target?: DropTarget;
}

export type DropPlan =
  | { kind: 'move'; path: string; place: ElementPlace }
  | { kind: 'add'; type: ElementType; place: ElementPlace }
  | { kind: 'none' };

/** Where the dragged thing would land, relative to the target: for the drop line and what is said. */
export type DropPosition = 'before' | 'after' | 'end' | 'none';

export function isSameScope(a: ElementScope, b: ElementScope): boolean {
  return a.page === b.page && (a.parent ?? '') === (b.parent ?? '');
}

/** True when `path` is `ancestor` or lies inside it. */
export function isSameOrInside(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

/** The scope a target puts things into. */
function scopeOf(target: DropTarget): ElementScope {
  if (target.kind === 'item') return target.place.parent === undefined ? { page: target.place.page } : { page: target.place.page, parent: target.place.parent };
  if (target.kind === 'end') return target.scope;
  return { page: target.page };
}

/** True when dropping the source onto the target would put a group into itself. */
export function isInsideSource(source: DragSource, target: DropTarget): boolean {
  if (source.kind !== 'element') return false;
  if (target.kind === 'item' && isSameOrInside(target.path, source.path)) return target.path !== source.path;
  const parent = scopeOf(target).parent;
  return parent !== undefined && isSameOrInside(parent, source.path);
}

/**
 * Where a drop would put the dragged thing. On an element of its own list, a field moving down lands after it
 * and one moving up before it (it takes that element's position); everywhere else it lands before the element,
 * or at the end of a list or page.
 */
export function dropPosition(source: DragSource, target: DropTarget): DropPosition {
  if (isInsideSource(source, target)) return 'none';
  if (target.kind !== 'item') return 'end';
  if (source.kind === 'element') {
    if (source.path === target.path) return 'none';
    if (isSameScope(source.place, target.place) && source.place.index < target.place.index) return 'after';
  }
  return 'before';
}

/**
 * Turns a drop into one editing operation: moving an element (`moveElement`'s place is its position
 * afterwards) or adding a new one of the dragged type. Dropping an element where it is, or a group into
 * itself, plans nothing.
 *
 * @example
 * planDrop(
 *   { kind: 'element', path: 'phone', place: { page: 'p1', index: 0 }, name },
 *   { kind: 'end', scope: { page: 'p1', parent: 'holder' }, length: 2, scopeName },
 * ) // { kind: 'move', path: 'phone', place: { page: 'p1', parent: 'holder', index: 2 } }
 */
export function planDrop(source: DragSource, target: DropTarget): DropPlan {
  if (dropPosition(source, target) === 'none') return { kind: 'none' };
  const scope = scopeOf(target);
  const sameList = source.kind === 'element' && isSameScope(source.place, scope);
  let index: number;
  if (target.kind === 'item') index = target.place.index;
  else index = sameList ? target.length - 1 : target.length;
  const place: ElementPlace = scope.parent === undefined ? { page: scope.page, index } : { page: scope.page, parent: scope.parent, index };
  if (source.kind === 'new') return { kind: 'add', type: source.type, place };
  if (sameList && source.place.index === index) return { kind: 'none' };
  return { kind: 'move', path: source.path, place };
}

/** The data path of `key` inside `parent`: `joinPath('holder', 'city')` is `holder.city`. */
export function joinPath(parent: string | undefined, key: string): string {
  return parent === undefined || parent === '' ? key : `${parent}.${key}`;
}

/** `path` with the prefix `from` replaced by `to` (`holder.name` → `owner.name`), or unchanged outside it. */
export function replacePathPrefix(path: string, from: string, to: string): string {
  return isSameOrInside(path, from) ? to + path.slice(from.length) : path;
}
