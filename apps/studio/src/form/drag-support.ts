import type { Announcements, CollisionDetection, KeyboardCoordinateGetter, ScreenReaderInstructions, UniqueIdentifier } from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import type { UiLanguage } from '@amtsweg/ui';
import { dropPosition, type DragData, type DragSource, type DropTarget } from './drag-plan';
import { capitalize, formText } from './form-texts';

/** Before the first arrow key, how far (in CSS pixels) the picked-up thing may be from a drop place to be over it. */
const PICKUP_REACH = 4;

function sourceOf(data: unknown): DragSource | undefined {
  return (data as DragData | undefined)?.source;
}

function targetOf(data: unknown): DropTarget | undefined {
  return (data as DragData | undefined)?.target;
}

/**
 * Finds the drop place under the pointer: the innermost one (a field inside a group rather than the group).
 * Nothing is over when the pointer is outside every place, so a drop there changes nothing. Dragged by
 * keyboard, `sortableKeyboardCoordinates` puts the dragged rectangle onto a corner of the next place; the place
 * with the nearest corner is the one over (a palette entry just picked up is over nothing).
 */
export const detectDropTarget: CollisionDetection = ({ active, collisionRect, droppableRects, droppableContainers, pointerCoordinates }) => {
  const initial = active.rect.current.initial;
  const moved = !initial || Math.abs(initial.left - collisionRect.left) > 1 || Math.abs(initial.top - collisionRect.top) > 1;
  let best: (typeof droppableContainers)[number] | undefined;
  let bestScore = Infinity;
  let bestArea = Infinity;
  for (const container of droppableContainers) {
    if (container.disabled) continue;
    const rect = droppableRects.get(container.id);
    if (!rect) continue;
    const area = rect.width * rect.height;
    let score: number;
    if (pointerCoordinates) {
      const { x, y } = pointerCoordinates;
      if (x < rect.left || x > rect.left + rect.width || y < rect.top || y > rect.top + rect.height) continue;
      score = 0;
    } else {
      const corners = (r: { left: number; top: number; width: number; height: number }) => [
        [r.left, r.top],
        [r.left + r.width, r.top],
        [r.left, r.top + r.height],
        [r.left + r.width, r.top + r.height],
      ];
      const mine = corners(collisionRect);
      score = Math.min(...corners(rect).map(([x, y], i) => Math.hypot(x! - mine[i]![0]!, y! - mine[i]![1]!)));
      if (!moved && score > PICKUP_REACH) continue;
    }
    if (score < bestScore || (score === bestScore && area < bestArea)) {
      best = container;
      bestScore = score;
      bestArea = area;
    }
  }
  return best ? [{ id: best.id, data: { droppableContainer: best, value: bestScore } }] : [];
};

/**
 * Moves a keyboard drag: `sortableKeyboardCoordinates`, with up and down kept to the column the drag is in
 * (the canvas, or the page list), so that moving down past a long group reaches the end of the page rather
 * than a page name beside it; left and right change between the page list and the canvas.
 */
export const designerKeyboardCoordinates: KeyboardCoordinateGetter = (event, args) => {
  const { context } = args;
  const rect = context.collisionRect;
  if (!rect || (event.code !== 'ArrowUp' && event.code !== 'ArrowDown')) return sortableKeyboardCoordinates(event, args);
  const all = context.droppableContainers;
  const inColumn = (id: UniqueIdentifier) => {
    const other = context.droppableRects.get(id);
    return other !== undefined && other.left < rect.left + rect.width && other.left + other.width > rect.left;
  };
  // The getter reads only these two methods of the containers.
  const column = {
    getEnabled: () => all.getEnabled().filter((container) => inColumn(container.id)),
    get: (id: UniqueIdentifier | null | undefined) => all.get(id),
  } as unknown as typeof all;
  return sortableKeyboardCoordinates(event, { ...args, context: { ...context, droppableContainers: column } });
};

/** Says where a drop would put the dragged thing („vor Feld „Nachname“ in Gruppe „Halter““), null for nowhere new. */
export function describeDrop(source: DragSource, target: DropTarget, language: UiLanguage): string | null {
  const position = dropPosition(source, target);
  if (position === 'none') return null;
  if (target.kind === 'page') return formText('endOfPage', language)(target.pageName[language]);
  if (target.kind === 'end') return target.endName[language];
  const phrase = position === 'after' ? formText('whereAfter', language) : formText('whereBefore', language);
  return phrase(target.name[language], target.scopeName[language]);
}

/** What screen readers hear while dragging, in the Studio's language (the drop itself is confirmed by the designer). */
export function createAnnouncements(language: UiLanguage): Announcements {
  const nameOf = (data: unknown) => {
    const source = sourceOf(data);
    return source ? capitalize(source.name[language]) : '';
  };
  return {
    onDragStart: ({ active }) => formText('pickedUp', language)(nameOf(active.data.current)),
    onDragOver: ({ active, over }) => {
      const source = sourceOf(active.data.current);
      const target = targetOf(over?.data.current);
      if (!source) return undefined;
      const name = nameOf(active.data.current);
      if (!target) return formText('overNothing', language)(name);
      const where = describeDrop(source, target, language);
      return where === null ? formText('overOwnPlace', language)(name) : formText('overTarget', language)(name, where);
    },
    // The designer announces the result of the edit (or its refusal) itself.
    onDragEnd: () => undefined,
    onDragCancel: ({ active }) => formText('dragCancelled', language)(nameOf(active.data.current)),
  };
}

export function createInstructions(language: UiLanguage): ScreenReaderInstructions {
  return { draggable: formText('instructions', language) };
}

export { sourceOf, targetOf };
