import { useEffect, useRef, type ReactNode } from 'react';

let navigatedSinceLoad = false;
/** Called by the router on every navigation inside the portal (not on the first load). */
export function markNavigation(): void {
  navigatedSinceLoad = true;
}

/**
 * The page's h1. Sets the document title, and after a navigation inside the portal takes the focus, so a
 * screen reader announces the new page and the keyboard starts from its top (as after a full page load).
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }): ReactNode {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = title;
  }, [title]);
  // Only when the page is new: a title that changes on the page (an error prefix) must not move the focus.
  useEffect(() => {
    if (navigatedSinceLoad && !location.hash) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="pt-heading">
      {children}
    </h1>
  );
}
