import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DIAGNOSTICS } from '../routes/shared-schemas';

/** The error answer every route shares; fields beyond code/message appear where they apply. */
export const ERROR_SCHEMA = {
  $id: 'Error',
  type: 'object',
  required: ['code', 'message', 'requestId'],
  properties: {
    code: { type: 'string', description: 'Stable error code, e.g. SUBMISSION_INVALID, CASE_CONFLICT' },
    message: { type: 'string', description: "In the caller's language (Accept-Language: de or en)" },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      description: 'Every field that is wrong, by JSON pointer',
      items: {
        type: 'object',
        required: ['path', 'code', 'message'],
        properties: { path: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
    diagnostics: { ...DIAGNOSTICS, description: 'Every problem of a service definition, by JSON pointer' },
    currentVersion: { type: 'integer', description: 'On 409: the version the resource has now' },
    updatedAt: { type: ['string', 'null'], format: 'date-time', description: 'On 409 of a citizen’s draft: when the stored draft was saved (null: there is none)' },
    reason: { type: 'string', description: 'On a refused action: the refusal code of the process engine; on 403 FORBIDDEN of a four-eyes confirmation or send-back through an API token: TOKEN_NOT_A_PERSON' },
    retryAfter: {
      type: 'integer',
      description: 'On 429 LOGIN_THROTTLED and on 429 TOO_MANY_REQUESTS of the upload byte budget (`uploadVolume`): seconds until this client may try again (also sent as Retry-After)',
    },
  },
} as const;

async function openApiPlugin(app: FastifyInstance): Promise<void> {
  app.addSchema(ERROR_SCHEMA);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Amtsweg API',
        version: '0.1.0',
        description: 'Publish online services, take applications, carry cases to the decision notice.',
      },
      tags: [
        { name: 'health', description: 'Is it running' },
        { name: 'services', description: 'Service definitions, drafts and published versions' },
        { name: 'studio', description: 'The designers’ editor: the list of services, checking and previewing a definition' },
        { name: 'submissions', description: 'Applications from citizens' },
        { name: 'cases', description: 'The inbox and the work on cases' },
        { name: 'drafts', description: 'Unfinished applications of logged-in citizens, to resume on any device' },
        { name: 'applicant', description: 'The applicant follows and answers their case with the access token or their citizen account' },
        { name: 'auth', description: 'Logging in and out, the own account, second factor' },
        { name: 'administration', description: 'Staff accounts and roles, API tokens, audit trail, organisation settings' },
        {
          name: 'webhooks',
          description:
            'Administrators: endpoints that hear of a service’s case events. A delivery is a POST with the headers Amtsweg-Delivery (its id, the same on every attempt: deduplicate on it), Amtsweg-Event, Amtsweg-Timestamp and Amtsweg-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the endpoint’s secret>. A 2xx answer delivers it; otherwise it is tried again after 30 s, doubling up to 6 h, 15 times (more than a day), then marked failed. Only hosts on the organisation’s allow-list (PATCH /api/organisation {webhookHosts}) can be registered.',
        },
      ],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'amtsweg_session',
            description: 'Set by POST /api/auth/login. State-changing requests also need the X-CSRF-Token header from the login answer.',
          },
          apiToken: { type: 'http', scheme: 'bearer', description: 'An API token (amtsweg_…) created by an administrator' },
          caseAccessToken: { type: 'http', scheme: 'bearer', description: 'The access token of one case, from the submission answer' },
        },
      },
    },
    // Each operation names who may call it (from the route's declared access) and how to authenticate.
    transform: ({ schema, url, route }) => {
      const access = route.config?.access;
      if (!schema || !access || access === 'public') return { schema, url };
      const security: Record<string, string[]>[] = access === 'applicant' ? [{ caseAccessToken: [] }, { session: [] }] : access === 'account' || access === 'citizen' ? [{ session: [] }] : [{ session: [] }, { apiToken: [] }];
      const who = access === 'applicant' ? 'the applicant (access token or own citizen account)' : access === 'account' ? 'any logged-in account' : access === 'citizen' ? 'a logged-in citizen' : `staff with the permission ${access}`;
      return { schema: { ...schema, security, description: [schema.description, `Who may call it: ${who}.`].filter(Boolean).join('\n\n') }, url };
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}

export default fp(openApiPlugin, { name: 'openapi', fastify: '5.x' });
