import { isConditionTrue } from '@amtsweg/definitions';
import type { Expression, LocalizedText, ProcessAction, ProcessDefinition, ProcessState } from '@amtsweg/definitions';
import { setup } from 'xstate';
import type { SnapshotFrom } from 'xstate';
import { parseIsoDuration } from './add-iso-duration';

/** What the machine knows about a case: its data and the facts guards may read. Never persisted. */
export interface ProcessContext {
  data: Readonly<Record<string, unknown>>;
  /** Case facts for `$case.…` references in guards (`case.reference`, `case.receivedAt`). */
  facts: Readonly<Record<string, unknown>>;
  /** The reference date for `today` in guards, `YYYY-MM-DD`. */
  today: string;
}

/** An action taken on a case: `type` is the action id. */
export interface ProcessEvent {
  type: string;
  actor?: { id: string; roles: readonly string[] };
  inputs?: Readonly<Record<string, string>>;
}

/** Params of the one guard implementation: the condition and the state it guards a way out of. */
export interface ActionGuardParams {
  guard: Expression;
  state: string;
}

/** Recorded on every transition so the caller learns which actions ran, automatic ones included. */
export interface TakeActionParams {
  action: string;
  from: string;
  to: string;
  automatic: boolean;
}

export interface DeadlineParams {
  state: string;
  id: string;
  after: string;
  action: string;
  setBy?: string;
  remindBefore?: string;
}

/** Params of every action the machine announces, by action name. */
interface AnnouncedActionParams {
  takeAction: TakeActionParams;
  issueDocument: { template: string };
  notifyApplicant: { message: LocalizedText };
  startDeadline: DeadlineParams;
  stopDeadline: DeadlineParams;
}

/** An action `transition(…)` returns for this machine, narrowed by its `type`. */
export type AnnouncedAction = {
  [K in keyof AnnouncedActionParams]: { type: K; params: AnnouncedActionParams[K] };
}[keyof AnnouncedActionParams];

// The machine only announces effects; the caller executes them (documents, outbox, timers) inside its
// own transaction, so every implementation is deliberately a no-op.
const processSetup = setup({
  types: {
    context: {} as ProcessContext,
    events: {} as ProcessEvent,
    input: {} as ProcessContext,
  },
  guards: {
    actionGuard: ({ context }, params: ActionGuardParams) =>
      isConditionTrue(params.guard, {
        data: context.data,
        facts: withCaseState(context.facts, params.state),
        today: context.today,
      }),
  },
  actions: {
    takeAction: (_args, _params: AnnouncedActionParams['takeAction']) => {},
    issueDocument: (_args, _params: AnnouncedActionParams['issueDocument']) => {},
    notifyApplicant: (_args, _params: AnnouncedActionParams['notifyApplicant']) => {},
    startDeadline: (_args, _params: AnnouncedActionParams['startDeadline']) => {},
    stopDeadline: (_args, _params: AnnouncedActionParams['stopDeadline']) => {},
  },
});

function buildMachine(process: ProcessDefinition) {
  return processSetup.createMachine({
    id: 'process',
    initial: process.initial,
    // xstate's pure functions first build an inert actor, which creates a context without any input.
    context: ({ input }: { input: ProcessContext | undefined }) => ({
      data: input?.data ?? {},
      facts: input?.facts ?? {},
      today: input?.today ?? '',
    }),
    states: Object.fromEntries(process.states.map((state) => [state.id, toStateConfig(state)])),
  });
}

export type ProcessMachine = ReturnType<typeof buildMachine>;
export type ProcessSnapshot = SnapshotFrom<ProcessMachine>;

/**
 * Turns a process definition into an XState v5 machine: one state per process state, one event per action
 * (named by the action id), `always` transitions for automatic states, `type: 'final'` for final states.
 * Guards are evaluated with the condition language against `context.data`. Effects, deadlines and the
 * taken actions are announced as actions (`issueDocument`, `notifyApplicant`, `startDeadline`,
 * `stopDeadline`, `takeAction`) that `transition(…)` returns without executing. Build it once per
 * published version and reuse it; the machine holds no case.
 *
 * Expects a definition that passed `checkDefinition`; throws on an unknown initial or target state or a
 * malformed deadline duration.
 *
 * @example
 * const machine = createProcessMachine(definition.process);
 * const [snapshot] = initialTransition(machine, { data: submission, facts: {}, today: '2025-05-01' });
 * snapshot.value // 'inReview' (after the automatic 'received')
 */
export function createProcessMachine(process: ProcessDefinition): ProcessMachine {
  for (const state of process.states) {
    for (const deadline of state.deadlines ?? []) {
      if (parseIsoDuration(deadline.after) === null) {
        throw new Error(`Die Frist „${deadline.id}“ im Status „${state.id}“ hat keine gültige Dauer: „${deadline.after}“.`);
      }
      if (deadline.remindBefore !== undefined && parseIsoDuration(deadline.remindBefore) === null) {
        throw new Error(`Die Erinnerung der Frist „${deadline.id}“ im Status „${state.id}“ hat keine gültige Dauer: „${deadline.remindBefore}“.`);
      }
    }
  }
  return buildMachine(process);
}

function toStateConfig(state: ProcessState) {
  const deadlines = (state.deadlines ?? []).map((d) => ({ state: state.id, ...d }));
  const entry = [
    ...deadlines.map((params) => ({ type: 'startDeadline' as const, params })),
    ...(state.kind === 'final' && state.decisionTemplate !== undefined
      ? [{ type: 'issueDocument' as const, params: { template: state.decisionTemplate } }]
      : []),
  ];
  const exit = deadlines.map((params) => ({ type: 'stopDeadline' as const, params }));
  if (state.kind === 'final') return { type: 'final' as const, entry, exit };

  const automatic = state.kind === 'automatic';
  const transitions = (state.actions ?? []).map((action) => [action.id, toTransition(state, action, automatic)] as const);
  if (automatic) return { entry, exit, always: transitions.map(([, transition]) => transition) };
  const on: Record<string, ReturnType<typeof toTransition>> = {};
  // The first action with an id wins, as everywhere else that looks actions up by id.
  for (const [id, transition] of transitions) on[id] ??= transition;
  return { entry, exit, on };
}

function toTransition(state: ProcessState, action: ProcessAction, automatic: boolean) {
  const actions = [
    { type: 'takeAction' as const, params: { action: action.id, from: state.id, to: action.target, automatic } },
    ...(action.effects ?? []).map((effect) =>
      effect.type === 'issueDocument'
        ? { type: 'issueDocument' as const, params: { template: effect.template } }
        : { type: 'notifyApplicant' as const, params: { message: effect.message } },
    ),
  ];
  const guard =
    action.guard === undefined
      ? undefined
      : { type: 'actionGuard' as const, params: { guard: action.guard, state: state.id } };
  return guard === undefined ? { target: action.target, actions } : { target: action.target, guard, actions };
}

function withCaseState(facts: Readonly<Record<string, unknown>>, state: string): Record<string, unknown> {
  const caseFacts = facts.case;
  const base = caseFacts !== null && typeof caseFacts === 'object' ? caseFacts : {};
  return { ...facts, case: { ...base, state } };
}
