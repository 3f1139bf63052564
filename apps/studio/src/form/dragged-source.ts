import { createContext, useContext } from 'react';
import type { DragSource } from './drag-plan';

/**
 * What is being dragged, or null; set only when a drag starts and ends. Field items read this rather than
 * dnd-kit's `useDndContext`, whose value also changes with every pointer move and re-measurement and so
 * re-rendered every item on the canvas.
 */
export const DraggedSourceContext = createContext<DragSource | null>(null);

export function useDraggedSource(): DragSource | undefined {
  return useContext(DraggedSourceContext) ?? undefined;
}
