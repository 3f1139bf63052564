import { randomUUID } from 'node:crypto';
import {
  appendAuditEvent,
  findOrganisationBySlug,
  findTakenHosts,
  insertOrganisation,
  insertUser,
  listOrganisationHosts,
  listOrganisationSummaries,
  replaceOrganisationHosts,
  type OrganisationSummary,
} from '@amtsweg/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type AppMessage } from '../app-error';
import { checkPasswordStrength, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/password';
import type { UserPrincipal } from '../auth/principal';
import { ERROR_RESPONSE, uuidParams } from './shared-schemas';

const ERROR = ERROR_RESPONSE;
const SLUG_PATTERN = '^[a-z0-9][a-z0-9-]{1,62}$';
/** A DNS name (letters, digits, hyphens, dots), no port, no scheme; compared in lower case. */
const HOST_PATTERN = '^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$';
const HOSTS = {
  type: 'array',
  maxItems: 20,
  items: { type: 'string', pattern: HOST_PATTERN },
  description: 'Host names the organisation’s portal answers on (e.g. `amtsweg.kleinstadt.de`; no scheme, no port). A visitor on one of them sees this organisation.',
} as const;
const ORGANISATION_VIEW = {
  type: 'object',
  required: ['id', 'slug', 'name', 'address', 'hosts', 'staffCount', 'serviceCount', 'createdAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    slug: { type: 'string', description: 'Also the portal’s path prefix: `/o/<slug>/`' },
    name: { type: 'string' },
    address: { type: 'string' },
    hosts: { type: 'array', items: { type: 'string' } },
    staffCount: { type: 'integer', description: 'Staff accounts' },
    serviceCount: { type: 'integer', description: 'Services, published or not' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;
const NOT_FOUND = { de: 'Diese Organisation gibt es nicht.', en: 'There is no such organisation.' };

/**
 * The platform operator's routes (`organisations:manage`, a role no organisation's administrator can grant):
 * the installation's organisations — a Verwaltungsgemeinschaft hosting its member municipalities — each with
 * its host names and first administrator. The only routes that see more than the caller's organisation.
 */
export function organisationsRoutes(app: FastifyInstance): void {
  const db = () => app.database.db;

  app.get(
    '/api/organisations',
    {
      config: { access: 'organisations:manage' },
      schema: {
        tags: ['administration'],
        summary: 'Platform operator: every organisation of the installation, with host names and counts of staff and services',
        response: { 200: { type: 'array', items: ORGANISATION_VIEW }, 401: ERROR, 403: ERROR },
      },
    },
    async () => (await listOrganisationSummaries(db())).map(toView),
  );

  app.post(
    '/api/organisations',
    {
      config: { access: 'organisations:manage' },
      schema: {
        tags: ['administration'],
        summary: 'Platform operator: create an organisation and its first administrator in one transaction',
        description:
          'The slug names the organisation at login (`organisation`) and in the portal’s path prefix `/o/<slug>/`; each host name shows its portal. A taken slug or host name is a 409 naming the field. The administrator’s password must pass the same strength check as every password.',
        body: {
          type: 'object',
          required: ['name', 'slug', 'administrator'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
            slug: { type: 'string', pattern: SLUG_PATTERN, description: 'Lower-case letters, digits and hyphens, 2 to 63 characters' },
            address: { type: 'string', maxLength: 500 },
            hosts: HOSTS,
            administrator: {
              type: 'object',
              required: ['email', 'displayName', 'password'],
              additionalProperties: false,
              properties: {
                email: { type: 'string', minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' },
                displayName: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
                password: { type: 'string', minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH },
              },
            },
          },
        },
        response: { 201: ORGANISATION_VIEW, 400: ERROR, 401: ERROR, 403: ERROR, 409: ERROR, 422: ERROR },
      },
    },
    async (request, reply) => {
      const body = request.body as {
        name: string;
        slug: string;
        address?: string;
        hosts?: string[];
        administrator: { email: string; displayName: string; password: string };
      };
      const hosts = normaliseHosts(body.hosts ?? []);
      checkPasswordStrength(body.administrator.password, body.administrator.email, '/body/administrator/password');
      if (await findOrganisationBySlug(db(), body.slug)) throw slugTaken();
      refuseCurrentHost(request, hosts);
      await refuseTakenHosts(hosts, null);
      const passwordHash = await hashPassword(body.administrator.password);
      const operator = (request.principal as UserPrincipal).user;
      const created = await db()
        .transaction()
        .execute(async (trx) => {
          const organisation = await insertOrganisation(trx, { id: randomUUID(), slug: body.slug, name: body.name.trim(), address: body.address?.trim() ?? '' });
          await replaceOrganisationHosts(trx, organisation.id, hosts);
          const administrator = await insertUser(trx, {
            id: randomUUID(),
            organisation_id: organisation.id,
            kind: 'staff',
            email: body.administrator.email.trim(),
            display_name: body.administrator.displayName.trim(),
            password_hash: passwordHash,
            roles: ['administrator'],
          });
          const details = { organisationId: organisation.id, slug: organisation.slug, name: organisation.name, hosts };
          // In the operator's organisation (who did it) and in the new one (how it came to be).
          await appendAuditEvent(trx, { organisationId: operator.organisation_id, kind: 'organisation-created', actorId: operator.id, ip: request.ip, details });
          await appendAuditEvent(trx, { organisationId: organisation.id, kind: 'organisation-created', ip: request.ip, details: { ...details, byOperator: true } });
          await appendAuditEvent(trx, {
            organisationId: organisation.id,
            kind: 'user-created',
            subjectId: administrator.id,
            ip: request.ip,
            details: { roles: ['administrator'], byOperator: true },
          });
          return organisation;
        })
        .catch((error: unknown) => {
          throw uniqueViolationAsConflict(error);
        });
      app.organisations.forget(created.id);
      reply.status(201);
      return toView({ id: created.id, slug: created.slug, name: created.name, address: created.address, hosts, staffCount: 1, serviceCount: 0, createdAt: created.created_at });
    },
  );

  app.patch(
    '/api/organisations/:organisationId',
    {
      config: { access: 'organisations:manage' },
      schema: {
        tags: ['administration'],
        summary: 'Platform operator: set the host names an organisation’s portal answers on',
        description: 'Replaces the list. A host name of another organisation is a 409 naming the field (`/body/hosts/<index>`).',
        params: uuidParams('organisationId'),
        body: { type: 'object', required: ['hosts'], additionalProperties: false, properties: { hosts: HOSTS } },
        response: { 200: ORGANISATION_VIEW, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR, 409: ERROR },
      },
    },
    async (request) => {
      const { organisationId } = request.params as { organisationId: string };
      const hosts = normaliseHosts((request.body as { hosts: string[] }).hosts);
      const operator = (request.principal as UserPrincipal).user;
      const before = (await listOrganisationSummaries(db())).find((o) => o.id === organisationId);
      if (!before) throw new AppError('NOT_FOUND', NOT_FOUND);
      if (organisationId !== operator.organisation_id) refuseCurrentHost(request, hosts);
      await refuseTakenHosts(hosts, organisationId);
      await db()
        .transaction()
        .execute(async (trx) => {
          await replaceOrganisationHosts(trx, organisationId, hosts);
          const details = { organisationId, from: before.hosts, to: hosts };
          await appendAuditEvent(trx, { organisationId: operator.organisation_id, kind: 'organisation-hosts-changed', actorId: operator.id, ip: request.ip, details });
          if (organisationId !== operator.organisation_id) {
            await appendAuditEvent(trx, { organisationId, kind: 'organisation-hosts-changed', ip: request.ip, details: { ...details, byOperator: true } });
          }
        })
        .catch((error: unknown) => {
          throw uniqueViolationAsConflict(error);
        });
      app.organisations.forget(organisationId);
      return toView({ ...before, hosts: await listOrganisationHosts(db(), organisationId) });
    },
  );

  async function refuseTakenHosts(hosts: readonly string[], organisationId: string | null): Promise<void> {
    const taken = new Set(await findTakenHosts(db(), hosts, organisationId));
    if (taken.size === 0) return;
    const errors = hosts.flatMap((host, index) => (taken.has(host) ? [{ path: `/body/hosts/${index}`, code: 'taken', message: hostTaken(host) }] : []));
    throw new AppError('HOST_TAKEN', hostTaken([...taken].join(', ')), { errors });
  }
}

/**
 * The host the operator is working on right now is the installation's shared address (or their own
 * organisation's): given to another organisation, its portal and its staff login would switch to that one at once,
 * locking the operator's own organisation out of its address.
 */
function refuseCurrentHost(request: FastifyRequest, hosts: readonly string[]): void {
  const current = request.hostname.toLowerCase();
  const index = hosts.indexOf(current);
  if (index < 0) return;
  const message = {
    de: `Unter „${current}“ rufen Sie Amtsweg gerade auf: Diese Adresse gehört der Installation bzw. Ihrer Organisation. Eine andere Organisation bekommt eine eigene Adresse, sonst wechselten Portal und Anmeldung unter ihr sofort zu dieser.`,
    en: `You are using Amtsweg at “${current}” right now: this address belongs to the installation or your organisation. Another organisation gets an address of its own; otherwise the portal and the login there would switch to it at once.`,
  };
  throw new AppError('HOST_TAKEN', message, { errors: [{ path: `/body/hosts/${index}`, code: 'current', message }] });
}

/** Lower case, trimmed, each once (Fastify compares the request's host name in lower case). */
function normaliseHosts(hosts: readonly string[]): string[] {
  return [...new Set(hosts.map((host) => host.trim().toLowerCase()))];
}

function hostTaken(host?: string): AppMessage {
  return host
    ? { de: `Der Hostname „${host}“ gehört schon zu einer anderen Organisation (Feld „Hostnamen“).`, en: `The host name “${host}” belongs to another organisation already (field “host names”).` }
    : { de: 'Ein Hostname gehört schon zu einer anderen Organisation (Feld „Hostnamen“).', en: 'A host name belongs to another organisation already (field “host names”).' };
}

function slugTaken(): AppError {
  const message = {
    de: 'Diese Kennung hat schon eine andere Organisation (Feld „Kennung“).',
    en: 'Another organisation has this slug already (field “slug”).',
  };
  return new AppError('ORGANISATION_SLUG_TAKEN', message, { errors: [{ path: '/body/slug', code: 'taken', message }] });
}

/** Two operators creating the same slug or host at once: the loser's unique violation is the same 409. */
function uniqueViolationAsConflict(error: unknown): unknown {
  const { code, constraint } = error as { code?: string; constraint?: string; detail?: string };
  if (code !== '23505') return error;
  if (constraint?.includes('host')) return new AppError('HOST_TAKEN', hostTaken(), { errors: [{ path: '/body/hosts', code: 'taken', message: hostTaken() }] });
  if (constraint?.includes('slug')) return slugTaken();
  // Two creations racing for nothing else is unknown here: left to the error handler as it is.
  return error;
}

function toView(organisation: OrganisationSummary) {
  return { ...organisation, createdAt: organisation.createdAt.toISOString() };
}
