import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A message that belongs to no field (the connection was lost, a reply arrived): it takes the focus when it
 * appears, so a screen reader reads it once and the keyboard goes on from there.
 */
export function FocusedNotice({ text, tone }: { text: string | null; tone: 'error' | 'success' }): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (text) ref.current?.focus();
  }, [text]);
  if (!text) return null;
  return (
    <div ref={ref} className={`pt-notice pt-notice--${tone}`} tabIndex={-1}>
      {text}
    </div>
  );
}
