import { describe, expect, it } from 'vitest';
import { APPLICANT_ROLE, SYSTEM_ROLE } from '@amtsweg/definitions';
import type { ServiceDefinition } from '@amtsweg/definitions';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { readExampleSubmissions } from '@amtsweg/examples/node';
import { applyAction, checkProposalAnswer, confirmProposal, listAvailableActions, startCase } from './case-process';
import type { AppliedAction, ApplyActionResult, CaseActor, PendingProposal } from './case-process';
import { compileProcess } from './compile-process';
import { restoreCase } from './persist-case';
import type { PersistedCase } from './persist-case';
import type { CaseErrorCode, CaseFailure } from './process-errors';

const definition = HUNDEANMELDUNG as ServiceDefinition;
const compiled = compileProcess(definition.process);

const NOW = new Date('2025-05-05T08:00:00.000Z');
const CASEWORKER: CaseActor = { id: 'u-dogtax', roles: ['dogTax'] };
const TEAM_LEAD: CaseActor = { id: 'u-lead', roles: ['teamLead'] };
const APPLICANT: CaseActor = { id: 'applicant-1', roles: [APPLICANT_ROLE] };
const SYSTEM: CaseActor = { id: 'system', roles: [SYSTEM_ROLE] };

const VALID = readExampleSubmissions().find((s) => s.file === 'valid.json')?.data as Record<string, unknown>;
const PLAIN_DOG = { dogs: [{ name: 'Bello', listedBreed: false }] };
const LISTED_WITHOUT_CERTIFICATE = { dogs: [{ listedBreed: true }] };
const LISTED_WITH_CERTIFICATE = {
  dogs: [{ listedBreed: true, certificate: [{ id: 'f-1', name: 'wesenstest.pdf', mediaType: 'application/pdf', size: 1000 }] }],
};

const at = (value: string): PersistedCase => ({ value, status: ['approved', 'rejected', 'withdrawn'].includes(value) ? 'done' : 'active' });

function expectApplied(result: ApplyActionResult): AppliedAction {
  if (!result.ok) throw new Error(`expected the action to be applied, got ${result.code}: ${result.message.de}`);
  return result;
}

function expectRefused(result: ApplyActionResult | { ok: true }, code: CaseErrorCode): CaseFailure {
  if (result.ok) throw new Error(`expected ${code}, but the action was applied`);
  expect(result.code).toBe(code);
  expect(result.message.de).not.toBe('');
  expect(result.message.en).not.toBe('');
  return result;
}

describe('starting a case of the Hundeanmeldung', () => {
  it('passes the automatic received state and rests in review', () => {
    const started = startCase(compiled, VALID, { now: NOW });
    expect(started.path).toEqual(['received', 'inReview']);
    expect(started.steps).toEqual([{ action: 'startReview', from: 'received', to: 'inReview', automatic: true }]);
    expect(started.to).toBe('inReview');
    expect(started.persisted).toEqual({ value: 'inReview', status: 'active' });
    expect(started.final).toBe(false);
    expect(started.outcome).toBeUndefined();
    expect(started.documents).toEqual([]);
    expect(started.notifications).toEqual([]);
    expect(started.deadlines).toEqual({ start: [], stop: [] });
    expect(started.snapshot.value).toBe('inReview');
  });
});

