import type { ReactNode } from 'react';
import type { ActionEffect, ProcessAction, ProcessState } from '@amtsweg/definitions';
import { updateAction } from '@amtsweg/editor';
import { localize } from '@amtsweg/ui';
import { FieldFrame } from '../area-controls/FieldFrame';
import { LocalizedTextField } from '../area-controls/LocalizedTextField';
import { withLanguage } from '../area-controls/localized-text';
import { ProblemMessages } from '../area-controls/ProblemMessages';
import { useAreaTexts } from '../area-controls/use-area-texts';
import { useLanguageName } from '../area-controls/use-language-name';
import { diagnosticsAt, useEditor } from '../editor-context';
import { useLanguage } from '../i18n';
import { PROCESS_TEXTS, TEMPLATE_KIND_TEXT_KEYS } from './process-texts';

/** What taking an action does besides moving the case: issue a letter, send the applicant a message. */
export function ActionEffectsEditor({
  state,
  action,
  pointer,
  actionKey,
}: {
  state: ProcessState;
  action: ProcessAction;
  pointer: string;
  actionKey: string;
}): ReactNode {
  const { definition, apply, diagnostics } = useEditor();
  const t = useAreaTexts(PROCESS_TEXTS);
  const { language } = useLanguage();
  const languageName = useLanguageName();
  const effects = action.effects ?? [];
  const templates = definition.documents;

  const save = (next: ActionEffect[], mergeKey?: string) =>
    apply(
      updateAction(definition, state.id, action.id, { effects: next.length === 0 ? undefined : next }),
      PROCESS_TEXTS.effectsEdit,
      mergeKey === undefined ? undefined : { mergeKey },
    );
  const replace = (index: number, effect: ActionEffect, mergeKey?: string) => save(effects.map((e, i) => (i === index ? effect : e)), mergeKey);
  const addDocument = () => {
    const first = templates[0];
    if (!first) {
      apply({ ok: false, message: PROCESS_TEXTS.noTemplates }, PROCESS_TEXTS.effectsEdit);
      return;
    }
    save([...effects, { type: 'issueDocument', template: first.id }]);
  };
  const addMessage = () => {
    const text = PROCESS_TEXTS.newMessage;
    const message = definition.settings.languages.includes('en') ? { de: text.de, en: text.en } : { de: text.de };
    save([...effects, { type: 'notifyApplicant', message }]);
  };

  return (
    <fieldset className="aw-fieldset st-subfieldset">
      <legend className="aw-label">{t('effectsLegend')}</legend>
      {effects.map((effect, index) => {
        const at = `${pointer}/effects/${index}`;
        const id = `st-${actionKey}-effect-${index}`;
        const removeButton = (what: string) => (
          <div className="st-button-row">
            <button type="button" className="aw-button aw-button--secondary st-button--danger" onClick={() => save(effects.filter((_, i) => i !== index))}>
              {t('deleteEffect')}
              <span className="aw-visually-hidden">{` – ${what}`}</span>
            </button>
          </div>
        );
        if (effect.type === 'issueDocument') {
          const known = templates.some((template) => template.id === effect.template);
          return (
            <div key={index} className="st-effect">
              <FieldFrame id={id} label={t('effectDocument')} hint={t('effectDocumentHint')} problems={diagnosticsAt(diagnostics, at)}>
                {(control) => (
                  <select
                    {...control}
                    className="aw-select"
                    data-pointer={at}
                    value={effect.template}
                    onChange={(event) => replace(index, { type: 'issueDocument', template: event.target.value })}
                  >
                    {known ? null : <option value={effect.template}>{t('unknownOption')(effect.template)}</option>}
                    {templates.map((template) => (
                      <option key={template.id} value={template.id}>
                        {`${localize(template.title, language) || template.id} (${t(TEMPLATE_KIND_TEXT_KEYS[template.kind])})`}
                      </option>
                    ))}
                  </select>
                )}
              </FieldFrame>
              {removeButton(t('effectDocument'))}
            </div>
          );
        }
        return (
          <div key={index} className="st-effect">
            <ProblemMessages problems={diagnosticsAt(diagnostics, at).filter((problem) => !problem.path.startsWith(`${at}/message`))} />
            <LocalizedTextField
              id={id}
              value={effect.message}
              labelFor={(lang) => (lang === 'de' ? t('effectMessage') : t('effectMessageIn')(languageName(lang)))}
              pointer={`${at}/message`}
              multiline
              rows={2}
              onChange={(lang, text) => replace(index, { type: 'notifyApplicant', message: withLanguage(effect.message, lang, text) }, `effect:${actionKey}:${index}:${lang}`)}
            />
            {removeButton(t('effectMessage'))}
          </div>
        );
      })}
      <div className="st-button-row">
        <button type="button" className="aw-button aw-button--secondary" onClick={addDocument}>
          {t('addEffectDocument')}
        </button>
        <button type="button" className="aw-button aw-button--secondary" onClick={addMessage}>
          {t('addEffectMessage')}
        </button>
      </div>
    </fieldset>
  );
}
