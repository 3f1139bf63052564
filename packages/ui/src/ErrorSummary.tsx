import { useEffect, useRef, type ReactNode } from 'react';
import type { UiLanguage } from './localize';
import { fieldId } from './form-walk';
import { uiText } from './ui-texts';

export interface SummaryError {
  /** JSON pointer of the answer (`/dogs/1/name`), or an element id prefixed with `#`. */
  pointer: string;
  message: string;
  /** Where the answer can be fixed when that is another page (check your answers); followed with `onNavigate`. */
  href?: string;
}

/**
 * The error summary at the top of the page (GOV.UK pattern): takes the focus when it appears, so a screen
 * reader announces it; each entry links to its input and moves the focus there. An error whose input is not
 * on the page links to the nearest enclosing element that is (a repeating group's add button, say).
 */
export function ErrorSummary({
  errors,
  uiLanguage,
  focusKey,
  title,
  onNavigate,
}: {
  errors: SummaryError[];
  uiLanguage: UiLanguage;
  focusKey: number;
  title?: string;
  onNavigate?: (href: string) => void;
}): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  // Each failed attempt (a new focusKey) takes the focus, even with the same errors; an error going away while
  // the person types must not pull the focus out of the field.
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [focusKey]);
  if (errors.length === 0) return null;
  return (
    // No live region: taking the focus makes screen readers read it once (as GOV.UK Frontend does).
    <div ref={ref} className="aw-error-summary" tabIndex={-1} aria-labelledby="aw-error-summary-title">
      <h2 id="aw-error-summary-title" className="aw-error-summary-title">
        {title ?? uiText('errorSummaryTitle', uiLanguage)}
      </h2>
      <ul className="aw-error-summary-list">
        {errors.map((error) => (
          <li key={`${error.pointer}:${error.message}`}>
            {error.href ? (
              <a
                href={error.href}
                onClick={(event) => {
                  if (!onNavigate) return;
                  event.preventDefault();
                  onNavigate(error.href!);
                }}
              >
                {error.message}
              </a>
            ) : (
              <a href={`#${targetId(error.pointer)}`} onClick={(event) => focusTarget(event, error.pointer)}>
                {error.message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function targetId(pointer: string): string {
  return pointer.startsWith('#') ? pointer.slice(1) : fieldId(pointer);
}

function focusTarget(event: React.MouseEvent, pointer: string): void {
  let candidate = pointer;
  for (;;) {
    const element = document.getElementById(targetId(candidate));
    if (element) {
      event.preventDefault();
      // The label (or legend) above the input should be visible too, as on GOV.UK.
      const container = element.closest('.aw-field, .aw-repeat') ?? element;
      container.scrollIntoView({ block: 'start' });
      element.focus({ preventScroll: true });
      return;
    }
    if (candidate === '' || candidate.startsWith('#')) return;
    candidate = candidate.slice(0, candidate.lastIndexOf('/'));
  }
}
