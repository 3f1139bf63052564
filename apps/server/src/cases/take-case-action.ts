import { randomUUID } from 'node:crypto';
import {
  appendCaseEvent,
  attachPendingFiles,
  CASE_EVENT_JOB,
  enqueueJobs,
  applyDeadlineChanges,
  deleteCaseProposal,
  insertCaseProposal,
  insertDocument,
  toJsonColumn,
  updateCaseIfVersion,
  type CaseProposal,
  type CaseRow,
  type Database,
  type Organisation,
} from '@amtsweg/db';
import type { Kysely } from 'kysely';
import { AppError } from '../app-error';
import { loadDocumentSender } from '../documents/document-sender';
import { renderDocumentPdf } from '../documents/render-document-pdf';
import type { CompiledVersion } from '../services/version-cache';
import { eventActorColumns, SYSTEM_ACTOR, type RecordedActor } from './case-actor';
import type { CaseMovedEvent } from './case-event';
import { CASE_CONFLICT_MESSAGE, planCaseAction, type CaseActionPlan, type PlannedDocument } from './plan-case-action';
import { findProposalAtVersion } from './find-proposal-at-version';

export interface ActionRequestBody {
  expectedVersion: number;
  comment?: string;
  inputs?: Record<string, unknown>;
  /** Ids of reply attachments waiting for this case; all are attached with the action, or nothing happens. */
  attachments?: readonly string[];
}

const ATTACHMENT_UNKNOWN = {
  de: 'Eine Anlage liegt uns nicht (mehr) vor. Bitte laden Sie sie erneut hoch.',
  en: 'We do not have an attachment (any more). Please upload it again.',
};

/**
 * Takes an action on a case: the process engine decides whether it is allowed; the case, its history, the
 * documents it issues (with their PDFs), its deadlines and the notifications to send are written in ONE
 * transaction, and only if the case is still at `expectedVersion` (otherwise 409, and nothing is written).
 * An action under the four-eyes principle is only proposed: the case stays where it is, its version goes up,
 * and the proposal waits for a second person (`confirmCaseProposal`).
 */
export async function takeCaseAction(
  db: Kysely<Database>,
  organisation: Organisation,
  caseRow: CaseRow,
  version: CompiledVersion,
  actionId: string,
  actor: RecordedActor,
  body: ActionRequestBody,
  now = new Date(),
): Promise<CaseRow> {
  const proposal = await findProposalAtVersion(db, organisation.id, caseRow, body.expectedVersion);
  const plan = planCaseAction(organisation, caseRow, version, actor, { actionId, expectedVersion: body.expectedVersion, inputs: body.inputs ?? {}, proposal }, now);
  if (plan.result.requiresConfirmation) return recordProposal(db, organisation, caseRow, plan, body);
  // Only the applicant or the system can move a case past a waiting proposal; it is void then.
  return commitCaseMove(db, organisation, caseRow, plan, { ...body, proposal, proposalEnds: 'voided' });
}

/** What a move writes besides the plan: the caller's version and remark, reply attachments, and the proposal it ends. */
export interface MoveOptions extends Pick<ActionRequestBody, 'expectedVersion' | 'comment' | 'attachments'> {
  /** The proposal that waited on the case: confirmed by this move, or made void by it. */
  proposal?: CaseProposal | undefined;
  proposalEnds?: 'confirmed' | 'voided';
}

/**
 * Writes a decided move: the PDFs of its documents are rendered first (tens of milliseconds of CPU each, kept
 * out of the transaction), then the case, history, documents with their PDFs, outbox and deadlines are written
 * in one transaction guarded by the case's version. A proposal that waited on the case is removed with it.
 */
