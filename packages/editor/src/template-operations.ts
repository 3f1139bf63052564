import { TEMPLATE_TEXT_PARTS } from '@amtsweg/definitions';
import type { DocumentKind, DocumentTemplate, LocalizedText, ServiceDefinition, Signature } from '@amtsweg/definitions';
import { refuse, succeed, type EditResult } from './edit-result';
import {
  checkNewId,
  insertAt,
  isInsertPosition,
  joinList,
  listActions,
  mapStates,
  moveItem,
  quoteLabel,
  refusePosition,
  type Bilingual,
  type Refusal,
} from './process-edit-support';

/** A text part of a document template: title, authority, addressee, subject, operative, reasoning, legalRemedy, body. */
export type TemplateTextPart = (typeof TEMPLATE_TEXT_PARTS)[number];

/**
 * What `updateTemplate` changes. Texts are changed per part and language, so editing the English body keeps the
 * German one: a string sets the language, `null` removes it; `null` for a whole part removes the part.
 * `signature: null` removes the signature.
 */
export interface TemplateChanges {
  kind?: DocumentKind;
  texts?: Partial<Record<TemplateTextPart, Partial<Record<string, string | null>> | null>>;
  signature?: Signature | null;
}

/**
 * Adds a document template, at `index` or at the end.
 *
 * @example
 * addTemplate(definition, { id: 'reminder', kind: 'letter', title: { de: 'Erinnerung' }, body: { de: 'Guten Tag …' } });
 */
export function addTemplate(definition: ServiceDefinition, template: DocumentTemplate, index?: number): EditResult {
  if (index !== undefined && !isInsertPosition(index, definition.documents.length)) return refusePosition();
  const problem = checkTemplateId(definition, template.id);
  if (problem) return problem;
  return succeed({ ...definition, documents: insertAt(definition.documents, structuredClone(template), index) });
}

/**
 * Changes the kind, the texts (per part and language) or the signature of a template. Refused when it would
 * leave a part without its German text, remove the title, or make a final state's decision notice something
 * other than a notice.
 *
 * @example
 * updateTemplate(definition, 'approvalNotice', { texts: { operative: { en: 'Your dog is registered.' } } });
 * updateTemplate(definition, 'approvalNotice', { signature: { mode: 'automatic', note: { de: 'Maschinell erstellt, ohne Unterschrift gültig.' } } });
 */
export function updateTemplate(definition: ServiceDefinition, templateId: string, changes: TemplateChanges): EditResult {
  const index = definition.documents.findIndex((t) => t.id === templateId);
  const template = definition.documents[index];
  if (template === undefined) return refuseUnknownTemplate(templateId);
  const changed: DocumentTemplate = { ...template };
  if (changes.kind !== undefined && changes.kind !== template.kind) {
    const users = listDecisionUsers(definition, templateId);
    if (changes.kind !== 'decision' && users.length > 0) {
      const [name, list] = [quoteLabel(template.title), joinList(users)];
      return refuse(
        `Die Vorlage ${name.de} wird ${list.de} verwendet und muss deshalb ein Bescheid bleiben.`,
        `The template ${name.en} is used ${list.en}, so it must stay a decision notice.`,
      );
    }
    changed.kind = changes.kind;
  }
  for (const [part, languages] of Object.entries(changes.texts ?? {}) as [TemplateTextPart, Partial<Record<string, string | null>> | null | undefined][]) {
    if (!(TEMPLATE_TEXT_PARTS as readonly string[]).includes(part) || languages === undefined) continue;
    if (languages === null) {
      if (part === 'title') return refuseGermanRemoved(part);
      delete changed[part];
      continue;
    }
    const text: Partial<Record<string, string>> = { ...template[part] };
    for (const [language, value] of Object.entries(languages)) {
      if (value === null || value === undefined) delete text[language];
      else text[language] = value;
    }
    if (Object.keys(text).length === 0 && part !== 'title') delete changed[part];
    else if (typeof text.de !== 'string') return refuseGermanRemoved(part);
    else changed[part] = text as LocalizedText;
  }
  if (changes.signature === null) delete changed.signature;
  else if (changes.signature !== undefined) changed.signature = structuredClone(changes.signature);
  const documents = [...definition.documents];
  documents[index] = changed;
  return succeed({ ...definition, documents });
}

