import type { CaseRow, Database, Organisation } from '@amtsweg/db';
import type { CaseActor } from '@amtsweg/process';
import type { Kysely } from 'kysely';
import { AppError } from '../app-error';
import type { CompiledVersion } from '../services/version-cache';
import { planCaseAction, type PlannedDocument } from './plan-case-action';
import { findProposalAtVersion } from './find-proposal-at-version';

export interface PreviewRequestBody {
  expectedVersion: number;
  comment?: string;
  inputs?: Record<string, unknown>;
}

const PROPOSAL_INPUTS_FIXED = {
  de: 'Die Aktion ist bereits mit ihren Angaben vorgeschlagen; die Vorschau zeigt den Vorschlag. Senden Sie keine Angaben mit.',
  en: 'The action has already been proposed with its inputs; the preview shows the proposal. Do not send inputs.',
};

/**
 * The documents an action would issue with the given inputs, rendered exactly as taking it would store them
 * (same checks, same answers for a failing guard, bad inputs or a stale version), with nothing written. While a
 * proposal of this action waits for its second person, the preview shows what confirming it would issue.
 */
export async function previewCaseAction(
  db: Kysely<Database>,
  organisation: Organisation,
  caseRow: CaseRow,
  version: CompiledVersion,
  actionId: string,
  actor: CaseActor,
  body: PreviewRequestBody,
  now = new Date(),
): Promise<{ documents: PlannedDocument[]; now: Date }> {
  const proposal = await findProposalAtVersion(db, organisation.id, caseRow, body.expectedVersion);
  const request = { actionId, expectedVersion: body.expectedVersion };
  if (proposal && proposal.action === actionId && proposal.state === caseRow.state) {
    if (body.inputs !== undefined && Object.keys(body.inputs).length > 0) {
      throw new AppError('REQUEST_INVALID', PROPOSAL_INPUTS_FIXED, { errors: [{ path: '/body/inputs', code: 'proposalPending', message: PROPOSAL_INPUTS_FIXED }] });
    }
    const plan = planCaseAction(organisation, caseRow, version, actor, { ...request, inputs: proposal.inputs as Record<string, string>, proposal: undefined }, now);
    return { documents: plan.documents, now };
  }
  const plan = planCaseAction(organisation, caseRow, version, actor, { ...request, inputs: body.inputs ?? {}, proposal }, now);
  return { documents: plan.documents, now };
}
