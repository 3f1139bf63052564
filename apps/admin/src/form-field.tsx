import type { ReactNode } from 'react';

/** What an input needs to be tied to its hint and error message. */
export interface FieldDescription {
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/**
 * A labelled input in the GOV.UK pattern every Amtsweg form uses: label, hint, error message, then the input,
 * which the children render with the ids of hint and message (`aria-describedby`) and `aria-invalid`.
 */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: (description: FieldDescription) => ReactNode;
}): ReactNode {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`aw-field${error ? ' aw-field--error' : ''}`}>
      <label className="aw-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="aw-hint">
          {hint}
        </p>
      ) : null}
      <FieldMessage id={id} error={error} />
      {children({ ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(error ? { 'aria-invalid': true } : {}) })}
    </div>
  );
}

/** The error message above an input or inside a fieldset, with the id its input points at. */
export function FieldMessage({ id, error }: { id: string; error: string | undefined }): ReactNode {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="aw-error-message">
      {error}
    </p>
  );
}
