// Definitions shared by the process, role and template editing tests (not part of the package's API).
import type { ServiceDefinition } from '@amtsweg/definitions';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { expect } from 'vitest';
import type { EditResult } from './edit-result';

const DECISION_PARTS = {
  authority: { de: 'Stadt Musterstadt' },
  addressee: { de: '{{name}}' },
  subject: { de: 'Ihr Antrag {{case.reference}}' },
  legalRemedy: { de: 'Gegen diesen Bescheid können Sie Widerspruch einlegen.' },
  signature: { mode: 'automatic', note: { de: 'Maschinell erstellt.' } },
} as const;

/**
 * A small, clean service: a review state whose actions ask for information (with a date input that sets the
 * deadline of the waiting state and a letter printing the inputs), approve and reject (whose notice prints the
 * reason); two roles. Frozen, so an operation that mutates its input throws.
 */
export function createProcessDefinition(): ServiceDefinition {
  return deepFreeze<ServiceDefinition>({
    schemaVersion: 1,
    title: { de: 'Testdienst' },
    form: {
      pages: [{ id: 'page1', title: { de: 'Angaben' }, elements: [{ type: 'text', key: 'name', label: { de: 'Name' } }] }],
    },
    process: {
      initial: 'review',
      states: [
        {
          id: 'review',
          kind: 'task',
          role: 'clerk',
          label: { de: 'Prüfung' },
          statusText: { de: 'Wird geprüft' },
          actions: [
            {
              id: 'ask',
              label: { de: 'Nachfragen' },
              target: 'waiting',
              roles: ['clerk'],
              inputs: [
                { key: 'question', type: 'text', label: { de: 'Frage' }, required: true },
                { key: 'replyBy', type: 'date', label: { de: 'Antwort bis' } },
              ],
              effects: [{ type: 'issueDocument', template: 'request' }],
            },
            { id: 'approve', label: { de: 'Genehmigen' }, target: 'approved', roles: ['clerk'] },
            {
              id: 'reject',
              label: { de: 'Ablehnen' },
              target: 'rejected',
              roles: ['clerk', 'lead'],
              guard: { ne: [{ var: '$case.state' }, 'waiting'] },
              inputs: [{ key: 'reason', type: 'reason', label: { de: 'Begründung' }, required: true }],
            },
          ],
        },
        {
          id: 'waiting',
          kind: 'waiting',
          label: { de: 'Wartet' },
          statusText: { de: 'Wir warten auf Sie' },
          actions: [
            { id: 'reply', label: { de: 'Antworten' }, target: 'review', roles: ['applicant'] },
            { id: 'timeout', label: { de: 'Frist abgelaufen' }, target: 'review', roles: ['system'] },
          ],
          deadlines: [{ id: 'replyDeadline', after: 'P14D', action: 'timeout', setBy: 'replyBy' }],
        },
        {
          id: 'approved',
          kind: 'final',
          outcome: 'approved',
          decisionTemplate: 'approval',
          label: { de: 'Genehmigt' },
          statusText: { de: 'Genehmigt' },
        },
        {
          id: 'rejected',
          kind: 'final',
          outcome: 'rejected',
          decisionTemplate: 'rejection',
          label: { de: 'Abgelehnt' },
          statusText: { de: 'Abgelehnt' },
        },
      ],
    },
    documents: [
      { id: 'receipt', kind: 'receipt', title: { de: 'Eingangsbestätigung' }, body: { de: 'Danke, {{name}}.' } },
      {
        id: 'request',
        kind: 'letter',
        title: { de: 'Nachfrage' },
        body: { de: '{{action.question}} Bitte antworten Sie bis zum {{ action.replyBy }}.' },
      },
      {
        id: 'approval',
        kind: 'decision',
        title: { de: 'Genehmigung' },
        operative: { de: 'Ihr Antrag wird genehmigt.' },
        reasoning: { de: 'Alle Voraussetzungen liegen vor.' },
        ...DECISION_PARTS,
      },
      {
        id: 'rejection',
        kind: 'decision',
        title: { de: 'Ablehnung' },
        operative: { de: 'Ihr Antrag wird abgelehnt.' },
        reasoning: { de: '{{action.reason}}' },
        ...DECISION_PARTS,
      },
    ],
    settings: {
      languages: ['de'],
      roles: [
        { id: 'clerk', label: { de: 'Sachbearbeitung' } },
        { id: 'lead', label: { de: 'Teamleitung' } },
      ],
      retention: 'P10Y',
      referencePattern: 'TEST-{SEQ:4}',
    },
  });
}

/** The Hundeanmeldung, frozen. */
export function loadHundeanmeldung(): ServiceDefinition {
  return deepFreeze(structuredClone(HUNDEANMELDUNG) as ServiceDefinition);
}

/** The new definition of a successful edit; fails the test with the refusal otherwise. */
export function expectEdited(result: EditResult): ServiceDefinition {
  if (!result.ok) throw new Error(`edit refused: ${result.message.de}`);
  return result.definition;
}

/** The refusal's German and English text; fails the test when the edit went through. */
export function expectRefused(result: EditResult): { de: string; en: string } {
  if (result.ok) throw new Error('edit was expected to be refused');
  expect(result.message.de).not.toBe('');
  expect(result.message.en).not.toBe('');
  return result.message;
}

/** The state with the id, failing the test when it is missing. */
export function stateOf(definition: ServiceDefinition, stateId: string): ServiceDefinition['process']['states'][number] {
  const state = definition.process.states.find((s) => s.id === stateId);
  if (state === undefined) throw new Error(`no state ${stateId}`);
  return state;
}

/** The action of a state, failing the test when it is missing. */
export function actionOf(
  definition: ServiceDefinition,
  stateId: string,
  actionId: string,
): NonNullable<ServiceDefinition['process']['states'][number]['actions']>[number] {
  const action = stateOf(definition, stateId).actions?.find((a) => a.id === actionId);
  if (action === undefined) throw new Error(`no action ${actionId} in ${stateId}`);
  return action;
}

/** Freezes every object of a value, so that mutating it throws in strict mode. */
export function deepFreeze<TValue>(value: TValue): TValue {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
