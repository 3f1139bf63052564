import { describe, expect, it } from 'vitest';
import type { ServiceDefinition } from '@amtsweg/definitions';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { initialTransition, transition } from 'xstate';
import { applyAction, startCase } from './case-process';
import { compileProcess } from './compile-process';
import { createProcessMachine } from './create-process-machine';
import { listDeadlines } from './list-deadlines';

const definition = HUNDEANMELDUNG as ServiceDefinition;

describe('the machine built from the Hundeanmeldung', () => {
  const machine = createProcessMachine(definition.process);

  it('has one state per process state, final ones marked final', () => {
    expect(Object.keys(machine.states)).toEqual(['received', 'inReview', 'awaitingApplicant', 'approved', 'rejected', 'withdrawn']);
    expect(Object.values(machine.states).filter((s) => s.type === 'final').map((s) => s.key)).toEqual(['approved', 'rejected', 'withdrawn']);
  });

  it('moves on from the automatic state with an eventless transition and takes actions as events', () => {
    const [started] = initialTransition(machine, { data: { dogs: [] }, facts: {}, today: '2025-05-05' });
    expect(started.value).toBe('inReview');
    const [waiting, actions] = transition(machine, started, { type: 'requestInformation' });
    expect(waiting.value).toBe('awaitingApplicant');
    expect(actions.map((a) => a.type)).toEqual(['takeAction', 'issueDocument', 'notifyApplicant', 'startDeadline']);
    expect(transition(machine, waiting, { type: 'approve' })[0].value).toBe('awaitingApplicant');
  });

  it('guards approval with the definition’s condition over the case data', () => {
    const context = (data: Record<string, unknown>) => ({ data, facts: {}, today: '2025-05-05' });
    const [withCertificate] = initialTransition(machine, context({ dogs: [{ listedBreed: true, certificate: [{ id: 'x' }] }] }));
    const [without] = initialTransition(machine, context({ dogs: [{ listedBreed: true }] }));
    expect(withCertificate.can({ type: 'approve' })).toBe(true);
    expect(without.can({ type: 'approve' })).toBe(false);
  });
});

describe('compiling a process', () => {
  it('refuses a deadline whose duration is not ISO-8601', () => {
    const broken = structuredClone(definition.process);
    const waiting = broken.states.find((s) => s.id === 'awaitingApplicant');
    waiting?.deadlines?.splice(0, 1, { id: 'answerDeadline', after: '14 Tage', action: 'answerOverdue' });
    expect(() => createProcessMachine(broken)).toThrow(/answerDeadline/);
  });

  it('serves many cases from one compiled process without mixing or touching their data', () => {
    const compiled = compileProcess(definition.process);
    const listed = Object.freeze({ dogs: Object.freeze([Object.freeze({ listedBreed: true })]) });
    const plain = Object.freeze({ dogs: Object.freeze([Object.freeze({ listedBreed: false })]) });
    const actor = { id: 'u-1', roles: ['dogTax'] };
    for (let i = 0; i < 50; i += 1) {
      const data = i % 2 === 0 ? listed : plain;
      const { persisted } = startCase(compiled, data);
      const result = applyAction(compiled, persisted, data, { action: 'approve', actor });
      expect(result.ok ? 'applied' : result.code).toBe(i % 2 === 0 ? 'GUARD_FAILED' : 'applied');
    }
  });
});

describe('listing deadlines', () => {
  it('names the state that starts and stops each timer', () => {
    expect(listDeadlines(definition.process)).toEqual([
      { state: 'awaitingApplicant', id: 'answerDeadline', after: 'P14D', action: 'answerOverdue' },
    ]);
  });

  it('is empty for a process without deadlines', () => {
    const process = structuredClone(definition.process);
    for (const state of process.states) delete state.deadlines;
    expect(listDeadlines(process)).toEqual([]);
  });
});
