import { useEffect, useState, type ReactNode } from 'react';
import type { DocumentKind, DocumentTemplate, ServiceDefinition } from '@amtsweg/definitions';
import { addTemplate, deleteTemplate } from '@amtsweg/editor';
import { localize } from '@amtsweg/ui';
import { AddPanel } from '../area-controls/AddPanel';
import { FieldFrame } from '../area-controls/FieldFrame';
import { useAddPanel } from '../area-controls/use-add-panel';
import { focusByPointer, useFocusRequest, usePendingFocus } from '../area-controls/focus-request';
import { ProblemCount } from '../area-controls/ProblemMessages';
import { makeKeysUnique } from '../area-controls/stable-keys';
import { useAreaTexts } from '../area-controls/use-area-texts';
import { useStableKeys } from '../area-controls/use-stable-keys';
import { diagnosticsAt, useEditor } from '../editor-context';
import { useLanguage } from '../i18n';
import { DOCUMENTS_TEXTS, KIND_TEXT_KEYS } from './documents-texts';
import { createTemplate, TEMPLATE_KINDS } from './template-defaults';
import { TemplateEditor, TEMPLATES_SCOPE } from './TemplateEditor';

/**
 * The letters of a service: a table of all templates (receipt, decision notices, letters) with where each is
 * used, adding and deleting, and below it the editor of the one chosen (its texts per language, placeholders,
 * signature and a preview with example data).
 */