describe('approving', () => {
  it('closes the case as approved and issues the approval notice', () => {
    const result = expectApplied(
      applyAction(compiled, at('inReview'), VALID, {
        action: 'approve',
        actor: CASEWORKER,
        inputs: { comment: '  Alles vollständig.  ' },
        now: NOW,
      }),
    );
    expect(result).toMatchObject({
      from: 'inReview',
      to: 'approved',
      path: ['inReview', 'approved'],
      steps: [{ action: 'approve', from: 'inReview', to: 'approved', automatic: false }],
      outcome: 'approved',
      final: true,
      actor: CASEWORKER,
      action: 'approve',
      inputs: { comment: 'Alles vollständig.' },
      documents: ['approvalNotice'],
      notifications: [],
      deadlines: { start: [], stop: [] },
      persisted: { value: 'approved', status: 'done' },
    });
  });

  it('leaves out an optional comment that was left blank', () => {
    const result = expectApplied(
      applyAction(compiled, at('inReview'), PLAIN_DOG, { action: 'approve', actor: CASEWORKER, inputs: { comment: '   ' } }),
    );
    expect(result.inputs).toEqual({});
  });

  it('is refused with the guard message while a listed dog has no certificate', () => {
    const failure = expectRefused(
      applyAction(compiled, at('inReview'), LISTED_WITHOUT_CERTIFICATE, { action: 'approve', actor: CASEWORKER }),
      'GUARD_FAILED',
    );
    expect(failure.message).toEqual({
      de: 'Für jeden gelisteten Hund muss ein Negativzeugnis oder Wesenstest vorliegen.',
      en: 'Every listed dog needs a certificate or temperament test.',
    });
    expect(failure.details).toEqual({ action: 'approve' });
  });

  it('is allowed once the listed dog has a certificate', () => {
    const result = expectApplied(
      applyAction(compiled, at('inReview'), LISTED_WITH_CERTIFICATE, { action: 'approve', actor: CASEWORKER }),
    );
    expect(result.to).toBe('approved');
  });

  it('is not allowed for the team lead', () => {
    const failure = expectRefused(
      applyAction(compiled, at('inReview'), PLAIN_DOG, { action: 'approve', actor: TEAM_LEAD }),
      'ROLE_NOT_ALLOWED',
    );
    expect(failure.message.de).toContain('Anmeldung bestätigen');
  });
});

describe('rejecting', () => {
  it.each([undefined, {}, { reason: '' }, { reason: '  \n ' }, { reason: null }])(
    'requires a reason (inputs %j)',
    (inputs) => {
      const failure = expectRefused(
        applyAction(compiled, at('inReview'), PLAIN_DOG, { action: 'reject', actor: CASEWORKER, inputs }),
        'INPUT_MISSING',
      );
      expect(failure.details).toEqual({ input: 'reason' });
      expect(failure.message).toEqual({ de: 'Bitte füllen Sie „Begründung“ aus.', en: 'Please fill in “Reason”.' });
    },
  );

  it.each([CASEWORKER, TEAM_LEAD])('closes the case as rejected when $id gives a reason', (actor) => {
    const result = expectApplied(
      applyAction(compiled, at('inReview'), PLAIN_DOG, {
        action: 'reject',
        actor,
        inputs: { reason: ' Der Hund lebt nicht im Gemeindegebiet. ' },
        now: NOW,
      }),
    );
    expect(result).toMatchObject({
      to: 'rejected',
      outcome: 'rejected',
      final: true,
      inputs: { reason: 'Der Hund lebt nicht im Gemeindegebiet.' },
      documents: ['rejectionNotice'],
      actor,
    });
  });

  it('refuses a reason longer than its maximum length, naming the limit', () => {
    const failure = expectRefused(
      applyAction(compiled, at('inReview'), PLAIN_DOG, { action: 'reject', actor: CASEWORKER, inputs: { reason: 'x'.repeat(5001) } }),
      'INPUT_INVALID',
    );
    expect(failure.details).toEqual({ input: 'reason', problem: 'maxLength', limit: 5000 });
    expect(failure.message.de).toBe('„Begründung“ darf höchstens 5.000 Zeichen lang sein.');
  });

  it('accepts a reason of exactly the maximum length after trimming', () => {
    const reason = 'ä'.repeat(5000);
    const result = expectApplied(
      applyAction(compiled, at('inReview'), PLAIN_DOG, { action: 'reject', actor: CASEWORKER, inputs: { reason: ` ${reason} ` } }),
    );
    expect(result.inputs.reason).toBe(reason);
  });

  it('refuses a reason that is not text', () => {
    const failure = expectRefused(
      applyAction(compiled, at('inReview'), PLAIN_DOG, { action: 'reject', actor: CASEWORKER, inputs: { reason: 42 } }),
      'INPUT_INVALID',
    );
    expect(failure.details).toEqual({ input: 'reason', problem: 'type' });
  });

  it('refuses an input the action does not declare', () => {
    const failure = expectRefused(
      applyAction(compiled, at('inReview'), PLAIN_DOG, {
        action: 'reject',
        actor: CASEWORKER,
        inputs: { reason: 'Unvollständig.', amount: '10' },
      }),
      'INPUT_INVALID',
    );
    expect(failure.details).toEqual({ input: 'amount', problem: 'unknown' });
  });
});

