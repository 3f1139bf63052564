import { useEffect, useState, type ReactNode } from 'react';
import type { ActionInput, ProcessAction, ProcessState } from '@amtsweg/definitions';
import { addActionInput, deleteActionInput, keyFromLabel, renameActionInputKey, updateActionInput, type ActionInputChanges } from '@amtsweg/editor';
import { localize } from '@amtsweg/ui';
import { CheckboxField, FieldFrame } from '../area-controls/FieldFrame';
import { IdField } from '../area-controls/IdField';
import { LocalizedTextField } from '../area-controls/LocalizedTextField';
import { makeKeysUnique } from '../area-controls/stable-keys';
import { useAreaTexts } from '../area-controls/use-area-texts';
import { useLanguageName } from '../area-controls/use-language-name';
import { diagnosticsAt, useEditor } from '../editor-context';
import { useLanguage } from '../i18n';
import type { Finding } from '../area-controls/ProblemMessages';
import { changeInputLabel, INPUT_TYPES, linesFromOptions, optionsFromLines } from './process-edits';
import { INPUT_TYPE_TEXT_KEYS, PROCESS_TEXTS } from './process-texts';
import { inputsScope, type ProcessUi } from './process-ui';

/** The inputs of an action: what the person taking it fills in (a reason, a date, a choice …). */
export function ActionInputsEditor({
  state,
  action,
  pointer,
  actionKey,
  ui,
}: {
  state: ProcessState;
  action: ProcessAction;
  pointer: string;
  actionKey: string;
  ui: ProcessUi;
}): ReactNode {
  const { definition, apply, diagnostics } = useEditor();
  const t = useAreaTexts(PROCESS_TEXTS);
  const { language } = useLanguage();
  const languageName = useLanguageName();
  const inputs = action.inputs ?? [];
  const scope = inputsScope(actionKey);
  const inputKeys = makeKeysUnique(inputs.map((input) => ui.keys.keyOf(scope, input.key)));

  const add = () => {
    const label = t('newInputLabel');
    const key = keyFromLabel(label, new Set(inputs.map((input) => input.key)));
    const input: ActionInput = { key, type: 'text', label: { de: label } };
    if (apply(addActionInput(definition, state.id, action.id, input), PROCESS_TEXTS.inputAddedEdit)) {
      ui.focusLater(`st-${ui.keys.keyOf(scope, key)}-label-de`, { select: true });
    }
  };

  return (
    <fieldset className="aw-fieldset st-subfieldset">
      <legend className="aw-label">{t('inputsLegend')}</legend>
      <p className="aw-hint">{t('inputsHint')}</p>
      {inputs.map((input, index) => {
        const inputKey = inputKeys[index]!;
        const at = (part: string) => diagnosticsAt(diagnostics, `${pointer}/inputs/${index}/${part}`);
        const id = (part: string) => `st-${inputKey}-${part}`;
        const name = localize(input.label, language) || input.key;
        const change = (changes: ActionInputChanges, mergeKey?: string) =>
          apply(updateActionInput(definition, state.id, action.id, input.key, changes), PROCESS_TEXTS.inputChangedEdit, mergeKey === undefined ? undefined : { mergeKey });
        const remove = () => {
          if (apply(deleteActionInput(definition, state.id, action.id, input.key), PROCESS_TEXTS.inputDeletedEdit)) ui.focusLater(`st-${actionKey}-add-input`);
        };
        return (
          <fieldset key={inputKey} className="aw-fieldset st-input-item">
            <legend className="st-item-legend">{t('input')(name)}</legend>
            <LocalizedTextField
              id={id('label')}
              value={input.label}
              labelFor={(lang) => (lang === 'de' ? t('inputLabel') : t('inputLabelIn')(languageName(lang)))}
              pointer={`${pointer}/inputs/${index}/label`}
              onChange={(lang, text) => {
                const { result, renamedTo } = changeInputLabel(definition, state.id, action, index, lang, text);
                if (apply(result, PROCESS_TEXTS.inputChangedEdit, { mergeKey: `input:${inputKey}:label:${lang}` }) && renamedTo !== undefined) {
                  ui.keys.rename(scope, input.key, renamedTo);
                }
              }}
            />
            <FieldFrame id={id('type')} label={t('inputType')} problems={at('type')}>
              {(control) => (
                <select
                  {...control}
                  className="aw-select"
                  data-pointer={`${pointer}/inputs/${index}/type`}
                  value={input.type}
                  onChange={(event) => {
                    const type = event.target.value as ActionInput['type'];
                    change({ type, options: type === 'choice' ? (input.options ?? [{ value: keyFromLabel(t('newChoice'), new Set()), label: { de: t('newChoice') } }]) : undefined });
                  }}
                >
                  {INPUT_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {t(INPUT_TYPE_TEXT_KEYS[type])}
                    </option>
                  ))}
                </select>
              )}
            </FieldFrame>
            {input.type === 'choice' ? (
              <OptionsField
                id={id('options')}
                input={input}
                problems={at('options')}
                pointer={`${pointer}/inputs/${index}/options`}
                onChange={(options) => change({ options }, `input:${inputKey}:options`)}
              />
            ) : null}
            <CheckboxField
              id={id('required')}
              label={t('inputRequired')}
              checked={input.required === true}
              problems={at('required')}
              onChange={(checked) => change({ required: checked ? true : undefined })}
            />
            <div className="st-button-row">
              <button type="button" className="aw-button aw-button--secondary st-button--danger" onClick={remove}>
                {t('deleteInput')}
                <span className="aw-visually-hidden">{language === 'de' ? ` „${name}“` : ` “${name}”`}</span>
              </button>
            </div>
            <IdField
              id={id('key')}
              label={t('inputKey')}
              value={input.key}
              problems={at('key')}
              pointer={`${pointer}/inputs/${index}/key`}
              rename={(newKey) => {
                if (apply(renameActionInputKey(definition, state.id, action.id, input.key, newKey), PROCESS_TEXTS.inputRenamedEdit)) ui.keys.rename(scope, input.key, newKey);
              }}
            />
          </fieldset>
        );
      })}
      <p>
        <button type="button" id={`st-${actionKey}-add-input`} className="aw-button aw-button--secondary" onClick={add}>
          {t('addInput')}
          <span className="aw-visually-hidden">{` – ${localize(action.label, language)}`}</span>
        </button>
      </p>
    </fieldset>
  );
}

