import { checkDefinition, type ProcessState } from '@amtsweg/definitions';
import { describe, expect, it } from 'vitest';
import { addState, deleteState, moveState, renameStateId, setInitialState, updateState } from './state-operations';
import { actionOf, createProcessDefinition, expectEdited, expectRefused, loadHundeanmeldung, stateOf } from './process-test-fixtures';

const INSPECTION: ProcessState = {
  id: 'inspection',
  kind: 'task',
  role: 'clerk',
  label: { de: 'Ortstermin' },
  statusText: { de: 'Wir sehen uns das an.' },
  actions: [{ id: 'done', label: { de: 'Erledigt' }, target: 'review', roles: ['clerk'] }],
};

const ids = (states: readonly { id: string }[]): string[] => states.map((s) => s.id);

describe('the test definition', () => {
  it('is clean, so every later problem comes from the edit', () => {
    expect(checkDefinition(createProcessDefinition())).toEqual([]);
  });
});

describe('addState', () => {
  it('appends a state and leaves the input untouched', () => {
    const definition = createProcessDefinition();
    const changed = expectEdited(addState(definition, INSPECTION));
    expect(ids(changed.process.states)).toEqual(['review', 'waiting', 'approved', 'rejected', 'inspection']);
    expect(ids(definition.process.states)).toEqual(['review', 'waiting', 'approved', 'rejected']);
  });

  it('inserts at a position', () => {
    const changed = expectEdited(addState(createProcessDefinition(), INSPECTION, 1));
    expect(ids(changed.process.states)).toEqual(['review', 'inspection', 'waiting', 'approved', 'rejected']);
  });

  it('does not keep the caller’s object, so changing it later does not change the definition', () => {
    const state = structuredClone(INSPECTION);
    const changed = expectEdited(addState(createProcessDefinition(), state));
    state.label.de = 'Geändert';
    expect(stateOf(changed, 'inspection').label.de).toBe('Ortstermin');
  });

  it('accepts an action leading into the new state itself', () => {
    const loop = { ...INSPECTION, actions: [{ id: 'again', label: { de: 'Nochmal' }, target: 'inspection', roles: ['clerk'] }] };
    expect(addState(createProcessDefinition(), loop).ok).toBe(true);
  });

  it.each([
    ['a taken id', { ...INSPECTION, id: 'review' }, 'Es gibt schon einen Status mit der Kennung „review“.'],
    ['an invalid id', { ...INSPECTION, id: 'in Prüfung' }, '„in Prüfung“ ist als Kennung nicht möglich'],
    ['an undeclared role', { ...INSPECTION, role: 'nobody' }, 'Die Rolle „nobody“ ist in den Einstellungen nicht angelegt.'],
    [
      'an action to a missing state',
      { ...INSPECTION, actions: [{ id: 'go', label: { de: 'Los' }, target: 'nowhere', roles: ['clerk'] }] },
      'Den Zielstatus „nowhere“ gibt es nicht.',
    ],
    [
      'a deadline taking a missing action',
      { ...INSPECTION, deadlines: [{ id: 'late', after: 'P1D', action: 'missing' }] },
      'Die Frist „late“ soll die Aktion „missing“ auslösen',
    ],
    [
      'a final state with actions',
      { ...INSPECTION, kind: 'final', outcome: 'closed', role: undefined },
      'Mit einem Endstatus ist der Vorgang abgeschlossen',
    ],
    [
      'a decision notice that is not a notice',
      { id: 'closed', kind: 'final', outcome: 'closed', decisionTemplate: 'request', label: { de: 'Zu' }, statusText: { de: 'Zu' } },
      'Die Vorlage „Nachfrage“ ist kein Bescheid',
    ],
  ] as [string, ProcessState, string][])('refuses %s', (_, state, message) => {
    expect(expectRefused(addState(createProcessDefinition(), state)).de).toContain(message);
  });

  it('refuses a position outside the list', () => {
    expect(expectRefused(addState(createProcessDefinition(), INSPECTION, 9)).de).toBe('Diese Position gibt es in der Liste nicht.');
  });
});

