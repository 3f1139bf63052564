import { setTimeout as sleep } from 'node:timers/promises';
import { PDF_BYTES } from '../../test/helper';

/** A logged-in browser as the reliability tests see it: its session cookie and CSRF token. */
export interface HttpSession {
  userId: string;
  cookie: string;
  csrfToken: string;
}

/** An answer: the status and the parsed JSON body (`undefined` when there was none or it was not JSON). */
export interface HttpAnswer<TBody = Record<string, unknown>> {
  status: number;
  body: TBody;
}

/** What a 201 to a submission carries. */
export interface SubmissionReceipt {
  caseId: string;
  reference: string;
  accessToken: string;
  receipt: { documentId: string } | null;
}

/** A file reference as the upload route answers it and a submission names it. */
export interface FileReference {
  id: string;
  name: string;
  mediaType: string;
  size: number;
}

// Requests that outlive this are a hung server, not load: fail them instead of waiting for the test timeout.
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Sends a JSON request over real HTTP; with a session, as that browser would (cookie, and the CSRF token on
 * state-changing methods). A connection that breaks (the process was killed) rejects.
 */
export async function requestJson<TBody = Record<string, unknown>>(
  origin: string,
  method: string,
  path: string,
  options: { body?: unknown; session?: HttpSession; headers?: Record<string, string> } = {},
): Promise<HttpAnswer<TBody>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.session) {
    headers.cookie = options.session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = options.session.csrfToken;
  }
  const response = await fetch(`${origin}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body: body as TBody };
}

/** Logs in through POST /api/auth/login over HTTP; answers the session cookie and CSRF token. */
export async function logInOverHttp(origin: string, email: string, password: string, kind: 'staff' | 'citizen' = 'staff'): Promise<HttpSession> {
  const response = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, kind }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`login of ${email} failed with ${response.status}: ${text}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0]!)
    .find((pair) => pair.startsWith('amtsweg_session='));
  if (!cookie) throw new Error(`login of ${email} set no session cookie`);
  const body = JSON.parse(text) as { csrfToken: string; account: { id: string } };
  return { userId: body.account.id, cookie, csrfToken: body.csrfToken };
}

/** POST /api/services/:id/submissions, with an Idempotency-Key when given. */
export function submitOverHttp(
  origin: string,
  serviceId: string,
  data: unknown,
  idempotencyKey?: string,
): Promise<HttpAnswer<SubmissionReceipt & { code?: string; message?: string }>> {
  return requestJson(origin, 'POST', `/api/services/${serviceId}/submissions`, {
    body: data,
    ...(idempotencyKey ? { headers: { 'idempotency-key': idempotencyKey } } : {}),
  });
}

/** Uploads the test PDF for the Hundeanmeldung's certificate field, as the portal would (multipart). */
export async function uploadCertificate(origin: string, serviceId: string): Promise<FileReference> {
  const form = new FormData();
  form.append('serviceId', serviceId);
  form.append('field', 'dogs.certificate');
  form.append('file', new Blob([new Uint8Array(PDF_BYTES)], { type: 'application/pdf' }), 'wesenstest.pdf');
  const response = await fetch(`${origin}/api/files`, { method: 'POST', body: form, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`upload failed with ${response.status}: ${text}`);
  return JSON.parse(text) as FileReference;
}

/**
 * Runs `task(0..count-1)` with at most `parallel` under way at once; answers the results in index order
 * (a rejected task is kept as its error, so one broken connection does not hide the others' answers).
 */
export async function runPool<TResult>(count: number, parallel: number, task: (index: number) => Promise<TResult>): Promise<(TResult | Error)[]> {
  const results: (TResult | Error)[] = new Array<TResult | Error>(count);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, lane));
  return results;
}

/** Resolves when `condition` holds, polling; rejects after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}