describe('requesting information from the applicant', () => {
  const request = (answerBy: { answerBy?: string } = {}) =>
    expectApplied(
      applyAction(compiled, at('inReview'), PLAIN_DOG, {
        action: 'requestInformation',
        actor: CASEWORKER,
        inputs: { missing: 'Bitte reichen Sie den Versicherungsnachweis ein.', ...answerBy },
        now: NOW,
        today: '2025-05-05',
        timeZone: 'Europe/Berlin',
      }),
    );

  it('waits for the applicant, issues the request letter, notifies and starts the 14-day deadline', () => {
    const result = request();
    expect(result.inputs.answerBy).toBe('2025-05-19');
    expect(result).toMatchObject({
      to: 'awaitingApplicant',
      final: false,
      documents: ['informationRequest'],
      notifications: [
        {
          de: 'Für Ihre Hundeanmeldung brauchen wir noch Angaben von Ihnen.',
          en: 'We need more information for your dog registration.',
        },
      ],
      deadlines: {
        start: [
          {
            id: 'answerDeadline',
            state: 'awaitingApplicant',
            action: 'answerOverdue',
            after: 'P14D',
            // Left blank, the offered day applies: 14 days on, to the end of that day in Berlin (CEST).
            lastDay: '2025-05-19',
            dueAt: '2025-05-19T21:59:59.999Z',
          },
        ],
        stop: [],
      },
    });
    expect(result.outcome).toBeUndefined();
  });

  it('lets the caseworker set the last day of the deadline', () => {
    const result = request({ answerBy: '2025-06-02' });
    expect(result.inputs.answerBy).toBe('2025-06-02');
    expect(result.deadlines.start).toEqual([
      {
        id: 'answerDeadline',
        state: 'awaitingApplicant',
        action: 'answerOverdue',
        after: 'P14D',
        lastDay: '2025-06-02',
        dueAt: '2025-06-02T21:59:59.999Z',
        // remindBefore P3D: the applicant hears three days before the end.
        remindAt: '2025-05-30T21:59:59.999Z',
      },
    ]);
  });

  it('leaves out a reminder whose moment has already passed when the deadline starts', () => {
    const result = request({ answerBy: '2025-05-07' });
    expect(result.deadlines.start).toEqual([expect.objectContaining({ lastDay: '2025-05-07', dueAt: '2025-05-07T21:59:59.999Z' })]);
    expect(result.deadlines.start[0]).not.toHaveProperty('remindAt');
  });

  it.each([
    ['2025-05-05', 'deadlinePast', 'muss nach dem heutigen Tag liegen'],
    ['2025-04-30', 'deadlinePast', 'muss nach dem heutigen Tag liegen'],
    ['2026-05-06', 'deadlineTooFar', 'höchstens ein Jahr'],
    ['2025-02-30', 'date', 'kein gültiges Datum'],
  ])('refuses %s as the last day (%s), naming the input', (day, problem, text) => {
    const failure = expectRefused(
      applyAction(compiled, at('inReview'), PLAIN_DOG, {
        action: 'requestInformation',
        actor: CASEWORKER,
        inputs: { missing: 'Impfpass', answerBy: day },
        now: NOW,
        today: '2025-05-05',
      }),
      'INPUT_INVALID',
    );
    expect(failure.details).toEqual({ input: 'answerBy', problem });
    expect(failure.message.de).toContain('„Antwort bis“');
    expect(failure.message.de).toContain(text);
  });

  it('accepts tomorrow and a year from today as the last day', () => {
    for (const day of ['2025-05-06', '2026-05-05']) expect(request({ answerBy: day }).deadlines.start[0]?.lastDay).toBe(day);
  });

  it('offers the days allowed with the input that sets the deadline', () => {
    const listed = listAvailableActions(compiled, at('inReview'), PLAIN_DOG, CASEWORKER, { today: '2025-05-05' });
    if (!listed.ok) throw new Error(listed.code);
    const inputs = listed.actions.find((a) => a.id === 'requestInformation')?.inputs;
    expect(inputs?.map((i) => [i.key, i.deadline])).toEqual([
      ['missing', undefined],
      ['answerBy', { offered: '2025-05-19', earliest: '2025-05-06', latest: '2026-05-05' }],
    ]);
  });

  it('requires saying what is missing', () => {
    const failure = expectRefused(
      applyAction(compiled, at('inReview'), PLAIN_DOG, { action: 'requestInformation', actor: CASEWORKER }),
      'INPUT_MISSING',
    );
    expect(failure.details).toEqual({ input: 'missing' });
    expect(failure.message.de).toContain('Was fehlt?');
  });

  it('returns to review when the applicant answers, stopping the deadline', () => {
    const waiting = request().persisted;
    const result = expectApplied(
      applyAction(compiled, waiting, PLAIN_DOG, {
        action: 'answer',
        actor: APPLICANT,
        inputs: { answer: 'Der Nachweis ist hochgeladen.' },
        now: NOW,
      }),
    );
    expect(result).toMatchObject({
      from: 'awaitingApplicant',
      to: 'inReview',
      path: ['awaitingApplicant', 'inReview'],
      inputs: { answer: 'Der Nachweis ist hochgeladen.' },
      documents: [],
      deadlines: { start: [], stop: ['answerDeadline'] },
    });
  });

  it('returns to review when the system reports the deadline passed', () => {
    const result = expectApplied(
      applyAction(compiled, request().persisted, PLAIN_DOG, { action: 'answerOverdue', actor: SYSTEM, now: NOW }),
    );
    expect(result).toMatchObject({
      to: 'inReview',
      actor: SYSTEM,
      deadlines: { start: [], stop: ['answerDeadline'] },
    });
  });

  it('lets nobody but the system report the deadline passed', () => {
    for (const actor of [APPLICANT, CASEWORKER, TEAM_LEAD]) {
      expectRefused(applyAction(compiled, at('awaitingApplicant'), PLAIN_DOG, { action: 'answerOverdue', actor }), 'ROLE_NOT_ALLOWED');
    }
  });

  it('does not let a caseworker answer for the applicant', () => {
    const failure = expectRefused(
      applyAction(compiled, at('awaitingApplicant'), PLAIN_DOG, { action: 'answer', actor: CASEWORKER, inputs: { answer: 'x' } }),
      'ROLE_NOT_ALLOWED',
    );
    expect(failure.details).toEqual({ action: 'answer', roles: [APPLICANT_ROLE] });
  });
});

