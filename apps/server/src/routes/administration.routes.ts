import { randomBytes, randomUUID } from 'node:crypto';
import {
  appendAuditEvent,
  clearLoginAttempts,
  findLoginThrottle,
  findServiceById,
  findServiceVersion,
  findUserByEmail,
  findUserById,
  insertApiToken,
  insertUser,
  listApiTokens,
  listAuditEvents,
  listServiceRoles,
  listServices,
  listUsers,
  replaceRecoveryCodes,
  replaceServiceRoles,
  revokeApiToken,
  updateOrganisation,
  updateUser,
  toJsonColumn,
  type ApiTokenInfo,
  type Organisation,
  type Service,
  type Executor,
  type StaffRole,
  type UserRow,
  type UserUpdate,
} from '@amtsweg/db';
import type { LocalizedText, ServiceDefinition } from '@amtsweg/definitions';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../app-error';
import { endSessions } from '../auth/log-in';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/password';
import { ROLE_PERMISSIONS, STAFF_ROLES, TOKEN_SCOPES } from '../auth/permissions';
import type { UserPrincipal } from '../auth/principal';
import { hashToken } from '../auth/hash-token';
import { API_TOKEN_PREFIX } from '../plugins/auth.plugin';
import { checkPasswordStrength } from './account.routes';
import { WEBHOOK_HOST_PATTERN } from '../webhooks/webhook-hosts';
import { ERROR_RESPONSE, uuidParams } from './shared-schemas';

const ERROR = ERROR_RESPONSE;
const USER_NOT_FOUND = { de: 'Dieses Konto gibt es nicht.', en: 'There is no such account.' };
const SERVICE_ROLES = {
  type: 'array',
  maxItems: 200,
  description: 'Process roles per service (a caseworker sees only the cases of these services)',
  items: {
    type: 'object',
    required: ['serviceId', 'role'],
    additionalProperties: false,
    properties: { serviceId: { type: 'string', format: 'uuid' }, role: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,62}$' } },
  },
} as const;
const STAFF_ROLE_LIST = { type: 'array', uniqueItems: true, items: { enum: STAFF_ROLES } } as const;
const PASSWORD = { type: 'string', minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH } as const;

