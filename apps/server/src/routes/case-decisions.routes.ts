import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../app-error';
import { resolveCaseActor } from '../cases/case-actor';
import { previewCaseAction, type PreviewRequestBody } from '../cases/preview-case-action';
import { documentAsText } from '../cases/render-document';
import { answerCaseProposal, confirmCaseProposal, type ProposalAnswerBody } from '../cases/settle-case-proposal';
import { loadDocumentSender } from '../documents/document-sender';
import { renderDocumentPdf } from '../documents/render-document-pdf';
import { loadVersion } from '../services/load-version';
import { buildCaseView, CASE_VIEW, loadCase, PDF_RESPONSE } from './cases.routes';
import { documentPdfFileName, sendPdf } from './send-document-pdf';
import { ACTION_BODY, ACTION_PARAMS, ERROR_RESPONSE, ID_PATTERN } from './shared-schemas';

const ERROR = ERROR_RESPONSE;

const PREVIEW_VIEW = {
  type: 'object',
  required: ['documents'],
  properties: {
    documents: {
      type: 'array',
      description: 'What taking (or confirming) the action would issue, in order: letters of its effects, then the decision notice',
      items: {
        type: 'object',
        required: ['templateId', 'kind', 'title', 'text'],
        properties: {
          templateId: { type: 'string' },
          kind: { enum: ['receipt', 'decision', 'letter'] },
          title: { type: 'string' },
          text: { type: 'string', description: 'The document as printable text' },
        },
      },
    },
  },
} as const;

/** Answering a proposal: the version the caller saw and a remark (the reason, when sending it back). */
function proposalBody(commentRequired: boolean) {
  return {
    type: 'object',
    required: commentRequired ? ['expectedVersion', 'comment'] : ['expectedVersion'],
    additionalProperties: false,
    properties: {
      expectedVersion: { type: 'integer', minimum: 1 },
      comment: { type: 'string', maxLength: 5000, ...(commentRequired ? { minLength: 1, pattern: '\\S' } : {}) },
    },
  } as const;
}

const NO_DOCUMENT = {
  de: 'Diese Aktion erzeugt kein solches Dokument.',
  en: 'This action issues no such document.',
};

/**
 * The decision routes: preview what an action would issue (as data and as a PDF marked as a draft), and the
 * four-eyes principle — confirm, send back or withdraw a proposed action. Each takes the version the caller
 * saw and answers 409 when the case changed since.
 */
