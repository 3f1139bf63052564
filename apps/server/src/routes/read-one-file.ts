import type { FastifyRequest } from 'fastify';
import { AppError } from '../app-error';

/** The file of a multipart upload as sent: its name and claimed type (neither is trusted) and its bytes. */
export interface UploadedFile {
  filename: string;
  mimetype: string;
  content: Buffer;
}

/** How large the file may be, and the refusal (naming the file, in the caller's words) when it is larger. */
export interface FileSizeLimit {
  maxBytes: number;
  tooLarge: () => AppError;
  /** Told of every piece as it arrives (a byte budget counts them); may throw to refuse the file there. */
  onBytes?: (bytes: number) => void;
}

const NOT_MULTIPART = { de: 'Bitte senden Sie die Datei als multipart/form-data.', en: 'Please send the file as multipart/form-data.' };
const MALFORMED_MULTIPART = { de: 'Die Daten sind kein gültiges multipart/form-data.', en: 'The body is not valid multipart/form-data.' };

/**
 * Reads the first file of a multipart request, streaming it against the size limit `limitFor` answers once the
 * text fields before the file are read (they go into `fields`; fields after it are let go). Answers undefined
 * when the form holds no file, so each route says in its own words what is missing.
 *
 * A body the parser cannot read (no boundary, another boundary, cut off) is a 400 naming `/body`; the parser's
 * own limits (too many parts) stay 413. Type and content are the caller's to check.
 *
 * @example
 * const file = await readOneFile(request, {}, () => Promise.resolve({ maxBytes: 1024, tooLarge: () => new AppError(…) }));
 */
export async function readOneFile(
  request: FastifyRequest,
  fields: Record<string, string>,
  limitFor: (file: { filename: string }) => Promise<FileSizeLimit>,
): Promise<UploadedFile | undefined> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', NOT_MULTIPART);
  const parts = request.parts()[Symbol.asyncIterator]();
  try {
    for (let next = await nextPart(parts); !next.done; next = await nextPart(parts)) {
      const part = next.value;
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      const limit = await limitFor({ filename: part.filename });
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of part.file) {
          size += (chunk as Buffer).length;
          if (size > limit.maxBytes) throw limit.tooLarge();
          limit.onBytes?.((chunk as Buffer).length);
          chunks.push(chunk as Buffer);
        }
      } catch (error) {
        throw asMultipartError(error);
      }
      // The parser's own file size limit cuts the stream without an error when read like this.
      if (part.file.truncated) throw limit.tooLarge();
      return { filename: part.filename, mimetype: part.mimetype, content: Buffer.concat(chunks) };
    }
  } finally {
    // As a for-await loop would: the parts not read are let go.
    await parts.return?.();
  }
  return undefined;
}

/** The next part of a multipart body; a body the parser cannot read is refused as such. */
async function nextPart<T>(parts: AsyncIterator<T>): Promise<IteratorResult<T>> {
  try {
    return await parts.next();
  } catch (error) {
    throw asMultipartError(error);
  }
}

/**
 * The parser fails with a bare error on a body that is not what its header says (no or another boundary, cut
 * off); that is the client's mistake, so it becomes a 400 naming the body. Our own errors and those with a
 * status (the parser's limits: 413) stay as they are.
 */
function asMultipartError(error: unknown): unknown {
  if (error instanceof AppError || typeof (error as { statusCode?: unknown } | null)?.statusCode === 'number') return error;
  return new AppError('REQUEST_INVALID', MALFORMED_MULTIPART, { errors: [{ path: '/body', code: 'multipart', message: MALFORMED_MULTIPART }] });
}
