import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A secret the server or the page shows this one time (an initial password, an API token): prominent, with a
 * copy button and the note that it is not shown again. Takes the focus when it appears, so a screen reader
 * announces it at once.
 */
export function ShownOncePanel({
  id,
  value,
  texts,
  onDone,
}: {
  id: string;
  value: string;
  texts: { title: string; note: string; label: string; copy: string; copied: string; copyFailed: string; done: string };
  onDone: () => void;
}): ReactNode {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');

  useEffect(() => {
    headingRef.current?.focus();
    setCopied('no');
  }, [value]);

  const copy = async () => {
    try {
      // Missing outside a secure context (plain HTTP on another host): then the text is selected for Ctrl+C.
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      inputRef.current?.select();
      setCopied('failed');
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="ad-secret">
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {texts.title}
      </h2>
      <p>{texts.note}</p>
      <div className="aw-field">
        <label className="aw-label" htmlFor={id}>
          {texts.label}
        </label>
        <input
          id={id}
          ref={inputRef}
          className="aw-input ad-secret-value"
          type="text"
          readOnly
          spellCheck={false}
          autoComplete="off"
          value={value}
          onFocus={(event) => event.target.select()}
        />
      </div>
      <div className="pt-actions">
        <button type="button" className="aw-button" onClick={() => void copy()}>
          {texts.copy}
        </button>
        <button type="button" className="aw-button aw-button--secondary" onClick={onDone}>
          {texts.done}
        </button>
      </div>
      <p role="status" className="ad-copy-status">
        {copied === 'yes' ? texts.copied : copied === 'failed' ? texts.copyFailed : ''}
      </p>
    </section>
  );
}
