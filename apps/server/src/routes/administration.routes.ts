import { randomBytes, randomUUID } from 'node:crypto';
import {
  addServiceRole,
  appendAuditEvent,
  clearLoginAttempts,
  summariseLoginThrottles,
  countAuditEventsAbout,
  findServiceById,
  findUserByEmail,
  findUserById,
  findUserNames,
  insertApiToken,
  insertUser,
  listApiTokens,
  listAuditEvents,
  listPublishedServiceRoles,
  listServiceRoles,
  listServices,
  listUsers,
  listWebhookEndpoints,
  lockUser,
  removeServiceRole,
  replaceRecoveryCodes,
  replaceServiceRoles,
  revokeApiToken,
  updateUser,
  type ApiTokenInfo,
  type Executor,
  type StaffRole,
  type UserRow,
  type UserUpdate,
} from '@amtsweg/db';
import { describeBuiltInActor, isReservedRoleId, type BuiltInActor, type LocalizedText, type RoleDefinition, type ServiceDefinition } from '@amtsweg/definitions';
import { endOfDay } from '@amtsweg/process';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../app-error';
import { endSessions } from '../auth/log-in';
import { checkPasswordStrength, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/password';
import { permissionsOfRoles, ROLE_PERMISSIONS, STAFF_ROLES, TOKEN_SCOPES, type Permission } from '../auth/permissions';
import type { UserPrincipal } from '../auth/principal';
import { hashToken } from '../auth/hash-token';
import { API_TOKEN_PREFIX } from '../plugins/auth.plugin';
import { OFFICE_TIME_ZONE } from '../cases/office-date';
import { ERROR_RESPONSE, ID_PATTERN, uuidParams } from './shared-schemas';

const ERROR = ERROR_RESPONSE;
const USER_NOT_FOUND = { de: 'Dieses Konto gibt es nicht.', en: 'There is no such account.' };
const SERVICE_ROLES = {
  type: 'array',
  maxItems: 200,
  description:
    'Process roles per service (a caseworker sees only the cases of these services). Each role must be declared by a published version of its service; the built-in actors `applicant` and `system` are never granted (422 `ROLE_UNKNOWN` naming the entry).',
  items: {
    type: 'object',
    required: ['serviceId', 'role'],
    additionalProperties: false,
    properties: { serviceId: { type: 'string', format: 'uuid' }, role: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,62}$' } },
  },
} as const;
const STAFF_ROLE_LIST = { type: 'array', uniqueItems: true, items: { enum: STAFF_ROLES } } as const;
/** A grant named for people: the service's title and the role's label as the definition has them. */
const DESCRIBED_GRANT = {
  type: 'object',
  required: ['serviceId', 'role', 'serviceTitle', 'roleLabel'],
  properties: { serviceId: { type: 'string' }, role: { type: 'string' }, serviceTitle: { type: 'object', additionalProperties: { type: 'string' } }, roleLabel: { type: 'object', additionalProperties: { type: 'string' } } },
} as const;
const DROPPED_ERROR = {
  type: 'object',
  required: ['code', 'message', 'requestId', 'dropped'],
  description: 'SERVICE_ROLES_DROPPED: the list leaves out grants the account holds; send them in dropServiceRoles to confirm',
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    requestId: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } } },
    dropped: { type: 'array', items: DESCRIBED_GRANT, description: 'Each grant the list would take away, with service title and role label (German and English)' },
  },
} as const;
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
    failedLogins: { type: 'integer', description: 'Failed logins of the last 24 hours from every client, as the audit log records them (wrong password or code, or refused while the client waited)' },
    waitingClients: { type: 'integer', description: 'Clients (network addresses) that must wait after failed logins; others log in as usual' },
    lockedUntil: { type: ['string', 'null'], format: 'date-time', description: 'Until when the last of the waiting clients waits (null: none); `unlock` ends every wait' },
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
    userName: { type: ['string', 'null'], description: 'The display name of the person the token acts for (who created it; tokens made for someone else before issue 18 are revoked)' },
    scopes: { type: 'array', items: { type: 'string' } },
    createdBy: { type: 'string' },
    createdByName: { type: ['string', 'null'], description: 'Who created it (null: the account is gone)' },
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