/** The choices of a choice input, one per line; kept here while it has none (a choice needs at least one). */
function OptionsField({
  id,
  input,
  problems,
  pointer,
  onChange,
}: {
  id: string;
  input: ActionInput;
  problems: readonly Finding[];
  pointer: string;
  onChange: (options: NonNullable<ActionInput['options']>) => void;
}): ReactNode {
  const t = useAreaTexts(PROCESS_TEXTS);
  const saved = linesFromOptions(input.options);
  const [draft, setDraft] = useState(saved);
  useEffect(() => {
    setDraft((current) => (linesFromOptions(optionsFromLines(current, input.options)) === saved ? current : saved));
  }, [saved, input.options]);
  const empty = optionsFromLines(draft, input.options).length === 0;
  const local: Finding[] = empty ? [{ severity: 'error', message: t('inputOptionsEmpty') }] : [];
  return (
    <FieldFrame id={id} label={t('inputOptions')} problems={[...local, ...problems]}>
      {(control) => (
        <textarea
          {...control}
          className="aw-textarea"
          rows={Math.max(2, draft.split('\n').length)}
          data-pointer={pointer}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            const options = optionsFromLines(event.target.value, input.options);
            if (options.length > 0 && JSON.stringify(options) !== JSON.stringify(input.options)) onChange(options);
          }}
        />
      )}
    </FieldFrame>
  );
}
