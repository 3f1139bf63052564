import { createHash, randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import { countPendingFiles, deletePendingFile, findServiceById, insertFile } from '@amtsweg/db';
import type { FileField } from '@amtsweg/definitions';
import { describeMediaTypes, formatSubmissionMessage, type MessageParams, type SubmissionErrorCode } from '@amtsweg/forms';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { AppError, pickLanguage } from '../app-error';
import { clientAddressKey } from '../auth/client-address';
import { formatWait } from '../format-wait';
import { loadVersion } from '../services/load-version';
import { loadApplicantCase, MAX_REPLY_FILES } from './applicant.routes';
import { FILE_NOT_FOUND } from './cases.routes';
import { findActiveContent } from '../uploads/find-active-content';
import { createUploadBudget, type UploadBudget } from '../uploads/upload-budget';
import { readOneFile } from './read-one-file';
import { uuidParams } from './shared-schemas';

/** The largest file any field may allow (the schema's bound); a field's own limit is checked while streaming. */
const MAX_FILE_BYTES = 100 * 1024 * 1024;
/**
 * On PGlite a file is written in parts of this size, each its own statement: PGlite answers every request on one
 * thread, and one 10 MB statement held it for seconds (issue 18, finding 8). PostgreSQL takes the file at once.
 */
const PGLITE_PART_BYTES = 1024 * 1024;

/**
 * Files are uploaded before submitting and referenced by id. The upload names the service and the field;
 * size and type are checked against that field, and the type against the file's actual content (a PDF must
 * start like a PDF), so a renamed executable is refused. Markup with active content (scripts, event attributes,
 * embedded documents, entity declarations) is refused whatever type the field allows. Each client address has
 * a byte budget per time window besides the count limit; uploads no case took are deleted by the housekeeping.
 */
export async function filesRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: { files: 1, fields: 5, fieldSize: 1000, fileSize: MAX_FILE_BYTES, parts: 10 } });
  const budget = createUploadBudget({ bytes: app.rateLimits.uploadBytes, windowMs: app.rateLimits.uploadWindowMinutes * 60_000 });
  const partBytes = app.database.kind === 'pglite' ? PGLITE_PART_BYTES : undefined;

  app.post(
    '/api/files',
    {
      config: { access: 'public', rateLimit: { max: app.rateLimits.upload, timeWindow: 60_000 } },
      schema: {
        tags: ['submissions'],
        summary: 'Upload one file for a file field of a published service (multipart: serviceId, field, then file)',
        description:
          'Type and size are checked against the field, the type against the content. Markup with active content (SVG, XHTML, HTML or other XML ' +
          'with scripts, event attributes, javascript: addresses, embedded documents, xml-stylesheet instructions or a DOCTYPE; also UTF-16, ' +
          'after comments or gzip-compressed) is refused as `fileActiveContent` whatever type the field allows, the message saying what was ' +
          'found. Event attributes count where a browser runs them (documents that are SVG, XHTML or HTML by root, claimed type or file ' +
          'name; elements of the SVG and XHTML namespaces), so data XML with attributes such as `online` passes. Markup that claims or ' +
          'declares XML but is not well-formed is refused as `fileUnreadableMarkup`. Each client address may ' +
          'upload a limited number of files per minute and a limited number of bytes per time window (`UPLOAD_BUDGET_MB` per ' +
          '`UPLOAD_BUDGET_MINUTES`); beyond either the answer is 429 with Retry-After (`uploadVolume` for the byte budget). ' +
          'A file no application takes within 24 hours is deleted, unless a saved draft of the logged-in citizen who uploaded it refers to it ' +
          '(anonymous uploads always go after the day).',
        consumes: ['multipart/form-data'],
        response: {
          201: FILE_ANSWER,
          400: { $ref: 'Error#' },
          404: { $ref: 'Error#' },
          413: { $ref: 'Error#' },
          415: { $ref: 'Error#' },
          429: { $ref: 'Error#' },
        },
      },
    },
    async (request, reply) => {
      const language = pickLanguage(request.headers['accept-language']);
      const fields: Record<string, string> = {};
      let serviceId = '';
      const upload = await closingOnRefusal(reply, readCheckedFile(request, language, fields, budget, async () => {
        const field = await resolveFileField(app, request.organisation.id, fields.serviceId, fields.field);
        serviceId = field.serviceId;
        return { label: field.element.label[language] ?? field.element.label.de, accept: field.element.accept, maxSizeBytes: field.element.maxSizeBytes };
      }));
      const id = randomUUID();
      const row = { id, organisation_id: request.organisation.id, service_id: serviceId, uploaded_by: citizenOf(request), ...upload.row };
      await insertFile(app.database.db, row, { partBytes });
      return reply.status(201).send({ id, name: upload.row.name, mediaType: upload.row.media_type, size: upload.row.size });
    },
  );

  app.post(
    '/api/applicant/cases/:caseId/files',
    {
      config: { access: 'applicant', rateLimit: { max: app.rateLimits.upload, timeWindow: 60_000 } },
      schema: {
        tags: ['applicant'],
        summary: 'Upload an attachment for the reply to a request for information (multipart: file); PDF, JPEG or PNG up to 10 MB',
        consumes: ['multipart/form-data'],
        params: uuidParams('caseId'),
        headers: { type: 'object', properties: { authorization: { type: 'string', description: 'Bearer <accessToken>; not needed by the logged-in citizen who filed the case' } } },
        response: { 201: FILE_ANSWER, 400: { $ref: 'Error#' }, 404: { $ref: 'Error#' }, 409: { $ref: 'Error#' }, 413: { $ref: 'Error#' }, 415: { $ref: 'Error#' }, 429: { $ref: 'Error#' } },
      },
    },
    async (request, reply) => {
      const language = pickLanguage(request.headers['accept-language']);
      const { caseId } = request.params as { caseId: string };
      const caseRow = await loadApplicantCase(app, request, caseId);
      const version = await loadVersion(app, caseRow.organisation_id, caseRow.service_id, caseRow.service_version);
      // Only while the authority waits for the applicant, and only so many at once: a token is no free storage.
      const state = version.definition.process.states.find((s) => s.id === caseRow.state);
      if (state?.kind !== 'waiting') throw new AppError('CASE_CONFLICT', NOT_WAITING);
      if ((await countPendingFiles(app.database.db, request.organisation.id, caseId)) >= MAX_REPLY_FILES) {
        const message = { de: `Es können höchstens ${MAX_REPLY_FILES} Anlagen auf einmal gesendet werden.`, en: `At most ${MAX_REPLY_FILES} attachments can be sent at once.` };
        throw new AppError('REQUEST_INVALID', message, { errors: [{ path: '/file', code: 'maxFiles', message }] });
      }
      const label = language === 'de' ? 'Anlagen' : 'Attachments';
      const upload = await closingOnRefusal(reply, readCheckedFile(request, language, {}, budget, () => Promise.resolve({ label, ...REPLY_ATTACHMENT_RULES })));
      const id = randomUUID();
      const row = { id, organisation_id: request.organisation.id, service_id: caseRow.service_id, pending_case_id: caseId, uploaded_by: citizenOf(request), ...upload.row };
      await insertFile(app.database.db, row, { partBytes });
      return reply.status(201).send({ id, name: upload.row.name, mediaType: upload.row.media_type, size: upload.row.size });
    },
  );

  app.delete(
    '/api/applicant/cases/:caseId/attachments/:attachmentId',
    {
      config: { access: 'applicant' },
      schema: {
        tags: ['applicant'],
        summary: 'Remove an attachment that waits for the reply (once the reply is sent it belongs to the case)',
        params: uuidParams('caseId', 'attachmentId'),
        response: { 204: { type: 'null' }, 400: { $ref: 'Error#' }, 404: { $ref: 'Error#' } },
      },
    },
    async (request, reply) => {
      const { caseId, attachmentId } = request.params as { caseId: string; attachmentId: string };
      await loadApplicantCase(app, request, caseId);
      if (!(await deletePendingFile(app.database.db, request.organisation.id, caseId, attachmentId))) throw new AppError('FILE_NOT_FOUND', FILE_NOT_FOUND);
      return reply.status(204).send();
    },
  );
}