/** An administrator's routes: staff accounts and their roles, API tokens, the audit trail (organisation settings: organisation-settings.routes.ts). */
export function administrationRoutes(app: FastifyInstance): void {
  userRoutes(app);
  serviceRoleRoutes(app);
  roleRoutes(app);
  apiTokenRoutes(app);
  auditRoutes(app);
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
        description:
          '`roles` replaces the staff roles as a whole (the operator role is kept as it is: it is never granted here). `serviceRoles` replaces the process roles per service as a whole; ' +
          'a list that leaves out grants the account holds is refused with 409 `SERVICE_ROLES_DROPPED`, naming each such grant in `dropped` (service title and role label), ' +
          'unless `dropServiceRoles` lists exactly those grants. To add or remove one grant, use `POST /api/users/{userId}/service-roles` and ' +
          '`DELETE /api/users/{userId}/service-roles/{serviceId}/{role}` instead. Every role in `serviceRoles` must be declared by a published version of its service ' +
          '(not only by the draft) and must not be a built-in actor (`applicant`, `system`): 422 `ROLE_UNKNOWN` naming the entry otherwise.',
        params: uuidParams('userId'),
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            displayName: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
            roles: STAFF_ROLE_LIST,
            serviceRoles: SERVICE_ROLES,
            dropServiceRoles: { ...SERVICE_ROLES, description: 'Confirms that serviceRoles takes these grants away: exactly the held grants the new list leaves out' },
            password: PASSWORD,
            disabled: { type: 'boolean' },
            unlock: { const: true, description: 'Clear the failed attempts of every client and end their waits' },
            resetSecondFactor: { const: true, description: 'Remove the second factor (lost phone); the account enrols again' },
          },
        },
        response: { 200: USER_VIEW, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR, 409: DROPPED_ERROR, 422: ERROR },
      },
    },
    async (request) => {
      const body = request.body as {
        displayName?: string;
        roles?: StaffRole[];
        serviceRoles?: Grant[];
        dropServiceRoles?: Grant[];
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
      // The operator's account reaches every organisation of the installation: whoever could set its password,
      // second factor, state or roles would be operator. Only an operator (or the command line) changes it.
      if (user.roles.includes('operator') && actor.id !== user.id && !actor.roles.includes('operator')) {
        throw new AppError('FORBIDDEN', {
          de: 'Dieses Konto betreibt die Installation. Nur wer die Installation selbst betreibt, kann es ändern.',
          en: 'This account operates the installation. Only an operator can change it.',
        });
      }
      if (body.dropServiceRoles && !body.serviceRoles) {
        const message = { de: '„dropServiceRoles“ bestätigt nur eine neue Liste in „serviceRoles“.', en: '“dropServiceRoles” only confirms a new list in “serviceRoles”.' };
        throw new AppError('REQUEST_INVALID', message, { errors: [{ path: '/body/dropServiceRoles', code: 'without-list', message }] });
      }
      if (body.password) checkPasswordStrength(body.password, user.email, '/body/password');
      if (body.serviceRoles) await checkServiceRoles(db(), organisationId, body.serviceRoles);
      const update: Omit<UserUpdate, 'updated_at'> = {};
      if (body.displayName) update.display_name = body.displayName.trim();
      // The operator runs the installation; an organisation's administrator neither grants nor takes it.
      if (body.roles) update.roles = user.roles.includes('operator') ? [...body.roles, 'operator'] : body.roles;
      if (body.password) update.password_hash = await hashPassword(body.password);
      if (body.disabled !== undefined) update.disabled_at = body.disabled ? new Date() : null;
      if (body.resetSecondFactor) Object.assign(update, { totp_secret: null, totp_enabled_at: null, totp_last_step: null });
      const updated = await db()
        .transaction()
        .execute(async (trx) => {
          // Grants are read under the account's lock, so a grant added meanwhile is not dropped unseen.
          await lockUser(trx, organisationId, user.id);
          const previousGrants = await listServiceRoles(trx, organisationId, user.id);
          if (body.serviceRoles) await checkDroppedGrants(trx, organisationId, previousGrants, body.serviceRoles, body.dropServiceRoles ?? []);
          const row = (await updateUser(trx, organisationId, user.id, update))!;
          if (body.serviceRoles) await replaceServiceRoles(trx, organisationId, user.id, body.serviceRoles);
          if (body.resetSecondFactor) await replaceRecoveryCodes(trx, user.id, []);
          if (body.unlock) await clearLoginAttempts(trx, { organisationId, kind: user.kind, email: user.email });
          const audit = (kind: string, details: Record<string, unknown> = {}) =>
            appendAuditEvent(trx, { organisationId, kind, actorId: actor.id, subjectId: user.id, ip: request.ip, details });
          if (body.roles || body.serviceRoles) {
            await audit('roles-changed', {
              ...(body.roles ? { roles: { from: user.roles, to: row.roles } } : {}),
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

/** One grant at a time: what the administration's "Rollen in Diensten" uses, and what integrations should. */
function serviceRoleRoutes(app: FastifyInstance): void {
  const db = () => app.database.db;

  app.post(
    '/api/users/:userId/service-roles',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['administration'],
        summary: 'Grant a staff account one process role on one service',
        description:
          'Adds the grant and leaves every other one as it is: 201 when added, 200 when the account held it already (nothing changes). Audited as `role-granted`. ' +
          'The role must be declared by a published version of the service (any version: cases keep the version they were filed under; a role only the draft declares is not grantable yet) ' +
          'and must not be a built-in actor (`applicant`, `system`, in any spelling): 422 `ROLE_UNKNOWN` with the entry at `/body/role` (`code` `unknown` or `reserved`).',
        params: uuidParams('userId'),
        body: {
          type: 'object',
          required: ['serviceId', 'role'],
          additionalProperties: false,
          properties: { serviceId: { type: 'string', format: 'uuid' }, role: { type: 'string', pattern: ID_PATTERN, description: 'A role a published version of the service declares' } },
        },
        response: { 200: USER_VIEW, 201: USER_VIEW, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR, 422: ERROR },
      },
    },
    async (request, reply) => {
      const grant = request.body as Grant;
      const user = await loadStaffUser(app, request);
      const organisationId = request.organisation.id;
      await checkServiceRoles(db(), organisationId, [grant], (field) => `/body/${field}`);
      const actor = (request.principal as UserPrincipal).user;
      const added = await db()
        .transaction()
        .execute(async (trx) => {
          await lockUser(trx, organisationId, user.id);
          if (!(await addServiceRole(trx, organisationId, user.id, grant))) return false;
          const details = await describeGrant(trx, organisationId, { service_id: grant.serviceId, role: grant.role });
          await appendAuditEvent(trx, { organisationId, kind: 'role-granted', actorId: actor.id, subjectId: user.id, ip: request.ip, details });
          return true;
        });
      return reply.status(added ? 201 : 200).send(await toUserView(db(), user));
    },
  );

  app.delete(
    '/api/users/:userId/service-roles/:serviceId/:role',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['administration'],
        summary: 'Take one process role on one service away from a staff account',
        description:
          'Removes the grant and leaves every other one as it is; 404 `SERVICE_ROLE_NOT_GRANTED` when the account does not hold it. Audited as `role-revoked`. ' +
          'Any held grant can be removed, also one the service no longer declares or one of a built-in actor stored before such grants were refused.',
        params: {
          type: 'object',
          required: ['userId', 'serviceId', 'role'],
          properties: { userId: { type: 'string', format: 'uuid' }, serviceId: { type: 'string', format: 'uuid' }, role: { type: 'string', pattern: ID_PATTERN } },
        },
        response: { 200: USER_VIEW, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR },
      },
    },
    async (request) => {
      const { serviceId, role } = request.params as { serviceId: string; role: string };
      const user = await loadStaffUser(app, request);
      const organisationId = request.organisation.id;
      const actor = (request.principal as UserPrincipal).user;
      await db()
        .transaction()
        .execute(async (trx) => {
          await lockUser(trx, organisationId, user.id);
          if (!(await removeServiceRole(trx, organisationId, user.id, { serviceId, role }))) {
            throw new AppError('SERVICE_ROLE_NOT_GRANTED', { de: 'Das Konto hat diese Rolle in diesem Dienst nicht.', en: 'The account does not hold this role on this service.' });
          }
          const details = await describeGrant(trx, organisationId, { service_id: serviceId, role });
          await appendAuditEvent(trx, { organisationId, kind: 'role-revoked', actorId: actor.id, subjectId: user.id, ip: request.ip, details });
        });
      return toUserView(db(), user);
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
        summary: 'What can be granted: the staff roles with their permissions, and the process roles the published versions of each service declare',
        description: 'A role only a draft declares is not listed until it is published; the built-in actors `applicant` and `system` never are.',
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
            roles: [...(await publishedServiceRoles(db, request.organisation.id, service.id))].map(([id, label]) => ({ id, label })),
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
    async (request) => {
      const tokens = await listApiTokens(db(), request.organisation.id);
      const names = await findUserNames(db(), request.organisation.id, tokens.flatMap((token) => [token.user_id, token.created_by]));
      return { tokens: tokens.map((token) => toTokenView(token, names)) };
    },
  );

  app.post(
    '/api/api-tokens',
    {
      config: { access: 'tokens:manage' },
      schema: {
        tags: ['administration'],
        summary: 'Create a token for an integration: it acts for you, the person creating it, limited to scopes; shown once',
        description:
          'A token acts only for the person who creates it: what it may do is its scopes within that person’s current roles, and the case history names that person and the token. A scope your roles do not grant, or a userId other than your own, is refused naming the field. A token can never be the second pair of eyes of the four-eyes principle.',
        body: {
          type: 'object',
          required: ['name', 'scopes'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
            userId: { type: 'string', format: 'uuid', description: 'Optional; only your own account id (a token acts for the person who creates it)' },
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
      const body = request.body as { name: string; userId?: string; scopes: string[]; expiresAt?: string };
      const organisationId = request.organisation.id;
      // A token acts for the person who creates it (issue 18): never in a colleague's name.
      const owner = (request.principal as UserPrincipal).user;
      if (body.userId !== undefined && body.userId !== owner.id) {
        const message = {
          de: 'Ein API-Token handelt immer für die Person, die es erstellt; für ein anderes Konto lässt sich keines erstellen.',
          en: 'An API token always acts for the person who creates it; none can be created for another account.',
        };
        throw new AppError('REQUEST_INVALID', message, { errors: [{ path: '/body/userId', code: 'notCreator', message }] });
      }
      const granted = permissionsOfRoles(owner.roles);
      const notGranted = body.scopes.flatMap((scope, index) => (granted.has(scope as Permission) ? [] : [index]));
      if (notGranted.length > 0) {
        const message = {
          de: 'Ihre Rollen erlauben diese Berechtigung nicht; ein Token kann nie mehr als die Person, die es erstellt.',
          en: 'Your roles do not grant this scope; a token can never do more than the person who creates it.',
        };
        throw new AppError('REQUEST_INVALID', message, { errors: notGranted.map((index) => ({ path: `/body/scopes/${index}`, code: 'notGranted', message })) });
      }
      if (body.expiresAt && new Date(body.expiresAt) <= new Date()) {
        const message = { de: 'Das Ablaufdatum liegt in der Vergangenheit.', en: 'The expiry date is in the past.' };
        throw new AppError('REQUEST_INVALID', message, { errors: [{ path: '/body/expiresAt', code: 'past', message }] });
      }
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
            created_by: owner.id,
            expires_at: body.expiresAt ? new Date(body.expiresAt) : null,
          });
          await appendAuditEvent(trx, {
            organisationId,
            kind: 'api-token-created',
            actorId: owner.id,
            subjectId: row.id,
            ip: request.ip,
            details: { name: row.name, userId: owner.id, scopes: body.scopes },
          });
          return row;
        });
      return reply.status(201).send({ token, apiToken: toTokenView(created, new Map([[owner.id, owner.display_name]])) });
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

/** The audit trail: who did what, newest first. */
function auditRoutes(app: FastifyInstance): void {
  const db = () => app.database.db;
  const NAME = { type: ['string', 'null'], description: 'As the account, token or endpoint is called now; null when it is gone or unknown' } as const;

  app.get(
    '/api/audit-events',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['administration'],
        summary: 'The audit trail, newest first: logins, failed logins, role changes, tokens',
        description: 'Filtered by `kind` and by the calendar days `from` … `to` (inclusive, Europe/Berlin); pages of `limit`, the next one `before` the previous page’s `nextBefore`.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            kind: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,49}$', description: 'e.g. login-failed, role-granted' },
            from: { type: 'string', format: 'date', description: 'First day (YYYY-MM-DD, Europe/Berlin)' },
            to: { type: 'string', format: 'date', description: 'Last day, inclusive (YYYY-MM-DD, Europe/Berlin)' },
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
                    actorName: NAME,
                    subjectId: { type: ['string', 'null'] },
                    subjectName: NAME,
                    subjectType: { type: ['string', 'null'], enum: ['account', 'api-token', 'webhook', 'organisation', null] },
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
      const query = request.query as { kind?: string; from?: string; to?: string; before?: string; limit: number };
      if (query.from && query.to && query.from > query.to) {
        const message = { de: 'Der letzte Tag liegt vor dem ersten.', en: 'The last day is before the first.' };
        throw new AppError('REQUEST_INVALID', message, { errors: [{ path: '/querystring/to', code: 'before-from', message }] });
      }
      const organisation = request.organisation;
      const events = await listAuditEvents(db(), organisation.id, {
        limit: query.limit,
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.before ? { before: query.before } : {}),
        // Whole days where the authority is: from the first day's midnight to the end of the last.
        ...(query.from ? { from: new Date(endOfDay(previousDay(query.from), OFFICE_TIME_ZONE).getTime() + 1) } : {}),
        ...(query.to ? { until: new Date(endOfDay(query.to, OFFICE_TIME_ZONE).getTime() + 1) } : {}),
      });
      const ids = events.flatMap((e) => [e.actor_id, e.subject_id]).filter((id): id is string => id !== null);
      const people = await findUserNames(db(), organisation.id, ids);
      const subjects = new Map<string, { type: string; name: string }>();
      for (const [id, name] of people) subjects.set(id, { type: 'account', name });
      if (events.some((e) => e.kind.startsWith('api-token-'))) for (const token of await listApiTokens(db(), organisation.id)) subjects.set(token.id, { type: 'api-token', name: token.name });
      if (events.some((e) => e.kind.startsWith('webhook-'))) {
        for (const endpoint of await listWebhookEndpoints(db(), organisation.id)) subjects.set(endpoint.id, { type: 'webhook', name: endpoint.description || endpoint.url });
      }
      subjects.set(organisation.id, { type: 'organisation', name: organisation.name });
      const last = events[events.length - 1];
      return {
        events: events.map((e) => ({
          at: e.at.toISOString(),
          kind: e.kind,
          actorId: e.actor_id,
          actorName: e.actor_id ? (people.get(e.actor_id) ?? null) : null,
          subjectId: e.subject_id,
          subjectName: e.subject_id ? (subjects.get(e.subject_id)?.name ?? null) : null,
          subjectType: e.subject_id ? (subjects.get(e.subject_id)?.type ?? null) : null,
          ip: e.ip,
          details: e.details as Record<string, unknown>,
        })),
        nextBefore: events.length === query.limit && last ? String(last.seq) : null,
      };
    },
  );
}

/** The calendar day before `YYYY-MM-DD`. */
function previousDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date - 1)).toISOString().slice(0, 10);
}

