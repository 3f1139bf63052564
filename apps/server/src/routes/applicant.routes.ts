import { timingSafeEqual } from 'node:crypto';
import { findCaseById, findCaseDocument, findCaseFile, listApplicantCases, listCaseDocuments, listCaseEvents, type CaseRow } from '@amtsweg/db';
import { APPLICANT_ROLE } from '@amtsweg/definitions';
import { listAvailableActions, type CaseActor, type PersistedCase } from '@amtsweg/process';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../app-error';
import { hashToken } from '../auth/hash-token';
import { caseGuardOptions } from '../cases/plan-case-action';
import { takeCaseAction } from '../cases/take-case-action';
import type { CompiledVersion } from '../services/version-cache';
import { sendDocumentPdf } from './send-document-pdf';
import { DOCUMENT_NOT_FOUND, DOCUMENT_VIEW, FILE_NOT_FOUND, PDF_RESPONSE, sendFile, toDocumentView } from './cases.routes';
import { ERROR_RESPONSE, ID_PATTERN, LOCALIZED, uuidParams } from './shared-schemas';
import { loadVersion } from '../services/load-version';

const ERROR = ERROR_RESPONSE;
/** How many attachments one reply may carry (and how many may wait for a case at once). */
export const MAX_REPLY_FILES = 10;
const CASE_ID_PARAMS = uuidParams('caseId');
// The same answer for "no such case" and "wrong token", so a token cannot be used to probe for cases.
const NOT_FOUND = { de: 'Diesen Antrag gibt es nicht, oder der Zugangscode passt nicht.', en: 'No such application, or the access code does not match.' };
const TOKEN_HEADER = {
  type: 'object',
  properties: {
    authorization: {
      type: 'string',
      pattern: '^Bearer [A-Za-z0-9_-]{20,100}$',
      description: 'Bearer <accessToken from the submission answer>; not needed by the logged-in citizen who filed the case',
    },
  },
} as const;

const APPLICANT_VIEW = {
  type: 'object',
  required: ['id', 'reference', 'serviceTitle', 'status', 'statusText', 'receivedAt', 'version', 'openRequest', 'timeline', 'documents'],
  properties: {
    id: { type: 'string' },
    reference: { type: 'string' },
    serviceTitle: LOCALIZED,
    status: { enum: ['active', 'done'] },
    outcome: { type: ['string', 'null'] },
    statusText: LOCALIZED,
    receivedAt: { type: 'string', format: 'date-time' },
    dueAt: { type: ['string', 'null'], format: 'date-time' },
    version: { type: 'integer' },
    openRequest: {
      type: ['object', 'null'],
      description: 'What the authority asked for, and the answers the applicant can give now',
      properties: {
        message: { type: ['string', 'null'] },
        actions: {
          type: 'array',
          items: { type: 'object', properties: { id: { type: 'string' }, label: LOCALIZED, inputs: { type: 'array', items: { type: 'object', additionalProperties: true } } } },
        },
      },
    },
    timeline: {
      type: 'array',
      items: { type: 'object', properties: { at: { type: 'string', format: 'date-time' }, statusText: LOCALIZED } },
    },
    documents: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'string' }, kind: { type: 'string' }, title: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } } },
    },
  },
} as const;

