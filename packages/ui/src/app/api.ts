import type { UiLanguage } from '../localize';

/** A field-level problem as the API names it: JSON pointer, code, message in the asked language. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/** An answer other than 2xx, with the server's message (in the caller's language) and field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The request never got an answer (offline, connection dropped): safe to retry with the same key. */
export class NetworkError extends Error {}

let csrfToken: string | undefined;
let language: UiLanguage = 'de';

/** The session's CSRF token, from the login answer or /api/auth/me; sent with every state-changing request. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function setApiLanguage(next: UiLanguage): void {
  language = next;
}

let organisation: string | undefined;

/**
 * The organisation a portal served under its path prefix (`/o/<slug>/`) shows: sent as `X-Amtsweg-Organisation`
 * with every call, so a visitor's catalogue, login, registration and applications are that organisation's. The
 * server heeds it only for visitors and citizens; staff always act in their account's organisation.
 */
export function setApiOrganisation(slug: string | undefined): void {
  organisation = slug;
}

/** The organisation set with `setApiOrganisation` (a portal under `/o/<slug>/`), if any. */
export function apiOrganisation(): string | undefined {
  return organisation;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  /** Access code of an application (the anonymous applicant's bearer token). */
  accessToken?: string | undefined;
  signal?: AbortSignal;
}

export function requestHeaders(options: Pick<RequestOptions, 'method' | 'headers' | 'accessToken'> = {}): Record<string, string> {
  const headers: Record<string, string> = { 'Accept-Language': language, Accept: 'application/json', ...options.headers };
  if (organisation) headers['X-Amtsweg-Organisation'] = organisation;
  if (options.method && options.method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.accessToken) headers.Authorization = `Bearer ${options.accessToken}`;
  return headers;
}

/** Calls the API; resolves with the JSON answer, or rejects with an ApiError or a NetworkError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers = requestHeaders(options);
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body = text ? (safeParse(text) as Record<string, unknown>) : {};
  if (!response.ok) throw toApiError(response.status, body);
  return body as T;
}

export function toApiError(status: number, body: Record<string, unknown>): ApiError {
  const errors = Array.isArray(body.errors) ? (body.errors as FieldError[]) : [];
  return new ApiError(status, typeof body.code === 'string' ? body.code : 'UNKNOWN', typeof body.message === 'string' ? body.message : `HTTP ${status}`, errors, body);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/**
 * Uploads with XMLHttpRequest, because fetch reports no upload progress; resolves with the JSON answer.
 */
export function uploadWithProgress<T>(path: string, form: FormData, onProgress: (fraction: number) => void, accessToken?: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    for (const [name, value] of Object.entries(requestHeaders({ method: 'POST', accessToken }))) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const body = (request.responseText ? safeParse(request.responseText) : {}) as Record<string, unknown>;
      if (request.status >= 200 && request.status < 300) resolve(body as T);
      else reject(toApiError(request.status, body));
    };
    request.onerror = () => reject(new NetworkError('upload failed'));
    request.send(form);
  });
}

/**
 * Fetches a file with the caller's credentials and hands it to the browser as a download; with a body, the file
 * is what a POST answers (a preview rendered from what is typed).
 */
export async function downloadFile(path: string, fallbackName: string, accessToken?: string, body?: unknown): Promise<void> {
  let response: Response;
  try {
    const method = body === undefined ? 'GET' : 'POST';
    const headers = requestHeaders({ method, accessToken });
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    response = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw toApiError(response.status, (safeParse(await response.text()) ?? {}) as Record<string, unknown>);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="([^"]+)"/i.exec(disposition)?.[1];
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
