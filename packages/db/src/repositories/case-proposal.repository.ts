import { toJsonColumn } from '../json-column';
import type { CaseProposalRow, NewCaseProposal } from '../tables/case-proposal.table';
import type { Executor } from './executor';

export type CaseProposalInput = Omit<NewCaseProposal, 'inputs'> & { inputs: Readonly<Record<string, string>> };

/** The proposal waiting on a case, with its proposer's display name. */
export type CaseProposal = CaseProposalRow & { proposer_name: string | null };

export async function findCaseProposal(db: Executor, organisationId: string, caseId: string): Promise<CaseProposal | undefined> {
  return db
    .selectFrom('case_proposals')
    .leftJoin('users', (join) => join.onRef('users.organisation_id', '=', 'case_proposals.organisation_id').onRef('users.id', '=', 'case_proposals.proposed_by'))
    .selectAll('case_proposals')
    .select('users.display_name as proposer_name')
    .where('case_proposals.organisation_id', '=', organisationId)
    .where('case_proposals.case_id', '=', caseId)
    .executeTakeFirst();
}

/**
 * The case's version and the proposal waiting on it, read in one statement, so the two belong together (undefined
 * when there is no such case). A proposal appears and goes only with a version bump; read apart from the version
 * a caller acts on, it may belong to a state of the case that a concurrent caseworker has just made.
 */
export async function findCaseProposalWithVersion(
  db: Executor,
  organisationId: string,
  caseId: string,
): Promise<{ version: number; proposal: CaseProposal | undefined } | undefined> {
  const row = await db
    .selectFrom('cases')
    .leftJoin('case_proposals', (join) => join.onRef('case_proposals.organisation_id', '=', 'cases.organisation_id').onRef('case_proposals.case_id', '=', 'cases.id'))
    .leftJoin('users', (join) => join.onRef('users.organisation_id', '=', 'case_proposals.organisation_id').onRef('users.id', '=', 'case_proposals.proposed_by'))
    .select([
      'cases.version',
      'case_proposals.action',
      'case_proposals.state',
      'case_proposals.proposed_by',
      'case_proposals.proposed_at',
      'case_proposals.inputs',
      'case_proposals.comment',
      'users.display_name as proposer_name',
    ])
    .where('cases.organisation_id', '=', organisationId)
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { version, action, state, proposed_by, proposed_at, inputs, comment, proposer_name } = row;
  if (action === null || state === null || proposed_by === null || proposed_at === null) return { version, proposal: undefined };
  return { version, proposal: { organisation_id: organisationId, case_id: caseId, action, state, proposed_by, proposed_at, inputs, comment, proposer_name } };
}

/** Records a proposal; a second one for the same case violates the primary key. */
export async function insertCaseProposal(db: Executor, proposal: CaseProposalInput): Promise<void> {
  await db
    .insertInto('case_proposals')
    .values({ ...proposal, inputs: toJsonColumn(proposal.inputs) })
    .execute();
}

/** Removes the proposal of a case (confirmed, sent back, withdrawn or void); returns it, or undefined if none waited. */
export async function deleteCaseProposal(db: Executor, organisationId: string, caseId: string): Promise<CaseProposalRow | undefined> {
  return db
    .deleteFrom('case_proposals')
    .where('organisation_id', '=', organisationId)
    .where('case_id', '=', caseId)
    .returningAll()
    .executeTakeFirst();
}
