/**
 * Every error the API answers with: a stable code and its HTTP status, in one place. Domain packages know
 * nothing about HTTP; routes throw `AppError` with one of these codes and the error handler does the rest.
 */
export const APP_ERROR_STATUS = {
  REQUEST_INVALID: 400,
  SUBMISSION_INVALID: 400,
  AUTHENTICATION_REQUIRED: 401,
  INVALID_CREDENTIALS: 401,
  SECOND_FACTOR_REQUIRED: 401,
  SECOND_FACTOR_INVALID: 401,
  API_TOKEN_INVALID: 401,
  OIDC_LOGIN_FAILED: 401,
  CSRF_TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SERVICE_NOT_FOUND: 404,
  SERVICE_NOT_PUBLISHED: 404,
  VERSION_NOT_FOUND: 404,
  CASE_NOT_FOUND: 404,
  DOCUMENT_NOT_FOUND: 404,
  FILE_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  SERVICE_ROLE_NOT_GRANTED: 404,
  API_TOKEN_NOT_FOUND: 404,
  DRAFT_NOT_FOUND: 404,
  TEMPLATE_NOT_FOUND: 404,
  WEBHOOK_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  SERVICE_ROLES_DROPPED: 409,
  SECOND_FACTOR_ALREADY_ENABLED: 409,
  SERVICE_SLUG_TAKEN: 409,
  ORGANISATION_SLUG_TAKEN: 409,
  HOST_TAKEN: 409,
  DRAFT_CONFLICT: 409,
  CASE_CONFLICT: 409,
  CASE_CLOSED: 409,
  REFERENCE_CONFLICT: 409,
  IDEMPOTENCY_KEY_EXPIRED: 409,
  CONFIRMATION_LINK_USED: 409,
  CONFIRMATION_LINK_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  DEFINITION_INVALID: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  ACTION_REFUSED: 422,
  ROLE_UNKNOWN: 422,
  PASSWORD_TOO_WEAK: 422,
  WEBHOOK_HOST_NOT_ALLOWED: 422,
  TOO_MANY_REQUESTS: 429,
  LOGIN_THROTTLED: 429,
  INTERNAL: 500,
  OIDC_UNAVAILABLE: 503,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

/** A message in German and English; the error handler picks the caller's language. */
export interface AppMessage {
  de: string;
  en: string;
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly appMessage: AppMessage,
    /** Extra, machine-readable detail for the response (errors per field, diagnostics, …). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(appMessage.en);
    this.name = 'AppError';
  }

  get statusCode(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

/** Picks German unless the caller prefers English. */
export function pickLanguage(acceptLanguage: string | undefined): 'de' | 'en' {
  if (!acceptLanguage) return 'de';
  const preferred = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.tag.startsWith('de') || entry.tag.startsWith('en'))
    .sort((a, b) => b.q - a.q)[0];
  return preferred?.tag.startsWith('en') ? 'en' : 'de';
}

export function notFound(code: AppErrorCode, what: AppMessage): AppError {
  return new AppError(code, what);
}
