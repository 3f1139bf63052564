import { useEffect, useState, type ReactNode } from 'react';
import type { ChoiceOption, FieldElement } from '@amtsweg/definitions';
import { localize, type UiLanguage } from './localize';
import { fieldId } from './form-walk';
import { displayText, formatDateForInput, formatNumberForInput, formatNumberForPeople, parseDateInput, parseNumberInput } from './input-values';
import { uiText } from './ui-texts';
import { FileInput, type FileUploader } from './FileInput';

export interface FieldProps {
  element: FieldElement;
  pointer: string;
  /** Dotted data path (`dogs.certificate`), as the upload route names a file field. */
  path: string;
  value: unknown;
  /** Definition language of labels; the interface's own words follow `uiLanguage`. */
  language: string;
  uiLanguage: UiLanguage;
  required: boolean;
  error: string | undefined;
  onChange: (value: unknown) => void;
  upload: FileUploader | undefined;
  /** Label text for "Hund 2 – Rasse", so a screen reader hears which item the input belongs to. */
  itemLabel?: string;
}

/**
 * One field in the GOV.UK pattern: label, hint, error message, input; hint and error are tied to the input
 * with `aria-describedby`, the input is `aria-invalid` while the error stands.
 */
export function FieldInput(props: FieldProps): ReactNode {
  const { element, pointer, language, uiLanguage, required, error } = props;
  const id = fieldId(pointer);
  const hintText = element.type === 'date' && !element.hint ? uiText('dateHint', uiLanguage) : localize(element.hint, language);
  const described = [hintText ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const label = (
    <>
      {props.itemLabel ? <span className="aw-visually-hidden">{props.itemLabel} – </span> : null}
      {localize(element.label, language)}
      {!required && element.type !== 'calculated' ? <span className="aw-optional"> {uiText('optional', uiLanguage)}</span> : null}
    </>
  );
  const hint = hintText ? (
    <div id={`${id}-hint`} className="aw-hint">
      {hintText}
    </div>
  ) : null;
  const errorMessage = error ? (
    <p id={`${id}-error`} className="aw-error-message">
      <span className="aw-visually-hidden">{uiText('errorPrefix', uiLanguage)} </span>
      {error}
    </p>
  ) : null;
  const a11y = { 'aria-describedby': described, 'aria-invalid': error ? true : undefined, 'aria-required': required || undefined } as const;
  const groupClass = `aw-field${error ? ' aw-field--error' : ''}`;

  if (element.type === 'calculated') {
    const value = props.value;
    const text = typeof value === 'number' ? formatNumberForPeople(value, language, element.valueType === 'money') : value === null || value === undefined ? '–' : displayText(value);
    return (
      <div className={groupClass}>
        <div className="aw-label" id={`${id}-label`}>
          {label}
        </div>
        {hint}
        <output id={id} className="aw-calculated" aria-labelledby={`${id}-label`} aria-live="polite">
          {text}
        </output>
      </div>
    );
  }

  if (element.type === 'radio' || element.type === 'checkboxes' || (element.type === 'yesNo' && !element.mustBeYes)) {
    const options: ChoiceOption[] =
      element.type === 'yesNo'
        ? [
            { value: 'true', label: { de: uiText('yes', 'de'), en: uiText('yes', 'en') } },
            { value: 'false', label: { de: uiText('no', 'de'), en: uiText('no', 'en') } },
          ]
        : element.options;
    const multiple = element.type === 'checkboxes';
    const selected = (option: string): boolean => {
      if (element.type === 'yesNo') return props.value === (option === 'true');
      if (multiple) return Array.isArray(props.value) && props.value.includes(option);
      return props.value === option;
    };
    const toggle = (option: string, checked: boolean) => {
      if (element.type === 'yesNo') props.onChange(option === 'true');
      else if (multiple) {
        const current = Array.isArray(props.value) ? (props.value as string[]) : [];
        const next = checked ? [...current.filter((v) => v !== option), option] : current.filter((v) => v !== option);
        props.onChange(next.length > 0 ? next : undefined);
      } else props.onChange(option);
    };
    return (
      <div className={groupClass}>
        <fieldset className="aw-fieldset" aria-describedby={described}>
          <legend className="aw-label">{label}</legend>
          {hint}
          {errorMessage}
          <div className={`aw-choices${element.type === 'yesNo' ? ' aw-choices--inline' : ''}`}>
            {options.map((option, index) => {
              const optionId = index === 0 ? id : `${id}-${index}`;
              return (
                <div className="aw-choice" key={option.value}>
                  <input
                    id={optionId}
                    type={multiple ? 'checkbox' : 'radio'}
                    name={id}
                    value={option.value}
                    checked={selected(option.value)}
                    onChange={(event) => toggle(option.value, event.target.checked)}
                    aria-invalid={error ? true : undefined}
                  />
                  <label htmlFor={optionId}>{localize(option.label, language)}</label>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
    );
  }

  if (element.type === 'yesNo') {
    // A confirmation (must be yes) is one checkbox: ticking it is the answer.
    return (
      <div className={groupClass}>
        {hint}
        {errorMessage}
        <div className="aw-choice">
          <input id={id} type="checkbox" checked={props.value === true} onChange={(event) => props.onChange(event.target.checked)} {...a11y} />
          <label htmlFor={id}>{label}</label>
        </div>
      </div>
    );
  }

  if (element.type === 'file') {
    return (
      <div className={groupClass}>
        <label className="aw-label" htmlFor={id}>
          {label}
        </label>
        {hint}
        <FileInput
          id={id}
          element={element}
          path={props.path}
          value={props.value}
          language={language}
          uiLanguage={uiLanguage}
          error={errorMessage}
          describedBy={described}
          onChange={props.onChange}
          upload={props.upload}
          describeRules={!element.hint}
        />
      </div>
    );
  }

  let input: ReactNode;
  if (element.type === 'select') {
    input = (
      <select id={id} className="aw-select" value={typeof props.value === 'string' ? props.value : ''} onChange={(event) => props.onChange(event.target.value || undefined)} {...a11y}>
        <option value="">{uiText('choose', uiLanguage)}</option>
        {element.options.map((option) => (
          <option key={option.value} value={option.value}>
            {localize(option.label, language)}
          </option>
        ))}
      </select>
    );
  } else if (element.type === 'textarea') {
    input = <textarea id={id} className="aw-textarea" rows={5} value={typeof props.value === 'string' ? props.value : ''} onChange={(event) => props.onChange(event.target.value || undefined)} {...a11y} />;
  } else if (element.type === 'date') {
    input = (
      <TypedTextInput
        id={id}
        value={props.value}
        format={(value) => formatDateForInput(value, uiLanguage)}
        parse={parseDateInput}
        onChange={props.onChange}
        inputMode="numeric"
        autoComplete={element.autocomplete}
        className="aw-input aw-input--date"
        a11y={a11y}
      />
    );
  } else if (element.type === 'number' || element.type === 'integer' || element.type === 'money') {
    input = (
      <div className="aw-input-wrapper">
        <TypedTextInput
          id={id}
          value={props.value}
          format={(value) => formatNumberForInput(value, uiLanguage)}
          parse={(text) => parseNumberInput(text, uiLanguage)}
          onChange={props.onChange}
          inputMode={element.type === 'integer' ? 'numeric' : 'decimal'}
          className="aw-input aw-input--number"
          a11y={a11y}
        />
        {element.type === 'money' ? (
          <span className="aw-input-suffix" aria-hidden="true">
            €
          </span>
        ) : null}
      </div>
    );
  } else {
    const kind = element.type;
    input = (
      <input
        id={id}
        className={`aw-input${kind === 'postalCode' ? ' aw-input--short' : kind === 'iban' ? ' aw-input--iban' : ''}`}
        type={kind === 'email' ? 'email' : kind === 'phone' ? 'tel' : 'text'}
        inputMode={kind === 'postalCode' ? 'numeric' : undefined}
        spellCheck={kind === 'email' || kind === 'iban' || kind === 'postalCode' ? false : undefined}
        autoComplete={element.autocomplete ?? (kind === 'iban' ? 'off' : undefined)}
        value={typeof props.value === 'string' ? props.value : ''}
        onChange={(event) => props.onChange(event.target.value === '' ? undefined : event.target.value)}
        {...a11y}
      />
    );
  }
  return (
    <div className={groupClass}>
      <label className="aw-label" htmlFor={id}>
        {label}
      </label>
      {hint}
      {errorMessage}
      {input}
    </div>
  );
}

interface TypedTextInputProps {
  id: string;
  value: unknown;
  format: (value: unknown) => string;
  parse: (text: string) => string | number | null;
  onChange: (value: unknown) => void;
  inputMode: 'numeric' | 'decimal';
  autoComplete?: string | undefined;
  className: string;
  a11y: Record<string, unknown>;
}

/**
 * A text input for a typed value (date, number): people type freely; the answer becomes the parsed value
 * when the text is one, and stays the text otherwise, so nothing typed is lost and validation can name it.
 */
function TypedTextInput(props: TypedTextInputProps): ReactNode {
  const [text, setText] = useState(() => props.format(props.value));
  // A value set from outside (a resumed draft) replaces the text unless the text already means that value.
  useEffect(() => {
    setText((current) => {
      const parsed = props.parse(current);
      const meansValue = parsed === null ? current === props.value || (current === '' && props.value === undefined) : parsed === props.value;
      return meansValue ? current : props.format(props.value);
    });
    // Only a new value re-syncs the text; the format and parse functions are new on every render.
  }, [props.value]);
  return (
    <input
      id={props.id}
      className={props.className}
      type="text"
      inputMode={props.inputMode}
      autoComplete={props.autoComplete}
      spellCheck={false}
      value={text}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        props.onChange(next.trim() === '' ? undefined : (props.parse(next) ?? next));
      }}
      onBlur={() => {
        const parsed = props.parse(text);
        if (parsed !== null) setText(props.format(parsed));
      }}
      {...props.a11y}
    />
  );
}