async function loadStaffUser(app: FastifyInstance, request: FastifyRequest): Promise<UserRow> {
  const { userId } = request.params as { userId: string };
  const user = await findUserById(app.database.db, request.organisation.id, userId);
  if (!user || user.kind !== 'staff') throw new AppError('USER_NOT_FOUND', USER_NOT_FOUND);
  return user;
}

/**
 * The process roles that can be granted on a service: those its published versions declare, by id with the label
 * of the newest version declaring it. Any published version counts, not only the current one: a case keeps the
 * version it was filed under, and its tasks need people holding that version's roles. A draft counts for nothing
 * (issue 18: a draft declared `applicant`, and staff were granted it), and a built-in actor's id never counts,
 * even where a version published before the check declares it.
 */
async function publishedServiceRoles(db: Executor, organisationId: string, serviceId: string): Promise<Map<string, LocalizedText>> {
  const roles = new Map<string, LocalizedText>();
  for (const version of await listPublishedServiceRoles(db, organisationId, serviceId)) {
    const declared = Array.isArray(version.roles) ? (version.roles as RoleDefinition[]) : [];
    for (const role of declared) if (!isReservedRoleId(role.id) && !roles.has(role.id)) roles.set(role.id, role.label);
  }
  return roles;
}

const RESERVED_ROLE_MESSAGE = (role: string, actor: BuiltInActor) => ({
  de: `„${role}“ steht für ${actor.de} und lässt sich niemandem als Rolle geben.`,
  en: `“${role}” stands for ${actor.en} and cannot be granted to anyone as a role.`,
});

