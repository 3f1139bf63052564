import { useEffect, useRef, useState } from 'react';

/**
 * An "add …" button that opens a small form: when it opens, the focus goes to the form's first control; when it
 * is cancelled, back to the button (after adding, the caller moves the focus to what was added).
 */
export function useAddPanel<First extends HTMLElement>() {
  const [open, setOpen] = useState(false);
  const first = useRef<First>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (open) first.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      opener.current?.focus();
    }
  }, [open]);

  return {
    open,
    first,
    opener,
    show: () => setOpen(true),
    /** Closed after adding: the focus goes where the caller sends it. */
    done: () => setOpen(false),
    /** Cancelled: the focus goes back to the button. */
    cancel: () => {
      returnFocus.current = true;
      setOpen(false);
    },
  };
}