export const FILE_ANSWER = {
  type: 'object',
  required: ['id', 'name', 'mediaType', 'size'],
  properties: { id: { type: 'string' }, name: { type: 'string' }, mediaType: { type: 'string' }, size: { type: 'integer' } },
} as const;

/** The logged-in citizen uploading (only their own draft keeps an unused upload); null for anyone else. */
function citizenOf(request: FastifyRequest): string | null {
  const { principal } = request;
  return principal.kind === 'user' && principal.user.kind === 'citizen' && principal.stage === 'complete' ? principal.user.id : null;
}

/** What any reply may carry: documents and photos of documents. */
const REPLY_ATTACHMENT_RULES = { accept: ['application/pdf', 'image/jpeg', 'image/png'], maxSizeBytes: 10 * 1024 * 1024 };

const NOT_WAITING = {
  de: 'Zu diesem Antrag wird gerade nichts von Ihnen erwartet; Anlagen können nur mit einer Antwort gesendet werden.',
  en: 'Nothing is asked of you for this application at the moment; attachments can only be sent with a reply.',
};

interface UploadRules {
  label: string;
  accept: string[];
  maxSizeBytes: number;
}

/**
 * Reads the one file of a multipart request (the fields before it go into `fields`; `rulesFor` is asked once
 * they are read), streaming with the size limit and the client's byte budget, refusing active content and
 * checking the type against the content: a PDF must start like a PDF, so a renamed executable is refused.
 * Every refusal names the file and the field.
 */
