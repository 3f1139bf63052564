import { useMemo, useState, type MutableRefObject, type ReactNode } from 'react';
import type { DocumentTemplate } from '@amtsweg/definitions';
import type { TemplateTextPart } from '@amtsweg/editor';
import { localize } from '@amtsweg/ui';
import { FieldFrame } from '../area-controls/FieldFrame';
import { useAreaTexts } from '../area-controls/use-area-texts';
import { useEditor } from '../editor-context';
import { useLanguage } from '../i18n';
import { DOCUMENTS_TEXTS, FACT_TEXT_KEYS } from './documents-texts';
import { listPlaceholderChoices, type PlaceholderChoice } from './placeholder-choices';
import { insertAtCursor } from './template-defaults';

/** The text field a placeholder goes into: the one of the template focused last. */
export interface PlaceholderTarget {
  part: TemplateTextPart;
  language: string;
  /** Its label, to say where the placeholder will go. */
  label: string;
  elementId: string;
}

const GROUPS = [
  ['fields', 'groupFields'],
  ['repeats', 'groupRepeats'],
  ['facts', 'groupFacts'],
  ['inputs', 'groupInputs'],
] as const;

/**
 * "Platzhalter einfügen": a select of the form's fields by label, the lists, the case facts and the inputs of
 * the issuing actions; the button inserts the chosen placeholder at the cursor of the text field used last and
 * puts the focus back there, after it.
 */
export function PlaceholderPicker({
  template,
  idPrefix,
  target,
  targetElement,
  onInsert,
}: {
  template: DocumentTemplate;
  idPrefix: string;
  target: PlaceholderTarget | null;
  targetElement: MutableRefObject<HTMLTextAreaElement | HTMLInputElement | null>;
  onInsert: (part: TemplateTextPart, language: string, value: string) => void;
}): ReactNode {
  const { definition, announce } = useEditor();
  const t = useAreaTexts(DOCUMENTS_TEXTS);
  const { language } = useLanguage();
  const choices = useMemo(() => listPlaceholderChoices(definition, template.id), [definition, template.id]);
  const [token, setToken] = useState('');
  const [message, setMessage] = useState('');
  const chosen = choices.some((choice) => choice.token === token) ? token : (choices[0]?.token ?? '');

  const describe = (choice: PlaceholderChoice): string => {
    switch (choice.group) {
      case 'fields': {
        const label = `${localize(choice.label, language) || choice.path} – ${choice.path}`;
        return choice.repeat ? t('insideRepeat')(label) : label;
      }
      case 'repeats':
        return t('repeatOption')(`${localize(choice.label, language) || choice.path} – ${choice.path}`);
      case 'facts':
        return `${t(FACT_TEXT_KEYS[choice.fact])} – ${choice.fact}`;
      case 'inputs':
        return `${localize(choice.label, language) || choice.key} (${localize(choice.action, language)}) – action.${choice.key}`;
    }
  };

  const insert = () => {
    const element = targetElement.current?.isConnected ? targetElement.current : target ? (document.getElementById(target.elementId) as HTMLTextAreaElement | null) : null;
    if (!target || !element || chosen === '') {
      setMessage(t('placeholderNoTarget'));
      announce(t('placeholderNoTarget'));
      return;
    }
    const current = template[target.part]?.[target.language] ?? '';
    const { text, cursor } = insertAtCursor(current, element.selectionStart ?? current.length, element.selectionEnd ?? current.length, chosen);
    onInsert(target.part, target.language, text);
    setMessage('');
    announce(t('placeholderInserted')(chosen.split('\n')[0]!));
    // Back to the text, the cursor after the placeholder, once React has written the new value.
    requestAnimationFrame(() => {
      const now = document.getElementById(target.elementId) as HTMLTextAreaElement | HTMLInputElement | null;
      now?.focus();
      now?.setSelectionRange(cursor, cursor);
    });
  };

  return (
    <div className="st-placeholder-picker">
      <FieldFrame id={`${idPrefix}-select`} label={t('placeholder')} hint={t('placeholderHint')}>
        {(control) => (
          <select {...control} className="aw-select" value={chosen} onChange={(event) => setToken(event.target.value)}>
            {GROUPS.map(([group, label]) => {
              const inGroup = choices.filter((choice) => choice.group === group);
              return inGroup.length === 0 ? null : (
                <optgroup key={group} label={t(label)}>
                  {inGroup.map((choice) => (
                    <option key={choice.token} value={choice.token}>
                      {describe(choice)}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        )}
      </FieldFrame>
      <button type="button" className="aw-button aw-button--secondary" aria-describedby={`${idPrefix}-target`} onClick={insert}>
        {t('insertPlaceholder')}
      </button>
      <p id={`${idPrefix}-target`} className={message === '' ? 'aw-hint' : 'aw-error-message'}>
        {message !== '' ? message : target ? t('placeholderTarget')(target.label) : t('placeholderNoTarget')}
      </p>
    </div>
  );
}
