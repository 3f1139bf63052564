import { useEffect, useRef, type ReactNode } from 'react';
import { useLanguage } from '../i18n';

/**
 * Asks before a step that cannot be undone, in the page (no modal dialog): takes the focus so its question is
 * read out; cancelling hands the focus back to where the person came from.
 */
export function ConfirmPanel({
  id,
  question,
  confirmLabel,
  danger = false,
  onConfirm,
  onCancel,
}: {
  id: string;
  question: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}): ReactNode {
  const { t } = useLanguage();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div id={id} ref={ref} tabIndex={-1} role="group" aria-labelledby={`${id}-question`} className={`ad-confirm${danger ? ' ad-confirm--danger' : ''}`}>
      <p id={`${id}-question`}>
        <strong>{question}</strong>
      </p>
      <div className="pt-actions">
        <button type="button" className={danger ? 'aw-button ad-button--danger' : 'aw-button'} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="aw-button aw-button--secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
