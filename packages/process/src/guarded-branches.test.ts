import { describe, expect, it } from 'vitest';
import { SYSTEM_ROLE } from '@amtsweg/definitions';
import type { ProcessAction, ProcessDefinition, ProcessState } from '@amtsweg/definitions';
import { applyAction, startCase } from './case-process';
import type { ApplyActionResult, CaseActor } from './case-process';
import { compileProcess } from './compile-process';
import type { CaseFailure } from './process-errors';

const text = (de: string) => ({ de, en: de });
const state = (id: string, kind: ProcessState['kind'], more: Partial<ProcessState> = {}): ProcessState => ({
  id,
  kind,
  label: text(id),
  statusText: text(id),
  ...more,
});
const route = (id: string, target: string, more: Partial<ProcessAction> = {}): ProcessAction => ({
  id,
  label: text(id),
  target,
  roles: [SYSTEM_ROLE],
  ...more,
});

const CLERK: CaseActor = { id: 'u-1', roles: ['clerk'] };
const NOW = new Date('2025-03-01T10:30:00.000Z');

/** Small claims go fast, medium ones to standard review, everything else (and a missing amount) to experts. */
function createTriage(branches: ProcessAction[]): ProcessDefinition {
  return {
    initial: 'triage',
    states: [
      state('triage', 'automatic', {
        actions: branches,
        // Passed through within one move, so it must never surface as a started timer.
        deadlines: [{ id: 'triageTimeout', after: 'PT1H', action: 'smallClaim' }],
      }),
      state('fastTrack', 'task', {
        role: 'clerk',
        actions: [
          route('classify', 'closed', {
            roles: ['clerk'],
            inputs: [
              {
                key: 'category',
                type: 'choice',
                label: { de: 'Kategorie', en: 'Category' },
                required: true,
                options: [
                  { value: 'private', label: text('Privat') },
                  { value: 'business', label: text('Gewerblich') },
                ],
              },
              { key: 'followUp', type: 'date', label: { de: 'Wiedervorlage', en: 'Follow-up' } },
            ],
          }),
          route('addNote', 'fastTrack', { roles: ['clerk'], inputs: [{ key: 'note', type: 'comment', label: text('Notiz') }] }),
        ],
        deadlines: [{ id: 'reminder', after: 'PT12H', action: 'classify' }],
      }),
      state('standardReview', 'task', { role: 'clerk', actions: [route('close', 'closed', { roles: ['clerk'] })] }),
      state('expertReview', 'task', { role: 'clerk', actions: [route('close', 'closed', { roles: ['clerk'] })] }),
      state('closed', 'final', { outcome: 'closed' }),
    ],
  };
}

const SMALL = route('smallClaim', 'fastTrack', { guard: { lt: [{ var: 'amount' }, 100] } });
const MEDIUM = route('mediumClaim', 'standardReview', { guard: { lt: [{ var: 'amount' }, 1000] } });
const FALLBACK = route('otherClaim', 'expertReview');
const triage = compileProcess(createTriage([SMALL, MEDIUM, FALLBACK]));

describe('an automatic state with two guarded branches and a fallback', () => {
  it.each([
    [50, 'fastTrack', 'smallClaim'], // both guards hold: the first one listed wins
    [99.99, 'fastTrack', 'smallClaim'],
    [100, 'standardReview', 'mediumClaim'],
    [999, 'standardReview', 'mediumClaim'],
    [1000, 'expertReview', 'otherClaim'],
    [null, 'expertReview', 'otherClaim'],
  ])('sends an amount of %j to %s', (amount, target, action) => {
    const started = startCase(triage, { amount }, { now: NOW });
    expect(started.to).toBe(target);
    expect(started.path).toEqual(['triage', target]);
    expect(started.steps).toEqual([{ action, from: 'triage', to: target, automatic: true }]);
  });

  it('follows the order of the definition, not guarded-before-unguarded', () => {
    const fallbackFirst = compileProcess(createTriage([FALLBACK, SMALL, MEDIUM]));
    expect(startCase(fallbackFirst, { amount: 50 }).to).toBe('expertReview');
    const mediumFirst = compileProcess(createTriage([MEDIUM, SMALL, FALLBACK]));
    expect(startCase(mediumFirst, { amount: 50 }).to).toBe('standardReview');
  });

  it('reports only the deadlines of the state it rests in', () => {
    const started = startCase(triage, { amount: 50 }, { now: NOW });
    expect(started.deadlines).toEqual({
      start: [{ id: 'reminder', state: 'fastTrack', action: 'classify', after: 'PT12H', dueAt: '2025-03-01T22:30:00.000Z' }],
      stop: [],
    });
    expect(startCase(triage, { amount: 500 }, { now: NOW }).deadlines).toEqual({ start: [], stop: [] });
  });

  it('stays in the automatic state when no branch applies', () => {
    const stalled = compileProcess(createTriage([SMALL, MEDIUM]));
    const started = startCase(stalled, { amount: 5000 }, { now: NOW });
    expect(started.to).toBe('triage');
    expect(started.path).toEqual(['triage']);
    expect(started.steps).toEqual([]);
    expect(started.persisted).toEqual({ value: 'triage', status: 'active' });
    // Still waiting, so its own timer runs.
    expect(started.deadlines.start.map((d) => d.id)).toEqual(['triageTimeout']);
  });
});