const USER_VIEW = {
  type: 'object',
  required: ['id', 'email', 'displayName', 'roles', 'serviceRoles', 'secondFactorEnabled', 'disabled'],
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    displayName: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    serviceRoles: { type: 'array', items: { type: 'object', properties: { serviceId: { type: 'string' }, role: { type: 'string' } } } },
    secondFactorEnabled: { type: 'boolean' },
    failedLogins: { type: 'integer' },
    lockedUntil: { type: ['string', 'null'], format: 'date-time' },
    disabled: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

const TOKEN_VIEW = {
  type: 'object',
  required: ['id', 'name', 'userId', 'scopes', 'createdAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    userId: { type: 'string' },
    scopes: { type: 'array', items: { type: 'string' } },
    createdBy: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: ['string', 'null'], format: 'date-time' },
    lastUsedAt: { type: ['string', 'null'], format: 'date-time' },
    revokedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

interface Grant {
  serviceId: string;
  role: string;
}

/** An administrator's routes: staff accounts and their roles, API tokens, the audit trail, organisation settings. */
export function administrationRoutes(app: FastifyInstance): void {
  userRoutes(app);
  roleRoutes(app);
  apiTokenRoutes(app);
  organisationRoutes(app);
}

function userRoutes(app: FastifyInstance): void {
  const db = () => app.database.db;

  app.get(
    '/api/users',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['administration'],
        summary: 'Staff accounts of the organisation with their roles',
        response: { 200: { type: 'object', required: ['users'], properties: { users: { type: 'array', items: USER_VIEW } } }, 401: ERROR, 403: ERROR },
      },
    },
    async (request) => {
      const users = await listUsers(db(), request.organisation.id, 'staff');
      return { users: await Promise.all(users.map((user) => toUserView(db(), user))) };
    },
  );

  app.get(
    '/api/users/:userId',
    {
      config: { access: 'users:manage' },
      schema: { tags: ['administration'], summary: 'One staff account', params: uuidParams('userId'), response: { 200: USER_VIEW, 401: ERROR, 403: ERROR, 404: ERROR } },
    },
    async (request) => toUserView(db(), await loadStaffUser(app, request)),
  );

  app.post(
    '/api/users',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['administration'],
        summary: 'Create a staff account with roles and process roles per service',
        body: {
          type: 'object',
          required: ['email', 'displayName', 'password', 'roles'],
          additionalProperties: false,
          properties: {
            email: { type: 'string', minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' },
            displayName: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
            password: PASSWORD,
            roles: STAFF_ROLE_LIST,
            serviceRoles: SERVICE_ROLES,
          },
        },
        response: { 201: USER_VIEW, 400: ERROR, 401: ERROR, 403: ERROR, 409: ERROR, 422: ERROR },
      },
    },
    async (request, reply) => {
      const body = request.body as { email: string; displayName: string; password: string; roles: StaffRole[]; serviceRoles?: Grant[] };
      const organisationId = request.organisation.id;
      checkPasswordStrength(body.password, body.email, '/body/password');
      await checkServiceRoles(db(), organisationId, body.serviceRoles ?? []);
      if (await findUserByEmail(db(), organisationId, 'staff', body.email)) {
        const message = { de: 'Für diese E-Mail-Adresse gibt es schon ein Konto.', en: 'There is an account for this email address already.' };
        throw new AppError('EMAIL_TAKEN', message, { errors: [{ path: '/body/email', code: 'taken', message }] });
      }
      const passwordHash = await hashPassword(body.password);
      const actor = (request.principal as UserPrincipal).user;
      const user = await db()
        .transaction()
        .execute(async (trx) => {
          const created = await insertUser(trx, {
            id: randomUUID(),
            organisation_id: organisationId,
            kind: 'staff',
            email: body.email,
            display_name: body.displayName.trim(),
            password_hash: passwordHash,
            roles: body.roles,
          });
          await replaceServiceRoles(trx, organisationId, created.id, body.serviceRoles ?? []);
          await appendAuditEvent(trx, {
            organisationId,
            kind: 'user-created',
            actorId: actor.id,
            subjectId: created.id,
            ip: request.ip,
            details: { email: created.email, roles: body.roles, serviceRoles: body.serviceRoles ?? [] },
          });
          return created;
        });
      return reply.status(201).send(await toUserView(db(), user));
    },
  );

  app.patch(
    '/api/users/:userId',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['administration'],
        summary: 'Change roles, name or password of a staff account; disable it, unlock it, or reset its second factor',
        params: uuidParams('userId'),
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            displayName: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
            roles: STAFF_ROLE_LIST,
            serviceRoles: SERVICE_ROLES,
            password: PASSWORD,
            disabled: { type: 'boolean' },
            unlock: { const: true, description: 'Clear failed attempts and a lock' },
            resetSecondFactor: { const: true, description: 'Remove the second factor (lost phone); the account enrols again' },
          },
        },
        response: { 200: USER_VIEW, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR, 422: ERROR },
      },
    },
    async (request) => {
      const body = request.body as {
        displayName?: string;
        roles?: StaffRole[];
        serviceRoles?: Grant[];
        password?: string;
        disabled?: boolean;
        unlock?: true;
        resetSecondFactor?: true;
      };
      const user = await loadStaffUser(app, request);
      const actor = (request.principal as UserPrincipal).user;
      const organisationId = request.organisation.id;
      if (actor.id === user.id && (body.disabled === true || (body.roles && !body.roles.includes('administrator')))) {
        const message = { de: 'Sie können sich nicht selbst sperren oder die Administration entziehen.', en: 'You cannot disable yourself or drop your own administrator role.' };
        throw new AppError('REQUEST_INVALID', message, { errors: [{ path: body.disabled ? '/body/disabled' : '/body/roles', code: 'self', message }] });
      }
      if (body.password) checkPasswordStrength(body.password, user.email, '/body/password');
      if (body.serviceRoles) await checkServiceRoles(db(), organisationId, body.serviceRoles);
      const update: Omit<UserUpdate, 'updated_at'> = {};
      if (body.displayName) update.display_name = body.displayName.trim();
      if (body.roles) update.roles = body.roles;
      if (body.password) update.password_hash = await hashPassword(body.password);
      if (body.disabled !== undefined) update.disabled_at = body.disabled ? new Date() : null;
      if (body.resetSecondFactor) Object.assign(update, { totp_secret: null, totp_enabled_at: null, totp_last_step: null });
      const previousGrants = await listServiceRoles(db(), organisationId, user.id);
      const updated = await db()
        .transaction()
        .execute(async (trx) => {
          const row = (await updateUser(trx, organisationId, user.id, update))!;
          if (body.serviceRoles) await replaceServiceRoles(trx, organisationId, user.id, body.serviceRoles);
          if (body.resetSecondFactor) await replaceRecoveryCodes(trx, user.id, []);
          if (body.unlock) await clearLoginAttempts(trx, { organisationId, kind: user.kind, email: user.email });
          const audit = (kind: string, details: Record<string, unknown> = {}) =>
            appendAuditEvent(trx, { organisationId, kind, actorId: actor.id, subjectId: user.id, ip: request.ip, details });
          if (body.roles || body.serviceRoles) {
            await audit('roles-changed', {
              ...(body.roles ? { roles: { from: user.roles, to: body.roles } } : {}),
              ...(body.serviceRoles ? { serviceRoles: { from: previousGrants.map(({ service_id, role }) => ({ serviceId: service_id, role })), to: body.serviceRoles } } : {}),
            });
          }
          if (body.password) await audit('password-reset');
          if (body.disabled !== undefined) await audit(body.disabled ? 'user-disabled' : 'user-enabled');
          if (body.unlock) await audit('user-unlocked');
          if (body.resetSecondFactor) await audit('second-factor-reset');
          if (body.displayName) await audit('user-renamed', { from: user.display_name, to: row.display_name });
          return row;
        });
      // A changed password, second factor or a disabled account ends the account's sessions.
      if (body.password || body.disabled || body.resetSecondFactor) await endSessions(app, user);
      return toUserView(db(), updated);
    },
  );
}

