import type { ReactNode } from 'react';

/** A problem for the page's error summary: the input's id and what is wrong. */
export interface FieldProblem {
  id: string;
  message: string;
}

/**
 * One labelled input of the account forms, in the GOV.UK pattern the renderer uses: label, hint, error message,
 * input, tied together with `aria-describedby` and `aria-invalid`.
 */
export function AccountField({
  id,
  label,
  hint,
  value,
  onChange,
  error,
  type = 'text',
  autoComplete,
  inputMode,
  short = false,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  type?: 'text' | 'password' | 'email';
  autoComplete: string;
  inputMode?: 'numeric' | 'text';
  short?: boolean;
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
      {error ? (
        <p id={`${id}-error`} className="aw-error-message">
          {error}
        </p>
      ) : null}
      <input
        id={id}
        className={`aw-input${short ? ' aw-input--short' : ''}`}
        type={type}
        autoComplete={autoComplete}
        inputMode={inputMode}
        spellCheck={false}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