export function caseDecisionRoutes(app: FastifyInstance): void {
  const db = () => app.database.db;

  /** Loads what every decision route needs: the case the caller may see, its version, the caller as actor. */
  const loadContext = async (request: FastifyRequest) => {
    const { caseId, actionId } = request.params as { caseId: string; actionId: string };
    const caseRow = await loadCase(app, request, caseId);
    const version = await loadVersion(app, caseRow.organisation_id, caseRow.service_id, caseRow.service_version);
    const actor = await resolveCaseActor(app, request, caseRow.service_id);
    return { caseRow, version, actor, actionId };
  };

  app.post(
    '/api/cases/:caseId/actions/:actionId/preview',
    {
      config: { access: 'cases:act' },
      schema: {
        tags: ['cases'],
        summary: 'Preview the documents an action would issue with these inputs; writes nothing',
        description:
          'Same checks and answers as taking the action (403 without its role, 422 for a failing guard or bad inputs naming the field, 409 for a stale expectedVersion). While a proposal of the action waits for confirmation, shows what confirming would issue (send no inputs then).',
        params: ACTION_PARAMS,
        body: ACTION_BODY,
        response: { 200: PREVIEW_VIEW, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR, 422: ERROR },
      },
    },
    async (request) => {
      const { caseRow, version, actor, actionId } = await loadContext(request);
      const preview = await previewCaseAction(db(), request.organisation, caseRow, version, actionId, actor, request.body as PreviewRequestBody);
      return {
        documents: preview.documents.map((document) => ({
          templateId: document.template.id,
          kind: document.template.kind,
          title: document.title,
          text: documentAsText(document.content),
        })),
      };
    },
  );

  app.post(
    '/api/cases/:caseId/actions/:actionId/preview/pdf',
    {
      config: { access: 'cases:act' },
      schema: {
        tags: ['cases'],
        summary: 'Preview a document the action would issue as a PDF marked "ENTWURF"; writes nothing',
        description:
          'The decision notice the action issues (else its first document, or the one named by templateId); 404 when it issues none. Checks and answers as the JSON preview.',
        params: ACTION_PARAMS,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { templateId: { type: 'string', pattern: ID_PATTERN } },
        },
        body: ACTION_BODY,
        response: { 200: PDF_RESPONSE, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR, 422: ERROR },
      },
    },
    async (request, reply) => {
      const { caseRow, version, actor, actionId } = await loadContext(request);
      const { templateId } = request.query as { templateId?: string };
      const preview = await previewCaseAction(db(), request.organisation, caseRow, version, actionId, actor, request.body as PreviewRequestBody);
      const document =
        templateId !== undefined
          ? preview.documents.find((d) => d.template.id === templateId)
          : (preview.documents.find((d) => d.template.kind === 'decision') ?? preview.documents[0]);
      if (!document) throw new AppError('DOCUMENT_NOT_FOUND', NO_DOCUMENT);
      const organisation = request.organisation;
      const pdf = await renderDocumentPdf(
        { title: document.title, createdAt: preview.now, content: document.content },
        { reference: caseRow.reference, ...(await loadDocumentSender(db(), organisation)) },
        { draft: true },
      );
      return sendPdf(reply, documentPdfFileName(caseRow.reference, `${document.title} Entwurf`), pdf);
    },
  );

  app.post(
    '/api/cases/:caseId/actions/:actionId/confirm',
    {
      config: { access: 'cases:act' },
      schema: {
        tags: ['cases'],
        summary: 'Four-eyes principle: confirm a proposed action as the second caseworker; the case moves with the proposer’s inputs',
        description:
          '403 for the proposer themself or without a role of the action, and 403 `FORBIDDEN` with `reason: TOKEN_NOT_A_PERSON` through an API token (the second pair of eyes is a person logged in); 422 when no proposal of this action waits; 409 for a stale expectedVersion.',
        params: ACTION_PARAMS,
        body: proposalBody(false),
        response: { 200: CASE_VIEW, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR, 422: ERROR },
      },
    },
    async (request) => {
      const { caseRow, version, actor, actionId } = await loadContext(request);
      const updated = await confirmCaseProposal(db(), request.organisation, caseRow, version, actionId, actor, request.body as ProposalAnswerBody);
      return buildCaseView(app, request, updated, version, actor);
    },
  );

  app.post(
    '/api/cases/:caseId/actions/:actionId/reject-proposal',
    {
      config: { access: 'cases:act' },
      schema: {
        tags: ['cases'],
        summary: 'Four-eyes principle: send a proposed action back to its proposer, with the reason; the case stays where it is',
        description: 'For others holding a role of the action, as a person logged in: through an API token 403 `FORBIDDEN` with `reason: TOKEN_NOT_A_PERSON`.',
        params: ACTION_PARAMS,
        body: proposalBody(true),
        response: { 200: CASE_VIEW, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR, 422: ERROR },
      },
    },
    async (request) => {
      const { caseRow, version, actor, actionId } = await loadContext(request);
      const updated = await answerCaseProposal(db(), request.organisation, caseRow, version, actionId, actor, 'reject', request.body as ProposalAnswerBody);
      return buildCaseView(app, request, updated, version, actor);
    },
  );

  app.post(
    '/api/cases/:caseId/actions/:actionId/withdraw-proposal',
    {
      config: { access: 'cases:act' },
      schema: {
        tags: ['cases'],
        summary: 'Four-eyes principle: the proposer takes their proposal back; the case stays where it is',
        description: 'Also through the proposer’s own API token (the history records the token).',
        params: ACTION_PARAMS,
        body: proposalBody(false),
        response: { 200: CASE_VIEW, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR, 422: ERROR },
      },
    },
    async (request) => {
      const { caseRow, version, actor, actionId } = await loadContext(request);
      const updated = await answerCaseProposal(db(), request.organisation, caseRow, version, actionId, actor, 'withdraw', request.body as ProposalAnswerBody);
      return buildCaseView(app, request, updated, version, actor);
    },
  );
}