/**
 * Every granted role must be one a published version of the service declares, and never a built-in actor's id.
 * `pathOf` names the field of a grant in the body (by default the entry of `serviceRoles`).
 */
async function checkServiceRoles(
  db: Executor,
  organisationId: string,
  grants: readonly Grant[],
  pathOf: (field: 'serviceId' | 'role', index: number) => string = (field, index) => `/body/serviceRoles/${index}/${field}`,
): Promise<void> {
  const errors: { path: string; code: string; message: { de: string; en: string } }[] = [];
  for (const [index, grant] of grants.entries()) {
    const service = await findServiceById(db, organisationId, grant.serviceId);
    if (!service) {
      errors.push({ path: pathOf('serviceId', index), code: 'unknown', message: { de: 'Diesen Dienst gibt es nicht.', en: 'There is no such service.' } });
      continue;
    }
    const actor = describeBuiltInActor(grant.role);
    if (actor) {
      errors.push({ path: pathOf('role', index), code: 'reserved', message: RESERVED_ROLE_MESSAGE(grant.role, actor) });
    } else if (!(await publishedServiceRoles(db, organisationId, service.id)).has(grant.role)) {
      errors.push({
        path: pathOf('role', index),
        code: 'unknown',
        message: {
          de: `Der Dienst kennt die Rolle „${grant.role}“ nicht: Keine veröffentlichte Version legt sie an.`,
          en: `The service has no role “${grant.role}”: no published version declares it.`,
        },
      });
    }
  }
  if (errors.length > 0) {
    throw new AppError('ROLE_UNKNOWN', { de: 'Eine Rolle passt nicht zum Dienst.', en: 'A role does not fit its service.' }, { errors });
  }
}