describe('withdrawing', () => {
  it.each([
    ['inReview', []],
    ['awaitingApplicant', ['answerDeadline']],
  ])('closes the case as withdrawn from %s', (from, stopped) => {
    const result = expectApplied(applyAction(compiled, at(from), PLAIN_DOG, { action: 'withdraw', actor: APPLICANT, now: NOW }));
    expect(result).toMatchObject({
      from,
      to: 'withdrawn',
      outcome: 'withdrawn',
      final: true,
      documents: ['withdrawalNotice'],
      deadlines: { start: [], stop: stopped },
      persisted: { value: 'withdrawn', status: 'done' },
    });
  });

  it('is only for the applicant', () => {
    expectRefused(applyAction(compiled, at('inReview'), PLAIN_DOG, { action: 'withdraw', actor: CASEWORKER }), 'ROLE_NOT_ALLOWED');
  });
});

describe('refusals', () => {
  it.each(['approved', 'rejected', 'withdrawn'])('refuses every action on the closed case in %s', (state) => {
    for (const action of ['approve', 'reject', 'withdraw', 'answer', 'anything']) {
      const failure = expectRefused(
        applyAction(compiled, at(state), PLAIN_DOG, { action, actor: { id: 'all', roles: ['dogTax', 'teamLead', APPLICANT_ROLE, SYSTEM_ROLE] } }),
        'CASE_CLOSED',
      );
      expect(failure.details).toEqual({ state });
    }
  });

  it('refuses an action the current state does not offer', () => {
    const failure = expectRefused(
      applyAction(compiled, at('inReview'), PLAIN_DOG, { action: 'answer', actor: APPLICANT, inputs: { answer: 'x' } }),
      'UNKNOWN_ACTION',
    );
    expect(failure.details).toEqual({
      action: 'answer',
      state: 'inReview',
      available: ['requestInformation', 'approve', 'reject', 'withdraw'],
    });
    expect(failure.message.de).toBe('Die Aktion „answer“ ist im Status „In Prüfung“ nicht möglich.');
  });

  it('refuses an action nobody defined', () => {
    expectRefused(applyAction(compiled, at('inReview'), PLAIN_DOG, { action: 'toString', actor: CASEWORKER }), 'UNKNOWN_ACTION');
  });

  it('does not let anyone take an automatic state’s action by hand', () => {
    expectRefused(applyAction(compiled, at('received'), PLAIN_DOG, { action: 'startReview', actor: SYSTEM }), 'UNKNOWN_ACTION');
  });

  it.each([
    ['a state the process does not have', { value: 'archived', status: 'active' }, 'state'],
    ['a final state stored as active', { value: 'approved', status: 'active' }, 'status'],
    ['an open state stored as done', { value: 'inReview', status: 'done' }, 'status'],
    ['no state name', { status: 'active' }, 'shape'],
    ['a nested state value', { value: { inReview: 'x' }, status: 'active' }, 'shape'],
    ['null', null, 'shape'],
    ['a prototype property name', { value: 'constructor', status: 'active' }, 'state'],
  ])('refuses a stored snapshot with %s', (_name, stored, problem) => {
    const persisted = stored as unknown as PersistedCase;
    const applied = expectRefused(
      applyAction(compiled, persisted, PLAIN_DOG, { action: 'approve', actor: CASEWORKER }),
      'INVALID_SNAPSHOT',
    );
    expect(applied.details).toMatchObject({ problem });
    expectRefused(listAvailableActions(compiled, persisted, PLAIN_DOG, CASEWORKER), 'INVALID_SNAPSHOT');
    expectRefused(restoreCase(compiled, persisted, PLAIN_DOG), 'INVALID_SNAPSHOT');
  });
});

