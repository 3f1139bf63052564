import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { parseNumberInput } from '@amtsweg/ui';
import { useLanguage } from '../i18n';
import { useFormTexts } from './form-texts';

/**
 * The inputs of the properties panel, in the renderer's GOV.UK pattern: label, hint, error message, input,
 * tied together with `aria-describedby` and `aria-invalid`.
 */

interface Described {
  hint?: string | undefined;
  problem?: string | null | undefined;
}

function describedBy(hintId: string, errorId: string, { hint, problem }: Described): string | undefined {
  const ids = [hint ? hintId : '', problem ? errorId : ''].filter(Boolean).join(' ');
  return ids === '' ? undefined : ids;
}

function HintAndError({ hintId, errorId, hint, problem }: Described & { hintId: string; errorId: string }): ReactNode {
  const t = useFormTexts();
  return (
    <>
      {hint ? (
        <div id={hintId} className="aw-hint">
          {hint}
        </div>
      ) : null}
      {problem ? (
        <p id={errorId} className="aw-error-message">
          <span className="aw-visually-hidden">{t('errorPrefix')} </span>
          {problem}
        </p>
      ) : null}
    </>
  );
}

interface TextPropertyProps extends Described {
  label: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  /** Marks the input for `focusSoon`. */
  focusId?: string;
  inputMode?: 'text' | 'numeric';
  onBlur?: () => void;
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  spellCheck?: boolean;
}

/** A text (or text area) whose every keystroke is passed on; the caller merges them into one undo step. */
export function TextProperty(props: TextPropertyProps): ReactNode {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const shared = {
    id,
    value: props.value,
    'aria-describedby': describedBy(hintId, errorId, props),
    'aria-invalid': props.problem ? true : undefined,
    'data-st-focus': props.focusId,
    onBlur: props.onBlur,
    onKeyDown: props.onKeyDown,
    spellCheck: props.spellCheck,
  };
  return (
    <div className={`aw-field st-property${props.problem ? ' aw-field--error' : ''}`}>
      <label className="aw-label" htmlFor={id}>
        {props.label}
      </label>
      <HintAndError hintId={hintId} errorId={errorId} hint={props.hint} problem={props.problem} />
      {props.multiline ? (
        <textarea {...shared} className="aw-textarea" rows={3} onChange={(event) => props.onChange(event.target.value)} />
      ) : (
        <input {...shared} className="aw-input" type="text" inputMode={props.inputMode} onChange={(event) => props.onChange(event.target.value)} />
      )}
    </div>
  );
}

interface NumberPropertyProps extends Described {
  label: string;
  value: number | undefined;
  /** Called with every valid number typed, and `undefined` when the input is emptied (unless `required`). */
  onChange: (value: number | undefined) => void;
  whole?: boolean;
  min?: number;
  max?: number;
  required?: boolean;
  /** Shown and stored values differ by this factor (megabytes shown, bytes stored). */
  scale?: number;
}

/**
 * A number typed as people write it (German decimal comma). What cannot be read stays in the input with a
 * message and is not stored; the stored value follows from outside (undo) when it changes there.
 */
export function NumberProperty(props: NumberPropertyProps): ReactNode {
  const t = useFormTexts();
  const { language } = useLanguage();
  const scale = props.scale ?? 1;
  const format = (value: number | undefined) => (value === undefined ? '' : String(Math.round((value / scale) * 1000) / 1000).replace('.', language === 'de' ? ',' : '.'));
  const [text, setText] = useState(() => format(props.value));
  const [problem, setProblem] = useState<string | null>(null);
  const stored = useRef(props.value);
  if (props.value !== stored.current) {
    // Changed from outside (undo, another input): show the stored value.
    stored.current = props.value;
    setText(format(props.value));
    setProblem(null);
  }
  const change = (next: string) => {
    setText(next);
    if (next.trim() === '') {
      if (props.required) {
        setProblem(props.min !== undefined && props.max !== undefined ? t('numberRange')(props.min, props.max) : t('numberInvalid'));
        return;
      }
      setProblem(null);
      stored.current = undefined;
      props.onChange(undefined);
      return;
    }
    const parsed = parseNumberInput(next, language);
    if (parsed === null) return setProblem(props.whole ? t('wholeNumberInvalid') : t('numberInvalid'));
    if (props.whole && !Number.isInteger(parsed)) return setProblem(t('wholeNumberInvalid'));
    if ((props.min !== undefined && parsed < props.min) || (props.max !== undefined && parsed > props.max)) {
      return setProblem(t('numberRange')(props.min ?? -Infinity, props.max ?? Infinity));
    }
    setProblem(null);
    const value = Math.round(parsed * scale);
    stored.current = scale === 1 ? parsed : value;
    props.onChange(stored.current);
  };
  return (
    <TextProperty
      label={props.label}
      hint={props.hint}
      problem={problem ?? props.problem}
      value={text}
      inputMode={props.whole ? 'numeric' : 'text'}
      onChange={change}
    />
  );
}

/** A checkbox for a yes/no property; its hint is outside the label, so the name stays short („Pflichtfeld“). */
export function CheckboxProperty({ label, hint, checked, onChange }: { label: string; hint?: string; checked: boolean; onChange: (checked: boolean) => void }): ReactNode {
  const id = useId();
  return (
    <div className="aw-choice st-property">
      <input id={id} type="checkbox" checked={checked} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(event) => onChange(event.target.checked)} />
      <div>
        <label htmlFor={id}>{label}</label>
        {hint ? (
          <div id={`${id}-hint`} className="aw-hint st-choice-hint">
            {hint}
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** An ISO date; emptied, it is removed. */
export function DateProperty({ label, value, onChange }: { label: string; value: string | undefined; onChange: (value: string | undefined) => void }): ReactNode {
  const id = useId();
  return (
    <div className="aw-field st-property">
      <label className="aw-label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="aw-input aw-input--date" type="date" value={value ?? ''} onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)} />
    </div>
  );
}

/** A choice among a few values. */
export function SelectProperty<TValue extends string>({
  label,
  hint,
  value,
  options,
  onChange,
}: {
  label: string;
  hint?: string;
  value: TValue;
  options: readonly { value: TValue; label: string }[];
  onChange: (value: TValue) => void;
}): ReactNode {
  const id = useId();
  return (
    <div className="aw-field st-property">
      <label className="aw-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="aw-hint">
          {hint}
        </div>
      ) : null}
      <select id={id} className="aw-select" value={value} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(event) => onChange(event.target.value as TValue)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
