import { useCallback, useEffect, useRef } from 'react';
import { useEditor } from '../editor-context';

// The checks list's requests already shown, so reopening an area does not jump to an old place again.
const shown = new WeakSet<object>();

/**
 * Shows the place the checks list asked for, when it lies in this area (`owns`): `show` runs once per request,
 * after the area has rendered.
 */
export function useFocusRequest(owns: (pointer: string) => boolean, show: (pointer: string) => void): void {
  const { focus } = useEditor();
  const latest = useRef({ owns, show });
  latest.current = { owns, show };
  useEffect(() => {
    if (!focus || shown.has(focus) || !latest.current.owns(focus.pointer)) return;
    // Marked inside the frame: in development React runs effects twice and cancels the first frame.
    const frame = requestAnimationFrame(() => {
      shown.add(focus);
      latest.current.show(focus.pointer);
    });
    return () => cancelAnimationFrame(frame);
  }, [focus]);
}

/**
 * Focuses the control that stands for `pointer`: of the elements marked `data-pointer`, the one whose pointer is
 * the longest prefix of it; opens the `details` around it and scrolls it into view. Answers whether one was found.
 */
export function focusByPointer(pointer: string, root: ParentNode = document): boolean {
  let best: HTMLElement | undefined;
  let bestLength = -1;
  for (const element of root.querySelectorAll<HTMLElement>('[data-pointer]')) {
    const own = element.dataset.pointer ?? '';
    if ((pointer === own || pointer.startsWith(`${own}/`)) && own.length > bestLength) {
      best = element;
      bestLength = own.length;
    }
  }
  if (!best) return false;
  for (let details = best.closest('details'); details; details = details.parentElement?.closest('details') ?? null) details.open = true;
  best.scrollIntoView({ block: 'center' });
  best.focus({ preventScroll: true });
  return true;
}

/**
 * Focus to move after the next render (to a section just added, or back to a button whose section moved):
 * `focusLater(id)` focuses the element with that DOM id once the component has rendered again; with `select`,
 * the text of an input is selected too (a default label the clerk will type over).
 */
export function usePendingFocus(): (elementId: string, options?: { select?: boolean }) => void {
  const pending = useRef<{ id: string; select: boolean } | null>(null);
  useEffect(() => {
    const wanted = pending.current;
    if (wanted === null) return;
    const element = document.getElementById(wanted.id);
    if (!element) return;
    pending.current = null;
    element.focus();
    element.scrollIntoView({ block: 'nearest' });
    if (wanted.select && element instanceof HTMLInputElement) element.select();
  });
  return useCallback((elementId: string, options?: { select?: boolean }) => {
    pending.current = { id: elementId, select: options?.select ?? false };
  }, []);
}
