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