describe('updateState', () => {
  it('changes texts and keeps id, actions and deadlines', () => {
    const definition = createProcessDefinition();
    const changed = expectEdited(
      updateState(definition, 'waiting', {
        label: { de: 'Wartet auf Antwort' },
        ...({ id: 'hacked', actions: [], deadlines: [] } as object),
      }),
    );
    const waiting = stateOf(changed, 'waiting');
    expect(waiting.label).toEqual({ de: 'Wartet auf Antwort' });
    expect(waiting.actions).toEqual(stateOf(definition, 'waiting').actions);
    expect(waiting.deadlines).toHaveLength(1);
    expect(stateOf(definition, 'waiting').label.de).toBe('Wartet');
  });

  it('removes a property set to undefined', () => {
    const changed = expectEdited(updateState(createProcessDefinition(), 'review', { kind: 'waiting', role: undefined }));
    expect(stateOf(changed, 'review')).not.toHaveProperty('role');
  });

  it('refuses an undeclared role and a missing notice', () => {
    expect(expectRefused(updateState(createProcessDefinition(), 'review', { role: 'nobody' })).de).toContain('„nobody“');
    expect(expectRefused(updateState(createProcessDefinition(), 'approved', { decisionTemplate: 'gone' })).de).toBe(
      'Die Vorlage „gone“ gibt es nicht.',
    );
  });

  it('refuses turning a state with actions into a final state', () => {
    expect(expectRefused(updateState(createProcessDefinition(), 'waiting', { kind: 'final', outcome: 'closed' })).de).toContain(
      'Löschen Sie zuerst die Aktionen und Fristen von „Wartet“.',
    );
  });

  it('refuses a notice printing an input that no action leading into the state asks for', () => {
    const definition = createProcessDefinition();
    const special = { ...definition.documents[3]!, id: 'special', title: { de: 'Sonderbescheid' }, reasoning: { de: '{{action.fee}}' } };
    const withSpecial = { ...definition, documents: [...definition.documents, special] };
    const message = expectRefused(updateState(withSpecial, 'approved', { decisionTemplate: 'special' }));
    expect(message.de).toBe(
      'Diese Änderung ist nicht möglich, weil danach etwas fehlen würde, das noch gebraucht wird: die Vorlage „Sonderbescheid“ verwendet „{{action.fee}}“, das eine Aktion abfragen muss, die die Vorlage erzeugt.',
    );
    // Printed by `reject`'s notice as well, {{action.reason}} is answered (as checkDefinition counts it).
    expect(updateState(definition, 'approved', { decisionTemplate: 'rejection' }).ok).toBe(true);
  });

  it('lets a notice be replaced, though the old one is then issued by nothing', () => {
    const changed = expectEdited(updateState(createProcessDefinition(), 'rejected', { decisionTemplate: 'approval' }));
    expect(stateOf(changed, 'rejected').decisionTemplate).toBe('approval');
  });

  it('refuses an unknown state', () => {
    expect(expectRefused(updateState(createProcessDefinition(), 'nope', { label: { de: 'x' } })).de).toBe('Den Status „nope“ gibt es nicht.');
  });
});

describe('renameStateId', () => {
  it('updates the initial state, action targets and $case.state in guards', () => {
    const definition = createProcessDefinition();
    const changed = expectEdited(renameStateId(definition, 'waiting', 'rueckfrage'));
    expect(ids(changed.process.states)).toEqual(['review', 'rueckfrage', 'approved', 'rejected']);
    expect(actionOf(changed, 'review', 'ask').target).toBe('rueckfrage');
    expect(actionOf(changed, 'review', 'reject').guard).toEqual({ ne: [{ var: '$case.state' }, 'rueckfrage'] });
    expect(checkDefinition(changed)).toEqual([]);

    const initial = expectEdited(renameStateId(definition, 'review', 'pruefung'));
    expect(initial.process.initial).toBe('pruefung');
    expect(actionOf(initial, 'waiting', 'reply').target).toBe('pruefung');
    expect(checkDefinition(initial)).toEqual([]);
  });

  it('renames $case.state inside nested guards and `in` lists, but no other texts', () => {
    const definition = createProcessDefinition();
    const guard = {
      and: [
        { in: [{ var: '$case.state' }, ['waiting', 'review']] },
        { eq: [{ var: 'name' }, 'waiting'] },
      ],
    } as const;
    const withGuard = expectEdited(renameStateId(definition, 'review', 'review'));
    expect(withGuard).toBe(definition);
    const states = structuredClone(definition.process.states);
    states[0]!.actions![1]!.guard = structuredClone(guard) as never;
    const changed = expectEdited(renameStateId({ ...definition, process: { ...definition.process, states } }, 'waiting', 'w2'));
    expect(actionOf(changed, 'review', 'approve').guard).toEqual({
      and: [{ in: [{ var: '$case.state' }, ['w2', 'review']] }, { eq: [{ var: 'name' }, 'waiting'] }],
    });
  });

  it('renames Hundeanmeldung’s inReview, and the definition stays clean', () => {
    const definition = loadHundeanmeldung();
    const before = checkDefinition(definition);
    const changed = expectEdited(renameStateId(definition, 'inReview', 'pruefung'));
    expect(checkDefinition(changed)).toEqual(before);
    expect(before.filter((d) => d.severity === 'error')).toEqual([]);
    expect(actionOf(changed, 'received', 'startReview').target).toBe('pruefung');
    expect(actionOf(changed, 'awaitingApplicant', 'answer').target).toBe('pruefung');
    expect(JSON.stringify(changed)).not.toContain('"inReview"');
  });

  it('refuses a taken or invalid id and an unknown state', () => {
    expect(expectRefused(renameStateId(createProcessDefinition(), 'waiting', 'review')).de).toContain('schon einen Status');
    expect(expectRefused(renameStateId(createProcessDefinition(), 'waiting', '1st')).de).toContain('als Kennung nicht möglich');
    expect(expectRefused(renameStateId(createProcessDefinition(), 'nope', 'x')).de).toContain('„nope“');
  });
});

