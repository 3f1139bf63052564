import type { CaseProposal, CaseRow, Organisation } from '@amtsweg/db';
import { escapeJsonPointer, type DocumentTemplate } from '@amtsweg/definitions';
import {
  applyAction,
  confirmProposal,
  type AppliedAction,
  type CaseFailure,
  type PendingProposal,
  type PersistedCase,
} from '@amtsweg/process';
import { AppError, type AppErrorCode } from '../app-error';
import type { CompiledVersion } from '../services/version-cache';
import type { RecordedActor } from './case-actor';
import { OFFICE_TIME_ZONE, toOfficeDate } from './office-date';
import { renderDocument, type RenderedDocument } from './render-document';

export const CASE_CONFLICT_MESSAGE = {
  de: 'Dieser Vorgang wurde inzwischen geändert. Bitte laden Sie ihn neu; Ihre Eingaben bleiben erhalten.',
  en: 'This case was changed in the meantime. Please reload it; what you typed is kept.',
};

/** A document an action issues, rendered for the case but not stored: what a preview shows and taking the action stores. */
export interface PlannedDocument {
  template: DocumentTemplate;
  title: string;
  content: RenderedDocument;
}

/** What an action does to a case, decided and rendered, with nothing written yet. */
export interface CaseActionPlan {
  result: AppliedAction;
  documents: PlannedDocument[];
  /** The moment of the action: the date of its documents and its history entries. */
  now: Date;
  /** Who acts, as the history records them (with the API token the request came through). */
  actor: RecordedActor;
}

export interface PlanRequest {
  actionId: string;
  expectedVersion: number;
  inputs?: Readonly<Record<string, unknown>>;
  /** The proposal waiting on the case (four-eyes principle), if any. */
  proposal: CaseProposal | undefined;
  /** Confirm the waiting proposal (with its inputs) instead of taking the action anew. */
  confirm?: boolean;
}

/**
 * The pure part of acting on a case, shared by taking an action, confirming a proposal and previewing: checks
 * the version (409 when stale), lets the process engine decide (refusals become the same 403/404/422 answers
 * everywhere) and renders the documents the move issues — `issueDocument` effects, then the decision notice
 * of a final state — exactly as they would be stored. Writes nothing.
 *
 * @example
 * const plan = planCaseAction(organisation, caseRow, version, actor, { actionId: 'reject', expectedVersion: 3, inputs, proposal: undefined });
 * plan.documents.map((d) => d.template.id) // ['rejectionNotice']
 * plan.result.requiresConfirmation // true: taking it records a proposal
 */
export function planCaseAction(
  organisation: Pick<Organisation, 'name' | 'address'>,
  caseRow: CaseRow,
  version: CompiledVersion,
  actor: RecordedActor,
  request: PlanRequest,
  now = new Date(),
): CaseActionPlan {
  assertCaseVersion(caseRow, request.expectedVersion);
  const data = caseRow.data as Record<string, unknown>;
  const snapshot = caseRow.snapshot as PersistedCase;
  const proposal = toPendingProposal(request.proposal);
  const options = caseGuardOptions(caseRow, now);
  const result = request.confirm
    ? confirmProposal(version.process, snapshot, data, { action: request.actionId, actor, proposal, ...options })
    : applyAction(version.process, snapshot, data, { action: request.actionId, actor, inputs: request.inputs ?? {}, proposal, ...options });
  if (!result.ok) throw toActionRefusal(result);

  const facts = {
    reference: caseRow.reference,
    receivedAt: caseRow.received_at,
    date: now,
    outcome: result.outcome ?? null,
    organisationName: organisation.name,
    organisationAddress: organisation.address,
    action: { inputs: result.inputs, declared: declaredInputs(version, result) },
  };
  const documents = result.documents.flatMap((templateId) => {
    const template = version.definition.documents.find((t) => t.id === templateId);
    if (!template) return [];
    const content = renderDocument(version, template, data, facts);
    return [{ template, title: content.parts.title ?? template.title.de, content }];
  });
  return { result, documents, now, actor };
}

/** The inputs the taken action declares (to format its dates in letters). */
function declaredInputs(version: CompiledVersion, result: AppliedAction) {
  const state = version.process.states.get(result.from);
  return state?.actions?.find((action) => action.id === result.action)?.inputs ?? [];
}

/** 409 unless the caller acts on the version of the case they saw. */
export function assertCaseVersion(caseRow: Pick<CaseRow, 'version'>, expectedVersion: number): void {
  if (caseRow.version !== expectedVersion) {
    throw new AppError('CASE_CONFLICT', CASE_CONFLICT_MESSAGE, { currentVersion: caseRow.version });
  }
}

/** The stored proposal as the process engine sees it. */
export function toPendingProposal(row: CaseProposal | undefined): PendingProposal | null {
  if (!row) return null;
  return { action: row.action, state: row.state, proposedBy: row.proposed_by, inputs: row.inputs as Record<string, string> };
}

const REFUSAL_STATUS: Partial<Record<CaseFailure['code'], AppErrorCode>> = {
  ROLE_NOT_ALLOWED: 'FORBIDDEN',
  OWN_PROPOSAL: 'FORBIDDEN',
  NOT_PROPOSER: 'FORBIDDEN',
  UNKNOWN_ACTION: 'NOT_FOUND',
};

/**
 * The answer to a refused action: its stable reason and message; an input problem also names the field as a
 * JSON pointer into the request (`/body/inputs/reason`), so the Inbox can mark it.
 */
export function toActionRefusal(failure: CaseFailure): AppError {
  const input = failure.details?.input;
  const pointer = typeof input === 'string' ? `/body/inputs/${escapeJsonPointer(input)}` : '/body/inputs';
  const inputProblem = failure.code === 'INPUT_MISSING' || failure.code === 'INPUT_INVALID';
  const problem = failure.details?.problem;
  return new AppError(REFUSAL_STATUS[failure.code] ?? 'ACTION_REFUSED', failure.message, {
    reason: failure.code,
    ...(inputProblem
      ? { errors: [{ path: pointer, code: failure.code === 'INPUT_MISSING' ? 'required' : typeof problem === 'string' ? problem : 'invalid', message: failure.message }] }
      : {}),
  });
}

/**
 * What guards of a case are evaluated with — the same when actions are listed and when one is taken:
 * the moment, its German calendar day as `today`, and the case facts guards may read (`$case.receivedAt`).
 */
export function caseGuardOptions(caseRow: { reference: string; received_at: Date }, now = new Date()) {
  return {
    now,
    today: toOfficeDate(now),
    timeZone: OFFICE_TIME_ZONE,
    facts: { case: { reference: caseRow.reference, receivedAt: toOfficeDate(caseRow.received_at) } },
  };
}