function roleRoutes(app: FastifyInstance): void {
  const LABEL = { type: 'object', additionalProperties: { type: 'string' } } as const;
  app.get(
    '/api/roles',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['administration'],
        summary: 'What can be granted: the staff roles with their permissions, and the process roles each service declares',
        response: {
          200: {
            type: 'object',
            required: ['staffRoles', 'services'],
            properties: {
              staffRoles: {
                type: 'array',
                items: { type: 'object', properties: { id: { type: 'string' }, permissions: { type: 'array', items: { type: 'string' } } } },
              },
              services: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    serviceId: { type: 'string' },
                    slug: { type: 'string' },
                    title: LABEL,
                    roles: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, label: LABEL } } },
                  },
                },
              },
            },
          },
          401: ERROR,
          403: ERROR,
        },
      },
    },
    async (request) => {
      const db = app.database.db;
      const services = await listServices(db, request.organisation.id);
      return {
        staffRoles: STAFF_ROLES.map((id) => ({ id, permissions: [...ROLE_PERMISSIONS[id]] })),
        services: await Promise.all(
          services.map(async (service) => ({
            serviceId: service.id,
            slug: service.slug,
            title: (service.draft as Partial<ServiceDefinition>).title ?? { de: service.slug },
            roles: [...(await declaredServiceRoles(db, request.organisation.id, service))].map(([id, label]) => ({ id, label })),
          })),
        ),
      };
    },
  );
}

