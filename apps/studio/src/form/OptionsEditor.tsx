import { useId, useRef, useState, type ReactNode } from 'react';
import type { ChoiceOption } from '@amtsweg/definitions';
import { linesFromOptions, optionsFromLines, sameOptions, splitLines, translateOptions } from './option-lines';
import { useFormTexts } from './form-texts';

interface OptionsEditorProps {
  options: readonly ChoiceOption[];
  /** The definition's languages besides German that get a translation box. */
  otherLanguages: readonly { code: string; name: string }[];
  onChange: (options: ChoiceOption[]) => void;
}

/**
 * The choices of a select, radio or checkbox field as a text area, one per line, so a clerk can type them or
 * paste a list from a letter or a spreadsheet. Stored values stay with their choices (see `optionsFromLines`).
 * The stored values are listed for those who write conditions or letters by hand.
 */
export function OptionsEditor({ options, otherLanguages, onChange }: OptionsEditorProps): ReactNode {
  const t = useFormTexts();
  // The values there were when the designer started typing; the others are new and may still change.
  const valuesAtStart = useRef<ReadonlySet<string>>(keptValues(options));
  return (
    <div className="st-options">
      <OptionLines
        label={t('options')}
        hint={t('optionsHint')}
        options={options}
        language="de"
        onLines={(text) => {
          if (splitLines(text).length === 0) return t('optionsEmpty');
          const renewable = new Set(options.map((option) => option.value).filter((value) => !valuesAtStart.current.has(value)));
          onChange(optionsFromLines(text, options, renewable));
          return null;
        }}
        onFocus={() => {
          valuesAtStart.current = keptValues(options);
        }}
        focusId="prop:options"
      />
      {otherLanguages.map((language) => (
        <OptionLines
          key={language.code}
          label={language.code === 'en' ? t('optionsEnglish') : `${t('options')} (${language.name})`}
          options={options}
          language={language.code}
          onLines={(text) => {
            onChange(translateOptions(text, options, language.code));
            return null;
          }}
        />
      ))}
      <details className="st-details">
        <summary>{t('optionsValues')}</summary>
        <ul className="st-option-values">
          {options.map((option) => (
            <li key={option.value}>
              {option.label.de}: <code>{option.value}</code>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

interface OptionLinesProps {
  label: string;
  hint?: string;
  options: readonly ChoiceOption[];
  language: string;
  /** Takes the typed text; answers a problem to show, or null when it was taken. */
  onLines: (text: string) => string | null;
  onFocus?: () => void;
  focusId?: string;
}

/** One text area of choices. It keeps what is typed (an empty line while starting the next choice) and follows undo. */
function OptionLines({ label, hint, options, language, onLines, onFocus, focusId }: OptionLinesProps): ReactNode {
  const id = useId();
  const [text, setText] = useState(() => linesFromOptions(options, language));
  const [problem, setProblem] = useState<string | null>(null);
  const seen = useRef(options);
  if (!sameOptions(seen.current, options)) {
    seen.current = options;
    // Typed here: keep the text as typed. Changed elsewhere (undo, the other language): show the choices.
    const typedHere =
      language === 'de' ? sameOptions(optionsFromLines(text, options), options) : sameOptions(translateOptions(text, options, language), options);
    if (!typedHere) {
      setText(linesFromOptions(options, language));
      setProblem(null);
    }
  }
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`aw-field st-property${problem ? ' aw-field--error' : ''}`}>
      <label className="aw-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="aw-hint">
          {hint}
        </div>
      ) : null}
      {problem ? (
        <p id={`${id}-error`} className="aw-error-message">
          {problem}
        </p>
      ) : null}
      <textarea
        id={id}
        className="aw-textarea"
        rows={Math.min(12, Math.max(3, options.length + 1))}
        value={text}
        aria-describedby={describedBy}
        aria-invalid={problem ? true : undefined}
        data-st-focus={focusId}
        onFocus={onFocus}
        onChange={(event) => {
          setText(event.target.value);
          setProblem(onLines(event.target.value));
        }}
      />
    </div>
  );
}

/** The values to keep while typing: all but the placeholders a new field starts with („Option 1“ → `option1`). */
function keptValues(options: readonly ChoiceOption[]): ReadonlySet<string> {
  const placeholder = (option: ChoiceOption) => /^option\d+$/.test(option.value) && option.label.de === `Option ${option.value.slice('option'.length)}`;
  return new Set(options.filter((option) => !placeholder(option)).map((option) => option.value));
}