export function DocumentsEditor(): ReactNode {
  const { definition, apply, announce, diagnostics } = useEditor();
  const t = useAreaTexts(DOCUMENTS_TEXTS);
  const { language } = useLanguage();
  const keys = useStableKeys();
  const focusLater = usePendingFocus();
  const templates = definition.documents;
  const templateKeys = makeKeysUnique(templates.map((template) => keys.keyOf(TEMPLATES_SCOPE, template.id)));
  const [chosenKey, setChosenKey] = useState<string | undefined>(undefined);
  const selected = Math.max(0, chosenKey === undefined ? 0 : templateKeys.indexOf(chosenKey));
  const [focusAsk, setFocusAsk] = useState<{ pointer: string } | null>(null);

  useFocusRequest(
    (pointer) => pointer.startsWith('/documents'),
    (pointer) => {
      const match = /^\/documents\/(\d+)/.exec(pointer);
      const key = match ? templateKeys[Number(match[1])] : undefined;
      if (key !== undefined) setChosenKey(key);
      setFocusAsk({ pointer });
    },
  );
  // After the template asked for is shown: focus the control the finding is about.
  useEffect(() => {
    if (focusAsk && !focusByPointer(focusAsk.pointer)) document.getElementById('st-documents-list-title')?.focus();
  }, [focusAsk]);

  const choose = (key: string) => {
    setChosenKey(key);
    focusLater(`st-${key}-heading`);
  };

  const remove = (template: DocumentTemplate, index: number) => {
    const name = localize(template.title, language) || template.id;
    if (!apply(deleteTemplate(definition, template.id), DOCUMENTS_TEXTS.removedEdit)) return;
    announce(t('removed')(name));
    const neighbour = templateKeys[index + 1] ?? templateKeys[index - 1];
    focusLater(neighbour === undefined ? 'st-documents-list-title' : `st-${neighbour}-choose`);
  };

  const template = templates[selected];
  const templateKey = templateKeys[selected];

  return (
    <div className="st-documents">
      <h2>{t('title')}</h2>
      <p>{t('intro')}</p>
      <h3 id="st-documents-list-title" tabIndex={-1}>
        {t('listTitle')}
      </h3>
      {templates.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <table className="st-table st-documents-table">
          <caption className="aw-visually-hidden">{t('listTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('columnTitle')}</th>
              <th scope="col">{t('columnKind')}</th>
              <th scope="col">{t('columnUse')}</th>
              <th scope="col">{t('columnActions')}</th>
            </tr>
          </thead>
          <tbody>
            {templates.map((item, index) => {
              const key = templateKeys[index]!;
              const name = localize(item.title, language) || t('noTitle');
              const isSelected = index === selected;
              return (
                <tr key={key} aria-current={isSelected ? 'true' : undefined} className={isSelected ? 'st-row--current' : undefined}>
                  <th scope="row">
                    {name}
                    {isSelected ? <span className="st-current-tag"> – {t('editing')}</span> : null}
                    <ProblemCount problems={diagnosticsAt(diagnostics, `/documents/${index}`)} />
                  </th>
                  <td>{t(KIND_TEXT_KEYS[item.kind])}</td>
                  <td>{describeUse(definition, item, language, t)}</td>
                  <td>
                    <div className="st-button-row">
                      <button type="button" id={`st-${key}-choose`} className="aw-button aw-button--secondary" onClick={() => choose(key)}>
                        {t('edit')}
                        <span className="aw-visually-hidden">{` – ${name}`}</span>
                      </button>
                      <button type="button" className="aw-button aw-button--secondary st-button--danger" onClick={() => remove(item, index)}>
                        {t('remove')}
                        <span className="aw-visually-hidden">{` – ${name}`}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <AddTemplatePanel
        onAdded={(id) => {
          const key = keys.keyOf(TEMPLATES_SCOPE, id);
          setChosenKey(key);
          focusLater(`st-${key}-heading`);
        }}
      />
      {template && templateKey ? <TemplateEditor key={templateKey} template={template} index={selected} templateKey={templateKey} keys={keys} /> : null}
    </div>
  );
}

/** Where a template is used: as a notice of final states, by actions, or (a receipt) after every application. */
function describeUse(
  definition: ServiceDefinition,
  template: DocumentTemplate,
  language: string,
  t: ReturnType<typeof useAreaTexts<typeof DOCUMENTS_TEXTS>>,
): string {
  const uses = [
    ...definition.process.states.filter((state) => state.decisionTemplate === template.id).map((state) => t('usedAsNotice')(localize(state.label, language))),
    ...definition.process.states.flatMap((state) =>
      (state.actions ?? [])
        .filter((action) => (action.effects ?? []).some((effect) => effect.type === 'issueDocument' && effect.template === template.id))
        .map((action) => t('usedByAction')(localize(action.label, language))),
    ),
  ];
  if (template.kind === 'receipt') uses.unshift(t('usedOnReceipt'));
  return uses.length === 0 ? t('unused') : uses.join('; ');
}

/** "Schreiben hinzufügen": opens a small form asking for the kind and the title of the new template. */
function AddTemplatePanel({ onAdded }: { onAdded: (id: string) => void }): ReactNode {
  const { definition, apply, announce } = useEditor();
  const t = useAreaTexts(DOCUMENTS_TEXTS);
  const panel = useAddPanel<HTMLSelectElement>();
  const [kind, setKind] = useState<DocumentKind>('decision');
  const [title, setTitle] = useState('');

  const submit = () => {
    const text = title.trim() === '' ? t(KIND_TEXT_KEYS[kind]) : title.trim();
    const template = createTemplate(definition, kind, text);
    if (!apply(addTemplate(definition, template), DOCUMENTS_TEXTS.addedEdit)) return;
    announce(t('added')(text));
    panel.done();
    setTitle('');
    onAdded(template.id);
  };

  return (
    <AddPanel panel={panel} titleId="st-new-template-title" title={t('newTitle')} addLabel={t('add')} cancelLabel={t('cancel')} onSubmit={submit}>
      <FieldFrame id="st-new-template-kind" label={t('newKind')}>
        {(control) => (
          <select ref={panel.first} {...control} className="aw-select" value={kind} onChange={(event) => setKind(event.target.value as DocumentKind)}>
            {TEMPLATE_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(KIND_TEXT_KEYS[option])}
              </option>
            ))}
          </select>
        )}
      </FieldFrame>
      <FieldFrame id="st-new-template-title-input" label={t('newTitleLabel')} hint={t('newTitleHint')}>
        {(control) => <input {...control} className="aw-input" type="text" value={title} onChange={(event) => setTitle(event.target.value)} />}
      </FieldFrame>
    </AddPanel>
  );
}
