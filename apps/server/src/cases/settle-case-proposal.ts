import { deleteCaseProposal, updateCaseIfVersion, type CaseRow, type Database, type Organisation } from '@amtsweg/db';
import { checkProposalAnswer, type PersistedCase } from '@amtsweg/process';
import type { Kysely } from 'kysely';
import { AppError } from '../app-error';
import type { CompiledVersion } from '../services/version-cache';
import { assertSecondPairOfEyes, type RecordedActor } from './case-actor';
import { CASE_CONFLICT_MESSAGE, caseGuardOptions, planCaseAction, toActionRefusal, toPendingProposal } from './plan-case-action';
import { appendProposalEvent, commitCaseMove } from './take-case-action';
import { findProposalAtVersion } from './find-proposal-at-version';

export interface ProposalAnswerBody {
  expectedVersion: number;
  comment?: string;
}

/**
 * Four-eyes principle, second person: takes the proposed action with the proposer's inputs — the case moves,
 * its documents are issued, and the history names both people (the action's entry carries the proposal). The
 * proposer gets 403, and so does an API token (a second pair of eyes is a person in a session); a case changed
 * since `expectedVersion` 409; no proposal of this action 422.
 */
export async function confirmCaseProposal(
  db: Kysely<Database>,
  organisation: Organisation,
  caseRow: CaseRow,
  version: CompiledVersion,
  actionId: string,
  actor: RecordedActor,
  body: ProposalAnswerBody,
  now = new Date(),
): Promise<CaseRow> {
  assertSecondPairOfEyes(actor);
  const proposal = await findProposalAtVersion(db, organisation.id, caseRow, body.expectedVersion);
  const plan = planCaseAction(organisation, caseRow, version, actor, { actionId, expectedVersion: body.expectedVersion, proposal, confirm: true }, now);
  return commitCaseMove(db, organisation, caseRow, plan, { expectedVersion: body.expectedVersion, ...(body.comment ? { comment: body.comment } : {}), proposal, proposalEnds: 'confirmed' });
}

/**
 * Ends the proposal waiting on a case without taking it: `reject` — a second person sends it back (with the
 * reason in `comment`; never through an API token); `withdraw` — the proposer takes it back (also through
 * their own token). The case stays where it is; its version goes up.
 */
export async function answerCaseProposal(
  db: Kysely<Database>,
  organisation: Organisation,
  caseRow: CaseRow,
  version: CompiledVersion,
  actionId: string,
  actor: RecordedActor,
  answer: 'reject' | 'withdraw',
  body: ProposalAnswerBody,
  now = new Date(),
): Promise<CaseRow> {
  if (answer === 'reject') assertSecondPairOfEyes(actor);
  const proposal = await findProposalAtVersion(db, organisation.id, caseRow, body.expectedVersion);
  const checked = checkProposalAnswer(version.process, caseRow.snapshot as PersistedCase, caseRow.data as Record<string, unknown>, {
    action: actionId,
    actor,
    proposal: toPendingProposal(proposal),
    answer,
    ...caseGuardOptions(caseRow, now),
  });
  if (!checked.ok) throw toActionRefusal(checked);
  return db.transaction().execute(async (trx) => {
    const updated = await updateCaseIfVersion(trx, organisation.id, caseRow.id, body.expectedVersion, {});
    const removed = updated && (await deleteCaseProposal(trx, organisation.id, caseRow.id));
    if (!updated || !removed || !proposal) throw new AppError('CASE_CONFLICT', CASE_CONFLICT_MESSAGE);
    const kind = answer === 'reject' ? 'proposalRejected' : 'proposalWithdrawn';
    await appendProposalEvent(trx, organisation.id, caseRow.id, kind, actor, proposal, { at: now, comment: body.comment?.trim() || null });
    return updated;
  });
}
