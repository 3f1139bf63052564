import { APPLICANT_ROLE, SYSTEM_ROLE } from '@amtsweg/definitions';
import type { ActionInput, LocalizedText, ProcessAction, ProcessState } from '@amtsweg/definitions';
import { initialTransition, transition } from 'xstate';
import type { CompiledProcess } from './compile-process';
import type { ProcessEvent } from './create-process-machine';
import { describeCaseMove } from './describe-case-move';
import type { CaseMove } from './describe-case-move';
import { createContext, restoreCase } from './persist-case';
import type { CaseOptions, PersistedCase } from './persist-case';
import {
  describeGuardFailure,
  failCaseClosed,
  failGuard,
  failNoProposal,
  failNotProposer,
  failOwnProposal,
  failProposalPending,
  failRoleNotAllowed,
  failUnknownAction,
} from './process-errors';
import type { CaseFailure, CaseMessage } from './process-errors';
import { deadlineDays, listDeadlineInputs, settleDeadlineInputs } from './deadline-inputs';
import type { DeadlineDays } from './deadline-inputs';
import { validateActionInputs } from './validate-action-inputs';

/** Who acts: a user id (or `system`) and their roles: process role ids, `applicant`, `system`. */
export interface CaseActor {
  id: string;
  roles: readonly string[];
}

/**
 * An action proposed under the four-eyes principle (`fourEyes: true`), waiting for a second person. While it
 * waits, staff can take no other action on the case; the applicant and the system still can (their move makes
 * the proposal void).
 */
export interface PendingProposal {
  /** The proposed action's id. */
  action: string;
  /** The state it was proposed in. */
  state: string;
  /** Who proposed it (a user id); they cannot confirm it themselves. */
  proposedBy: string;
  /** The proposer's checked inputs; the confirmation takes them as they are. */
  inputs: Readonly<Record<string, string>>;
}

/** An action someone wants to take on a case. */
export interface ActionRequest extends CaseOptions {
  action: string;
  actor: CaseActor;
  inputs?: Readonly<Record<string, unknown>>;
  /** The proposal waiting on the case, if any. */
  proposal?: PendingProposal | null;
}

/** A taken action: the move it caused plus who did what, with the checked inputs. */
export interface AppliedAction extends CaseMove {
  ok: true;
  from: string;
  actor: CaseActor;
  action: string;
  /** The declared inputs that were filled in, trimmed. */
  inputs: Record<string, string>;
  /**
   * The action is under the four-eyes principle and this was not its confirmation: record a proposal
   * (`inputs`, `actor`) and leave the case where it is. The move is what confirming would do.
   */
  requiresConfirmation: boolean;
}

export type ApplyActionResult = AppliedAction | CaseFailure;

/** What a person may do with the proposal waiting on a case. */
export type ProposalAnswer = 'confirm' | 'reject' | 'withdraw';

/** Confirming, sending back or withdrawing the proposal waiting on a case. */
export interface ProposalRequest extends CaseOptions {
  action: string;
  actor: CaseActor;
  proposal: PendingProposal | null | undefined;
}

/** An input as offered: a date that sets a deadline also says which days may be chosen and which is offered. */
export type OfferedInput = ActionInput & { deadline?: DeadlineDays };

/** An action as the Inbox or Portal offers it: disabled with a reason when its guard is false. */
export interface AvailableAction {
  id: string;
  label: LocalizedText;
  target: string;
  inputs: OfferedInput[];
  enabled: boolean;
  /** Why it is disabled; only when `enabled` is false. */
  guardMessage?: CaseMessage;
  /** Taking it only proposes it; a second person confirms. */
  fourEyes: boolean;
}

/** The proposal waiting on a case as one person sees it: what they may do with it now. */
export interface ProposalChoices {
  action: AvailableAction;
  /** `confirm` and `reject` for others holding a role of the action (`confirm` only while its guard holds), `withdraw` for the proposer. */
  answers: ProposalAnswer[];
}

