import type { LocalizedText, Outcome } from '@amtsweg/definitions';
import type { ExecutableActionsFrom } from 'xstate';
import { addIsoDuration, subtractIsoDuration } from './add-iso-duration';
import { endOfDay } from './deadline-inputs';
import type { CompiledProcess } from './compile-process';
import type { AnnouncedAction, DeadlineParams, ProcessMachine, ProcessSnapshot } from './create-process-machine';
import { persistCase } from './persist-case';
import type { PersistedCase } from './persist-case';

/** One transition taken during a move; automatic ones follow the action a person took. */
export interface CaseStep {
  action: string;
  from: string;
  to: string;
  automatic: boolean;
}

/** A deadline that starts with this move: when `dueAt` passes, the system takes `action`. */
export interface StartedDeadline {
  id: string;
  /** The state whose deadline it is; leaving that state stops it. */
  state: string;
  action: string;
  /** The ISO-8601 duration from the definition, e.g. `P14D`. */
  after: string;
  /** The last day a person set for it (`YYYY-MM-DD`, from the input named by `setBy`); then it ends with that day. */
  lastDay?: string;
  /** ISO timestamp. */
  dueAt: string;
  /** When to remind the applicant (ISO timestamp; `remindBefore` ahead of `dueAt`), if the deadline asks for it and that moment is still ahead. */
  remindAt?: string;
}

/** What a move needs besides the machine's answer: its moment, the person's inputs and the authority's zone. */
export interface MoveFacts {
  now: Date;
  /** The checked inputs of the action taken; a deadline `setBy` one of them ends with that day. */
  inputs?: Readonly<Record<string, string>>;
  /** The IANA time zone whose days a set deadline ends with; default: the process's own. */
  timeZone?: string;
}

/** Everything the caller records for a move of a case: new state, history, documents, mails, timers. */
export interface CaseMove {
  snapshot: ProcessSnapshot;
  persisted: PersistedCase;
  /** The state the case rests in now. */
  to: string;
  /** Every state passed through, from the first to `to`, automatic ones included. */
  path: string[];
  steps: CaseStep[];
  /** Set when `to` is a final state. */
  outcome?: Outcome;
  final: boolean;
  /** Template ids to render: `issueDocument` effects, then the decision notice of a final state. */
  documents: string[];
  /** Messages for the applicant. */
  notifications: LocalizedText[];
  deadlines: {
    start: StartedDeadline[];
    /** Ids of the deadlines of the states left. */
    stop: string[];
  };
}

/** Reads the actions a macrostep announced into the facts the caller records. */
export function describeCaseMove(
  compiled: CompiledProcess,
  from: string,
  snapshot: ProcessSnapshot,
  actions: ExecutableActionsFrom<ProcessMachine>[],
  facts: MoveFacts,
): CaseMove {
  const steps: CaseStep[] = [];
  const documents: string[] = [];
  const notifications: LocalizedText[] = [];
  const start: StartedDeadline[] = [];
  const stop: string[] = [];
  // xstate types the params of a union of actions as one union; the action names pair them up again.
  for (const action of actions as AnnouncedAction[]) {
    switch (action.type) {
      case 'takeAction':
        steps.push({ ...action.params });
        break;
      case 'issueDocument':
        documents.push(action.params.template);
        break;
      case 'notifyApplicant':
        notifications.push(action.params.message);
        break;
      case 'startDeadline':
        start.push(startDeadline(action.params, facts));
        break;
      case 'stopDeadline': {
        // A deadline of a state passed through within this move never needs a timer.
        const started = start.findIndex((d) => d.state === action.params.state && d.id === action.params.id);
        if (started >= 0) start.splice(started, 1);
        else stop.push(action.params.id);
        break;
      }
    }
  }
  const persisted = persistCase(snapshot);
  const state = compiled.states.get(persisted.value);
  return {
    snapshot,
    persisted,
    to: persisted.value,
    path: [from, ...steps.map((step) => step.to)],
    steps,
    ...(state?.outcome !== undefined && state.kind === 'final' ? { outcome: state.outcome } : {}),
    final: persisted.status === 'done',
    documents,
    notifications,
    deadlines: { start, stop },
  };
}

function startDeadline(params: DeadlineParams, { now, inputs, timeZone }: MoveFacts): StartedDeadline {
  const { id, state, action, after } = params;
  const lastDay = params.setBy === undefined ? undefined : inputs?.[params.setBy];
  // The duration was checked when the machine was built.
  const due = lastDay !== undefined ? endOfDay(lastDay, timeZone) : (addIsoDuration(now, after) ?? now);
  const remind = params.remindBefore === undefined ? null : subtractIsoDuration(due, params.remindBefore);
  return {
    id,
    state,
    action,
    after,
    ...(lastDay !== undefined ? { lastDay } : {}),
    dueAt: due.toISOString(),
    // A reminder whose moment has already passed (a short deadline) would only arrive together with the request.
    ...(remind && remind.getTime() > now.getTime() ? { remindAt: remind.toISOString() } : {}),
  };
}
