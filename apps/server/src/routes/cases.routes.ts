import { randomUUID } from 'node:crypto';
import {
  appendCaseEvent,
  buildInboxQueries,
  findCaseById,
  findCaseFile,
  findUserById,
  listServiceRoles,
  findCaseDocument,
  findApiTokenNames,
  findCaseProposal,
  listCaseDocuments,
  listCaseEvents,
  updateCaseIfVersion,
  type CaseRow,
} from '@amtsweg/db';
import { listAvailableActions, type PersistedCase } from '@amtsweg/process';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../app-error';
import { caseViewerOf, type UserPrincipal } from '../auth/principal';
import { eventActorColumns, resolveCaseActor, type RecordedActor } from '../cases/case-actor';
import { documentAsText, type RenderedDocument } from '../cases/render-document';
import { sendDocumentPdf } from './send-document-pdf';
import { CASE_CONFLICT_MESSAGE, caseGuardOptions, toPendingProposal } from '../cases/plan-case-action';
import { takeCaseAction, type ActionRequestBody } from '../cases/take-case-action';
import type { CompiledVersion } from '../services/version-cache';
import { ACTION_BODY, ACTION_PARAMS, ERROR_RESPONSE, LOCALIZED, uuidParams } from './shared-schemas';
import { loadVersion } from '../services/load-version';
import { attachmentDisposition } from './attachment-disposition';

const CASE_CLOSED_MESSAGE = { de: 'Der Vorgang ist abgeschlossen und wird niemandem mehr zugewiesen.', en: 'The case is closed and is not assigned to anyone any more.' };
const ERROR = ERROR_RESPONSE;
const CASE_ID_PARAMS = uuidParams('caseId');
const NOT_FOUND = { de: 'Diesen Vorgang gibt es nicht.', en: 'There is no such case.' };

/** The actions a caseworker sees: enabled, or disabled with the reason. */
const AVAILABLE_ACTION = {
  type: 'object',
  required: ['id', 'label', 'enabled', 'inputs', 'fourEyes'],
  properties: {
    id: { type: 'string' },
    label: LOCALIZED,
    target: { type: 'string' },
    enabled: { type: 'boolean' },
    guardMessage: LOCALIZED,
    inputs: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: true,
        properties: {
          deadline: {
            type: 'object',
            description: 'A date input that sets the deadline of the state the action leads to: the day offered (taken when left blank) and the days allowed',
            properties: { offered: { type: 'string', format: 'date' }, earliest: { type: 'string', format: 'date' }, latest: { type: 'string', format: 'date' } },
          },
        },
      },
    },
    fourEyes: { type: 'boolean', description: 'Taking it only proposes it; a second caseworker confirms (four-eyes principle)' },
  },
} as const;

