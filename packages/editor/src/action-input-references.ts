import { listTemplatePlaceholders, TEMPLATE_TEXT_PARTS } from '@amtsweg/definitions';
import type { DocumentTemplate, ProcessAction, ServiceDefinition } from '@amtsweg/definitions';
import { refuse } from './edit-result';
import { joinList, listActions, quoteLabel, type Bilingual, type Refusal } from './process-edit-support';

// Action inputs are read elsewhere by their key: a deadline's `setBy` (the date input of the actions leading
// into its state) and `{{action.KEY}}` placeholders of the templates an action issues. Internal to the package.

/** A reference to an action input that no action answers, as `checkDefinition` would report it. */
interface UnresolvedReference {
  id: string;
  description: Bilingual;
}

/**
 * Ids of the templates an action issues: by an `issueDocument` effect, or as the decision notice of the state
 * it leads into (as `checkDefinition` counts them).
 */
export function listTemplatesIssuedBy(definition: ServiceDefinition, action: ProcessAction): string[] {
  const ids = (action.effects ?? []).flatMap((effect) => (effect.type === 'issueDocument' ? [effect.template] : []));
  const decision = definition.process.states.find((s) => s.id === action.target)?.decisionTemplate;
  if (decision !== undefined) ids.push(decision);
  return [...new Set(ids)];
}

/** The input keys of the action placeholders (`{{action.KEY}}`) a template uses. */
export function listActionPlaceholderKeys(template: DocumentTemplate): Set<string> {
  const keys = new Set<string>();
  for (const part of TEMPLATE_TEXT_PARTS) {
    for (const text of Object.values(template[part] ?? {})) {
      if (typeof text !== 'string') continue;
      for (const placeholder of listTemplatePlaceholders(text)) {
        if (placeholder.name.startsWith('action.')) keys.add(placeholder.name.slice('action.'.length));
      }
    }
  }
  return keys;
}

/** The template with `{{action.FROM}}` replaced by `{{action.TO}}` in every text part and language. */
export function renameActionPlaceholder(template: DocumentTemplate, from: string, to: string): DocumentTemplate {
  const token = new RegExp(`\\{\\{(\\s*)action\\.${escapeRegExp(from)}(\\s*)\\}\\}`, 'g');
  const copy = { ...template };
  for (const part of TEMPLATE_TEXT_PARTS) {
    const text = template[part];
    if (text === undefined) continue;
    copy[part] = Object.fromEntries(
      Object.entries(text).map(([language, value]) => [language, value?.replace(token, `{{$1action.${to}$2}}`)]),
    ) as typeof text;
  }
  return copy;
}

/**
 * Refuses a change after which a deadline or a template reads an action input that no action answers any more,
 * listing what would break. References that were already broken before the change do not count, nor do those
 * of a state nothing leads into or a template no action issues: nothing reads them, and `checkDefinition`
 * reports the unreachable state or unused placeholder (refusing there would block deleting things in order).
 */
export function checkInputReferencesKept(before: ServiceDefinition, after: ServiceDefinition): Refusal | undefined {
  const known = new Set(listUnresolvedReferences(before).map((r) => r.id));
  const broken = listUnresolvedReferences(after).filter((r) => !known.has(r.id));
  if (broken.length === 0) return undefined;
  const list = joinList(broken.map((r) => r.description));
  return refuse(
    `Diese Änderung ist nicht möglich, weil danach etwas fehlen würde, das noch gebraucht wird: ${list.de}.`,
    `This change is not possible because something still needed would then be missing: ${list.en}.`,
  );
}

function listUnresolvedReferences(definition: ServiceDefinition): UnresolvedReference[] {
  const found: UnresolvedReference[] = [];
  const actions = listActions(definition);
  for (const state of definition.process.states) {
    for (const deadline of state.deadlines ?? []) {
      if (deadline.setBy === undefined) continue;
      const key = deadline.setBy;
      const incoming = actions.filter(({ action }) => action.target === state.id);
      const declared = incoming.flatMap(({ action }) => (action.inputs ?? []).filter((input) => input.key === key));
      if (incoming.length === 0 || (declared.length > 0 && declared.every((input) => input.type === 'date'))) continue;
      const stateName = quoteLabel(state.label);
      found.push({
        id: `deadline\u0000${state.id}\u0000${deadline.id}\u0000${key}`,
        description: {
          de: `die Frist „${deadline.id}“ im Status ${stateName.de} wird mit der Datumseingabe „${key}“ einer Aktion gesetzt, die in diesen Status führt`,
          en: `the deadline “${deadline.id}” in the state ${stateName.en} is set with the date input “${key}” of an action leading into that state`,
        },
      });
    }
  }
  for (const template of definition.documents) {
    const issuers = actions.filter(({ action }) => listTemplatesIssuedBy(definition, action).includes(template.id));
    if (issuers.length === 0) continue;
    const answered = new Set(issuers.flatMap(({ action }) => (action.inputs ?? []).map((input) => input.key)));
    const templateName = quoteLabel(template.title);
    for (const key of listActionPlaceholderKeys(template)) {
      if (answered.has(key)) continue;
      found.push({
        id: `placeholder\u0000${template.id}\u0000${key}`,
        description: {
          de: `die Vorlage ${templateName.de} verwendet „{{action.${key}}}“, das eine Aktion abfragen muss, die die Vorlage erzeugt`,
          en: `the template ${templateName.en} uses “{{action.${key}}}”, which an action issuing the template must ask for`,
        },
      });
    }
  }
  return found;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