export type ListActionsResult =
  | { ok: true; state: string; actions: AvailableAction[]; proposal?: ProposalChoices }
  | CaseFailure;

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
  return describeCaseMove(compiled, compiled.definition.initial, snapshot, actions, { now, ...timeZoneOf(options) });
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
  actor: Pick<CaseActor, 'roles'> & Partial<Pick<CaseActor, 'id'>>,
  options: CaseOptions & { proposal?: PendingProposal | null } = {},
): ListActionsResult {
  const restored = restoreCase(compiled, persisted, data, options);
  if (!restored.ok) return restored;
  const { snapshot, state } = restored;
  const actions = state.kind === 'automatic' || state.kind === 'final' ? [] : (state.actions ?? []);
  const proposed = options.proposal?.state === state.id ? actions.find((a) => a.id === options.proposal?.action) : undefined;
  // While a proposal waits, staff see every action but can take none of them.
  const blocked = proposed !== undefined && !actsForApplicantOrSystem(actor) ? failProposalPending(proposed).message : undefined;
  const describe = (action: ProcessAction): AvailableAction => {
    const enabled = snapshot.can({ type: action.id });
    const deadlines = listDeadlineInputs(compiled, action);
    return {
      id: action.id,
      label: action.label,
      target: action.target,
      inputs: (action.inputs ?? []).map((input) => {
        const set = deadlines.find((d) => d.input === input);
        return set === undefined ? input : { ...input, deadline: deadlineDays(set.deadline, snapshot.context.today) };
      }),
      enabled: enabled && blocked === undefined,
      ...(blocked !== undefined ? { guardMessage: blocked } : enabled ? {} : { guardMessage: describeGuardFailure(action) }),
      fourEyes: action.fourEyes === true,
    };
  };
  const listed = { ok: true as const, state: state.id, actions: actions.filter((action) => isAllowed(action, actor)).map(describe) };
  if (proposed === undefined || options.proposal === null || options.proposal === undefined) return listed;
  const own = actor.id !== undefined && actor.id === options.proposal.proposedBy;
  const answers: ProposalAnswer[] = own
    ? ['withdraw']
    : isAllowed(proposed, actor)
      ? [...(snapshot.can({ type: proposed.id }) ? (['confirm'] as const) : []), 'reject']
      : [];
  return { ...listed, proposal: { action: { ...describe(proposed), enabled: answers.includes('confirm') }, answers } };
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
  return decideAction(compiled, persisted, data, request, undefined);
}

/**
 * Confirms the proposal waiting on a case (four-eyes principle): a second person holding a role of the action
 * takes it with the proposer's inputs. Refused for the proposer (`OWN_PROPOSAL`) and when no proposal of this
 * action waits (`NO_PROPOSAL`); the guard is checked again.
 *
 * @example
 * const result = confirmProposal(compiled, caseRow.snapshot, caseRow.data, {
 *   action: 'reject',
 *   actor: { id: 'u-23', roles: ['teamLead'] },
 *   proposal: { action: 'reject', state: 'inReview', proposedBy: 'u-17', inputs: { reason: 'Zu spät.' } },
 * });
 * if (result.ok) result.to // 'rejected'
 */
export function confirmProposal(
  compiled: CompiledProcess,
  persisted: PersistedCase,
  data: Readonly<Record<string, unknown>>,
  request: ProposalRequest,
): ApplyActionResult {
  return decideAction(compiled, persisted, data, { ...request, inputs: request.proposal?.inputs ?? {} }, request.proposal ?? null);
}

/**
 * Checks that the actor may send the waiting proposal back (`reject`: someone else holding a role of the
 * action) or withdraw it (`withdraw`: its proposer). Returns the proposed action.
 */
