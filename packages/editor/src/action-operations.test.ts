import { checkDefinition, type ProcessAction } from '@amtsweg/definitions';
import { describe, expect, it } from 'vitest';
import { addAction, deleteAction, moveAction, renameActionId, updateAction } from './action-operations';
import { actionOf, createProcessDefinition, expectEdited, expectRefused, loadHundeanmeldung, stateOf } from './process-test-fixtures';

const FORWARD: ProcessAction = { id: 'forward', label: { de: 'Weiterleiten' }, target: 'waiting', roles: ['lead'] };

const actionIds = (definition: ReturnType<typeof createProcessDefinition>, stateId: string): string[] =>
  (stateOf(definition, stateId).actions ?? []).map((a) => a.id);

describe('addAction', () => {
  it('appends or inserts an action', () => {
    const definition = createProcessDefinition();
    expect(actionIds(expectEdited(addAction(definition, 'review', FORWARD)), 'review')).toEqual(['ask', 'approve', 'reject', 'forward']);
    expect(actionIds(expectEdited(addAction(definition, 'review', FORWARD, 0)), 'review')).toEqual(['forward', 'ask', 'approve', 'reject']);
    expect(actionIds(definition, 'review')).toEqual(['ask', 'approve', 'reject']);
  });

  it('allows the same id in another state (ids are unique per state)', () => {
    expect(addAction(createProcessDefinition(), 'waiting', { ...FORWARD, id: 'approve', target: 'approved' }).ok).toBe(true);
  });

  it.each([
    ['a taken id', { ...FORWARD, id: 'approve' }, 'In diesem Status gibt es schon eine Aktion mit der Kennung „approve“.'],
    ['an invalid id', { ...FORWARD, id: '_x' }, '„_x“ ist als Kennung nicht möglich'],
    ['a missing target', { ...FORWARD, target: 'nowhere' }, 'Den Zielstatus „nowhere“ gibt es nicht.'],
    ['an undeclared role', { ...FORWARD, roles: ['clerk', 'boss'] }, 'Die Rolle „boss“ ist in den Einstellungen nicht angelegt.'],
    [
      'a missing template',
      { ...FORWARD, effects: [{ type: 'issueDocument', template: 'gone' }] },
      'Die Vorlage „gone“ gibt es nicht.',
    ],
    [
      'a repeated input key',
      { ...FORWARD, inputs: [{ key: 'note', type: 'comment', label: { de: 'A' } }, { key: 'note', type: 'text', label: { de: 'B' } }] },
      'Die Aktion „Weiterleiten“ hat die Eingabe „note“ doppelt.',
    ],
  ] as [string, ProcessAction, string][])('refuses %s', (_, action, message) => {
    expect(expectRefused(addAction(createProcessDefinition(), 'review', action)).de).toContain(message);
  });

  it('accepts the built-in applicant and system roles', () => {
    expect(addAction(createProcessDefinition(), 'review', { ...FORWARD, roles: ['applicant', 'system'] }).ok).toBe(true);
  });

  it('refuses an action in a final state', () => {
    expect(expectRefused(addAction(createProcessDefinition(), 'approved', FORWARD)).de).toBe(
      '„Genehmigt“ ist ein Endstatus: Mit ihm ist der Vorgang abgeschlossen, deshalb hat er keine Aktionen und keine Fristen.',
    );
  });

  it('refuses an unknown state and a position outside the list', () => {
    expectRefused(addAction(createProcessDefinition(), 'nope', FORWARD));
    expectRefused(addAction(createProcessDefinition(), 'review', FORWARD, 4));
  });
});

describe('updateAction', () => {
  it('changes label, roles and four-eyes, and keeps id and inputs', () => {
    const definition = createProcessDefinition();
    const changed = expectEdited(
      updateAction(definition, 'review', 'reject', {
        label: { de: 'Zurückweisen' },
        roles: ['lead'],
        fourEyes: true,
        ...({ id: 'other', inputs: [] } as object),
      }),
    );
    const reject = actionOf(changed, 'review', 'reject');
    expect(reject).toMatchObject({ id: 'reject', label: { de: 'Zurückweisen' }, roles: ['lead'], fourEyes: true });
    expect(reject.inputs).toHaveLength(1);
    expect(actionOf(definition, 'review', 'reject').roles).toEqual(['clerk', 'lead']);
  });

  it('removes a guard set to undefined', () => {
    const changed = expectEdited(updateAction(createProcessDefinition(), 'review', 'reject', { guard: undefined }));
    expect(actionOf(changed, 'review', 'reject')).not.toHaveProperty('guard');
  });

  it('refuses a missing target, role or template', () => {
    expectRefused(updateAction(createProcessDefinition(), 'review', 'approve', { target: 'nowhere' }));
    expectRefused(updateAction(createProcessDefinition(), 'review', 'approve', { roles: ['boss'] }));
    expectRefused(updateAction(createProcessDefinition(), 'review', 'approve', { effects: [{ type: 'issueDocument', template: 'x' }] }));
  });

  it('refuses a new target when the old target’s deadline is set by one of its inputs', () => {
    const definition = expectEdited(addAction(createProcessDefinition(), 'review', FORWARD));
    const message = expectRefused(updateAction(definition, 'review', 'ask', { target: 'review' }));
    expect(message.de).toContain('die Frist „replyDeadline“ im Status „Wartet“ wird mit der Datumseingabe „replyBy“');
    expect(message.en).toContain('the deadline “replyDeadline” in the state “Wartet”');
  });

  it('refuses dropping the effect that issues a letter printing its inputs when another action still issues it', () => {
    let definition = createProcessDefinition();
    definition = expectEdited(
      addAction(definition, 'waiting', { ...FORWARD, id: 'askAgain', target: 'waiting', effects: [{ type: 'issueDocument', template: 'request' }] }),
    );
    const message = expectRefused(updateAction(definition, 'review', 'ask', { effects: [] }));
    expect(message.de).toContain('„{{action.question}}“');
    expect(message.de).toContain('„{{action.replyBy}}“');
  });

  it('refuses an unknown action', () => {
    expect(expectRefused(updateAction(createProcessDefinition(), 'review', 'nope', {})).de).toBe(
      'Im Status „Prüfung“ gibt es die Aktion „nope“ nicht.',
    );
  });
});

