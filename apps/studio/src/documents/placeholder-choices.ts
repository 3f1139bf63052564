import { TEMPLATE_FACTS, type LocalizedText, type ServiceDefinition } from '@amtsweg/definitions';
import { listFormElements } from '@amtsweg/editor';

/** Something a template may name in a placeholder, with the text it is inserted as. */
export type PlaceholderChoice =
  | { group: 'fields'; token: string; path: string; label: LocalizedText; repeat?: LocalizedText }
  | { group: 'repeats'; token: string; path: string; label: LocalizedText }
  | { group: 'facts'; token: string; fact: (typeof TEMPLATE_FACTS)[number] }
  | { group: 'inputs'; token: string; key: string; label: LocalizedText; action: LocalizedText };

/**
 * What the placeholder picker offers for a template: every field of the form by data path (fields inside a
 * repeating group marked, as they belong inside its `{{#each}}` block), each repeating group as a block, the
 * case facts, and the inputs of the actions that issue the template (`{{action.key}}`), each key once.
 *
 * @example
 * listPlaceholderChoices(definition, 'rejectionNotice').find((c) => c.group === 'inputs')?.token // '{{action.reason}}'
 */
export function listPlaceholderChoices(definition: ServiceDefinition, templateId: string): PlaceholderChoice[] {
  const choices: PlaceholderChoice[] = [];
  const repeats = new Map<string, LocalizedText>();
  for (const { element, path } of listFormElements(definition)) {
    if (element.type === 'staticText' || element.type === 'group') continue;
    if (element.type === 'repeat') {
      repeats.set(path, element.label);
      choices.push({ group: 'repeats', token: `{{#each ${path}}}\n\n{{/each}}`, path, label: element.label });
      continue;
    }
    const owner = [...repeats.keys()].filter((repeat) => path.startsWith(`${repeat}.`)).sort((a, b) => b.length - a.length)[0];
    choices.push({ group: 'fields', token: `{{${path}}}`, path, label: element.label, ...(owner === undefined ? {} : { repeat: repeats.get(owner)! }) });
  }
  for (const fact of TEMPLATE_FACTS) choices.push({ group: 'facts', token: `{{${fact}}}`, fact });
  const noticeStates = new Set(definition.process.states.filter((state) => state.decisionTemplate === templateId).map((state) => state.id));
  const seen = new Set<string>();
  for (const state of definition.process.states) {
    for (const action of state.actions ?? []) {
      const issues = noticeStates.has(action.target) || (action.effects ?? []).some((effect) => effect.type === 'issueDocument' && effect.template === templateId);
      if (!issues) continue;
      for (const input of action.inputs ?? []) {
        if (seen.has(input.key)) continue;
        seen.add(input.key);
        choices.push({ group: 'inputs', token: `{{action.${input.key}}}`, key: input.key, label: input.label, action: action.label });
      }
    }
  }
  return choices;
}
