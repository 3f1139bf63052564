import type { ReactNode } from 'react';
import { hasError, ProblemMessages, type Finding } from './ProblemMessages';

/** What a control inside a `FieldFrame` needs for its attributes. */
export interface FieldControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

/**
 * A labelled control with its hint and the checks' findings about it, in the shared `aw-field` look; the
 * control gets the id, `aria-describedby` (hint and findings) and `aria-invalid`.
 */
export function FieldFrame({
  id,
  label,
  hint,
  problems = [],
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  problems?: readonly Finding[];
  children: (control: FieldControlProps) => ReactNode;
}): ReactNode {
  const invalid = hasError(problems);
  const describedBy = [hint ? `${id}-hint` : '', problems.length > 0 ? `${id}-problems` : ''].filter((part) => part !== '').join(' ');
  return (
    <div className={`aw-field${invalid ? ' aw-field--error' : ''}`}>
      <label className="aw-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="aw-hint">
          {hint}
        </p>
      ) : null}
      <ProblemMessages id={`${id}-problems`} problems={problems} />
      {children({ id, 'aria-describedby': describedBy === '' ? undefined : describedBy, 'aria-invalid': invalid ? true : undefined })}
    </div>
  );
}

/** A checkbox with its label beside it, a hint and findings below. */
export function CheckboxField({
  id,
  label,
  hint,
  checked,
  onChange,
  problems = [],
  pointer,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  problems?: readonly Finding[];
  pointer?: string;
}): ReactNode {
  const invalid = hasError(problems);
  const describedBy = [hint ? `${id}-hint` : '', problems.length > 0 ? `${id}-problems` : ''].filter((part) => part !== '').join(' ');
  return (
    <div className={`st-checkbox-field${invalid ? ' aw-field--error' : ''}`}>
      <ProblemMessages id={`${id}-problems`} problems={problems} />
      <div className="aw-choice">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          data-pointer={pointer}
          aria-describedby={describedBy === '' ? undefined : describedBy}
          aria-invalid={invalid ? true : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="aw-hint st-checkbox-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
