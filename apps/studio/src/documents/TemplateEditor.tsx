import { useRef, useState, type ReactNode } from 'react';
import type { DocumentKind, DocumentTemplate } from '@amtsweg/definitions';
import { renameTemplateId, updateTemplate, type TemplateTextPart } from '@amtsweg/editor';
import { localize } from '@amtsweg/ui';
import { FieldFrame } from '../area-controls/FieldFrame';
import { followLabel, idsOfOthers } from '../area-controls/follow-label';
import { IdField } from '../area-controls/IdField';
import { LocalizedTextField } from '../area-controls/LocalizedTextField';
import { hasError, ProblemCount, ProblemMessages } from '../area-controls/ProblemMessages';
import type { StableKeys } from '../area-controls/stable-keys';
import { useAreaTexts } from '../area-controls/use-area-texts';
import { useLanguageName } from '../area-controls/use-language-name';
import { diagnosticsAt, useEditor } from '../editor-context';
import { useLanguage } from '../i18n';
import { DOCUMENTS_TEXTS, KIND_TEXT_KEYS, PART_TEXT_KEYS } from './documents-texts';
import { PlaceholderPicker, type PlaceholderTarget } from './PlaceholderPicker';
import { SignatureEditor } from './SignatureEditor';
import { changeTemplateKind, changeTemplateText, listTemplateParts, TEMPLATE_KINDS, type BodyPart } from './template-defaults';
import { TemplatePreview } from './TemplatePreview';

/** Scope of the stable keys of templates. */
export const TEMPLATES_SCOPE = 'templates';

const PART_HINT_KEYS: Partial<Record<BodyPart, 'partHintOperative' | 'partHintReasoning' | 'partHintAddressee'>> = {
  operative: 'partHintOperative',
  reasoning: 'partHintReasoning',
  addressee: 'partHintAddressee',
};
const PART_ROWS: Record<BodyPart, number> = { authority: 3, addressee: 3, subject: 1, operative: 5, reasoning: 6, legalRemedy: 5, body: 8 };

/**
 * One template: its kind and title, each text part per language, the placeholder picker that inserts at the
 * cursor of the text field used last, the signature, its id under "Erweitert", and the preview.
 */
export function TemplateEditor({ template, index, templateKey, keys }: { template: DocumentTemplate; index: number; templateKey: string; keys: StableKeys }): ReactNode {
  const { definition, apply, diagnostics } = useEditor();
  const t = useAreaTexts(DOCUMENTS_TEXTS);
  const { language } = useLanguage();
  const languageName = useLanguageName();
  const pointer = `/documents/${index}`;
  const problems = diagnosticsAt(diagnostics, pointer);
  const id = (part: string) => `st-${templateKey}-${part}`;
  const name = localize(template.title, language) || t('noTitle');
  const parts = listTemplateParts(template);
  const [target, setTarget] = useState<PlaceholderTarget | null>(null);
  const targetElement = useRef<HTMLTextAreaElement | HTMLInputElement | null>(null);
  const partLabel = (part: BodyPart, lang: string) => t('partIn')(t(PART_TEXT_KEYS[part]), languageName(lang));
  const titleLabel = (lang: string) => (lang === 'de' ? t('templateTitle') : t('templateTitleIn')(languageName(lang)));
  const own = problems.filter(
    (problem) => !['title', ...parts, 'signature', 'id', 'kind'].some((part) => problem.path === `${pointer}/${part}` || problem.path.startsWith(`${pointer}/${part}/`)),
  );

  const changeText = (part: TemplateTextPart, lang: string, value: string) => {
    const result = updateTemplate(definition, template.id, changeTemplateText(template, part, lang, value, definition.settings.languages));
    const label = part === 'title' ? DOCUMENTS_TEXTS.titleEdit : DOCUMENTS_TEXTS.textEdit;
    // The id follows a German title it was made from (with every state and action naming the template).
    const next = result.ok && part === 'title' && lang === 'de' ? followLabel(template.id, template.title.de, value, idsOfOthers(definition.documents, index)) : undefined;
    const renamed = result.ok && next !== undefined ? renameTemplateId(result.definition, template.id, next) : undefined;
    if (renamed?.ok && next !== undefined) {
      if (apply(renamed, label, { mergeKey: `template:${templateKey}:${part}:${lang}` })) keys.rename(TEMPLATES_SCOPE, template.id, next);
      return;
    }
    apply(result, label, { mergeKey: `template:${templateKey}:${part}:${lang}` });
  };

  const track = (part: TemplateTextPart, label: string) => (lang: string, element: HTMLTextAreaElement | HTMLInputElement) => {
    targetElement.current = element;
    setTarget({ part, language: lang, label, elementId: element.id });
  };

  return (
    <section className={`st-template${hasError(problems) ? ' st-has-error' : ''}`} aria-labelledby={id('heading')}>
      <h3 id={id('heading')} tabIndex={-1}>
        {name}
      </h3>
      <p className="st-state-meta">{t(KIND_TEXT_KEYS[template.kind])}</p>
      <ProblemCount problems={problems} />
      <ProblemMessages problems={own} />
      <FieldFrame id={id('kind')} label={t('templateKind')} problems={diagnosticsAt(diagnostics, `${pointer}/kind`)}>
        {(control) => (
          <select
            {...control}
            className="aw-select"
            data-pointer={`${pointer}/kind`}
            value={template.kind}
            onChange={(event) =>
              apply(updateTemplate(definition, template.id, changeTemplateKind(definition, template, event.target.value as DocumentKind)), DOCUMENTS_TEXTS.kindEdit)
            }
          >
            {TEMPLATE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(KIND_TEXT_KEYS[kind])}
              </option>
            ))}
          </select>
        )}
      </FieldFrame>
      <LocalizedTextField
        id={id('title')}
        value={template.title}
        labelFor={titleLabel}
        pointer={`${pointer}/title`}
        onChange={(lang, value) => changeText('title', lang, value)}
        onFocusText={(lang, element) => track('title', titleLabel(lang))(lang, element)}
      />

      <h4>{t('textsTitle')}</h4>
      <PlaceholderPicker template={template} idPrefix={id('placeholder')} target={target} targetElement={targetElement} onInsert={changeText} />
      {parts.map((part) => (
        <LocalizedTextField
          key={part}
          id={id(part)}
          value={template[part]}
          labelFor={(lang) => partLabel(part, lang)}
          hint={PART_HINT_KEYS[part] === undefined ? undefined : t(PART_HINT_KEYS[part])}
          pointer={`${pointer}/${part}`}
          multiline={part !== 'subject'}
          rows={PART_ROWS[part]}
          onChange={(lang, value) => changeText(part, lang, value)}
          onFocusText={(lang, element) => track(part, partLabel(part, lang))(lang, element)}
        />
      ))}
      <SignatureEditor template={template} pointer={`${pointer}/signature`} idPrefix={id('signature')} mergePrefix={`template:${templateKey}:signature`} />
      <IdField
        id={id('id')}
        label={t('templateId')}
        value={template.id}
        problems={diagnosticsAt(diagnostics, `${pointer}/id`)}
        pointer={`${pointer}/id`}
        rename={(newId) => {
          if (apply(renameTemplateId(definition, template.id, newId), DOCUMENTS_TEXTS.renamedEdit)) keys.rename(TEMPLATES_SCOPE, template.id, newId);
        }}
      />
      <TemplatePreview template={template} idPrefix={id('preview')} />
    </section>
  );
}