export const CASE_VIEW = {
  type: 'object',
  required: ['id', 'reference', 'serviceId', 'serviceVersion', 'state', 'status', 'data', 'version', 'actions', 'history', 'documents'],
  properties: {
    id: { type: 'string' },
    reference: { type: 'string' },
    serviceId: { type: 'string' },
    serviceVersion: { type: 'integer' },
    serviceTitle: LOCALIZED,
    state: {
      type: 'object',
      required: ['id', 'label', 'statusText', 'kind'],
      properties: { id: { type: 'string' }, kind: { type: 'string' }, label: LOCALIZED, statusText: LOCALIZED },
    },
    status: { enum: ['active', 'done'] },
    outcome: { type: ['string', 'null'] },
    data: { type: 'object', additionalProperties: true },
    version: { type: 'integer', description: 'Send it back as expectedVersion when acting' },
    applicantName: { type: 'string' },
    assigneeId: { type: ['string', 'null'] },
    dueAt: { type: ['string', 'null'], format: 'date-time' },
    receivedAt: { type: 'string', format: 'date-time' },
    actions: { type: 'array', items: AVAILABLE_ACTION },
    proposal: {
      type: ['object', 'null'],
      description: 'An action proposed under the four-eyes principle, waiting for a second caseworker; null when none waits',
      required: ['action', 'proposedBy', 'proposedAt', 'inputs', 'available'],
      properties: {
        action: AVAILABLE_ACTION,
        proposedBy: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, displayName: { type: ['string', 'null'] } } },
        proposedAt: { type: 'string', format: 'date-time' },
        inputs: { type: 'object', additionalProperties: { type: 'string' } },
        comment: { type: ['string', 'null'] },
        available: {
          type: 'array',
          items: { enum: ['confirm', 'reject-proposal', 'withdraw-proposal'] },
          description: 'What the caller may do with it now (POST …/actions/:actionId/<entry>): confirm or send back for others holding a role of the action, withdraw for the proposer',
        },
      },
    },
    history: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: { type: 'string', format: 'date-time' },
          kind: { type: 'string' },
          actorId: { type: 'string' },
          actorRole: { type: 'string' },
          apiToken: {
            type: ['object', 'null'],
            description: 'The API token the entry came through (its person is actorId); null: a session, the applicant or Amtsweg itself',
            required: ['id', 'name'],
            properties: { id: { type: 'string' }, name: { type: ['string', 'null'] } },
          },
          action: { type: ['string', 'null'] },
          fromState: { type: ['string', 'null'] },
          toState: { type: ['string', 'null'] },
          comment: { type: ['string', 'null'] },
          internal: { type: 'boolean' },
          inputs: { type: 'object', additionalProperties: true, description: 'What was entered with the action' },
          proposal: {
            type: 'object',
            description: 'Four-eyes principle: who proposed the action this entry confirmed (or sent back, withdrew), when, with which remark',
            properties: { proposedBy: { type: 'string' }, proposedAt: { type: 'string', format: 'date-time' }, comment: { type: ['string', 'null'] } },
          },
          files: {
            type: 'array',
            description: 'Attachments sent with the action (an applicant’s reply); download via …/files/:fileId',
            items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, mediaType: { type: 'string' }, size: { type: 'integer' } } },
          },
        },
      },
    },
    documents: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, kind: { type: 'string' }, title: { type: 'string' }, templateId: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } },
      },
    },
  },
} as const;

interface InboxQuery {
  serviceId?: string;
  state?: string;
  assignee?: string;
  overdue?: boolean;
  q?: string;
  sort: 'received' | 'due';
  cursor?: string;
  limit: number;
}

