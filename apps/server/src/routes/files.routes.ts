import { createHash, randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import { findServiceById, insertFile } from '@amtsweg/db';
import type { FileField } from '@amtsweg/definitions';
import { describeMediaTypes, formatSubmissionMessage, type MessageParams, type SubmissionErrorCode } from '@amtsweg/forms';
import type { FastifyInstance } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { AppError, pickLanguage } from '../app-error';
import { loadVersion } from '../services/load-version';

/** The largest file any field may allow (the schema's bound); a field's own limit is checked while streaming. */
const MAX_FILE_BYTES = 100 * 1024 * 1024;

/**
 * Files are uploaded before submitting and referenced by id. The upload names the service and the field;
 * size and type are checked against that field, and the type against the file's actual content (a PDF must
 * start like a PDF), so a renamed executable is refused.
 */
export async function filesRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: { files: 1, fields: 5, fieldSize: 1000, fileSize: MAX_FILE_BYTES, parts: 10 } });

  app.post(
    '/api/files',
    {
      config: { access: 'public', rateLimit: { max: app.rateLimits.upload, timeWindow: 60_000 } },
      schema: {
        tags: ['submissions'],
        summary: 'Upload one file for a file field of a published service (multipart: serviceId, field, then file)',
        consumes: ['multipart/form-data'],
        response: {
          201: {
            type: 'object',
            required: ['id', 'name', 'mediaType', 'size'],
            properties: { id: { type: 'string' }, name: { type: 'string' }, mediaType: { type: 'string' }, size: { type: 'integer' } },
          },
          400: { $ref: 'Error#' },
          404: { $ref: 'Error#' },
          413: { $ref: 'Error#' },
          415: { $ref: 'Error#' },
        },
      },
    },
    async (request, reply) => {
      const language = pickLanguage(request.headers['accept-language']);
      if (!request.isMultipart()) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', { de: 'Bitte senden Sie die Datei als multipart/form-data.', en: 'Please send the file as multipart/form-data.' });
      }
      const fields: Record<string, string> = {};
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          if (typeof part.value === 'string') fields[part.fieldname] = part.value;
          continue;
        }
        const field = await resolveFileField(app, request.organisation.id, fields.serviceId, fields.field);
        const label = field.element.label[language] ?? field.element.label.de;
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of part.file) {
          size += (chunk as Buffer).length;
          if (size > field.element.maxSizeBytes) {
            const limit = `${Math.round(field.element.maxSizeBytes / 104857.6) / 10} MB`;
            throw fileError('PAYLOAD_TOO_LARGE', 'fileSize', { label, file: part.filename, limit }, language);
          }
          chunks.push(chunk as Buffer);
        }
        const content = Buffer.concat(chunks);
        const mediaType = await detectMediaType(content, part.mimetype);
        const allowed = describeMediaTypes(field.element.accept);
        if (mediaType === undefined || mediaType !== part.mimetype || !field.element.accept.includes(mediaType)) {
          const code = field.element.accept.includes(part.mimetype) ? 'fileContent' : 'fileType';
          throw fileError('REQUEST_INVALID', code, { label, file: part.filename, allowed }, language);
        }
        const id = randomUUID();
        const name = sanitizeFileName(part.filename);
        await insertFile(app.database.db, {
          id,
          organisation_id: request.organisation.id,
          service_id: field.serviceId,
          name,
          media_type: mediaType,
          size: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
          content,
        });
        return reply.status(201).send({ id, name, mediaType, size: content.length });
      }
      throw new AppError('REQUEST_INVALID', { de: 'Es wurde keine Datei gesendet.', en: 'No file was sent.' }, { errors: [{ path: '/file', code: 'required', message: '' }] });
    },
  );
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
    throw new AppError('REQUEST_INVALID', message, { errors: [{ path: '/field', code: 'option', message: message.en }] });
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

/** Keeps the name people recognise, without paths or control characters. */
function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'datei';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean === '' ? 'datei' : clean;
}
