/**
 * Focus targets are marked with `data-st-focus="<kind>:<id>"`, so focus can follow an element that React
 * re-created elsewhere (moved into a group, onto another page, renamed).
 */
export function focusTarget(kind: string, id = ''): string {
  return `${kind}:${id}`;
}

/** The attribute selector for a focus target. */
function selectorOf(target: string): string {
  return `[data-st-focus="${target.replace(/["\\]/g, '\\$&')}"]`;
}

/**
 * Moves the keyboard focus to the first of `targets` present once React has rendered the change that was just
 * made (two frames: the state update, then the layout). `select` selects an input's text, so a new field's
 * label can be typed over at once.
 */
export function focusSoon(targets: string | readonly string[], options: { select?: boolean } = {}): void {
  const list = typeof targets === 'string' ? [targets] : targets;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      for (const target of list) {
        const element = document.querySelector<HTMLElement>(selectorOf(target));
        if (!element) continue;
        element.focus();
        if (options.select && element instanceof HTMLInputElement) element.select();
        return;
      }
    }),
  );
}