export function casesRoutes(app: FastifyInstance): void {
  const db = () => app.database.db;

  app.get(
    '/api/cases',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: 'The inbox: filter, search, sort and page through cases; counts per state',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            serviceId: { type: 'string', format: 'uuid' },
            state: { type: 'string', maxLength: 63 },
            assignee: { type: 'string', maxLength: 100, description: '"me", "unassigned" or a user id' },
            overdue: { type: 'boolean' },
            q: { type: 'string', maxLength: 100, description: 'Free text over reference and applicant name' },
            sort: { enum: ['received', 'due'], default: 'received' },
            cursor: { type: 'string', maxLength: 200 },
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['cases', 'nextCursor', 'countsByState'],
            properties: {
              cases: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    reference: { type: 'string' },
                    serviceId: { type: 'string' },
                    serviceVersion: { type: 'integer' },
                    state: { type: 'string' },
                    status: { type: 'string' },
                    applicantName: { type: 'string' },
                    assigneeId: { type: ['string', 'null'] },
                    dueAt: { type: ['string', 'null'], format: 'date-time' },
                    receivedAt: { type: 'string', format: 'date-time' },
                    overdue: { type: 'boolean' },
                  },
                },
              },
              nextCursor: { type: ['string', 'null'] },
              countsByState: { type: 'object', additionalProperties: { type: 'integer' } },
            },
          },
          400: ERROR,
        },
      },
    },
    async (request) => {
      const query = request.query as InboxQuery;
      const now = new Date();
      const principal = request.principal as UserPrincipal;
      const inbox = await buildInboxQueries(db(), request.organisation.id, caseViewerOf(principal), {
        serviceId: query.serviceId,
        state: query.state,
        assigneeId: !query.assignee ? undefined : query.assignee === 'unassigned' ? null : query.assignee === 'me' ? principal.user.id : query.assignee,
        overdue: query.overdue,
        text: query.q,
        sort: query.sort,
        after: query.cursor ? decodeCursor(query.cursor) : undefined,
        // One more than a page, to know whether another follows.
        limit: query.limit + 1,
        now,
      });
      // Two connections at once: the answer waits for the slower query, not for both.
      const [rows, counts] = await Promise.all([inbox.page.execute(), inbox.counts.execute()]);
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > query.limit && last
          ? encodeCursor({ at: query.sort === 'due' ? (last.due_at?.toISOString() ?? 'infinity') : last.received_at.toISOString(), id: last.id })
          : null;
      return {
        cases: page.map((row) => ({
          id: row.id,
          reference: row.reference,
          serviceId: row.service_id,
          serviceVersion: row.service_version,
          state: row.state,
          status: row.status,
          applicantName: row.applicant_name,
          assigneeId: row.assignee_id,
          dueAt: row.due_at?.toISOString() ?? null,
          receivedAt: row.received_at.toISOString(),
          overdue: row.status === 'active' && row.due_at !== null && row.due_at < now,
        })),
        nextCursor,
        countsByState: Object.fromEntries(counts.map((c) => [c.state, Number(c.count)])),
      };
    },
  );

  app.get(
    '/api/cases/:caseId',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: 'A case with its data, the actions the caller may take now, its history and documents',
        params: CASE_ID_PARAMS,
        response: { 200: CASE_VIEW, 404: ERROR },
      },
    },
    async (request) => {
      const { caseId } = request.params as { caseId: string };
      const caseRow = await loadCase(app, request, caseId);
      const version = await loadVersion(app, caseRow.organisation_id, caseRow.service_id, caseRow.service_version);
      return buildCaseView(app, request, caseRow, version, await resolveCaseActor(app, request, caseRow.service_id));
    },
  );

  app.post(
    '/api/cases/:caseId/actions/:actionId',
    {
      config: { access: 'cases:act' },
      schema: {
        tags: ['cases'],
        summary: 'Take an action; 409 if the case changed since expectedVersion',
        params: ACTION_PARAMS,
        body: ACTION_BODY,
        response: { 200: CASE_VIEW, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR, 422: ERROR },
      },
    },
    async (request) => {
      const { caseId, actionId } = request.params as { caseId: string; actionId: string };
      const caseRow = await loadCase(app, request, caseId);
      const version = await loadVersion(app, caseRow.organisation_id, caseRow.service_id, caseRow.service_version);
      const actor = await resolveCaseActor(app, request, caseRow.service_id);
      const updated = await takeCaseAction(db(), request.organisation, caseRow, version, actionId, actor, request.body as ActionRequestBody);
      return buildCaseView(app, request, updated, version, actor);
    },
  );

  caseSideRoutes(app);
}

/** A case the caller may see (their organisation, a service they hold a role for), or 404. */
export async function loadCase(app: FastifyInstance, request: FastifyRequest, caseId: string): Promise<CaseRow> {
  const caseRow = await findCaseById(app.database.db, request.organisation.id, caseId, caseViewerOf(request.principal as UserPrincipal));
  if (!caseRow) throw new AppError('CASE_NOT_FOUND', NOT_FOUND);
  return caseRow;
}

