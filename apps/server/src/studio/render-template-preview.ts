import { indexFormElements, type ActionInput, type DocumentTemplate, type ProcessAction, type ServiceDefinition } from '@amtsweg/definitions';
import { toOfficeDate } from '../cases/office-date';
import { renderDocument, type RenderedDocument } from '../cases/render-document';

/**
 * The Aktenzeichen a preview shows: plainly an example, in the year of `now`.
 *
 * @example exampleReference(new Date('2026-11-24T10:00:00Z')) // "MUSTER-2026-00001"
 */
export function exampleReference(now: Date): string {
  return `MUSTER-${toOfficeDate(now).slice(0, 4)}-00001`;
}

/**
 * Renders a document template of a (possibly unsaved) definition as a case would, with example facts: the
 * example Aktenzeichen, received and dated `now`, the outcome of the final state whose notice it is, and
 * example inputs of the first action that issues it (a date two weeks ahead, the first option, the label as
 * text). `data` are the answers (see `exampleData`). The definition must be structurally valid.
 */
export function renderTemplatePreview(
  definition: ServiceDefinition,
  template: DocumentTemplate,
  data: Record<string, unknown>,
  organisation: { name: string; address: string },
  now: Date,
): { title: string; content: RenderedDocument } {
  const action = findIssuingAction(definition, template.id);
  const declared = action?.inputs ?? [];
  const content = renderDocument({ definition, fields: indexFormElements(definition.form) }, template, data, {
    reference: exampleReference(now),
    receivedAt: now,
    date: now,
    outcome: definition.process.states.find((state) => state.kind === 'final' && state.decisionTemplate === template.id)?.outcome ?? null,
    organisationName: organisation.name,
    organisationAddress: organisation.address,
    action: { inputs: Object.fromEntries(declared.map((input) => [input.key, exampleInput(input, toOfficeDate(now))])), declared },
  });
  return { title: content.parts.title ?? template.title.de, content };
}

/** The first action that issues the template: as an effect, or by leading into the final state whose notice it is. */
function findIssuingAction(definition: ServiceDefinition, templateId: string): ProcessAction | undefined {
  const noticeStates = new Set(definition.process.states.filter((state) => state.decisionTemplate === templateId).map((state) => state.id));
  return definition.process.states
    .flatMap((state) => state.actions ?? [])
    .find((action) => noticeStates.has(action.target) || (action.effects ?? []).some((effect) => effect.type === 'issueDocument' && effect.template === templateId));
}

function exampleInput(input: ActionInput, today: string): string {
  if (input.type === 'date') {
    const [year, month, day] = today.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(year, month - 1, day + 14)).toISOString().slice(0, 10);
  }
  if (input.type === 'choice' && input.options?.[0]) return input.options[0].value;
  return input.label.de;
}