describe('renameActionId', () => {
  it('renames the action and the deadlines of its state that take it', () => {
    const changed = expectEdited(renameActionId(createProcessDefinition(), 'waiting', 'timeout', 'expired'));
    expect(actionIds(changed, 'waiting')).toEqual(['reply', 'expired']);
    expect(stateOf(changed, 'waiting').deadlines).toEqual([{ id: 'replyDeadline', after: 'P14D', action: 'expired', setBy: 'replyBy' }]);
    expect(checkDefinition(changed)).toEqual([]);
  });

  it('renames Hundeanmeldung’s answerOverdue, and the definition stays clean', () => {
    const definition = loadHundeanmeldung();
    const changed = expectEdited(renameActionId(definition, 'awaitingApplicant', 'answerOverdue', 'fristAbgelaufen'));
    expect(stateOf(changed, 'awaitingApplicant').deadlines?.[0]?.action).toBe('fristAbgelaufen');
    expect(checkDefinition(changed)).toEqual(checkDefinition(definition));
  });

  it('leaves an action of the same id in another state alone', () => {
    const definition = loadHundeanmeldung();
    const changed = expectEdited(renameActionId(definition, 'inReview', 'withdraw', 'zurueckziehen'));
    expect(actionIds(changed, 'inReview')).toContain('zurueckziehen');
    expect(actionIds(changed, 'awaitingApplicant')).toContain('withdraw');
  });

  it('keeps the definition when the id does not change, and refuses taken, invalid and unknown ids', () => {
    const definition = createProcessDefinition();
    expect(expectEdited(renameActionId(definition, 'review', 'ask', 'ask'))).toBe(definition);
    expectRefused(renameActionId(definition, 'review', 'ask', 'approve'));
    expectRefused(renameActionId(definition, 'review', 'ask', 'a-b'));
    expectRefused(renameActionId(definition, 'review', 'nope', 'x'));
  });
});

describe('moveAction', () => {
  it.each([
    ['ask', 2, ['approve', 'reject', 'ask']],
    ['reject', 0, ['reject', 'ask', 'approve']],
    ['approve', 1, ['ask', 'approve', 'reject']],
  ])('moves %s to %i', (actionId, to, expected) => {
    expect(actionIds(expectEdited(moveAction(createProcessDefinition(), 'review', actionId, to)), 'review')).toEqual(expected);
  });

  it('refuses a position outside the list and an unknown action', () => {
    expectRefused(moveAction(createProcessDefinition(), 'review', 'ask', 3));
    expectRefused(moveAction(createProcessDefinition(), 'review', 'nope', 0));
  });
});

describe('deleteAction', () => {
  it('deletes an action', () => {
    const changed = expectEdited(deleteAction(createProcessDefinition(), 'review', 'approve'));
    expect(actionIds(changed, 'review')).toEqual(['ask', 'reject']);
  });

  it('refuses while a deadline of the state takes it', () => {
    const message = expectRefused(deleteAction(createProcessDefinition(), 'waiting', 'timeout'));
    expect(message.de).toBe(
      'Die Aktion „Frist abgelaufen“ wird von der Frist „replyDeadline“ ausgelöst und kann erst gelöscht werden, wenn die Frist gelöscht ist oder eine andere Aktion auslöst.',
    );
  });

  it('refuses while a deadline is set by its input and another action still leads there', () => {
    const definition = expectEdited(addAction(createProcessDefinition(), 'review', { ...FORWARD, target: 'waiting' }));
    expect(expectRefused(deleteAction(definition, 'review', 'ask')).de).toContain('„replyBy“');
    // With no other way into `waiting`, nothing reads the deadline any more; checkDefinition reports the state.
    expect(deleteAction(createProcessDefinition(), 'review', 'ask').ok).toBe(true);
  });

  it('refuses an unknown action', () => {
    expectRefused(deleteAction(createProcessDefinition(), 'review', 'nope'));
  });
});
