import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useLanguage } from '../i18n';

/**
 * The signing secret, the one time the server shows it: prominent, with a copy button and the note that it is
 * not shown again. Takes the focus when it appears, so a screen reader announces it at once.
 */
export function SecretPanel({ secret, onDone }: { secret: string; onDone: () => void }): ReactNode {
  const { t } = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');

  useEffect(() => {
    headingRef.current?.focus();
    setCopied('no');
  }, [secret]);

  const copy = async () => {
    try {
      // Missing outside a secure context (plain HTTP on another host): then the text is selected for Ctrl+C.
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      inputRef.current?.select();
      setCopied('failed');
    }
  };

  return (
    <section aria-labelledby="secret-title" className="ad-secret">
      <h2 id="secret-title" ref={headingRef} tabIndex={-1}>
        {t('secretTitle')}
      </h2>
      <p>{t('secretNote')}</p>
      <div className="aw-field">
        <label className="aw-label" htmlFor="secret">
          {t('secretLabel')}
        </label>
        <input
          id="secret"
          ref={inputRef}
          className="aw-input ad-secret-value"
          type="text"
          readOnly
          spellCheck={false}
          autoComplete="off"
          value={secret}
          onFocus={(event) => event.target.select()}
        />
      </div>
      <div className="pt-actions">
        <button type="button" className="aw-button" onClick={() => void copy()}>
          {t('copy')}
        </button>
        <button type="button" className="aw-button aw-button--secondary" onClick={onDone}>
          {t('secretDone')}
        </button>
      </div>
      <p role="status" className="ad-copy-status">
        {copied === 'yes' ? t('copied') : copied === 'failed' ? t('copyFailed') : ''}
      </p>
    </section>
  );
}