describe('an action that stays in its state', () => {
  it('keeps the state’s deadline running instead of restarting it', () => {
    const result = applyAction(triage, { value: 'fastTrack', status: 'active' }, {}, {
      action: 'addNote',
      actor: CLERK,
      inputs: { note: 'Rückruf vereinbart' },
      now: NOW,
    });
    expect(result).toMatchObject({ ok: true, from: 'fastTrack', to: 'fastTrack', path: ['fastTrack', 'fastTrack'] });
    expect(result.ok && result.deadlines).toEqual({ start: [], stop: [] });
  });
});

describe('a choice input', () => {
  const classify = (inputs: Record<string, unknown>): ApplyActionResult =>
    applyAction(triage, { value: 'fastTrack', status: 'active' }, { amount: 50 }, { action: 'classify', actor: CLERK, inputs, now: NOW });
  const refused = (result: ApplyActionResult): CaseFailure => {
    if (result.ok) throw new Error('expected a refusal');
    return result;
  };

  it('accepts one of its options, trimmed', () => {
    const result = classify({ category: ' business ' });
    if (!result.ok) throw new Error(result.message.de);
    expect(result.inputs).toEqual({ category: 'business' });
    expect(result).toMatchObject({ to: 'closed', outcome: 'closed', final: true, deadlines: { start: [], stop: ['reminder'] } });
  });

  it.each([['public'], ['Business'], ['Privat']])('refuses %j, which is not among the options', (category) => {
    const failure = refused(classify({ category }));
    expect(failure.code).toBe('INPUT_INVALID');
    expect(failure.details).toEqual({ input: 'category', problem: 'option', allowed: ['private', 'business'] });
    expect(failure.message).toEqual({
      de: 'Bitte wählen Sie bei „Kategorie“ eine der angebotenen Möglichkeiten.',
      en: 'Please choose one of the offered options for “Category”.',
    });
  });

  it.each([[1], [true], [['private']], [{ value: 'private' }]])('refuses the non-text value %j', (category) => {
    const failure = refused(classify({ category }));
    expect(failure.code).toBe('INPUT_INVALID');
    expect(failure.details).toEqual({ input: 'category', problem: 'type' });
  });

  it('is required', () => {
    const failure = refused(classify({ followUp: '2025-04-01' }));
    expect(failure.code).toBe('INPUT_MISSING');
    expect(failure.details).toEqual({ input: 'category' });
  });
});

describe('a date input', () => {
  const classify = (followUp: unknown): ApplyActionResult =>
    applyAction(triage, { value: 'fastTrack', status: 'active' }, {}, { action: 'classify', actor: CLERK, inputs: { category: 'private', followUp } });

  it.each(['2025-04-01', '2024-02-29', ' 2025-12-31 '])('accepts the calendar date %j', (followUp) => {
    const result = classify(followUp);
    if (!result.ok) throw new Error(result.message.de);
    expect(result.inputs).toEqual({ category: 'private', followUp: followUp.trim() });
  });

  it.each(['2025-02-29', '2025-13-01', '01.04.2025', '2025-4-1', '2025-04-01T10:00'])('refuses %j', (followUp) => {
    const result = classify(followUp);
    expect(result.ok ? 'applied' : result.details).toEqual({ input: 'followUp', problem: 'date' });
  });
});

describe('guards reading case facts and the date', () => {
  const process: ProcessDefinition = {
    initial: 'open',
    states: [
      state('open', 'task', {
        actions: [
          route('archive', 'closed', {
            roles: ['clerk'],
            guard: {
              and: [
                { eq: [{ var: '$case.state' }, 'open'] },
                { notEmpty: { var: '$case.reference' } },
                { gte: [{ today: [] }, '2025-01-01'] },
              ],
            },
          }),
        ],
      }),
      state('closed', 'final', { outcome: 'closed' }),
    ],
  };
  const compiled = compileProcess(process);
  const archive = (facts: Record<string, unknown> | undefined, now: Date) =>
    applyAction(compiled, { value: 'open', status: 'active' }, {}, { action: 'archive', actor: CLERK, facts, now });

  it('sees the facts passed in, the current state and the date of `now`', () => {
    expect(archive({ case: { reference: 'A-2025-1' } }, NOW).ok).toBe(true);
    expect(archive(undefined, NOW).ok).toBe(false);
    expect(archive({ case: { reference: 'A-2024-9' } }, new Date('2024-12-30T12:00:00Z')).ok).toBe(false);
  });
});
