import { randomUUID } from 'node:crypto';
import {
  appendCaseEvent,
  attachPendingFiles,
  applyDeadlineChanges,
  insertDocument,
  toJsonColumn,
  updateCaseIfVersion,
  type CaseRow,
  type Database,
  type Organisation,
} from '@amtsweg/db';
import { applyAction, type CaseActor, type PersistedCase } from '@amtsweg/process';
import type { Kysely } from 'kysely';
import { AppError } from '../app-error';
import type { CompiledVersion } from '../services/version-cache';
import { toOfficeDate } from './office-date';
import { renderDocument } from './render-document';
import { recordedRole } from './case-actor';

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

export const CASE_CONFLICT_MESSAGE = {
  de: 'Dieser Vorgang wurde inzwischen geändert. Bitte laden Sie ihn neu; Ihre Eingaben bleiben erhalten.',
  en: 'This case was changed in the meantime. Please reload it; what you typed is kept.',
};

/**
 * Takes an action on a case: the process engine decides whether it is allowed; the case, its history, the
 * documents it issues, its deadlines and the notifications to send are written in ONE transaction, and only
 * if the case is still at `expectedVersion` (otherwise 409, and nothing is written).
 */
export async function takeCaseAction(
  db: Kysely<Database>,
  organisation: Organisation,
  caseRow: CaseRow,
  version: CompiledVersion,
  actionId: string,
  actor: CaseActor,
  body: ActionRequestBody,
  now = new Date(),
): Promise<CaseRow> {
  if (caseRow.version !== body.expectedVersion) {
    throw new AppError('CASE_CONFLICT', CASE_CONFLICT_MESSAGE, { currentVersion: caseRow.version });
  }
  const data = caseRow.data as Record<string, unknown>;
  const result = applyAction(version.process, caseRow.snapshot as PersistedCase, data, {
    action: actionId,
    actor,
    inputs: body.inputs ?? {},
    ...caseGuardOptions(caseRow, now),
  });
  if (!result.ok) {
    const code = result.code === 'ROLE_NOT_ALLOWED' ? 'FORBIDDEN' : result.code === 'UNKNOWN_ACTION' ? 'NOT_FOUND' : 'ACTION_REFUSED';
    throw new AppError(code, result.message, { reason: result.code });
  }

  return db.transaction().execute(async (trx) => {
    const updated = await updateCaseIfVersion(trx, organisation.id, caseRow.id, body.expectedVersion, {
      state: result.to,
      status: result.final ? 'done' : 'active',
      outcome: result.outcome ?? null,
      snapshot: toJsonColumn(result.persisted),
      closed_at: result.final ? now : null,
    });
    if (!updated) throw new AppError('CASE_CONFLICT', CASE_CONFLICT_MESSAGE);
    const attached = await attachPendingFiles(trx, organisation.id, caseRow.id, body.attachments ?? []);
    if (attached.length !== (body.attachments ?? []).length) {
      const missing = (body.attachments ?? []).findIndex((id) => !attached.some((file) => file.id === id));
      throw new AppError('REQUEST_INVALID', ATTACHMENT_UNKNOWN, { errors: [{ path: `/body/files/${missing}`, code: 'fileUnknown', message: ATTACHMENT_UNKNOWN }] });
    }
    const files = attached.map((file) => ({ id: file.id, name: file.name, mediaType: file.media_type, size: file.size }));

    for (const [index, step] of result.steps.entries()) {
      const byActor = index === 0;
      await appendCaseEvent(trx, {
        id: randomUUID(),
        organisation_id: organisation.id,
        case_id: caseRow.id,
        at: now,
        kind: 'action',
        actor_id: byActor ? actor.id : 'system',
        actor_role: byActor ? recordedRole(actor) : 'system',
        action: step.action,
        from_state: step.from,
        to_state: step.to,
        comment: byActor ? (body.comment?.trim() || null) : null,
        details: byActor ? { inputs: result.inputs, ...(files.length > 0 ? { files } : {}) } : {},
      });
    }
    const facts = {
      reference: caseRow.reference,
      receivedAt: caseRow.received_at,
      date: now,
      outcome: result.outcome ?? null,
      organisationName: organisation.name,
      organisationAddress: organisation.address,
      actionInputs: result.inputs,
    };
    for (const templateId of result.documents) {
      const template = version.definition.documents.find((t) => t.id === templateId);
      if (!template) continue;
      const rendered = renderDocument(version, template, data, facts);
      await insertDocument(trx, {
        id: randomUUID(),
        organisation_id: organisation.id,
        case_id: caseRow.id,
        template_id: template.id,
        kind: template.kind,
        title: rendered.parts.title ?? template.title.de,
        content: rendered,
        created_at: now,
      });
    }
    for (const message of result.notifications) {
      await trx
        .insertInto('outbox')
        .values({
          id: randomUUID(),
          organisation_id: organisation.id,
          kind: 'notifyApplicant',
          payload: toJsonColumn({ caseId: caseRow.id, email: caseRow.applicant_email, message }),
        })
        .execute();
    }
    const dueAt = await applyDeadlineChanges(trx, organisation.id, caseRow.id, result.deadlines);
    return trx
      .updateTable('cases')
      .set({ due_at: dueAt })
      .where('id', '=', caseRow.id)
      .returningAll()
      .executeTakeFirstOrThrow();
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
    facts: { case: { reference: caseRow.reference, receivedAt: toOfficeDate(caseRow.received_at) } },
  };
}