/** The routes a caseworker uses besides acting: assign, note, read a document. */
function caseSideRoutes(app: FastifyInstance): void {
  const db = () => app.database.db;

  app.post(
    '/api/cases/:caseId/assign',
    {
      config: { access: 'cases:act' },
      schema: {
        tags: ['cases'],
        summary: 'Assign the case to a colleague (or to nobody); 409 if it changed since expectedVersion',
        params: CASE_ID_PARAMS,
        body: {
          type: 'object',
          required: ['assigneeId', 'expectedVersion'],
          additionalProperties: false,
          properties: {
            assigneeId: { type: ['string', 'null'], format: 'uuid', description: 'A colleague holding a role for the service, or null' },
            expectedVersion: { type: 'integer', minimum: 1 },
          },
        },
        response: { 200: CASE_VIEW, 400: ERROR, 404: ERROR, 409: ERROR },
      },
    },
    async (request) => {
      const { caseId } = request.params as { caseId: string };
      const { assigneeId, expectedVersion } = request.body as { assigneeId: string | null; expectedVersion: number };
      const organisationId = request.organisation.id;
      const caseRow = await loadCase(app, request, caseId);
      // A decided case has nobody left to work on it (internal notes for the record stay possible).
      if (caseRow.status !== 'active') throw new AppError('CASE_CLOSED', CASE_CLOSED_MESSAGE);
      const version = await loadVersion(app, caseRow.organisation_id, caseRow.service_id, caseRow.service_version);
      const actor = await resolveCaseActor(app, request, caseRow.service_id);
      if (assigneeId !== null) await checkAssignee(app, organisationId, caseRow.service_id, assigneeId);
      const updated = await db()
        .transaction()
        .execute(async (trx) => {
          const row = await updateCaseIfVersion(trx, organisationId, caseId, expectedVersion, { assignee_id: assigneeId });
          if (!row) throw new AppError('CASE_CONFLICT', CASE_CONFLICT_MESSAGE, { currentVersion: caseRow.version });
          await appendCaseEvent(trx, {
            id: randomUUID(),
            organisation_id: organisationId,
            case_id: caseId,
            kind: 'assigned',
            ...eventActorColumns(actor),
            details: { from: caseRow.assignee_id, to: assigneeId },
            internal: true,
          });
          return row;
        });
      return buildCaseView(app, request, updated, version, actor);
    },
  );

  app.post(
    '/api/cases/:caseId/comments',
    {
      config: { access: 'cases:act' },
      schema: {
        tags: ['cases'],
        summary: 'Add an internal note (never shown to the applicant)',
        params: CASE_ID_PARAMS,
        body: {
          type: 'object',
          required: ['text'],
          additionalProperties: false,
          properties: { text: { type: 'string', minLength: 1, maxLength: 10000, pattern: '\\S' } },
        },
        response: {
          201: { type: 'object', required: ['at'], properties: { at: { type: 'string', format: 'date-time' } } },
          400: ERROR,
          404: ERROR,
        },
      },
    },
    async (request, reply) => {
      const { caseId } = request.params as { caseId: string };
      const { text } = request.body as { text: string };
      const caseRow = await loadCase(app, request, caseId);
      const actor = await resolveCaseActor(app, request, caseRow.service_id);
      const at = new Date();
      await appendCaseEvent(db(), {
        id: randomUUID(),
        organisation_id: request.organisation.id,
        case_id: caseId,
        at,
        kind: 'note',
        ...eventActorColumns(actor),
        comment: text.trim(),
        internal: true,
      });
      return reply.status(201).send({ at: at.toISOString() });
    },
  );

  app.get(
    '/api/cases/:caseId/documents/:documentId',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: 'A document of the case: its rendered parts and as printable text',
        params: uuidParams('caseId', 'documentId'),
        response: { 200: DOCUMENT_VIEW, 404: ERROR },
      },
    },
    async (request) => {
      const { caseId, documentId } = request.params as { caseId: string; documentId: string };
      await loadCase(app, request, caseId);
      const document = await findCaseDocument(db(), request.organisation.id, caseId, documentId);
      if (!document) throw new AppError('DOCUMENT_NOT_FOUND', DOCUMENT_NOT_FOUND);
      return toDocumentView(document);
    },
  );

  app.get(
    '/api/cases/:caseId/documents/:documentId/pdf',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: 'A document of the case as PDF (download)',
        params: uuidParams('caseId', 'documentId'),
        response: { 200: PDF_RESPONSE, 404: ERROR },
      },
    },
    async (request, reply) => {
      const { caseId, documentId } = request.params as { caseId: string; documentId: string };
      const caseRow = await loadCase(app, request, caseId);
      const document = await findCaseDocument(db(), request.organisation.id, caseId, documentId);
      if (!document) throw new AppError('DOCUMENT_NOT_FOUND', DOCUMENT_NOT_FOUND);
      return sendDocumentPdf(reply, db(), caseRow, document, request.organisation);
    },
  );

  app.get(
    '/api/cases/:caseId/files/:fileId',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: 'Download a file of the case (`?ansicht=1`: shown in the browser, for PDF, JPEG and PNG)',
        params: uuidParams('caseId', 'fileId'),
        querystring: { type: 'object', additionalProperties: false, properties: { ansicht: { type: 'boolean', default: false } } },
        response: { 200: { type: 'string', format: 'binary' }, 404: ERROR },
      },
    },
    async (request, reply) => {
      const { caseId, fileId } = request.params as { caseId: string; fileId: string };
      await loadCase(app, request, caseId);
      const file = await findCaseFile(db(), request.organisation.id, caseId, fileId);
      if (!file) throw new AppError('FILE_NOT_FOUND', FILE_NOT_FOUND);
      return sendFile(reply, file, (request.query as { ansicht: boolean }).ansicht);
    },
  );
}

