import type { FastifyRequest } from 'fastify';

const EMAIL_ADDRESS = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+/g;
// A value PostgreSQL quotes in its message (`invalid input syntax for type uuid: "Mustermann"`) came from a request.
const QUOTED_VALUE = /(: )"[^"]*"/g;
/** What a database error may say about itself without carrying the data it failed on. */
const ERROR_FIELDS = ['code', 'constraint', 'table', 'column', 'routine'] as const;

/** A text fit for a log line: e-mail addresses and values a database message quotes are replaced. */
export function withoutPersonalData(text: string): string {
  return text.replace(EMAIL_ADDRESS, '<address>').replace(QUOTED_VALUE, '$1"<value>"');
}

/**
 * How the server logs requests and errors, so that no log line carries personal data (issue 18, finding 6): a
 * request by its path without the query string (inbox searches name people), an error by its kind, code, message
 * and stack — never the SQL parameters, query text or `detail` a database error carries (`Key (email)=(…)`).
 */
export const LOG_SERIALIZERS = {
  req: (request: FastifyRequest) => ({ method: request.method, path: request.url.split('?', 1)[0], hostname: request.hostname, remoteAddress: request.ip }),
  err: (error: unknown) => serializeError(error, 0),
};

interface SerializedError {
  [field: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

function serializeError(error: unknown, depth: number): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: withoutPersonalData(String(error)), stack: '' };
  const record = error as unknown as Record<string, unknown>;
  const serialized: SerializedError = { type: error.constructor.name, message: withoutPersonalData(error.message), stack: withoutPersonalData(error.stack ?? '') };
  for (const field of ERROR_FIELDS) if (typeof record[field] === 'string' || typeof record[field] === 'number') serialized[field] = record[field];
  if (error.cause !== undefined && depth < 3) serialized.cause = serializeError(error.cause, depth + 1);
  return serialized;
}