describe('setInitialState', () => {
  it('sets the initial state, and refuses an unknown one', () => {
    expect(expectEdited(setInitialState(createProcessDefinition(), 'waiting')).process.initial).toBe('waiting');
    expectRefused(setInitialState(createProcessDefinition(), 'nope'));
  });
});

describe('moveState', () => {
  it.each([
    [0, 3, ['waiting', 'approved', 'rejected', 'review']],
    [3, 0, ['rejected', 'review', 'waiting', 'approved']],
    [1, 2, ['review', 'approved', 'waiting', 'rejected']],
    [2, 2, ['review', 'waiting', 'approved', 'rejected']],
  ])('moves the state at %i to %i', (from, to, expected) => {
    const definition = createProcessDefinition();
    const stateId = definition.process.states[from]!.id;
    expect(ids(expectEdited(moveState(definition, stateId, to)).process.states)).toEqual(expected);
  });

  it('refuses a position outside the list and an unknown state', () => {
    expectRefused(moveState(createProcessDefinition(), 'review', 4));
    expectRefused(moveState(createProcessDefinition(), 'review', -1));
    expectRefused(moveState(createProcessDefinition(), 'nope', 0));
  });
});

describe('deleteState', () => {
  it('deletes a state nothing leads into, with its own actions', () => {
    const definition = expectEdited(addState(createProcessDefinition(), INSPECTION));
    const changed = expectEdited(deleteState(definition, 'inspection'));
    expect(ids(changed.process.states)).toEqual(['review', 'waiting', 'approved', 'rejected']);
  });

  it('refuses the initial state', () => {
    expect(expectRefused(deleteState(createProcessDefinition(), 'review')).de).toContain('„Prüfung“ ist der Anfangsstatus');
  });

  it('refuses while other states lead into it, listing every such action', () => {
    const message = expectRefused(deleteState(loadHundeanmeldung(), 'withdrawn'));
    expect(message.de).toBe(
      'Der Status „Zurückgezogen“ kann nicht gelöscht werden, solange Aktionen in ihn führen: „Antrag zurückziehen“ im Status „In Prüfung“ und „Antrag zurückziehen“ im Status „Wartet auf Antragsteller“. Löschen Sie diese Aktionen oder lassen Sie sie in einen anderen Status führen.',
    );
    expect(message.en).toContain('“Withdraw application” in the state “In review” and “Withdraw application” in the state “Waiting for applicant”');
  });

  it('refuses when a deadline elsewhere is set by an input only its actions ask for', () => {
    // `side` leads into `waiting` and is its only action asking for replyBy once `ask` no longer does.
    let definition = expectEdited(
      addState(createProcessDefinition(), {
        ...INSPECTION,
        actions: [
          {
            id: 'side',
            label: { de: 'Seitenweg' },
            target: 'waiting',
            roles: ['clerk'],
            inputs: [{ key: 'replyBy', type: 'date', label: { de: 'Bis' } }],
          },
        ],
      }),
    );
    const states = definition.process.states.map((s) =>
      s.id === 'review' ? { ...s, actions: s.actions!.map((a) => (a.id === 'ask' ? { ...a, inputs: [] } : a)) } : s,
    );
    definition = { ...definition, process: { ...definition.process, states } };
    expect(expectRefused(deleteState(definition, 'inspection')).de).toContain('die Frist „replyDeadline“ im Status „Wartet“');
  });

  it('refuses an unknown state', () => {
    expectRefused(deleteState(createProcessDefinition(), 'nope'));
  });
});
