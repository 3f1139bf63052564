import type { ColumnType, Insertable, Selectable } from 'kysely';

/**
 * An action proposed under the four-eyes principle, waiting for a second caseworker: at most one per case.
 * Written and removed with the case's version bump; never updated, so no Updateable type.
 */
export interface CaseProposalTable {
  organisation_id: string;
  case_id: string;
  action: string;
  /** The state it was proposed in. */
  state: string;
  proposed_by: string;
  proposed_at: ColumnType<Date, Date | undefined, never>;
  /** The proposer's checked inputs; the confirmation takes them as they are. */
  inputs: ColumnType<unknown, string, never>;
  comment: string | null;
}
export type CaseProposalRow = Selectable<CaseProposalTable>;
export type NewCaseProposal = Insertable<CaseProposalTable>;