export function applicantRoutes(app: FastifyInstance): void {
  const db = () => app.database.db;

  const loadCaseForToken = (request: FastifyRequest, caseId: string) => loadApplicantCase(app, request, caseId);

  app.get(
    '/api/applicant/cases/:caseId',
    {
      config: { access: 'applicant' },
      schema: {
        tags: ['applicant'],
        summary: 'The applicant’s view: status text, open request, timeline, documents',
        params: CASE_ID_PARAMS,
        headers: TOKEN_HEADER,
        response: { 200: APPLICANT_VIEW, 400: ERROR, 404: ERROR },
      },
    },
    async (request) => {
      const { caseId } = request.params as { caseId: string };
      const caseRow = await loadCaseForToken(request, caseId);
      return buildApplicantView(app, caseRow, await loadVersion(app, caseRow.organisation_id, caseRow.service_id, caseRow.service_version), applicantOf(request));
    },
  );

  app.post(
    '/api/applicant/cases/:caseId/reply',
    {
      config: { access: 'applicant' },
      schema: {
        tags: ['applicant'],
        summary: 'Answer a request for more information (or withdraw); inputs are checked like any action',
        params: CASE_ID_PARAMS,
        headers: TOKEN_HEADER,
        body: {
          type: 'object',
          required: ['actionId', 'expectedVersion'],
          additionalProperties: false,
          properties: {
            actionId: { type: 'string', pattern: ID_PATTERN },
            expectedVersion: { type: 'integer', minimum: 1 },
            inputs: { type: 'object', maxProperties: 20, additionalProperties: { type: ['string', 'number', 'boolean'] } },
            files: {
              type: 'array',
              maxItems: MAX_REPLY_FILES,
              uniqueItems: true,
              items: { type: 'string', format: 'uuid' },
              description: 'Attachments uploaded to this case before (POST /api/applicant/cases/:caseId/files)',
            },
          },
        },
        response: { 200: APPLICANT_VIEW, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR, 422: ERROR },
      },
    },
    async (request) => {
      const { caseId } = request.params as { caseId: string };
      const body = request.body as { actionId: string; expectedVersion: number; inputs?: Record<string, unknown>; files?: string[] };
      const caseRow = await loadCaseForToken(request, caseId);
      const version = await loadVersion(app, caseRow.organisation_id, caseRow.service_id, caseRow.service_version);
      const applicant = applicantOf(request);
      const updated = await takeCaseAction(db(), request.organisation, caseRow, version, body.actionId, applicant, {
        expectedVersion: body.expectedVersion,
        ...(body.inputs ? { inputs: body.inputs } : {}),
        ...(body.files ? { attachments: body.files } : {}),
      });
      return buildApplicantView(app, updated, version, applicant);
    },
  );

  app.get(
    '/api/applicant/cases/:caseId/documents/:documentId',
    {
      config: { access: 'applicant' },
      schema: {
        tags: ['applicant'],
        summary: 'A document issued to the applicant (receipt, letter, decision notice)',
        params: uuidParams('caseId', 'documentId'),
        headers: TOKEN_HEADER,
        response: { 200: DOCUMENT_VIEW, 400: ERROR, 404: ERROR },
      },
    },
    async (request) => {
      const { caseId, documentId } = request.params as { caseId: string; documentId: string };
      await loadCaseForToken(request, caseId);
      const document = await findCaseDocument(db(), request.organisation.id, caseId, documentId);
      if (!document) throw new AppError('DOCUMENT_NOT_FOUND', DOCUMENT_NOT_FOUND);
      return toDocumentView(document);
    },
  );

  app.get(
    '/api/applicant/cases/:caseId/documents/:documentId/pdf',
    {
      config: { access: 'applicant' },
      schema: {
        tags: ['applicant'],
        summary: 'A document issued to the applicant as PDF (download): receipt, letter, decision notice',
        params: uuidParams('caseId', 'documentId'),
        headers: TOKEN_HEADER,
        response: { 200: PDF_RESPONSE, 400: ERROR, 404: ERROR },
      },
    },
    async (request, reply) => {
      const { caseId, documentId } = request.params as { caseId: string; documentId: string };
      const caseRow = await loadCaseForToken(request, caseId);
      const document = await findCaseDocument(db(), request.organisation.id, caseId, documentId);
      if (!document) throw new AppError('DOCUMENT_NOT_FOUND', DOCUMENT_NOT_FOUND);
      return sendDocumentPdf(reply, db(), caseRow, document, request.organisation);
    },
  );

  app.get(
    '/api/applicant/cases/:caseId/files/:fileId',
    {
      config: { access: 'applicant' },
      schema: {
        tags: ['applicant'],
        summary: 'Download a file the applicant uploaded with the case',
        params: uuidParams('caseId', 'fileId'),
        headers: TOKEN_HEADER,
        response: { 200: { type: 'string', format: 'binary' }, 400: ERROR, 404: ERROR },
      },
    },
    async (request, reply) => {
      const { caseId, fileId } = request.params as { caseId: string; fileId: string };
      await loadCaseForToken(request, caseId);
      const file = await findCaseFile(db(), request.organisation.id, caseId, fileId);
      if (!file) throw new AppError('FILE_NOT_FOUND', FILE_NOT_FOUND);
      return sendFile(reply, file);
    },
  );

  app.get(
    '/api/applicant/cases',
    {
      config: { access: 'citizen' },
      schema: {
        tags: ['applicant'],
        summary: 'My applications: every case the logged-in citizen filed, newest first',
        response: {
          200: {
            type: 'object',
            required: ['cases'],
            properties: {
              cases: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'reference', 'serviceTitle', 'status', 'statusText', 'receivedAt'],
                  properties: {
                    id: { type: 'string' },
                    reference: { type: 'string' },
                    serviceTitle: LOCALIZED,
                    status: { enum: ['active', 'done'] },
                    outcome: { type: ['string', 'null'] },
                    statusText: LOCALIZED,
                    receivedAt: { type: 'string', format: 'date-time' },
                    waitingForApplicant: { type: 'boolean' },
                  },
                },
              },
            },
          },
          401: ERROR,
          403: ERROR,
        },
      },
    },
    async (request) => {
      const rows = await listApplicantCases(db(), request.organisation.id, citizenOf(request)!);
      const cases = await Promise.all(
        rows.map(async (row) => {
          const { definition } = await loadVersion(app, row.organisation_id, row.service_id, row.service_version);
          const state = definition.process.states.find((s) => s.id === row.state);
          return {
            id: row.id,
            reference: row.reference,
            serviceTitle: definition.title,
            status: row.status,
            outcome: row.outcome,
            statusText: state?.statusText ?? { de: row.state },
            receivedAt: row.received_at.toISOString(),
            waitingForApplicant: state?.kind === 'waiting',
          };
        }),
      );
      return { cases };
    },
  );
}

