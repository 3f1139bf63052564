// Definitions shared by the form editing tests (not part of the package's API).
import { checkDefinition, type ServiceDefinition } from '@amtsweg/definitions';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { expect } from 'vitest';
import type { EditResult } from './edit-result';

/**
 * A small, clean service with every kind of reference: a group, a repeating group, a condition inside the
 * repeating group, a calculation, a guard, template placeholders inside and outside an each block, facts, and
 * the applicant's name in the settings. Frozen, so an operation that mutates its input fails.
 */
export function createSmallDefinition(): ServiceDefinition {
  return deepFreeze<ServiceDefinition>({
    schemaVersion: 1,
    title: { de: 'Testdienst', en: 'Test service' },
    form: {
      pages: [
        {
          id: 'personPage',
          title: { de: 'Person', en: 'Person' },
          elements: [
            { type: 'staticText', key: 'intro', content: { de: 'Bitte füllen Sie alles aus.', en: 'Please fill in everything.' } },
            { type: 'text', key: 'name', label: { de: 'Name', en: 'Name' }, required: true },
            {
              type: 'group',
              key: 'address',
              label: { de: 'Anschrift', en: 'Address' },
              elements: [
                { type: 'text', key: 'street', label: { de: 'Straße', en: 'Street' } },
                { type: 'text', key: 'city', label: { de: 'Ort', en: 'Town' }, requiredIf: { notEmpty: { var: 'address.street' } } },
                { type: 'email', key: 'email', label: { de: 'E-Mail-Adresse', en: 'Email address' } },
              ],
            },
          ],
        },
        {
          id: 'childrenPage',
          title: { de: 'Kinder', en: 'Children' },
          visibleIf: { eq: [{ var: 'address.city' }, 'Köln'] },
          elements: [
            { type: 'yesNo', key: 'hasChildren', label: { de: 'Haben Sie Kinder?', en: 'Do you have children?' } },
            {
              type: 'repeat',
              key: 'children',
              label: { de: 'Kinder', en: 'Children' },
              itemLabel: { de: 'Kind', en: 'Child' },
              maxItems: 5,
              visibleIf: { eq: [{ var: 'hasChildren' }, true] },
              elements: [
                { type: 'text', key: 'firstName', label: { de: 'Vorname', en: 'First name' } },
                { type: 'yesNo', key: 'disabled', label: { de: 'Schwerbehindert?', en: 'Severely disabled?' } },
                {
                  type: 'file',
                  key: 'proof',
                  label: { de: 'Nachweis', en: 'Proof' },
                  accept: ['application/pdf'],
                  maxSizeBytes: 1000000,
                  maxFiles: 1,
                  visibleIf: { eq: [{ var: 'children.disabled' }, true] },
                },
              ],
            },
            {
              type: 'calculated',
              key: 'childCount',
              label: { de: 'Anzahl der Kinder', en: 'Number of children' },
              valueType: 'number',
              expression: { count: 'children' },
            },
          ],
        },
      ],
    },
    process: {
      initial: 'review',
      states: [
        {
          id: 'review',
          kind: 'task',
          role: 'clerk',
          label: { de: 'Prüfung', en: 'Review' },
          statusText: { de: 'Wird geprüft', en: 'Being reviewed' },
          actions: [
            {
              id: 'approve',
              label: { de: 'Genehmigen', en: 'Approve' },
              target: 'done',
              roles: ['clerk'],
              guard: {
                and: [
                  { notEmpty: { var: 'address.city' } },
                  { all: ['children', { in: [{ var: 'children.firstName' }, ['address.city', 'children']] }] },
                  { ne: [{ var: '$case.reference' }, ''] },
                ],
              },
            },
          ],
        },
        {
          id: 'done',
          kind: 'final',
          outcome: 'approved',
          decisionTemplate: 'notice',
          label: { de: 'Erledigt', en: 'Done' },
          statusText: { de: 'Erledigt', en: 'Done' },
        },
      ],
    },
    documents: [
      {
        id: 'notice',
        kind: 'decision',
        title: { de: 'Bescheid', en: 'Notice' },
        authority: { de: '{{organisation.name}}', en: '{{organisation.name}}' },
        addressee: { de: '{{name}}\n{{address.street}}\n{{ address.city }}', en: '{{name}}\n{{address.street}}\n{{address.city}}' },
        subject: { de: 'Az. {{case.reference}}', en: 'Ref. {{case.reference}}' },
        operative: {
          de: 'Genehmigt für:\n{{#each children}}- {{children.firstName}}\n{{/each}}',
          en: 'Approved for:\n{{#each  children }}- {{children.firstName}}\n{{/each}}',
        },
        reasoning: { de: 'Weil.', en: 'Because.' },
        legalRemedy: { de: 'Widerspruch binnen eines Monats.', en: 'Objection within one month.' },
        signature: { mode: 'automatic', note: { de: 'Maschinell erstellt.', en: 'Produced automatically.' } },
      },
    ],
    settings: {
      languages: ['de', 'en'],
      roles: [{ id: 'clerk', label: { de: 'Sachbearbeitung', en: 'Caseworker' } }],
      retention: 'P2Y',
      referencePattern: 'T-{SEQ:4}',
      applicant: { nameFields: ['name'], emailField: 'address.email' },
    },
  });
}

/** The Hundeanmeldung example, typed and frozen. */
export function loadHundeanmeldung(): ServiceDefinition {
  return deepFreeze(structuredClone(HUNDEANMELDUNG) as ServiceDefinition);
}

/** Freezes an object and everything in it, so that a test fails when an operation changes its input. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The new definition of a successful result; fails the test with the refusal otherwise. */
export function expectSuccess(result: EditResult): ServiceDefinition {
  if (!result.ok) expect.fail(`refused: ${result.message.de}`);
  return result.definition;
}

/** The German and English refusal; fails the test when the operation succeeded. */
export function expectRefusal(result: EditResult): { de: string; en: string } {
  if (result.ok) expect.fail('expected a refusal, but the operation succeeded');
  return result.message;
}

/** The errors `checkDefinition` finds (warnings left out). */
export function listErrors(definition: ServiceDefinition): string[] {
  return checkDefinition(definition)
    .filter((diagnostic) => diagnostic.severity === 'error')
    .map((diagnostic) => `${diagnostic.code} ${diagnostic.path}: ${diagnostic.message}`);
}