describe('persisted snapshots', () => {
  it('are small, hold no case data and round-trip through JSON along a whole case', () => {
    const data = VALID;
    const stored: string[] = [];
    const save = (persisted: PersistedCase) => {
      const json = JSON.stringify(persisted);
      stored.push(json);
      return JSON.parse(json) as PersistedCase;
    };
    let persisted = save(startCase(compiled, data, { now: NOW }).persisted);
    const steps: [string, CaseActor, Record<string, unknown>?][] = [
      ['requestInformation', CASEWORKER, { missing: 'Versicherungsnachweis' }],
      ['answer', APPLICANT, { answer: 'Anbei.' }],
      ['requestInformation', CASEWORKER, { missing: 'Chipnummer' }],
      ['answerOverdue', SYSTEM],
      ['approve', CASEWORKER],
    ];
    const visited = [persisted.value];
    for (const [action, actor, inputs] of steps) {
      persisted = save(expectApplied(applyAction(compiled, persisted, data, { action, actor, inputs, now: NOW })).persisted);
      visited.push(persisted.value);
    }
    expect(visited).toEqual(['inReview', 'awaitingApplicant', 'inReview', 'awaitingApplicant', 'inReview', 'approved']);
    for (const json of stored) {
      expect(json.length).toBeLessThan(200);
      expect(json).not.toContain('Mustermann');
      expect(Object.keys(JSON.parse(json) as object).sort()).toEqual(['status', 'value']);
    }
    expect(stored.at(-1)).toBe('{"value":"approved","status":"done"}');
  });

  it('restore into a snapshot that knows the data it was given', () => {
    const restored = restoreCase(compiled, at('inReview'), LISTED_WITHOUT_CERTIFICATE);
    if (!restored.ok) throw new Error(restored.code);
    expect(restored.snapshot.value).toBe('inReview');
    expect(restored.snapshot.context.data).toBe(LISTED_WITHOUT_CERTIFICATE);
    expect(restored.snapshot.can({ type: 'approve' })).toBe(false);
    expect(restored.snapshot.can({ type: 'reject' })).toBe(true);
  });
});