function apiTokenRoutes(app: FastifyInstance): void {
  const db = () => app.database.db;

  app.get(
    '/api/api-tokens',
    {
      config: { access: 'tokens:manage' },
      schema: {
        tags: ['administration'],
        summary: 'API tokens of the organisation (never the tokens themselves)',
        response: { 200: { type: 'object', required: ['tokens'], properties: { tokens: { type: 'array', items: TOKEN_VIEW } } }, 401: ERROR, 403: ERROR },
      },
    },
    async (request) => ({ tokens: (await listApiTokens(db(), request.organisation.id)).map(toTokenView) }),
  );

  app.post(
    '/api/api-tokens',
    {
      config: { access: 'tokens:manage' },
      schema: {
        tags: ['administration'],
        summary: 'Create a token for an integration: acts for a staff account, limited to scopes; shown once',
        body: {
          type: 'object',
          required: ['name', 'userId', 'scopes'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
            userId: { type: 'string', format: 'uuid', description: 'The staff account the integration acts as (its roles bound the scopes)' },
            scopes: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: TOKEN_SCOPES } },
            expiresAt: { type: 'string', format: 'date-time' },
          },
        },
        response: {
          201: { type: 'object', required: ['token', 'apiToken'], properties: { token: { type: 'string', description: 'Send as Authorization: Bearer <token>; shown only now' }, apiToken: TOKEN_VIEW } },
          400: ERROR,
          401: ERROR,
          403: ERROR,
          422: ERROR,
        },
      },
    },
    async (request, reply) => {
      const body = request.body as { name: string; userId: string; scopes: string[]; expiresAt?: string };
      const organisationId = request.organisation.id;
      const owner = await findUserById(db(), organisationId, body.userId);
      if (!owner || owner.kind !== 'staff' || owner.disabled_at) {
        const message = { de: 'Dieses Mitarbeiterkonto gibt es nicht.', en: 'There is no such staff account.' };
        throw new AppError('REQUEST_INVALID', message, { errors: [{ path: '/body/userId', code: 'unknown', message }] });
      }
      if (body.expiresAt && new Date(body.expiresAt) <= new Date()) {
        const message = { de: 'Das Ablaufdatum liegt in der Vergangenheit.', en: 'The expiry date is in the past.' };
        throw new AppError('REQUEST_INVALID', message, { errors: [{ path: '/body/expiresAt', code: 'past', message }] });
      }
      const actor = (request.principal as UserPrincipal).user;
      const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const created = await db()
        .transaction()
        .execute(async (trx) => {
          const row = await insertApiToken(trx, {
            id: randomUUID(),
            organisation_id: organisationId,
            user_id: owner.id,
            name: body.name.trim(),
            token_hash: hashToken(token),
            scopes: body.scopes,
            created_by: actor.id,
            expires_at: body.expiresAt ? new Date(body.expiresAt) : null,
          });
          await appendAuditEvent(trx, {
            organisationId,
            kind: 'api-token-created',
            actorId: actor.id,
            subjectId: row.id,
            ip: request.ip,
            details: { name: row.name, userId: owner.id, scopes: body.scopes },
          });
          return row;
        });
      return reply.status(201).send({ token, apiToken: toTokenView(created) });
    },
  );

  app.delete(
    '/api/api-tokens/:tokenId',
    {
      config: { access: 'tokens:manage' },
      schema: { tags: ['administration'], summary: 'Revoke a token at once', params: uuidParams('tokenId'), response: { 204: { type: 'null' }, 401: ERROR, 403: ERROR, 404: ERROR } },
    },
    async (request, reply) => {
      const { tokenId } = request.params as { tokenId: string };
      const actor = (request.principal as UserPrincipal).user;
      const revoked = await revokeApiToken(db(), request.organisation.id, tokenId);
      if (!revoked) throw new AppError('API_TOKEN_NOT_FOUND', { de: 'Dieses Token gibt es nicht (mehr).', en: 'There is no such (live) token.' });
      await appendAuditEvent(db(), { organisationId: request.organisation.id, kind: 'api-token-revoked', actorId: actor.id, subjectId: tokenId, ip: request.ip });
      return reply.status(204).send();
    },
  );
}

