import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { UiLanguage } from '../localize';
import { staffTexts } from './staff-texts';

/**
 * The recovery codes, shown once right after they were made: to print, copy or download as a text file. The
 * heading takes the focus, so a screen reader announces them; "stored" hands back (the codes are not kept).
 */
export function RecoveryCodes({
  codes,
  email,
  organisation,
  language,
  headingLevel,
  onKept,
}: {
  codes: readonly string[];
  email: string;
  organisation: string;
  language: UiLanguage;
  headingLevel: 2 | 3;
  onKept: () => void;
}): ReactNode {
  const t = staffTexts(language);
  const heading = useRef<HTMLHeadingElement>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const asText = `${t.recoveryFileHeading(email, organisation)}\n\n${codes.join('\n')}\n`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(asText);
      setMessage(t.copied);
    } catch {
      setMessage(t.copyFailed);
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([asText], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = language === 'de' ? 'amtsweg-wiederherstellungscodes.txt' : 'amtsweg-recovery-codes.txt';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setMessage(t.downloaded);
  };

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="aw-recovery-codes" aria-labelledby="recovery-codes-title">
      <Heading id="recovery-codes-title" ref={heading} tabIndex={-1}>
        {t.recoveryTitle}
      </Heading>
      <p>{t.recoveryIntro}</p>
      <ol className="aw-recovery-code-list" aria-label={t.recoveryListLabel}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="pt-actions aw-no-print">
        <button type="button" className="aw-button aw-button--secondary" onClick={() => window.print()}>
          {t.print}
        </button>
        <button type="button" className="aw-button aw-button--secondary" onClick={() => void copy()}>
          {t.copy}
        </button>
        <button type="button" className="aw-button aw-button--secondary" onClick={download}>
          {t.download}
        </button>
      </div>
      <div role="status">{message ? <p>{message}</p> : null}</div>
      <button type="button" className="aw-button aw-no-print" onClick={onKept}>
        {t.recoveryKept}
      </button>
    </section>
  );
}