const grantKey = (serviceId: string, role: string) => `${serviceId} ${role}`;

/** A grant with the service's title and the role's label (the role's id where the service no longer declares it). */
async function describeGrant(db: Executor, organisationId: string, grant: { service_id: string; role: string }) {
  const service = await findServiceById(db, organisationId, grant.service_id);
  const roles = service ? await publishedServiceRoles(db, organisationId, service.id) : new Map<string, LocalizedText>();
  return {
    serviceId: grant.service_id,
    role: grant.role,
    serviceTitle: service ? ((service.draft as Partial<ServiceDefinition>).title ?? { de: service.slug }) : { de: grant.service_id },
    roleLabel: roles.get(grant.role) ?? { de: grant.role },
  };
}

/**
 * A full list of grants must not take grants away unseen: those the account holds and the list leaves out must
 * be confirmed in `dropServiceRoles`, exactly (409 naming each otherwise; a confirmation of a grant the list
 * does not drop is a 400 at its entry).
 */
async function checkDroppedGrants(
  db: Executor,
  organisationId: string,
  held: readonly { service_id: string; role: string }[],
  list: readonly Grant[],
  confirmed: readonly Grant[],
): Promise<void> {
  const kept = new Set(list.map((grant) => grantKey(grant.serviceId, grant.role)));
  const dropped = held.filter((grant) => !kept.has(grantKey(grant.service_id, grant.role)));
  const droppedKeys = new Set(dropped.map((grant) => grantKey(grant.service_id, grant.role)));
  const stray = confirmed.flatMap((grant, index) => (droppedKeys.has(grantKey(grant.serviceId, grant.role)) ? [] : [index]));
  if (stray.length > 0) {
    const message = { de: 'Diese Rolle würde gar nicht entzogen: Das Konto hat sie nicht, oder die neue Liste behält sie.', en: 'This role would not be taken away: the account does not hold it, or the new list keeps it.' };
    throw new AppError('REQUEST_INVALID', message, { errors: stray.map((index) => ({ path: `/body/dropServiceRoles/${index}`, code: 'not-dropped', message })) });
  }
  const confirmedKeys = new Set(confirmed.map((grant) => grantKey(grant.serviceId, grant.role)));
  const unconfirmed = dropped.filter((grant) => !confirmedKeys.has(grantKey(grant.service_id, grant.role)));
  if (unconfirmed.length === 0) return;
  const described = await Promise.all(unconfirmed.map((grant) => describeGrant(db, organisationId, grant)));
  throw new AppError(
    'SERVICE_ROLES_DROPPED',
    {
      de: 'Die neue Liste würde Rollen in Diensten entziehen. Bestätigen Sie das mit „dropServiceRoles“, oder geben und entziehen Sie Rollen einzeln.',
      en: 'The new list would take roles on services away. Confirm that with “dropServiceRoles”, or grant and revoke roles one at a time.',
    },
    {
      dropped: described,
      errors: described.map((grant) => {
        const title = { de: grant.serviceTitle.de ?? grant.serviceId, en: grant.serviceTitle.en ?? grant.serviceTitle.de ?? grant.serviceId };
        const label = { de: grant.roleLabel.de ?? grant.role, en: grant.roleLabel.en ?? grant.roleLabel.de ?? grant.role };
        return {
          path: '/body/serviceRoles',
          code: 'dropped',
          message: { de: `Entzöge die Rolle „${label.de}“ im Dienst „${title.de}“.`, en: `Would take away the role “${label.en}” on the service “${title.en}”.` },
        };
      }),
    },
  );
}