function organisationRoutes(app: FastifyInstance): void {
  const db = () => app.database.db;
  const ORGANISATION_VIEW = {
    type: 'object',
    required: ['id', 'slug', 'name', 'address', 'requireMfa', 'webhookHosts'],
    properties: {
      id: { type: 'string' },
      slug: { type: 'string' },
      name: { type: 'string' },
      address: { type: 'string' },
      requireMfa: { type: 'boolean' },
      webhookHosts: { type: 'array', items: { type: 'string' }, description: 'Hosts webhooks may reach; nothing else can be registered or called' },
    },
  } as const;
  const toView = (o: Organisation) => ({
    id: o.id,
    slug: o.slug,
    name: o.name,
    address: o.address,
    requireMfa: o.require_mfa,
    webhookHosts: o.webhook_hosts,
  });

  app.get(
    '/api/organisation',
    {
      config: { access: 'organisation:manage' },
      schema: { tags: ['administration'], summary: 'The organisation’s settings', response: { 200: ORGANISATION_VIEW, 401: ERROR, 403: ERROR } },
    },
    (request) => Promise.resolve(toView(request.organisation)),
  );

  app.patch(
    '/api/organisation',
    {
      config: { access: 'organisation:manage' },
      schema: {
        tags: ['administration'],
        summary: 'Change the organisation’s settings, e.g. require a second factor for all staff',
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
            address: { type: 'string', maxLength: 500 },
            requireMfa: { type: 'boolean' },
            webhookHosts: {
              type: 'array',
              maxItems: 100,
              uniqueItems: true,
              description: 'Host names (optionally with :port, or *.domain for its subdomains) that webhooks may reach',
              items: { type: 'string', maxLength: 260, pattern: WEBHOOK_HOST_PATTERN },
            },
          },
        },
        response: { 200: ORGANISATION_VIEW, 400: ERROR, 401: ERROR, 403: ERROR },
      },
    },
    async (request) => {
      const body = request.body as { name?: string; address?: string; requireMfa?: boolean; webhookHosts?: string[] };
      const before = request.organisation;
      const actor = (request.principal as UserPrincipal).user;
      const updated = await db()
        .transaction()
        .execute(async (trx) => {
          const row = await updateOrganisation(trx, before.id, {
            ...(body.name ? { name: body.name.trim() } : {}),
            ...(body.address !== undefined ? { address: body.address } : {}),
            ...(body.requireMfa !== undefined ? { require_mfa: body.requireMfa } : {}),
            ...(body.webhookHosts !== undefined ? { webhook_hosts: toJsonColumn(body.webhookHosts.map((host) => host.toLowerCase())) } : {}),
          });
          await appendAuditEvent(trx, { organisationId: before.id, kind: 'organisation-changed', actorId: actor.id, subjectId: before.id, ip: request.ip, details: body });
          return row!;
        });
      app.organisations.forget(before.id);
      return toView(updated);
    },
  );

  app.get(
    '/api/audit-events',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['administration'],
        summary: 'The audit trail, newest first: logins, failed logins, role changes, tokens',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            kind: { type: 'string', maxLength: 50 },
            before: { type: 'string', pattern: '^[0-9]{1,18}$', description: 'nextBefore of the previous page' },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['events', 'nextBefore'],
            properties: {
              events: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    at: { type: 'string', format: 'date-time' },
                    kind: { type: 'string' },
                    actorId: { type: ['string', 'null'] },
                    subjectId: { type: ['string', 'null'] },
                    ip: { type: ['string', 'null'] },
                    details: { type: 'object', additionalProperties: true },
                  },
                },
              },
              nextBefore: { type: ['string', 'null'] },
            },
          },
          400: ERROR,
          401: ERROR,
          403: ERROR,
        },
      },
    },
    async (request) => {
      const query = request.query as { kind?: string; before?: string; limit: number };
      const events = await listAuditEvents(db(), request.organisation.id, query);
      const last = events[events.length - 1];
      return {
        events: events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, actorId: e.actor_id, subjectId: e.subject_id, ip: e.ip, details: e.details as Record<string, unknown> })),
        nextBefore: events.length === query.limit && last ? String(last.seq) : null,
      };
    },
  );
}

