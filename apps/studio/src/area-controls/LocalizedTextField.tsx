import type { ReactNode } from 'react';
import type { LocalizedText } from '@amtsweg/definitions';
import { diagnosticsAt, useEditor } from '../editor-context';
import { FieldFrame } from './FieldFrame';
import { listLanguages } from './localized-text';

/**
 * One text of the definition in every language the service is offered in (German first), each with its own
 * label, its findings and an input or textarea. `pointer` is the text's JSON pointer; the German control stands
 * for the whole text when the checks list asks to show it.
 */
export function LocalizedTextField({
  id,
  value,
  labelFor,
  hint,
  pointer,
  multiline = false,
  rows = 3,
  onChange,
  onFocusText,
  languages: only,
}: {
  id: string;
  value: LocalizedText | undefined;
  labelFor: (language: string) => string;
  hint?: ReactNode;
  pointer: string;
  multiline?: boolean;
  rows?: number;
  onChange: (language: string, text: string) => void;
  /** Told which textarea has the focus (the placeholder picker inserts there). */
  onFocusText?: (language: string, element: HTMLTextAreaElement | HTMLInputElement) => void;
  /** The languages to show when the text exists in fewer than the service's (the applicant's e-mails: German and English). */
  languages?: readonly string[];
}): ReactNode {
  const { definition, diagnostics } = useEditor();
  const languages = only ? listLanguages(only) : listLanguages(definition.settings.languages);
  return (
    <>
      {languages.map((language) => {
        const own = `${pointer}/${language}`;
        // Findings about the whole text (e.g. a missing text) are shown at the German control.
        const problems = diagnosticsAt(diagnostics, own).concat(language === 'de' ? diagnostics.filter((d) => d.path === pointer) : []);
        return (
          <FieldFrame key={language} id={`${id}-${language}`} label={labelFor(language)} hint={language === 'de' ? hint : undefined} problems={problems}>
            {(control) =>
              multiline ? (
                <textarea
                  {...control}
                  className="aw-textarea"
                  rows={rows}
                  lang={language}
                  data-pointer={language === 'de' ? pointer : own}
                  value={value?.[language] ?? ''}
                  onChange={(event) => onChange(language, event.target.value)}
                  onFocus={(event) => onFocusText?.(language, event.target)}
                />
              ) : (
                <input
                  {...control}
                  className="aw-input"
                  type="text"
                  lang={language}
                  data-pointer={language === 'de' ? pointer : own}
                  value={value?.[language] ?? ''}
                  onChange={(event) => onChange(language, event.target.value)}
                  onFocus={(event) => onFocusText?.(language, event.target)}
                />
              )
            }
          </FieldFrame>
        );
      })}
    </>
  );
}