/** How far back the failed logins shown to administrators go. */
const RECENT_FAILURES_MS = 24 * 3600 * 1000;
/** The audit kinds of a failed login (with a wrong password or code, or refused while its client waits). */
const FAILED_LOGIN_KINDS = ['login-failed', 'login-throttled'] as const;

async function toUserView(db: Executor, user: UserRow) {
  const [grants, throttle, failedLogins] = await Promise.all([
    listServiceRoles(db, user.organisation_id, user.id),
    summariseLoginThrottles(db, { organisationId: user.organisation_id, kind: user.kind, email: user.email }),
    countAuditEventsAbout(db, user.organisation_id, user.id, { kinds: FAILED_LOGIN_KINDS, since: new Date(Date.now() - RECENT_FAILURES_MS) }),
  ]);
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    roles: user.roles,
    serviceRoles: grants.map((grant) => ({ serviceId: grant.service_id, role: grant.role })),
    secondFactorEnabled: user.totp_enabled_at !== null,
    failedLogins,
    waitingClients: throttle.waitingClients,
    lockedUntil: throttle.waitingUntil?.toISOString() ?? null,
    disabled: user.disabled_at !== null,
    createdAt: user.created_at.toISOString(),
  };
}

function toTokenView(token: ApiTokenInfo, names: ReadonlyMap<string, string>) {
  return {
    id: token.id,
    name: token.name,
    userId: token.user_id,
    userName: names.get(token.user_id) ?? null,
    scopes: token.scopes,
    createdBy: token.created_by,
    createdByName: names.get(token.created_by) ?? null,
    createdAt: token.created_at.toISOString(),
    expiresAt: token.expires_at?.toISOString() ?? null,
    lastUsedAt: token.last_used_at?.toISOString() ?? null,
    revokedAt: token.revoked_at?.toISOString() ?? null,
  };
}
