import type { ReactNode } from 'react';
import type { DocumentTemplate, LocalizedText, Signature } from '@amtsweg/definitions';
import { updateTemplate } from '@amtsweg/editor';
import { FieldFrame } from '../area-controls/FieldFrame';
import { usePendingFocus } from '../area-controls/focus-request';
import { LocalizedTextField } from '../area-controls/LocalizedTextField';
import { withLanguage } from '../area-controls/localized-text';
import { hasError, ProblemMessages } from '../area-controls/ProblemMessages';
import { useAreaTexts } from '../area-controls/use-area-texts';
import { useLanguageName } from '../area-controls/use-language-name';
import { diagnosticsAt, useEditor } from '../editor-context';
import { DOCUMENTS_TEXTS } from './documents-texts';

type Mode = Signature['mode'] | 'none';

/**
 * How a letter is signed: automatically (with a note that it is valid without a signature), by a named person
 * with their position, or not at all (not for a decision notice).
 */
export function SignatureEditor({
  template,
  pointer,
  idPrefix,
  mergePrefix,
}: {
  template: DocumentTemplate;
  pointer: string;
  idPrefix: string;
  mergePrefix: string;
}): ReactNode {
  const { definition, apply, diagnostics } = useEditor();
  const t = useAreaTexts(DOCUMENTS_TEXTS);
  const languageName = useLanguageName();
  const focusLater = usePendingFocus();
  const signature = template.signature;
  const mode: Mode = signature?.mode ?? 'none';
  const problems = diagnosticsAt(diagnostics, pointer);
  const english = definition.settings.languages.includes('en');
  const inLanguages = (text: { de: string; en: string }): LocalizedText => (english ? { de: text.de, en: text.en } : { de: text.de });

  const save = (next: Signature | null, mergeKey?: string) =>
    apply(updateTemplate(definition, template.id, { signature: next }), DOCUMENTS_TEXTS.signatureEdit, mergeKey === undefined ? undefined : { mergeKey });

  const choose = (next: Mode) => {
    if (next === mode) return;
    if (next === 'none') save(null);
    else if (next === 'automatic') save({ mode: 'automatic', note: inLanguages(DOCUMENTS_TEXTS.defaultNote) });
    else if (save({ mode: 'signed', name: '', position: inLanguages(DOCUMENTS_TEXTS.defaultPosition) })) focusLater(`${idPrefix}-name`);
  };

  const modes: [Mode, string][] = [
    ['automatic', t('signatureAutomatic')],
    ['signed', t('signatureSigned')],
    ...(template.kind !== 'decision' || mode === 'none' ? [['none', t('signatureNone')] as [Mode, string]] : []),
  ];
  const own = problems.filter((problem) => !/\/(name|position|note)(\/|$)/.test(problem.path.slice(pointer.length)));

  return (
    <fieldset className={`aw-fieldset st-subfieldset${hasError(problems) ? ' aw-field--error' : ''}`} aria-describedby={template.kind === 'decision' ? `${idPrefix}-hint` : undefined}>
      <legend className="aw-label">{t('signatureLegend')}</legend>
      {template.kind === 'decision' ? (
        <p id={`${idPrefix}-hint`} className="aw-hint">
          {t('signatureNoneHint')}
        </p>
      ) : null}
      <ProblemMessages problems={own} />
      <div data-pointer={pointer} tabIndex={-1}>
        {modes.map(([value, label]) => (
          <div key={value} className="aw-choice">
            <input id={`${idPrefix}-${value}`} type="radio" name={`${idPrefix}-mode`} value={value} checked={mode === value} onChange={() => choose(value)} />
            <label htmlFor={`${idPrefix}-${value}`}>{label}</label>
          </div>
        ))}
      </div>
      {signature?.mode === 'signed' ? (
        <>
          <FieldFrame id={`${idPrefix}-name`} label={t('signatureName')} hint={t('signatureNameHint')} problems={diagnosticsAt(diagnostics, `${pointer}/name`)}>
            {(control) => (
              <input
                {...control}
                className="aw-input"
                type="text"
                autoComplete="off"
                data-pointer={`${pointer}/name`}
                value={signature.name}
                onChange={(event) => save({ ...signature, name: event.target.value }, `${mergePrefix}:name`)}
              />
            )}
          </FieldFrame>
          <LocalizedTextField
            id={`${idPrefix}-position`}
            value={signature.position}
            labelFor={(lang) => `${t('signaturePosition')} (${languageName(lang)})`}
            pointer={`${pointer}/position`}
            onChange={(lang, text) => save({ ...signature, position: withLanguage(signature.position, lang, text) }, `${mergePrefix}:position:${lang}`)}
          />
        </>
      ) : null}
      {signature?.mode === 'automatic' ? (
        <LocalizedTextField
          id={`${idPrefix}-note`}
          value={signature.note}
          labelFor={(lang) => `${t('signatureNote')} (${languageName(lang)})`}
          pointer={`${pointer}/note`}
          onChange={(lang, text) => save({ ...signature, note: withLanguage(signature.note, lang, text) }, `${mergePrefix}:note:${lang}`)}
        />
      ) : null}
    </fieldset>
  );
}