async function readCheckedFile(
  request: FastifyRequest,
  language: 'de' | 'en',
  fields: Record<string, string>,
  budget: UploadBudget,
  rulesFor: () => Promise<UploadRules>,
): Promise<{ row: { name: string; media_type: string; size: number; sha256: string; content: Buffer } }> {
  // Set once the fields before the file are read (the callback below); a cast, as TypeScript cannot see that.
  let rules = undefined as UploadRules | undefined;
  const client = clientAddressKey(request);
  const file = await readOneFile(request, fields, async ({ filename }) => {
    const found = await rulesFor();
    rules = found;
    const overBudget = () => volumeError(budget, client, { label: found.label, file: filename }, language);
    // A client that used up its budget is refused before the file is read.
    if (budget.remaining(client) <= 0) throw overBudget();
    const limit = `${Math.round(found.maxSizeBytes / 104857.6) / 10} MB`;
    return {
      maxBytes: found.maxSizeBytes,
      tooLarge: () => fileError('PAYLOAD_TOO_LARGE', 'fileSize', { label: found.label, file: filename, limit }, language),
      onBytes: (bytes) => {
        if (!budget.charge(client, bytes)) throw overBudget();
      },
    };
  });
  if (!file || !rules) {
    const noFile = { de: 'Es wurde keine Datei gesendet.', en: 'No file was sent.' };
    throw new AppError('REQUEST_INVALID', noFile, { errors: [{ path: '/file', code: 'required', message: noFile }] });
  }
  const { content, filename, mimetype } = file;
  // Before the type: whatever the field allows (XML, text, an archive), markup that runs something is refused.
  const activeContent = await findActiveContent(content, { mediaType: mimetype, fileName: filename });
  if (activeContent === 'unreadable') throw fileError('REQUEST_INVALID', 'fileUnreadableMarkup', { label: rules.label, file: filename }, language);
  if (activeContent) throw fileError('REQUEST_INVALID', 'fileActiveContent', { label: rules.label, file: filename, activeContent }, language);
  const mediaType = await detectMediaType(content, mimetype);
  const allowed = describeMediaTypes(rules.accept);
  if (mediaType === undefined || mediaType !== mimetype || !rules.accept.includes(mediaType)) {
    const code = rules.accept.includes(mimetype) ? 'fileContent' : 'fileType';
    throw fileError('REQUEST_INVALID', code, { label: rules.label, file: filename, allowed }, language);
  }
  return {
    row: { name: sanitizeFileName(filename), media_type: mediaType, size: content.length, sha256: createHash('sha256').update(content).digest('hex'), content },
  };
}