/**
 * The case the bearer token opens, or without a token the case the logged-in citizen filed; 404 for a
 * missing case, a wrong token and someone else's case alike.
 */
export async function loadApplicantCase(app: FastifyInstance, request: FastifyRequest, caseId: string): Promise<CaseRow> {
  const db = app.database.db;
  const citizenId = citizenOf(request);
  if (!request.headers.authorization && citizenId) {
    const ownCase = await findCaseById(db, request.organisation.id, caseId, { kind: 'citizen', userId: citizenId });
    if (!ownCase) throw new AppError('CASE_NOT_FOUND', NOT_FOUND);
    return ownCase;
  }
  const token = (request.headers.authorization ?? '').slice('Bearer '.length);
  const caseRow = await findCaseById(db, request.organisation.id, caseId);
  const expected = Buffer.from(caseRow?.access_token_hash ?? '0'.repeat(64), 'hex');
  const given = Buffer.from(hashToken(token), 'hex');
  if (!caseRow || !timingSafeEqual(expected, given)) throw new AppError('CASE_NOT_FOUND', NOT_FOUND);
  return caseRow;
}

/** The logged-in citizen's account id, if the caller is one. */
function citizenOf(request: FastifyRequest): string | undefined {
  const { principal } = request;
  return principal.kind === 'user' && principal.user.kind === 'citizen' && principal.stage === 'complete' ? principal.user.id : undefined;
}

/** The applicant as the process sees them: the citizen account, or the anonymous holder of the access token. */
function applicantOf(request: FastifyRequest): CaseActor {
  return { id: citizenOf(request) ?? 'applicant', roles: [APPLICANT_ROLE] };
}

async function buildApplicantView(app: FastifyInstance, caseRow: CaseRow, version: CompiledVersion, applicant: CaseActor) {
  const { definition } = version;
  const statusTextOf = (stateId: string | null) =>
    definition.process.states.find((s) => s.id === stateId)?.statusText ?? { de: stateId ?? '' };
  const [events, documents] = await Promise.all([
    listCaseEvents(app.database.db, caseRow.organisation_id, caseRow.id, { includeInternal: false }),
    listCaseDocuments(app.database.db, caseRow.organisation_id, caseRow.id),
  ]);
  const listed = listAvailableActions(version.process, caseRow.snapshot as PersistedCase, caseRow.data as Record<string, unknown>, applicant, caseGuardOptions(caseRow));
  const state = definition.process.states.find((s) => s.id === caseRow.state);
  const actions = listed.ok ? listed.actions.filter((a) => a.enabled) : [];
  // The request is the last thing staff asked for: the texts of the action that led here (not an internal
  // comment, and not the day to answer by, which `dueAt` gives).
  const request = [...events].reverse().find((e) => e.to_state === caseRow.state && e.kind === 'action');
  const requestInputs = (request?.details as { inputs?: Record<string, string> } | undefined)?.inputs ?? {};
  const declared = definition.process.states.find((s) => s.id === request?.from_state)?.actions?.find((a) => a.id === request?.action)?.inputs ?? [];
  const requestText = declared
    .filter((input) => (input.type === 'text' || input.type === 'reason') && requestInputs[input.key] !== undefined)
    .map((input) => requestInputs[input.key])
    .join('\n');
  return {
    id: caseRow.id,
    reference: caseRow.reference,
    serviceTitle: definition.title,
    status: caseRow.status,
    outcome: caseRow.outcome,
    statusText: statusTextOf(caseRow.state),
    receivedAt: caseRow.received_at.toISOString(),
    dueAt: caseRow.due_at?.toISOString() ?? null,
    version: caseRow.version,
    openRequest:
      state?.kind === 'waiting' ? { message: requestText || null, actions: actions.map(({ id, label, inputs }) => ({ id, label, inputs })) } : null,
    // Each state the case entered, as the applicant knows it; automatic steps and internal notes are left out.
    timeline: events
      .filter((e) => e.to_state !== null && definition.process.states.find((s) => s.id === e.to_state)?.kind !== 'automatic')
      .map((e) => ({ at: e.at.toISOString(), statusText: statusTextOf(e.to_state) })),
    documents: documents.map((d) => ({ id: d.id, kind: d.kind, title: d.title, createdAt: d.created_at.toISOString() })),
  };
}