export async function commitCaseMove(
  db: Kysely<Database>,
  organisation: Organisation,
  caseRow: CaseRow,
  plan: CaseActionPlan,
  options: MoveOptions,
): Promise<CaseRow> {
  const { result, now } = plan;
  const documents: (PlannedDocument & { pdf: Buffer })[] = [];
  for (const document of plan.documents) {
    const pdf = await renderDocumentPdf(
      { title: document.title, createdAt: now, content: document.content },
      { reference: caseRow.reference, ...(await loadDocumentSender(db, organisation)) },
    );
    documents.push({ ...document, pdf });
  }

  return db.transaction().execute(async (trx) => {
    const updated = await updateCaseIfVersion(trx, organisation.id, caseRow.id, options.expectedVersion, {
      state: result.to,
      status: result.final ? 'done' : 'active',
      outcome: result.outcome ?? null,
      snapshot: toJsonColumn(result.persisted),
      closed_at: result.final ? now : null,
    });
    if (!updated) throw new AppError('CASE_CONFLICT', CASE_CONFLICT_MESSAGE);
    const attachments = options.attachments ?? [];
    const attached = await attachPendingFiles(trx, organisation.id, caseRow.id, attachments);
    if (attached.length !== attachments.length) {
      const missing = attachments.findIndex((id) => !attached.some((file) => file.id === id));
      throw new AppError('REQUEST_INVALID', ATTACHMENT_UNKNOWN, { errors: [{ path: `/body/files/${missing}`, code: 'fileUnknown', message: ATTACHMENT_UNKNOWN }] });
    }
    const files = attached.map((file) => ({ id: file.id, name: file.name, mediaType: file.media_type, size: file.size }));

    const proposal = options.proposal;
    if (proposal) {
      await deleteCaseProposal(trx, organisation.id, caseRow.id);
      if (options.proposalEnds !== 'confirmed') await appendProposalEvent(trx, organisation.id, caseRow.id, 'proposalVoided', plan.actor, proposal, { at: now });
    }
    const confirmed =
      proposal && options.proposalEnds === 'confirmed'
        ? { proposal: { proposedBy: proposal.proposed_by, proposedAt: proposal.proposed_at.toISOString(), comment: proposal.comment } }
        : {};
    for (const [index, step] of result.steps.entries()) {
      const byActor = index === 0;
      await appendCaseEvent(trx, {
        id: randomUUID(),
        organisation_id: organisation.id,
        case_id: caseRow.id,
        at: now,
        kind: 'action',
        // Later steps (automatic moves the action led to) are Amtsweg's own.
        ...(byActor ? eventActorColumns(plan.actor) : { actor_id: 'system', actor_role: 'system', api_token_id: null }),
        action: step.action,
        from_state: step.from,
        to_state: step.to,
        comment: byActor ? (options.comment?.trim() || null) : null,
        details: byActor ? { inputs: result.inputs, ...(files.length > 0 ? { files } : {}), ...confirmed } : {},
      });
    }
    for (const document of documents) {
      await insertDocument(trx, {
        id: randomUUID(),
        organisation_id: organisation.id,
        case_id: caseRow.id,
        template_id: document.template.id,
        kind: document.template.kind,
        title: document.title,
        content: document.content,
        created_at: now,
        pdf: document.pdf,
      });
    }
    // What happened, for the background work (the applicant's e-mail, webhooks): committed with the move or not at all.
    const event: CaseMovedEvent = {
      event: 'case.moved',
      caseId: caseRow.id,
      serviceId: caseRow.service_id,
      action: result.action,
      actor: result.actor.id === SYSTEM_ACTOR.id ? 'system' : result.actor.roles.includes('applicant') ? 'applicant' : 'staff',
      from: caseRow.state,
      to: result.to,
      final: result.final,
      outcome: result.outcome ?? null,
      notifications: result.notifications,
      deadlines: result.deadlines.start.map((d) => d.dueAt),
      at: now.toISOString(),
    };
    await enqueueJobs(trx, [{ id: randomUUID(), organisation_id: organisation.id, kind: CASE_EVENT_JOB, payload: event }]);
    const dueAt = await applyDeadlineChanges(trx, organisation.id, caseRow.id, result.deadlines);
    return trx
      .updateTable('cases')
      .set({ due_at: dueAt })
      .where('id', '=', caseRow.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Four-eyes principle: records the decided action as a proposal; the case keeps its state, its version goes up. */
async function recordProposal(db: Kysely<Database>, organisation: Organisation, caseRow: CaseRow, plan: CaseActionPlan, body: ActionRequestBody): Promise<CaseRow> {
  const { result, now } = plan;
  const comment = body.comment?.trim() || null;
  return db.transaction().execute(async (trx) => {
    const updated = await updateCaseIfVersion(trx, organisation.id, caseRow.id, body.expectedVersion, {});
    if (!updated) throw new AppError('CASE_CONFLICT', CASE_CONFLICT_MESSAGE);
    await insertCaseProposal(trx, {
      organisation_id: organisation.id,
      case_id: caseRow.id,
      action: result.action,
      state: result.from,
      proposed_by: result.actor.id,
      proposed_at: now,
      inputs: result.inputs,
      comment,
    });
    await appendCaseEvent(trx, {
      id: randomUUID(),
      organisation_id: organisation.id,
      case_id: caseRow.id,
      at: now,
      kind: 'proposal',
      ...eventActorColumns(plan.actor),
      action: result.action,
      from_state: result.from,
      comment,
      details: { inputs: result.inputs, target: result.to },
      internal: true,
    });
    return updated;
  });
}

/** A history entry about a proposal (sent back, withdrawn, void); internal, never shown to the applicant. */
export async function appendProposalEvent(
  db: Parameters<typeof appendCaseEvent>[0],
  organisationId: string,
  caseId: string,
  kind: 'proposalRejected' | 'proposalWithdrawn' | 'proposalVoided',
  actor: RecordedActor,
  proposal: CaseProposal,
  options: { at: Date; comment?: string | null },
): Promise<void> {
  await appendCaseEvent(db, {
    id: randomUUID(),
    organisation_id: organisationId,
    case_id: caseId,
    at: options.at,
    kind,
    ...eventActorColumns(actor),
    action: proposal.action,
    from_state: proposal.state,
    comment: options.comment ?? null,
    details: { inputs: proposal.inputs as Record<string, string>, proposal: { proposedBy: proposal.proposed_by, proposedAt: proposal.proposed_at.toISOString() } },
    internal: true,
  });
}