/** An assignee must be an active staff member of the organisation holding a role for the case's service. */
async function checkAssignee(app: FastifyInstance, organisationId: string, serviceId: string, assigneeId: string): Promise<void> {
  const [user, grants] = await Promise.all([
    findUserById(app.database.db, organisationId, assigneeId),
    listServiceRoles(app.database.db, organisationId, assigneeId),
  ]);
  if (user && user.kind === 'staff' && !user.disabled_at && grants.some((grant) => grant.service_id === serviceId)) return;
  const message = {
    de: 'Diese Person kann den Vorgang nicht übernehmen: Sie hat keine Rolle für diesen Dienst.',
    en: 'This person cannot take the case: they hold no role for this service.',
  };
  throw new AppError('REQUEST_INVALID', message, { errors: [{ path: '/body/assigneeId', code: 'unknown', message }] });
}

/** Sends an uploaded file as a download: never rendered inline, never cached by shared caches. */
/** Types a browser shows by itself without running anything of the file's: these may be shown in the page. */
const VIEWABLE = new Set(['application/pdf', 'image/jpeg', 'image/png']);

export function sendFile(reply: FastifyReply, file: { name: string; media_type: string; content: Uint8Array }, view = false) {
  return reply
    .header('content-type', file.media_type)
    .header('content-disposition', attachmentDisposition(file.name, view && VIEWABLE.has(file.media_type) ? 'inline' : 'attachment'))
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(file.content));
}

export const FILE_NOT_FOUND = { de: 'Diese Datei gibt es nicht.', en: 'There is no such file.' };
export const DOCUMENT_NOT_FOUND = { de: 'Dieses Dokument gibt es nicht.', en: 'There is no such document.' };

/** A PDF download, described as such in OpenAPI. */
export const PDF_RESPONSE = {
  description: 'The document as PDF (Content-Disposition: attachment)',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
} as const;

export const DOCUMENT_VIEW = {
  type: 'object',
  required: ['id', 'kind', 'title', 'createdAt', 'content', 'text'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    title: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    content: { type: 'object', additionalProperties: true },
    text: { type: 'string', description: 'The document as printable text' },
  },
} as const;

export function toDocumentView(document: { id: string; kind: string; title: string; created_at: Date; content: unknown }) {
  return {
    id: document.id,
    kind: document.kind,
    title: document.title,
    createdAt: document.created_at.toISOString(),
    content: document.content as Record<string, unknown>,
    text: documentAsText(document.content as RenderedDocument),
  };
}

const PROPOSAL_ROUTES = { confirm: 'confirm', reject: 'reject-proposal', withdraw: 'withdraw-proposal' } as const;

