import { useEffect, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { FieldFrame } from './FieldFrame';
import type { Finding } from './ProblemMessages';

/**
 * A text input whose typing is kept here until it is valid: `check` answers an error message or `undefined`;
 * a valid text is handed to `commit` while typing (`commitOn: 'change'`) or when the field is left or Enter is
 * pressed (`'blur'`, for ids, which other parts of the definition name). Escape brings back the saved value.
 */
export function ValidatedInput({
  id,
  label,
  hint,
  value,
  check,
  commit,
  commitOn = 'change',
  problems = [],
  pointer,
  inputProps,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  check: (text: string) => string | undefined;
  commit: (text: string) => void;
  commitOn?: 'change' | 'blur';
  problems?: readonly Finding[];
  pointer?: string;
  inputProps?: InputHTMLAttributes<HTMLInputElement>;
}): ReactNode {
  const [draft, setDraft] = useState(value);
  const [message, setMessage] = useState<string | undefined>(undefined);
  // Undo, redo or a rename elsewhere change the saved value: show it.
  useEffect(() => {
    setDraft(value);
    setMessage(undefined);
  }, [value]);

  const offer = (text: string) => {
    const problem = check(text);
    setMessage(problem);
    if (problem === undefined && text !== value) commit(text);
  };
  const local: Finding[] = message === undefined ? [] : [{ severity: 'error', message }];

  return (
    <FieldFrame id={id} label={label} hint={hint} problems={[...local, ...problems]}>
      {(control) => (
        <input
          {...control}
          className="aw-input"
          type="text"
          {...inputProps}
          data-pointer={pointer}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            if (commitOn === 'change') offer(event.target.value);
            else setMessage(undefined);
          }}
          onBlur={() => {
            if (commitOn === 'blur') offer(draft);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && commitOn === 'blur') {
              event.preventDefault();
              offer(draft);
            } else if (event.key === 'Escape' && draft !== value) {
              event.preventDefault();
              setDraft(value);
              setMessage(undefined);
            }
          }}
        />
      )}
    </FieldFrame>
  );
}