/**
 * A file refused while it still arrives (too large, over the budget) is not read to its end: the connection
 * closes after the answer, or the client would wait to send the rest into a socket nobody reads any more.
 */
async function closingOnRefusal<T>(reply: FastifyReply, reading: Promise<T>): Promise<T> {
  try {
    return await reading;
  } catch (error) {
    void reply.header('connection', 'close');
    throw error;
  }
}

/** 429: the client's byte budget is used up; says for how long, as Retry-After too. */
function volumeError(budget: UploadBudget, client: string, names: { label: string; file: string }, language: 'de' | 'en'): AppError {
  const retryAfter = budget.retryAfterSeconds(client);
  const wait = formatWait(retryAfter);
  const megabytes = Math.round(budget.options.bytes / 1048576);
  const minutes = Math.round(budget.options.windowMs / 60_000);
  const params = { ...names, limit: `${megabytes} MB`, windowMinutes: minutes };
  const message = {
    de: formatSubmissionMessage('uploadVolume', 'de', { ...params, wait: wait.de }),
    en: formatSubmissionMessage('uploadVolume', 'en', { ...params, wait: wait.en }),
  };
  return new AppError('TOO_MANY_REQUESTS', message, { retryAfter, errors: [{ path: '/file', code: 'uploadVolume', message: message[language] }] });
}

function fileError(
  status: 'PAYLOAD_TOO_LARGE' | 'REQUEST_INVALID',
  code: SubmissionErrorCode,
  params: MessageParams,
  language: 'de' | 'en',
): AppError {
  const message = { de: formatSubmissionMessage(code, 'de', params), en: formatSubmissionMessage(code, 'en', params) };
  return new AppError(status, message, { errors: [{ path: '/file', code, message: message[language] }] });
}

async function resolveFileField(
  app: FastifyInstance,
  organisationId: string,
  serviceId: string | undefined, fieldPath: string | undefined): Promise<{ serviceId: string; element: FileField }> {
  const missing = { de: 'Bitte nennen Sie zuerst serviceId und field, dann die Datei.', en: 'Please send serviceId and field first, then the file.' };
  if (!serviceId || !fieldPath || !/^[0-9a-f-]{36}$/i.test(serviceId)) throw new AppError('REQUEST_INVALID', missing, { errors: [{ path: '/serviceId', code: 'required', message: missing }] });
  const service = await findServiceById(app.database.db, organisationId, serviceId);
  if (!service || service.published_version === null) {
    throw new AppError('SERVICE_NOT_FOUND', { de: 'Diesen Dienst gibt es nicht.', en: 'There is no such service.' });
  }
  const version = await loadVersion(app, organisationId, serviceId, service.published_version);
  const element = version.fields.get(fieldPath)?.element;
  if (element?.type !== 'file') {
    const message = { de: `„${fieldPath}“ ist kein Datei-Feld dieses Dienstes.`, en: `“${fieldPath}” is not a file field of this service.` };
    throw new AppError('REQUEST_INVALID', message, { errors: [{ path: '/field', code: 'option', message }] });
  }
  return { serviceId, element };
}

/** The media type the bytes show; plain text has no signature, so it counts as text when it is valid UTF-8. */
async function detectMediaType(content: Buffer, claimed: string): Promise<string | undefined> {
  const detected = await fileTypeFromBuffer(content);
  if (detected) return detected.mime;
  if (claimed === 'text/plain' && isUtf8Text(content)) return 'text/plain';
  return undefined;
}

function isUtf8Text(content: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return !content.includes(0);
  } catch {
    return false;
  }
}

/**
 * Keeps the name people recognise, without paths, control characters or bidirectional overrides (with which
 * „rechnung\u202Efdp.exe“ shows as „rechnungexe.pdf“).
 */
function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'datei';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, 200);
  return clean === '' ? 'datei' : clean;
}