/** The staff view of a case: data, the actions the caller may take now, a waiting proposal, history, documents. */
export async function buildCaseView(app: FastifyInstance, request: FastifyRequest, caseRow: CaseRow, version: CompiledVersion, actor: RecordedActor) {
  const { definition } = version;
  const state = definition.process.states.find((s) => s.id === caseRow.state);
  const data = caseRow.data as Record<string, unknown>;
  const [events, documents, proposal] = await Promise.all([
    listCaseEvents(app.database.db, request.organisation.id, caseRow.id, { includeInternal: true }),
    listCaseDocuments(app.database.db, request.organisation.id, caseRow.id),
    findCaseProposal(app.database.db, request.organisation.id, caseRow.id),
  ]);
  const listed = listAvailableActions(version.process, caseRow.snapshot as PersistedCase, data, actor, {
    ...caseGuardOptions(caseRow),
    proposal: toPendingProposal(proposal),
  });
  const choices = listed.ok ? listed.proposal : undefined;
  // A token is never the second pair of eyes: it may only withdraw its person's own proposal.
  const answers = choices?.answers.filter((answer) => actor.apiTokenId === undefined || answer === 'withdraw') ?? [];
  const tokenNames = await findApiTokenNames(app.database.db, request.organisation.id, events.flatMap((e) => (e.api_token_id ? [e.api_token_id] : [])));
  return {
    id: caseRow.id,
    reference: caseRow.reference,
    serviceId: caseRow.service_id,
    serviceVersion: caseRow.service_version,
    serviceTitle: definition.title,
    state: { id: caseRow.state, kind: state?.kind ?? 'task', label: state?.label ?? { de: caseRow.state }, statusText: state?.statusText ?? { de: '' } },
    status: caseRow.status,
    outcome: caseRow.outcome,
    data,
    version: caseRow.version,
    applicantName: caseRow.applicant_name,
    assigneeId: caseRow.assignee_id,
    dueAt: caseRow.due_at?.toISOString() ?? null,
    receivedAt: caseRow.received_at.toISOString(),
    actions: listed.ok ? listed.actions : [],
    proposal:
      proposal && choices
        ? {
            action: choices.action,
            proposedBy: { id: proposal.proposed_by, displayName: proposal.proposer_name },
            proposedAt: proposal.proposed_at.toISOString(),
            inputs: proposal.inputs as Record<string, string>,
            comment: proposal.comment,
            available: answers.map((answer) => PROPOSAL_ROUTES[answer]),
          }
        : null,
    history: events.map((e) => ({
      at: e.at.toISOString(),
      kind: e.kind,
      actorId: e.actor_id,
      actorRole: e.actor_role,
      apiToken: e.api_token_id ? { id: e.api_token_id, name: tokenNames.get(e.api_token_id) ?? null } : null,
      action: e.action,
      fromState: e.from_state,
      toState: e.to_state,
      comment: e.comment,
      internal: e.internal,
      // What the actor entered with the action (a request's text, the applicant's reply) and attached.
      inputs: (e.details as { inputs?: Record<string, unknown> } | null)?.inputs ?? {},
      files: (e.details as { files?: unknown[] } | null)?.files ?? [],
      ...((e.details as { proposal?: object } | null)?.proposal ? { proposal: (e.details as { proposal: object }).proposal } : {}),
    })),
    documents: documents.map((d) => ({ id: d.id, kind: d.kind, title: d.title, templateId: d.template_id, createdAt: d.created_at.toISOString() })),
  };
}

function encodeCursor(cursor: { at: string; id: string }): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

function decodeCursor(text: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    // Exactly what encodeCursor writes: a uuid, and an ISO moment within years 0000–9999 (what PostgreSQL takes)
    // or `infinity` — not whatever Date.parse accepts ("12", "+275760-09-13…"), which fails in the query.
    const isUuid = typeof id === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
    const isMoment = typeof at === 'string' && (at === 'infinity' || (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(at) && !Number.isNaN(Date.parse(at))));
    if (isUuid && isMoment) return { at, id };
  } catch {
    // fall through to the error below
  }
  throw new AppError('REQUEST_INVALID', { de: 'Der Blätter-Cursor ist ungültig.', en: 'The paging cursor is invalid.' });
}
