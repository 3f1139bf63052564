import { checkDefinition, type ServiceDefinition } from '@amtsweg/definitions';
import { describe, expect, it } from 'vitest';
import { addActionInput, moveActionInput, renameActionInputKey, updateActionInput } from './action-input-operations';
import { addAction, moveAction, renameActionId, updateAction } from './action-operations';
import { addDeadline, updateDeadline } from './deadline-operations';
import { createHistory, current, record, redo, undo } from './edit-history';
import type { EditResult } from './edit-result';
import { expectEdited, loadHundeanmeldung, stateOf } from './process-test-fixtures';
import { addRole, renameRoleId, updateRole } from './role-operations';
import { addState, moveState, renameStateId, updateState } from './state-operations';
import { addTemplate, moveTemplate, renameTemplateId, updateTemplate } from './template-operations';

/** Edits a clerk might make on the Hundeanmeldung; none of them may add a problem checkDefinition finds. */
const EDITS: [string, (definition: ServiceDefinition) => EditResult][] = [
  ['rename the state inReview', (d) => renameStateId(d, 'inReview', 'pruefung')],
  ['rename the initial state', (d) => renameStateId(d, 'received', 'eingang')],
  ['rename a final state', (d) => renameStateId(d, 'approved', 'angemeldet')],
  ['move a state', (d) => moveState(d, 'withdrawn', 0)],
  ['change a state’s texts', (d) => updateState(d, 'inReview', { label: { de: 'In Bearbeitung', en: 'In progress' } })],
  ['rename an action', (d) => renameActionId(d, 'inReview', 'requestInformation', 'nachfordern')],
  ['rename the action a deadline takes', (d) => renameActionId(d, 'awaitingApplicant', 'answerOverdue', 'fristAbgelaufen')],
  ['move an action', (d) => moveAction(d, 'inReview', 'withdraw', 0)],
  ['turn off four eyes', (d) => updateAction(d, 'inReview', 'reject', { fourEyes: undefined })],
  ['rename the input setting the deadline', (d) => renameActionInputKey(d, 'inReview', 'requestInformation', 'answerBy', 'replyBy')],
  ['rename the reason printed in the notice', (d) => renameActionInputKey(d, 'inReview', 'reject', 'reason', 'begruendung')],
  ['move an input', (d) => moveActionInput(d, 'inReview', 'requestInformation', 'answerBy', 0)],
  ['make an input required', (d) => updateActionInput(d, 'inReview', 'requestInformation', 'answerBy', { required: true })],
  [
    'add an input',
    (d) => addActionInput(d, 'inReview', 'approve', { key: 'taxNumber', type: 'text', label: { de: 'Steuernummer', en: 'Tax number' } }),
  ],
  ['lengthen the deadline', (d) => updateDeadline(d, 'awaitingApplicant', 'answerDeadline', { after: 'P1M' })],
  ['add a reminder deadline', (d) => addDeadline(d, 'awaitingApplicant', { id: 'lastCall', after: 'P2M', action: 'answerOverdue' })],
  ['rename a role', (d) => renameRoleId(d, 'teamLead', 'teamleitung')],
  ['relabel a role', (d) => updateRole(d, 'dogTax', { label: { de: 'Hundesteuerstelle', en: 'Dog tax office' } })],
  ['add a role', (d) => addRole(d, { id: 'fieldService', label: { de: 'Außendienst', en: 'Field service' } })],
  ['rename a notice', (d) => renameTemplateId(d, 'rejectionNotice', 'ablehnung')],
  ['rename a letter', (d) => renameTemplateId(d, 'informationRequest', 'nachforderung')],
  ['move a template', (d) => moveTemplate(d, 'receipt', 4)],
  ['change a translation', (d) => updateTemplate(d, 'receipt', { texts: { title: { en: 'Receipt' } } })],
  [
    'add a letter',
    (d) => addTemplate(d, { id: 'reminder', kind: 'letter', title: { de: 'Erinnerung', en: 'Reminder' }, body: { de: 'Bitte antworten Sie.', en: 'Please reply.' } }),
  ],
  [
    'add a state with a way in and out',
    (d) => {
      const withState = expectEdited(
        addState(d, {
          id: 'inspection',
          kind: 'task',
          role: 'dogTax',
          label: { de: 'Ortstermin', en: 'Inspection' },
          statusText: { de: 'Wir sehen uns den Hund an.', en: 'We are looking at the dog.' },
          actions: [{ id: 'inspected', label: { de: 'Besichtigt', en: 'Inspected' }, target: 'inReview', roles: ['dogTax'] }],
        }),
      );
      return addAction(withState, 'inReview', { id: 'inspect', label: { de: 'Ortstermin', en: 'Inspect' }, target: 'inspection', roles: ['dogTax'] }, 1);
    },
  ],
];

describe('editing the Hundeanmeldung', () => {
  it.each(EDITS)('can %s without a new problem and without changing the original', (_, edit) => {
    const definition = loadHundeanmeldung();
    const before = checkDefinition(definition);
    const snapshot = JSON.stringify(definition);
    const changed = expectEdited(edit(definition));
    expect(changed).not.toEqual(definition);
    expect(checkDefinition(changed)).toEqual(before);
    expect(JSON.stringify(definition)).toBe(snapshot);
  });

  it('has no errors to begin with, so the comparison above means clean', () => {
    expect(checkDefinition(loadHundeanmeldung()).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('undoes a rename back to the very definition it started from, and redoes it', () => {
    const definition = loadHundeanmeldung();
    let history = createHistory(definition);
    history = record(history, expectEdited(renameStateId(current(history), 'inReview', 'pruefung')), {
      de: 'Status umbenannt',
      en: 'State renamed',
    });
    history = record(history, expectEdited(renameActionInputKey(current(history), 'pruefung', 'requestInformation', 'answerBy', 'replyBy')), {
      de: 'Eingabe umbenannt',
      en: 'Input renamed',
    });
    expect(stateOf(current(history), 'awaitingApplicant').deadlines?.[0]?.setBy).toBe('replyBy');
    history = undo(undo(history));
    expect(current(history)).toBe(definition);
    history = redo(history);
    expect(stateOf(current(history), 'pruefung').actions?.[0]?.inputs?.[1]?.key).toBe('answerBy');
  });
});