/**
 * Gives a template a new id and updates the actions issuing it and the final states using it as their notice.
 *
 * @example
 * renameTemplateId(definition, 'approvalNotice', 'bescheidAnmeldung');
 */
export function renameTemplateId(definition: ServiceDefinition, templateId: string, newId: string): EditResult {
  if (!definition.documents.some((t) => t.id === templateId)) return refuseUnknownTemplate(templateId);
  if (newId === templateId) return succeed(definition);
  const problem = checkTemplateId(definition, newId);
  if (problem) return problem;
  const renamed = mapStates(definition, (state) => ({
    ...state,
    ...(state.decisionTemplate === templateId && { decisionTemplate: newId }),
    ...(state.actions && {
      actions: state.actions.map((action) =>
        action.effects === undefined
          ? action
          : {
              ...action,
              effects: action.effects.map((e) => (e.type === 'issueDocument' && e.template === templateId ? { ...e, template: newId } : e)),
            },
      ),
    }),
  }));
  return succeed({ ...renamed, documents: definition.documents.map((t) => (t.id === templateId ? { ...t, id: newId } : t)) });
}

/**
 * Moves a template to position `toIndex` of the list.
 *
 * @example
 * moveTemplate(definition, 'receipt', 0);
 */
export function moveTemplate(definition: ServiceDefinition, templateId: string, toIndex: number): EditResult {
  const from = definition.documents.findIndex((t) => t.id === templateId);
  if (from === -1) return refuseUnknownTemplate(templateId);
  const documents = moveItem(definition.documents, from, toIndex);
  return documents ? succeed({ ...definition, documents }) : refusePosition();
}

/**
 * Deletes a template. Refused while a final state uses it as its notice or an action issues it; those are
 * listed. (A receipt is issued on every submission without being named; deleting it is allowed.)
 *
 * @example
 * deleteTemplate(definition, 'informationRequest');
 */
export function deleteTemplate(definition: ServiceDefinition, templateId: string): EditResult {
  const template = definition.documents.find((t) => t.id === templateId);
  if (template === undefined) return refuseUnknownTemplate(templateId);
  const users = [
    ...listDecisionUsers(definition, templateId),
    ...listActions(definition)
      .filter(({ action }) => (action.effects ?? []).some((e) => e.type === 'issueDocument' && e.template === templateId))
      .map(({ state, action }) => {
        const [actionName, stateName] = [quoteLabel(action.label), quoteLabel(state.label)];
        return { de: `von der Aktion ${actionName.de} im Status ${stateName.de}`, en: `by the action ${actionName.en} in the state ${stateName.en}` };
      }),
  ];
  if (users.length > 0) {
    const [name, list] = [quoteLabel(template.title), joinList(users)];
    return refuse(
      `Die Vorlage ${name.de} wird noch verwendet und kann nicht gelöscht werden: ${list.de}.`,
      `The template ${name.en} is still in use and cannot be deleted: ${list.en}.`,
    );
  }
  return succeed({ ...definition, documents: definition.documents.filter((t) => t.id !== templateId) });
}

/** The final states whose notice the template is, as „als Bescheid für den Endstatus …“. */
function listDecisionUsers(definition: ServiceDefinition, templateId: string): Bilingual[] {
  return definition.process.states
    .filter((state) => state.decisionTemplate === templateId)
    .map((state) => {
      const name = quoteLabel(state.label);
      return { de: `als Bescheid für den Endstatus ${name.de}`, en: `as the notice of the final state ${name.en}` };
    });
}

function checkTemplateId(definition: ServiceDefinition, id: string): Refusal | undefined {
  return checkNewId(
    id,
    definition.documents.map((t) => t.id),
    { de: `Es gibt schon eine Vorlage mit der Kennung „${id}“.`, en: `There is already a template with the identifier “${id}”.` },
  );
}

function refuseUnknownTemplate(templateId: string): Refusal {
  return refuse(`Die Vorlage „${templateId}“ gibt es nicht.`, `The template “${templateId}” does not exist.`);
}

function refuseGermanRemoved(part: TemplateTextPart): Refusal {
  return part === 'title'
    ? refuse('Eine Vorlage braucht einen deutschen Titel.', 'A template needs a German title.')
    : refuse(
        'Der deutsche Text kann nicht allein entfernt werden, solange es Übersetzungen gibt; entfernen Sie den ganzen Abschnitt oder ändern Sie den Text.',
        'The German text cannot be removed on its own while there are translations; remove the whole part or change the text.',
      );
}