async function loadStaffUser(app: FastifyInstance, request: FastifyRequest): Promise<UserRow> {
  const { userId } = request.params as { userId: string };
  const user = await findUserById(app.database.db, request.organisation.id, userId);
  if (!user || user.kind !== 'staff') throw new AppError('USER_NOT_FOUND', USER_NOT_FOUND);
  return user;
}

/** The process roles a service declares, in its draft or its published version (by id, with their labels). */
async function declaredServiceRoles(db: Executor, organisationId: string, service: Service): Promise<Map<string, LocalizedText>> {
  const roles = new Map<string, LocalizedText>();
  for (const role of (service.draft as Partial<ServiceDefinition>).settings?.roles ?? []) roles.set(role.id, role.label);
  if (service.published_version !== null) {
    const published = await findServiceVersion(db, organisationId, service.id, service.published_version);
    for (const role of (published?.definition as ServiceDefinition | undefined)?.settings.roles ?? []) if (!roles.has(role.id)) roles.set(role.id, role.label);
  }
  return roles;
}

/** Every granted role must be one the service declares (in its draft or its published version). */
async function checkServiceRoles(db: Executor, organisationId: string, grants: readonly Grant[]): Promise<void> {
  const errors: { path: string; code: string; message: { de: string; en: string } }[] = [];
  for (const [index, grant] of grants.entries()) {
    const service = await findServiceById(db, organisationId, grant.serviceId);
    if (!service) {
      errors.push({ path: `/body/serviceRoles/${index}/serviceId`, code: 'unknown', message: { de: 'Diesen Dienst gibt es nicht.', en: 'There is no such service.' } });
      continue;
    }
    if (!(await declaredServiceRoles(db, organisationId, service)).has(grant.role)) {
      errors.push({
        path: `/body/serviceRoles/${index}/role`,
        code: 'unknown',
        message: { de: `Der Dienst kennt die Rolle „${grant.role}“ nicht.`, en: `The service has no role “${grant.role}”.` },
      });
    }
  }
  if (errors.length > 0) {
    throw new AppError('ROLE_UNKNOWN', { de: 'Eine Rolle passt nicht zum Dienst.', en: 'A role does not fit its service.' }, { errors });
  }
}

async function toUserView(db: Executor, user: UserRow) {
  const [grants, throttle] = await Promise.all([
    listServiceRoles(db, user.organisation_id, user.id),
    findLoginThrottle(db, { organisationId: user.organisation_id, kind: user.kind, email: user.email }),
  ]);
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    roles: user.roles,
    serviceRoles: grants.map((grant) => ({ serviceId: grant.service_id, role: grant.role })),
    secondFactorEnabled: user.totp_enabled_at !== null,
    failedLogins: throttle?.failures ?? 0,
    lockedUntil: throttle?.locked_until && throttle.locked_until > new Date() ? throttle.locked_until.toISOString() : null,
    disabled: user.disabled_at !== null,
    createdAt: user.created_at.toISOString(),
  };
}

function toTokenView(token: ApiTokenInfo) {
  return {
    id: token.id,
    name: token.name,
    userId: token.user_id,
    scopes: token.scopes,
    createdBy: token.created_by,
    createdAt: token.created_at.toISOString(),
    expiresAt: token.expires_at?.toISOString() ?? null,
    lastUsedAt: token.last_used_at?.toISOString() ?? null,
    revokedAt: token.revoked_at?.toISOString() ?? null,
  };
}
