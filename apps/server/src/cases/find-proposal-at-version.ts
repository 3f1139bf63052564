import { findCaseProposalWithVersion, type CaseProposal, type CaseRow, type Database } from '@amtsweg/db';
import type { Kysely } from 'kysely';
import { AppError } from '../app-error';
import { assertCaseVersion, CASE_CONFLICT_MESSAGE } from './plan-case-action';

/**
 * The proposal waiting on the case as the caller saw it, at `expectedVersion`; 409 if the case has changed since.
 * The case row was read before; a proposal read on its own after it could already belong to the next state (a
 * concurrent caseworker confirmed or proposed meanwhile), and the caller would be told "no proposal" or "a
 * proposal is pending" (422) instead of the 409 every stale actor gets. So the proposal is read with the version.
 */
export async function findProposalAtVersion(
  db: Kysely<Database>,
  organisationId: string,
  caseRow: CaseRow,
  expectedVersion: number,
): Promise<CaseProposal | undefined> {
  assertCaseVersion(caseRow, expectedVersion);
  const current = await findCaseProposalWithVersion(db, organisationId, caseRow.id);
  if (current?.version !== expectedVersion) throw new AppError('CASE_CONFLICT', CASE_CONFLICT_MESSAGE, { currentVersion: current?.version ?? caseRow.version });
  return current.proposal;
}
