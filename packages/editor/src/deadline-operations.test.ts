import { checkDefinition, type Deadline } from '@amtsweg/definitions';
import { describe, expect, it } from 'vitest';
import { updateActionInput } from './action-input-operations';
import { addDeadline, deleteDeadline, setDeadlineReminder, updateDeadline } from './deadline-operations';
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

  it('refuses a reminder outside a state waiting for the applicant, and keeps one inside', () => {
    const refusal = expectRefused(addDeadline(createProcessDefinition(), 'review', { id: 'late', after: 'P30D', action: 'approve', remindBefore: 'P3D' }));
    expect(refusal.de).toContain('nur bei Fristen eines Status möglich, der auf die antragstellende Person wartet; „Prüfung“ tut das nicht');
    const waiting = expectEdited(addDeadline(createProcessDefinition(), 'waiting', { ...REMINDER, remindBefore: 'P2D' }));
    expect(stateOf(waiting, 'waiting').deadlines?.[1]?.remindBefore).toBe('P2D');
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

describe('setDeadlineReminder', () => {
  it('reminds the applicant a number of days before the deadline ends, and the definition stays clean', () => {
    const changed = expectEdited(setDeadlineReminder(createProcessDefinition(), 'waiting', 'replyDeadline', 3));
    expect(stateOf(changed, 'waiting').deadlines).toEqual([{ id: 'replyDeadline', after: 'P14D', action: 'timeout', setBy: 'replyBy', remindBefore: 'P3D' }]);
    expect(checkDefinition(changed)).toEqual([]);
  });

  it('changes and removes a reminder', () => {
    const reminded = expectEdited(setDeadlineReminder(createProcessDefinition(), 'waiting', 'replyDeadline', 3));
    expect(stateOf(expectEdited(setDeadlineReminder(reminded, 'waiting', 'replyDeadline', 5)), 'waiting').deadlines?.[0]?.remindBefore).toBe('P5D');
    const removed = expectEdited(setDeadlineReminder(reminded, 'waiting', 'replyDeadline', null));
    expect(stateOf(removed, 'waiting').deadlines?.[0]).not.toHaveProperty('remindBefore');
  });

  it('sets the Hundeanmeldung’s reminder to 2 days before the answer deadline ends', () => {
    const definition = loadHundeanmeldung();
    const changed = expectEdited(setDeadlineReminder(definition, 'awaitingApplicant', 'answerDeadline', 2));
    expect(stateOf(changed, 'awaitingApplicant').deadlines?.[0]).toMatchObject({ after: 'P14D', setBy: 'answerBy', remindBefore: 'P2D' });
    expect(checkDefinition(changed)).toEqual(checkDefinition(definition));
  });

  it('refuses a reminder on a deadline of a state that does not wait for the applicant', () => {
    const definition = expectEdited(addDeadline(createProcessDefinition(), 'review', { id: 'late', after: 'P30D', action: 'approve' }));
    const refusal = expectRefused(setDeadlineReminder(definition, 'review', 'late', 3));
    expect(refusal.de).toBe(
      'Eine Erinnerung geht an die Antragstellerin oder den Antragsteller. Sie ist nur bei Fristen eines Status möglich, der auf die antragstellende Person wartet; „Prüfung“ tut das nicht.',
    );
    expect(refusal.en).toBe('A reminder goes to the applicant. It is only possible on deadlines of a state waiting for the applicant; “Prüfung” is not one.');
  });

  it('still removes a reminder the checks refuse (REMINDER_NOT_FOR_APPLICANT)', () => {
    // Made by hand, as an imported file may have it.
    const definition = createProcessDefinition();
    const states = definition.process.states.map((s) =>
      s.id === 'review' ? { ...s, deadlines: [{ id: 'late', after: 'P30D', action: 'approve', remindBefore: 'P3D' }] } : s,
    );
    const broken = { ...definition, process: { ...definition.process, states } };
    expect(checkDefinition(broken).map((d) => d.code)).toContain('REMINDER_NOT_FOR_APPLICANT');
    const repaired = expectEdited(setDeadlineReminder(broken, 'review', 'late', null));
    expect(stateOf(repaired, 'review').deadlines).toEqual([{ id: 'late', after: 'P30D', action: 'approve' }]);
    expect(checkDefinition(repaired).map((d) => d.code)).not.toContain('REMINDER_NOT_FOR_APPLICANT');
  });

  it.each([
    ['no days', 0, 'mindestens 1'],
    ['part of a day', 1.5, 'ganze Zahl'],
    ['as long as the deadline', 14, 'Die Frist „replyDeadline“ dauert 14 Tage; eine Erinnerung 14 Tage vor ihrem Ende ginge schon beim Beginn der Frist hinaus.'],
  ])('refuses a reminder of %s', (_, days, message) => {
    expect(expectRefused(setDeadlineReminder(createProcessDefinition(), 'waiting', 'replyDeadline', days)).de).toContain(message);
  });

  it('measures a deadline in weeks, and does not guess the days of months', () => {
    const weeks = expectEdited(updateDeadline(createProcessDefinition(), 'waiting', 'replyDeadline', { after: 'P2W' }));
    expectRefused(setDeadlineReminder(weeks, 'waiting', 'replyDeadline', 14));
    expect(setDeadlineReminder(weeks, 'waiting', 'replyDeadline', 13).ok).toBe(true);
    const month = expectEdited(updateDeadline(createProcessDefinition(), 'waiting', 'replyDeadline', { after: 'P1M' }));
    expect(setDeadlineReminder(month, 'waiting', 'replyDeadline', 20).ok).toBe(true);
  });

  it('refuses an unknown deadline or state', () => {
    expect(expectRefused(setDeadlineReminder(createProcessDefinition(), 'waiting', 'nope', 3)).de).toBe('Im Status „Wartet“ gibt es die Frist „nope“ nicht.');
    expectRefused(setDeadlineReminder(createProcessDefinition(), 'nope', 'replyDeadline', 3));
  });

  it('is not changed by updateDeadline', () => {
    const reminded = expectEdited(setDeadlineReminder(createProcessDefinition(), 'waiting', 'replyDeadline', 3));
    const changed = expectEdited(updateDeadline(reminded, 'waiting', 'replyDeadline', { after: 'P21D', ...({ remindBefore: 'P20D' } as object) }));
    expect(stateOf(changed, 'waiting').deadlines?.[0]).toMatchObject({ after: 'P21D', remindBefore: 'P3D' });
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