export function checkProposalAnswer(
  compiled: CompiledProcess,
  persisted: PersistedCase,
  data: Readonly<Record<string, unknown>>,
  request: ProposalRequest & { answer: Exclude<ProposalAnswer, 'confirm'> },
): { ok: true; action: ProcessAction } | CaseFailure {
  const restored = restoreCase(compiled, persisted, data, request);
  if (!restored.ok) return restored;
  const found = findProposedAction(restored.state, request.action, request.proposal);
  if (!found.ok) return found;
  const { action, proposal } = found;
  const own = proposal.proposedBy === request.actor.id;
  if (request.answer === 'withdraw') return own ? { ok: true, action } : failNotProposer(action);
  if (own) return failOwnProposal(action, 'reject');
  if (!isAllowed(action, request.actor)) return failRoleNotAllowed(action);
  return { ok: true, action };
}

/** The common path of taking an action and of confirming a proposal of it (`confirming`). */
function decideAction(
  compiled: CompiledProcess,
  persisted: PersistedCase,
  data: Readonly<Record<string, unknown>>,
  request: ActionRequest,
  confirming: PendingProposal | null | undefined,
): ApplyActionResult {
  const now = request.now ?? new Date();
  const restored = restoreCase(compiled, persisted, data, { ...request, now });
  if (!restored.ok) return restored;
  const { snapshot, state } = restored;
  if (state.kind === 'final') return failCaseClosed(state);
  if (confirming !== undefined) {
    const found = findProposedAction(state, request.action, confirming);
    if (!found.ok) return found;
    if (found.proposal.proposedBy === request.actor.id) return failOwnProposal(found.action, 'confirm');
  }
  const action = state.kind === 'automatic' ? undefined : state.actions?.find((a) => a.id === request.action);
  if (action === undefined) return failUnknownAction(request.action, state);
  if (!isAllowed(action, request.actor)) return failRoleNotAllowed(action);
  const pending = request.proposal;
  if (confirming === undefined && pending != null && pending.state === state.id && !actsForApplicantOrSystem(request.actor)) {
    return failProposalPending(state.actions?.find((a) => a.id === pending.action) ?? { id: pending.action });
  }
  if (!snapshot.can({ type: action.id })) return failGuard(action);
  const checked = validateActionInputs(action, request.inputs);
  if (!checked.ok) return checked;
  const settled = settleDeadlineInputs(compiled, action, checked.inputs, snapshot.context.today);
  if (!settled.ok) return settled;
  const { inputs } = settled;

  const event: ProcessEvent = { type: action.id, actor: request.actor, inputs };
  const [next, actions] = transition(compiled.machine, snapshot, event);
  return {
    ok: true,
    from: state.id,
    actor: request.actor,
    action: action.id,
    inputs,
    requiresConfirmation: action.fourEyes === true && confirming === undefined,
    ...describeCaseMove(compiled, state.id, next, actions, { now, inputs, ...timeZoneOf(request) }),
  };
}

/** The waiting proposal of `actionId` in the case's current state, with its action. */
function findProposedAction(
  state: ProcessState,
  actionId: string,
  proposal: PendingProposal | null | undefined,
): { ok: true; action: ProcessAction; proposal: PendingProposal } | CaseFailure {
  const action = state.kind === 'automatic' || state.kind === 'final' ? undefined : state.actions?.find((a) => a.id === actionId);
  if (!proposal || proposal.action !== actionId || proposal.state !== state.id || action === undefined) return failNoProposal(actionId, action);
  return { ok: true, action, proposal };
}

function isAllowed(action: ProcessAction, actor: Pick<CaseActor, 'roles'>): boolean {
  return action.roles.some((role) => actor.roles.includes(role));
}

function timeZoneOf(options: CaseOptions): { timeZone?: string } {
  return options.timeZone === undefined ? {} : { timeZone: options.timeZone };
}

/** The applicant and the system are never held up by a proposal; it only waits for staff. */
function actsForApplicantOrSystem(actor: Pick<CaseActor, 'roles'>): boolean {
  return actor.roles.includes(APPLICANT_ROLE) || actor.roles.includes(SYSTEM_ROLE);
}