describe('available actions', () => {
  const GUARD_MESSAGE = {
    de: 'Für jeden gelisteten Hund muss ein Negativzeugnis oder Wesenstest vorliegen.',
    en: 'Every listed dog needs a certificate or temperament test.',
  };
  const cases: [string, Record<string, unknown>, CaseActor, [string, boolean][]][] = [
    ['received', PLAIN_DOG, SYSTEM, []],
    ['received', PLAIN_DOG, CASEWORKER, []],
    ['inReview', PLAIN_DOG, CASEWORKER, [['requestInformation', true], ['approve', true], ['reject', true]]],
    ['inReview', LISTED_WITHOUT_CERTIFICATE, CASEWORKER, [['requestInformation', true], ['approve', false], ['reject', true]]],
    ['inReview', LISTED_WITH_CERTIFICATE, CASEWORKER, [['requestInformation', true], ['approve', true], ['reject', true]]],
    ['inReview', PLAIN_DOG, TEAM_LEAD, [['reject', true]]],
    ['inReview', PLAIN_DOG, APPLICANT, [['withdraw', true]]],
    ['inReview', PLAIN_DOG, SYSTEM, []],
    ['awaitingApplicant', PLAIN_DOG, CASEWORKER, []],
    ['awaitingApplicant', PLAIN_DOG, TEAM_LEAD, []],
    ['awaitingApplicant', PLAIN_DOG, APPLICANT, [['answer', true], ['withdraw', true]]],
    ['awaitingApplicant', PLAIN_DOG, SYSTEM, [['answerOverdue', true]]],
    ...['approved', 'rejected', 'withdrawn'].flatMap((state) =>
      [CASEWORKER, TEAM_LEAD, APPLICANT, SYSTEM].map(
        (actor): [string, Record<string, unknown>, CaseActor, [string, boolean][]] => [state, PLAIN_DOG, actor, []],
      ),
    ),
  ];

  it.each(cases)('in %s with %j lists for %j: %j', (state, data, actor, expected) => {
    const listed = listAvailableActions(compiled, at(state), data, actor);
    if (!listed.ok) throw new Error(listed.code);
    expect(listed.state).toBe(state);
    expect(listed.actions.map((a) => [a.id, a.enabled])).toEqual(expected);
    for (const action of listed.actions) {
      if (action.enabled) expect(action.guardMessage).toBeUndefined();
      else expect(action.guardMessage).toEqual(GUARD_MESSAGE);
    }
  });

  it('describes each action with its label, target and inputs', () => {
    const listed = listAvailableActions(compiled, at('inReview'), PLAIN_DOG, TEAM_LEAD);
    if (!listed.ok) throw new Error(listed.code);
    expect(listed.actions).toEqual([
      {
        id: 'reject',
        label: { de: 'Anmeldung ablehnen', en: 'Reject registration' },
        target: 'rejected',
        inputs: [{ key: 'reason', type: 'reason', label: { de: 'Begründung', en: 'Reason' }, required: true, maxLength: 5000 }],
        enabled: true,
        fourEyes: true,
      },
    ]);
  });

  it('agree with applyAction: every enabled action applies, every disabled one fails its guard', () => {
    for (const data of [PLAIN_DOG, LISTED_WITHOUT_CERTIFICATE, LISTED_WITH_CERTIFICATE]) {
      const listed = listAvailableActions(compiled, at('inReview'), data, CASEWORKER);
      if (!listed.ok) throw new Error(listed.code);
      for (const action of listed.actions) {
        const inputs = Object.fromEntries(action.inputs.map((input) => [input.key, input.deadline?.offered ?? 'Text']));
        const result = applyAction(compiled, at('inReview'), data, { action: action.id, actor: CASEWORKER, inputs });
        expect(result.ok ? 'applied' : result.code).toBe(action.enabled ? 'applied' : 'GUARD_FAILED');
      }
    }
  });
});

