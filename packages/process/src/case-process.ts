import type { ActionInput, LocalizedText, ProcessAction } from '@amtsweg/definitions';
import { initialTransition, transition } from 'xstate';
import type { CompiledProcess } from './compile-process';
import type { ProcessEvent } from './create-process-machine';
import { describeCaseMove } from './describe-case-move';
import type { CaseMove } from './describe-case-move';
import { createContext, restoreCase } from './persist-case';
import type { CaseOptions, PersistedCase } from './persist-case';
import { describeGuardFailure, failCaseClosed, failGuard, failRoleNotAllowed, failUnknownAction } from './process-errors';
import type { CaseFailure, CaseMessage } from './process-errors';
import { validateActionInputs } from './validate-action-inputs';

/** Who acts: a user id (or `system`) and their roles: process role ids, `applicant`, `system`. */
export interface CaseActor {
  id: string;
  roles: readonly string[];
}

/** An action someone wants to take on a case. */
export interface ActionRequest extends CaseOptions {
  action: string;
  actor: CaseActor;
  inputs?: Readonly<Record<string, unknown>>;
}

/** A taken action: the move it caused plus who did what, with the checked inputs. */
export interface AppliedAction extends CaseMove {
  ok: true;
  from: string;
  actor: CaseActor;
  action: string;
  /** The declared inputs that were filled in, trimmed. */
  inputs: Record<string, string>;
}

export type ApplyActionResult = AppliedAction | CaseFailure;

/** An action as the Inbox or Portal offers it: disabled with a reason when its guard is false. */
export interface AvailableAction {
  id: string;
  label: LocalizedText;
  target: string;
  inputs: ActionInput[];
  enabled: boolean;
  /** Why it is disabled; only when `enabled` is false. */
  guardMessage?: CaseMessage;
}

export type ListActionsResult = { ok: true; state: string; actions: AvailableAction[] } | CaseFailure;

/**
 * Starts a case: enters the initial state and follows automatic states as far as they lead. Returns the
 * resting state and what to record with it (documents, notifications, deadlines started).
 *
 * @example
 * const started = startCase(compiled, submission, { now: new Date('2025-05-01T08:00:00Z') });
 * started.path // ['received', 'inReview']
 * started.persisted // { value: 'inReview', status: 'active' } — store it next to the data
 */
export function startCase(
  compiled: CompiledProcess,
  data: Readonly<Record<string, unknown>>,
  options: CaseOptions = {},
): CaseMove {
  const now = options.now ?? new Date();
  const [snapshot, actions] = initialTransition(compiled.machine, createContext(data, { ...options, now }));
  return describeCaseMove(compiled, compiled.definition.initial, snapshot, actions, now);
}

/**
 * Lists the actions of the current state that the actor's roles allow, each with `enabled` from its guard.
 * A closed case offers none; an automatic state none either (the system moves on by itself).
 *
 * @example
 * const listed = listAvailableActions(compiled, caseRow.snapshot, caseRow.data, { roles: ['dogTax'] });
 * if (listed.ok) listed.actions.map((a) => [a.id, a.enabled]) // [['requestInformation', true], ['approve', false], …]
 */
export function listAvailableActions(
  compiled: CompiledProcess,
  persisted: PersistedCase,
  data: Readonly<Record<string, unknown>>,
  actor: Pick<CaseActor, 'roles'>,
  options: CaseOptions = {},
): ListActionsResult {
  const restored = restoreCase(compiled, persisted, data, options);
  if (!restored.ok) return restored;
  const { snapshot, state } = restored;
  const actions = state.kind === 'automatic' || state.kind === 'final' ? [] : (state.actions ?? []);
  return {
    ok: true,
    state: state.id,
    actions: actions
      .filter((action) => isAllowed(action, actor))
      .map((action) => {
        const enabled = snapshot.can({ type: action.id });
        return {
          id: action.id,
          label: action.label,
          target: action.target,
          inputs: action.inputs ?? [],
          enabled,
          ...(enabled ? {} : { guardMessage: describeGuardFailure(action) }),
        };
      }),
  };
}

/**
 * Takes an action on a case: checks that the state offers it, the actor's roles allow it, its guard holds
 * and its inputs are right, then moves the case (following automatic states). Never throws for a refused
 * action: the result carries a stable code and a German and English message instead.
 *
 * @example
 * const result = applyAction(compiled, caseRow.snapshot, caseRow.data, {
 *   action: 'reject',
 *   actor: { id: 'u-17', roles: ['dogTax'] },
 *   inputs: { reason: 'Der Hund ist nicht im Gemeindegebiet gemeldet.' },
 * });
 * if (result.ok) result.documents // ['rejectionNotice']
 * else result.code // e.g. 'INPUT_MISSING'
 */
export function applyAction(
  compiled: CompiledProcess,
  persisted: PersistedCase,
  data: Readonly<Record<string, unknown>>,
  request: ActionRequest,
): ApplyActionResult {
  const now = request.now ?? new Date();
  const restored = restoreCase(compiled, persisted, data, { ...request, now });
  if (!restored.ok) return restored;
  const { snapshot, state } = restored;
  if (state.kind === 'final') return failCaseClosed(state);
  const action = state.kind === 'automatic' ? undefined : state.actions?.find((a) => a.id === request.action);
  if (action === undefined) return failUnknownAction(request.action, state);
  if (!isAllowed(action, request.actor)) return failRoleNotAllowed(action);
  if (!snapshot.can({ type: action.id })) return failGuard(action);
  const checked = validateActionInputs(action, request.inputs);
  if (!checked.ok) return checked;

  const event: ProcessEvent = { type: action.id, actor: request.actor, inputs: checked.inputs };
  const [next, actions] = transition(compiled.machine, snapshot, event);
  return {
    ok: true,
    from: state.id,
    actor: request.actor,
    action: action.id,
    inputs: checked.inputs,
    ...describeCaseMove(compiled, state.id, next, actions, now),
  };
}

function isAllowed(action: ProcessAction, actor: Pick<CaseActor, 'roles'>): boolean {
  return action.roles.some((role) => actor.roles.includes(role));
}
