import type { Database } from '@amtsweg/db';
import type { LightMyRequestResponse } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { APP_ERROR_STATUS } from '../../src/app-error';

/**
 * Everything the fuzzed routes can write, as numbers: row counts, and sums that move when a row is changed in
 * place (a case's version, a draft's revision, a file attached to a case). Equal fingerprints: nothing written.
 */
export type WriteFingerprint = Record<string, number>;

export async function readWriteFingerprint(db: Kysely<Database>): Promise<WriteFingerprint> {
  const { rows } = await sql<Record<string, string | number | null>>`
    select
      (select count(*) from cases) as cases,
      (select coalesce(sum(version), 0) from cases) as case_versions,
      (select count(*) from case_events) as case_events,
      (select count(*) from case_proposals) as case_proposals,
      (select count(*) from case_deadlines) as case_deadlines,
      (select count(*) from documents) as documents,
      (select count(*) from files) as files,
      (select count(*) from files where case_id is not null) as attached_files,
      (select count(*) from idempotency_keys) as idempotency_keys,
      (select count(*) from jobs) as jobs,
      (select count(*) from drafts) as drafts,
      (select count(*) from services) as services,
      (select coalesce(sum(draft_revision), 0) from services) as draft_revisions,
      (select count(*) from service_versions) as service_versions,
      (select count(*) from audit_events) as audit_events
  `.execute(db);
  return Object.fromEntries(Object.entries(rows[0]!).map(([key, value]) => [key, Number(value)]));
}

/** The columns that differ, as `name: before → after`. */
export function diffFingerprints(before: WriteFingerprint, after: WriteFingerprint): Record<string, number> {
  return Object.fromEntries(Object.keys(after).flatMap((key) => (after[key] === before[key] ? [] : [[key, after[key]! - before[key]!]])));
}

export interface ErrorBody {
  code: string;
  message: string;
  requestId: string;
  errors?: { path: string; code: string; message: string }[];
  diagnostics?: { path: string; code: string; message: string }[];
  currentVersion?: number;
  reason?: string;
}

/**
 * Refusals that concern the request as a whole, not one field: the message must say so (the body, its format,
 * its size) in the caller's language. The generic "the request is invalid" says nothing and does not count.
 */
const WHOLE_BODY_MESSAGE = {
  en: /\b(body|JSON|content type|character set|multipart|UTF-8|too large)\b/i,
  de: /(Daten|JSON|Datenformat|Zeichensatz|multipart|UTF-8|zu groß)/i,
};
const GENERIC_INVALID = ['Die Anfrage ist ungültig.', 'The request is invalid.'];

export interface AnswerExpectations {
  language: 'de' | 'en';
  /** Codes this target may answer a rejected payload with besides the field and body errors (e.g. CASE_CONFLICT). */
  allowedCodes?: readonly string[];
  /** JSON pointers the payload changed; a field error must name one of them or a field beside them. */
  paths?: readonly string[];
}

/**
 * The problems with one 4xx answer, as sentences (none: it holds): a JSON error in the app's shape with a code
 * that fits the status, in the asked language, that names the field (errors[].path as JSON pointer, with code
 * and message) or, for a refusal of the whole body, says that it is about the body.
 */
export function checkRejection(response: LightMyRequestResponse, expect: AnswerExpectations): string[] {
  const problems: string[] = [];
  if (response.statusCode >= 500) return [`status ${response.statusCode}: ${response.body.slice(0, 300)}`];
  const contentType = String(response.headers['content-type']);
  if (!contentType.startsWith('application/json')) return [`content type ${contentType} is not JSON`];
  let body: ErrorBody;
  try {
    body = response.json<ErrorBody>();
  } catch {
    return [`body is not JSON: ${response.body.slice(0, 200)}`];
  }
  const known = APP_ERROR_STATUS[body.code as keyof typeof APP_ERROR_STATUS];
  if (known !== response.statusCode) problems.push(`code ${body.code} does not belong to status ${response.statusCode}`);
  if (typeof body.message !== 'string' || body.message.trim() === '') problems.push('no message');
  if (typeof body.requestId !== 'string' || body.requestId === '') problems.push('no requestId');
  // A definition's problems come as diagnostics, with a pointer into the definition each.
  if (body.diagnostics !== undefined) {
    if (!Array.isArray(body.diagnostics) || body.diagnostics.length === 0) problems.push('diagnostics is empty');
    for (const diagnostic of body.diagnostics ?? []) {
      if (typeof diagnostic.path !== 'string' || typeof diagnostic.code !== 'string' || typeof diagnostic.message !== 'string') {
        problems.push(`diagnostic without path, code or message: ${JSON.stringify(diagnostic).slice(0, 200)}`);
      }
    }
    return problems;
  }
  if (body.errors === undefined && expect.allowedCodes?.includes(body.code)) return problems;

  if (body.errors !== undefined) {
    if (!Array.isArray(body.errors) || body.errors.length === 0) problems.push('errors is empty');
    for (const error of body.errors ?? []) {
      if (typeof error.path !== 'string' || !error.path.startsWith('/')) problems.push(`error without a JSON pointer: ${JSON.stringify(error)}`);
      if (typeof error.code !== 'string' || error.code === '') problems.push(`error without a code: ${JSON.stringify(error)}`);
      if (typeof error.message !== 'string' || error.message.trim() === '') problems.push(`error without a message: ${JSON.stringify(error)}`);
    }
    if (expect.paths && expect.paths.length > 0 && !body.errors.some((error) => expect.paths!.some((path) => relatedPaths(error.path, path)))) {
      problems.push(`no error names a changed field (${expect.paths.join(', ')}): ${body.errors.map((e) => e.path).join(', ')}`);
    }
    return problems;
  }
  const wholeBody = body.code === 'UNSUPPORTED_MEDIA_TYPE' || body.code === 'PAYLOAD_TOO_LARGE' || body.code === 'REQUEST_INVALID';
  if (!wholeBody) problems.push(`${body.code} names no field`);
  else if (GENERIC_INVALID.includes(body.message) || !WHOLE_BODY_MESSAGE[expect.language].test(body.message)) {
    problems.push(`${body.code} without errors[] and its message names neither a field nor the body: “${body.message}”`);
  }
  return problems;
}

/**
 * Whether an error's pointer names the changed field, a field inside it or around it (a changed answer may make
 * its neighbour required). Pointers of Fastify's validation start with /body; the form's are relative to it.
 */
function relatedPaths(errorPath: string, changedPath: string): boolean {
  const strip = (path: string) => path.replace(/^\/body(?=\/|$)/, '');
  const a = strip(errorPath).split('/');
  const b = strip(changedPath).split('/');
  // The whole body, or the same top-level field (a group, a list) as the change.
  return a.length <= 1 || b.length <= 1 || a[1] === b[1];
}

/** Whether a message reads as German (umlauts, ß or German quotes) rather than English. */
export function looksGerman(text: string): boolean {
  return /[äöüÄÖÜß„“]|\b(der|die|das|ist|nicht|Bitte|ein|eine|Sie|gibt)\b/.test(text);
}
