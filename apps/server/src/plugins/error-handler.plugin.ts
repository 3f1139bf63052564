import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, pickLanguage, type AppErrorCode, type AppMessage } from '../app-error';

const GENERIC: Partial<Record<AppErrorCode, AppMessage>> = {
  REQUEST_INVALID: { de: 'Die Anfrage ist ungültig.', en: 'The request is invalid.' },
  PAYLOAD_TOO_LARGE: { de: 'Die Anfrage ist zu groß.', en: 'The request is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { de: 'Dieses Datenformat wird nicht angenommen.', en: 'This content type is not accepted.' },
  NOT_FOUND: { de: 'Diese Adresse gibt es nicht.', en: 'There is nothing at this address.' },
  CSRF_TOKEN_INVALID: {
    de: 'Das Sicherheits-Token (CSRF) fehlt oder ist ungültig. Bitte laden Sie die Seite neu.',
    en: 'The security token (CSRF) is missing or invalid. Please reload the page.',
  },
  INTERNAL: {
    de: 'Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.',
    en: 'Something went wrong on our side. Please try again later.',
  },
};

/**
 * The one error handler: AppErrors answer with their code and status; request validation, malformed JSON,
 * oversized bodies and unknown content types become 400/413/415 with a code; everything else is a 500 that
 * is logged in full and answered without internals. Every answer carries the request id.
 */
function errorHandlerPlugin(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.setNotFoundHandler((request, reply) => {
    const language = pickLanguage(request.headers['accept-language']);
    void reply.status(404).send({ code: 'NOT_FOUND', message: GENERIC.NOT_FOUND![language], requestId: request.id });
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const language = pickLanguage(request.headers['accept-language']);
    if (error instanceof AppError) {
      // A refusal that ends by itself says when (seconds), in the body and as Retry-After.
      if (typeof error.details.retryAfter === 'number') void reply.header('retry-after', String(error.details.retryAfter));
      void reply.status(error.statusCode).send({ code: error.code, message: error.appMessage[language], requestId: request.id, ...localizeDetails(error.details, language) });
      return;
    }
    if (error.validation) {
      const errors = error.validation.map((issue) => {
        const missing = (issue.params as { missingProperty?: string; additionalProperty?: string }) ?? {};
        const leaf = missing.missingProperty ?? missing.additionalProperty;
        // The property is a key, not a pointer: a "/" or "~" in it is escaped like in any JSON pointer.
        const path = `/${error.validationContext ?? 'body'}${issue.instancePath}${leaf ? `/${leaf.replace(/~/g, '~0').replace(/\//g, '~1')}` : ''}`;
        return { path, code: issue.keyword, message: describeValidationIssue(issue.keyword, path, language) };
      });
      void reply.status(400).send({ code: 'REQUEST_INVALID', message: GENERIC.REQUEST_INVALID![language], requestId: request.id, errors });
      return;
    }
    if (error.code?.startsWith('FST_CSRF_')) {
      void reply.status(403).send({ code: 'CSRF_TOKEN_INVALID', message: GENERIC.CSRF_TOKEN_INVALID![language], requestId: request.id });
      return;
    }
    const status = error.statusCode ?? 500;
    if (status === 413 || status === 415 || (status >= 400 && status < 500)) {
      const code: AppErrorCode = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'REQUEST_INVALID';
      void reply.status(status).send({ code, message: GENERIC[code]![language], requestId: request.id });
      return;
    }
    request.log.error({ err: error }, 'unexpected error');
    void reply.status(500).send({ code: 'INTERNAL', message: GENERIC.INTERNAL![language], requestId: request.id });
  });
}

function describeValidationIssue(keyword: string, path: string, language: 'de' | 'en'): string {
  const field = path.split('/').filter(Boolean).slice(1).join('.') || path;
  if (keyword === 'required') return language === 'de' ? `„${field}“ fehlt.` : `“${field}” is missing.`;
  if (keyword === 'additionalProperties') return language === 'de' ? `„${field}“ ist nicht vorgesehen.` : `“${field}” is not allowed.`;
  return language === 'de' ? `„${field}“ ist ungültig (${keyword}).` : `“${field}” is invalid (${keyword}).`;
}

export default fp(errorHandlerPlugin, { name: 'error-handler', fastify: '5.x' });

/** Messages of single fields may come in both languages, like the error's own. */
function localizeDetails(details: Record<string, unknown>, language: 'de' | 'en'): Record<string, unknown> {
  if (!Array.isArray(details.errors)) return details;
  const errors = (details.errors as { message?: unknown }[]).map((entry) =>
    typeof entry.message === 'object' && entry.message !== null ? { ...entry, message: (entry.message as AppMessage)[language] } : entry,
  );
  return { ...details, errors };
}