describe('four-eyes principle (a rejection needs a second person)', () => {
  const SECOND_CASEWORKER: CaseActor = { id: 'u-dogtax-2', roles: ['dogTax'] };
  const proposal: PendingProposal = { action: 'reject', state: 'inReview', proposedBy: CASEWORKER.id, inputs: { reason: 'Der Hund lebt nicht hier.' } };

  it('marks taking the action as a proposal that needs confirming, and tells what confirming would do', () => {
    const proposed = expectApplied(applyAction(compiled, at('inReview'), PLAIN_DOG, { action: 'reject', actor: CASEWORKER, inputs: { reason: ' Zu spät. ' }, now: NOW }));
    expect(proposed).toMatchObject({ requiresConfirmation: true, from: 'inReview', to: 'rejected', inputs: { reason: 'Zu spät.' }, documents: ['rejectionNotice'] });
    const approved = expectApplied(applyAction(compiled, at('inReview'), PLAIN_DOG, { action: 'approve', actor: CASEWORKER, now: NOW }));
    expect(approved.requiresConfirmation).toBe(false);
  });

  it('holds up every staff action while a proposal waits, but not the applicant', () => {
    for (const [action, actor, inputs] of [
      ['approve', SECOND_CASEWORKER, {}],
      ['requestInformation', CASEWORKER, { missing: 'Impfpass' }],
      ['reject', TEAM_LEAD, { reason: 'Noch einmal' }],
    ] as const) {
      const failure = expectRefused(applyAction(compiled, at('inReview'), PLAIN_DOG, { action, actor, inputs, proposal }), 'PROPOSAL_PENDING');
      expect(failure.message.de).toContain('„Anmeldung ablehnen“');
      expect(failure.details).toEqual({ proposedAction: 'reject' });
    }
    expectApplied(applyAction(compiled, at('inReview'), PLAIN_DOG, { action: 'withdraw', actor: APPLICANT, proposal }));
    // A proposal made in another state is void and holds up nothing.
    expectApplied(applyAction(compiled, at('inReview'), PLAIN_DOG, { action: 'approve', actor: CASEWORKER, proposal: { ...proposal, state: 'awaitingApplicant' } }));
  });

  it('lets a second person holding a role of the action confirm it with the proposer’s inputs', () => {
    for (const actor of [SECOND_CASEWORKER, TEAM_LEAD]) {
      const confirmed = expectApplied(confirmProposal(compiled, at('inReview'), PLAIN_DOG, { action: 'reject', actor, proposal, now: NOW }));
      expect(confirmed).toMatchObject({ requiresConfirmation: false, actor, to: 'rejected', outcome: 'rejected', inputs: proposal.inputs, documents: ['rejectionNotice'] });
    }
  });

  it('refuses the proposer’s own confirmation, a missing proposal and a confirmer without the role', () => {
    const own = expectRefused(confirmProposal(compiled, at('inReview'), PLAIN_DOG, { action: 'reject', actor: CASEWORKER, proposal }), 'OWN_PROPOSAL');
    expect(own.message.de).toContain('zweite Person');
    expectRefused(confirmProposal(compiled, at('inReview'), PLAIN_DOG, { action: 'reject', actor: TEAM_LEAD, proposal: null }), 'NO_PROPOSAL');
    expectRefused(confirmProposal(compiled, at('inReview'), PLAIN_DOG, { action: 'approve', actor: TEAM_LEAD, proposal }), 'NO_PROPOSAL');
    expectRefused(confirmProposal(compiled, at('inReview'), PLAIN_DOG, { action: 'reject', actor: TEAM_LEAD, proposal: { ...proposal, state: 'awaitingApplicant' } }), 'NO_PROPOSAL');
    expectRefused(confirmProposal(compiled, at('inReview'), PLAIN_DOG, { action: 'reject', actor: APPLICANT, proposal }), 'ROLE_NOT_ALLOWED');
    expectRefused(confirmProposal(compiled, at('rejected'), PLAIN_DOG, { action: 'reject', actor: TEAM_LEAD, proposal }), 'CASE_CLOSED');
  });

  it('lets others send a proposal back and only its proposer withdraw it', () => {
    const answer = (actor: CaseActor, kind: 'reject' | 'withdraw') =>
      checkProposalAnswer(compiled, at('inReview'), PLAIN_DOG, { action: 'reject', actor, proposal, answer: kind });
    expect(answer(TEAM_LEAD, 'reject')).toMatchObject({ ok: true, action: { id: 'reject' } });
    expect(answer(CASEWORKER, 'withdraw')).toMatchObject({ ok: true, action: { id: 'reject' } });
    expectRefused(answer(CASEWORKER, 'reject'), 'OWN_PROPOSAL');
    expectRefused(answer(TEAM_LEAD, 'withdraw'), 'NOT_PROPOSER');
    expectRefused(answer(APPLICANT, 'reject'), 'ROLE_NOT_ALLOWED');
    expectRefused(checkProposalAnswer(compiled, at('inReview'), PLAIN_DOG, { action: 'reject', actor: TEAM_LEAD, proposal: null, answer: 'reject' }), 'NO_PROPOSAL');
  });

  it('lists the waiting proposal with what each person may do, and every other action disabled for staff', () => {
    const listFor = (actor: CaseActor) => {
      const listed = listAvailableActions(compiled, at('inReview'), PLAIN_DOG, actor, { proposal });
      if (!listed.ok) throw new Error(listed.code);
      return listed;
    };
    const second = listFor(SECOND_CASEWORKER);
    expect(second.proposal).toMatchObject({ action: { id: 'reject', enabled: true, fourEyes: true }, answers: ['confirm', 'reject'] });
    expect(second.actions.every((a) => !a.enabled && a.guardMessage?.de.includes('Vier-Augen-Prinzip'))).toBe(true);
    expect(listFor(TEAM_LEAD).proposal?.answers).toEqual(['confirm', 'reject']);
    expect(listFor(CASEWORKER).proposal?.answers).toEqual(['withdraw']);
    expect(listFor(APPLICANT).actions).toEqual([expect.objectContaining({ id: 'withdraw', enabled: true })]);
    const withoutProposal = listAvailableActions(compiled, at('inReview'), PLAIN_DOG, SECOND_CASEWORKER);
    expect(withoutProposal.ok && withoutProposal.proposal).toBeUndefined();
  });
});
