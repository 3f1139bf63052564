import { checkDefinition, type Deadline } from '@amtsweg/definitions';
import { describe, expect, it } from 'vitest';
import { updateActionInput } from './action-input-operations';
import { addDeadline, deleteDeadline, updateDeadline } from './deadline-operations';
import { createProcessDefinition, expectEdited, expectRefused, loadHundeanmeldung, stateOf } from './process-test-fixtures';

const REMINDER: Deadline = { id: 'reminder', after: 'P7D', action: 'timeout' };

describe('addDeadline', () => {
  it('appends or inserts a deadline', () => {
    const definition = createProcessDefinition();
    const appended = expectEdited(addDeadline(definition, 'waiting', REMINDER));
    expect(stateOf(appended, 'waiting').deadlines?.map((d) => d.id)).toEqual(['replyDeadline', 'reminder']);
    const inserted = expectEdited(addDeadline(definition, 'waiting', REMINDER, 0));
    expect(stateOf(inserted, 'waiting').deadlines?.map((d) => d.id)).toEqual(['reminder', 'replyDeadline']);
    expect(checkDefinition(appended)).toEqual([]);
    expect(stateOf(definition, 'waiting').deadlines).toHaveLength(1);
  });

  it('adds the first deadline of a state', () => {
    const changed = expectEdited(addDeadline(createProcessDefinition(), 'review', { id: 'late', after: 'P30D', action: 'approve' }));
    expect(stateOf(changed, 'review').deadlines).toEqual([{ id: 'late', after: 'P30D', action: 'approve' }]);
  });

  it('accepts a deadline set by a date input of the actions leading into the state', () => {
    expect(addDeadline(createProcessDefinition(), 'waiting', { ...REMINDER, setBy: 'replyBy' }).ok).toBe(true);
  });

  it.each([
    ['a taken id', { ...REMINDER, id: 'replyDeadline' }, 'In diesem Status gibt es schon eine Frist mit der Kennung „replyDeadline“.'],
    ['an action the state does not have', { ...REMINDER, action: 'approve' }, 'die es in diesem Status nicht gibt'],
    [
      'an input no action leading into the state asks for',
      { ...REMINDER, setBy: 'question2' },
      'Keine Aktion, die in den Status „Wartet“ führt, fragt „question2“ ab; damit kann niemand den letzten Tag der Frist festlegen.',
    ],
    [
      'an input that is not a date',
      { ...REMINDER, setBy: 'question' },
      'Die Eingabe „question“ legt den letzten Tag der Frist fest und muss deshalb bei jeder Aktion, die in den Status „Wartet“ führt, ein Datum sein.',
    ],
  ] as [string, Deadline, string][])('refuses %s', (_, deadline, message) => {
    expect(expectRefused(addDeadline(createProcessDefinition(), 'waiting', deadline)).de).toContain(message);
  });

  it('refuses a deadline in a final state, in an unknown state and at a bad position', () => {
    expect(expectRefused(addDeadline(createProcessDefinition(), 'approved', REMINDER)).de).toContain('ist ein Endstatus');
    expectRefused(addDeadline(createProcessDefinition(), 'nope', REMINDER));
    expectRefused(addDeadline(createProcessDefinition(), 'waiting', REMINDER, 2));
  });
});

describe('updateDeadline', () => {
  it('changes the duration and removes setBy when set to undefined', () => {
    const changed = expectEdited(updateDeadline(createProcessDefinition(), 'waiting', 'replyDeadline', { after: 'P21D', setBy: undefined }));
    expect(stateOf(changed, 'waiting').deadlines).toEqual([{ id: 'replyDeadline', after: 'P21D', action: 'timeout' }]);
  });

  it('keeps the id', () => {
    const changed = expectEdited(
      updateDeadline(createProcessDefinition(), 'waiting', 'replyDeadline', { after: 'P1D', ...({ id: 'x' } as object) }),
    );
    expect(stateOf(changed, 'waiting').deadlines?.[0]?.id).toBe('replyDeadline');
  });

  it('refuses an action the state does not have and a setBy no action provides', () => {
    expectRefused(updateDeadline(createProcessDefinition(), 'waiting', 'replyDeadline', { action: 'gone' }));
    expectRefused(updateDeadline(createProcessDefinition(), 'waiting', 'replyDeadline', { setBy: 'gone' }));
  });

  it('does not refuse an unrelated change because of a setBy that was broken before', () => {
    // Made broken by hand: the input is no longer a date (updateActionInput itself would refuse this).
    const definition = createProcessDefinition();
    expectRefused(updateActionInput(definition, 'review', 'ask', 'replyBy', { type: 'text' }));
    const states = definition.process.states.map((s) =>
      s.id === 'review'
        ? { ...s, actions: s.actions!.map((a) => (a.id === 'ask' ? { ...a, inputs: [{ key: 'replyBy', type: 'text' as const, label: { de: 'x' } }] } : a)) }
        : s,
    );
    const broken = { ...definition, process: { ...definition.process, states } };
    expect(updateDeadline(broken, 'waiting', 'replyDeadline', { after: 'P10D' }).ok).toBe(true);
  });

  it('changes Hundeanmeldung’s deadline to 21 days, and the definition stays clean', () => {
    const definition = loadHundeanmeldung();
    const changed = expectEdited(updateDeadline(definition, 'awaitingApplicant', 'answerDeadline', { after: 'P21D' }));
    expect(stateOf(changed, 'awaitingApplicant').deadlines?.[0]?.after).toBe('P21D');
    expect(checkDefinition(changed)).toEqual(checkDefinition(definition));
  });

  it('refuses an unknown deadline', () => {
    expect(expectRefused(updateDeadline(createProcessDefinition(), 'waiting', 'nope', {})).de).toBe(
      'Im Status „Wartet“ gibt es die Frist „nope“ nicht.',
    );
  });
});

describe('deleteDeadline', () => {
  it('deletes a deadline and the empty list, keeping the action it took', () => {
    const changed = expectEdited(deleteDeadline(createProcessDefinition(), 'waiting', 'replyDeadline'));
    expect(stateOf(changed, 'waiting')).not.toHaveProperty('deadlines');
    expect(stateOf(changed, 'waiting').actions?.map((a) => a.id)).toEqual(['reply', 'timeout']);
  });

  it('keeps the other deadlines', () => {
    const definition = expectEdited(addDeadline(createProcessDefinition(), 'waiting', REMINDER));
    expect(stateOf(expectEdited(deleteDeadline(definition, 'waiting', 'replyDeadline')), 'waiting').deadlines).toEqual([REMINDER]);
  });

  it('refuses an unknown deadline', () => {
    expectRefused(deleteDeadline(createProcessDefinition(), 'waiting', 'nope'));
  });
});
