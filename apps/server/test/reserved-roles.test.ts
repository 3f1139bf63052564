import { randomUUID } from 'node:crypto';
import { findServiceById, publishServiceVersion, updateServiceDraft } from '@amtsweg/db';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { describeBuiltInActor, RESERVED_ROLE_IDS, type ServiceDefinition } from '@amtsweg/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createAccount, exampleSubmission, hundeanmeldung, logIn, publishService, type Caller, type TestApp } from './helper';

interface Problem {
  code: string;
  path: string;
  message: string;
  messageEn?: string;
}

/** The Hundeanmeldung with extra process roles declared after its own two. */
function withRoles(ids: readonly string[], definition: ServiceDefinition = hundeanmeldung()): ServiceDefinition {
  return { ...definition, settings: { ...definition.settings, roles: [...definition.settings.roles, ...ids.map((id) => ({ id, label: { de: `Rolle ${id}` } }))] } };
}

/** The probe's draft: `system` and `applicant` declared as process roles (at /settings/roles/2 and /3). */
const PROBE_ROLES = ['system', 'applicant'];
const PROBE_PATHS = ['/settings/roles/2/id', '/settings/roles/3/id'];

const reservedPaths = (diagnostics: Problem[]) => diagnostics.filter((d) => d.code === 'RESERVED_ROLE').map((d) => d.path);

/**
 * Issue 18, finding 4: a draft declared the process roles `system` and `applicant`, a staff member was granted
 * `applicant` (grants were checked against the draft) and withdrew a citizen's case as the applicant. Reserved
 * ids are refused in definitions and grants, grants are checked against the published versions, and a grant
 * of a reserved id stored before the fix gives nobody the built-in actor's rights.
 */
describe.each(DATABASE_KINDS)('reserved roles and grants against published versions on %s', (kind) => {
  let t: TestApp;
  let dogs = '';
  let counter = 0;

  const organisationId = () => t.app.organisation.id;
  const newCaseworker = async (): Promise<Caller> => {
    counter += 1;
    const email = `mallory${counter}@reserved.example`;
    await createAccount(t.app, { email, kind: 'staff', roles: ['caseworker'] });
    return logIn(t.app, email);
  };
  const grantsOf = async (userId: string) =>
    (await t.database.db.selectFrom('user_service_roles').select(['service_id', 'role']).where('user_id', '=', userId).orderBy('role').execute()).map((g) => `${g.service_id}:${g.role}`);
  /** A service created from `definition` (not published) and its draft revision. */
  const createService = async (slug: string, definition: ServiceDefinition = hundeanmeldung()) => {
    const created = await t.inject({ method: 'POST', url: '/api/services', payload: { slug, definition: { ...definition, settings: { ...definition.settings, referencePattern: `${slug.toUpperCase()}-{SEQ:5}` } } } });
    expect(created.statusCode, created.body).toBe(201);
    return created.json<{ id: string; draftRevision: number }>();
  };
  /** What the old code let a designer store: the draft replaced in the database, past every check. */
  const storeDraftDirectly = async (serviceId: string, definition: ServiceDefinition) => {
    const service = (await findServiceById(t.database.db, organisationId(), serviceId))!;
    const revision = await updateServiceDraft(t.database.db, organisationId(), serviceId, { ...definition, settings: { ...definition.settings, referencePattern: (service.draft as ServiceDefinition).settings.referencePattern } }, service.draft_revision);
    expect(revision).toBeDefined();
  };

  beforeAll(async () => {
    t = await buildTestApp(kind);
    dogs = await publishService(t, 'hundeanmeldung');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses the probe’s draft on check, create, save and publish, naming each reserved role in German and English', async () => {
    const probe = withRoles(PROBE_ROLES);

    const checked = await t.inject({ method: 'POST', url: '/api/studio/check', payload: { definition: probe } });
    expect(checked.statusCode).toBe(200);
    const check = checked.json<{ diagnostics: Problem[]; publishable: boolean }>();
    expect(check.publishable).toBe(false);
    expect(reservedPaths(check.diagnostics)).toEqual(PROBE_PATHS);
    const first = check.diagnostics.find((d) => d.path === PROBE_PATHS[0])!;
    expect(first.message).toContain('„system“');
    expect(first.messageEn).toContain('“system”');

    const created = await t.inject({ method: 'POST', url: '/api/services', payload: { slug: 'probe', definition: probe } });
    expect(created.statusCode).toBe(422);
    expect(created.json()).toMatchObject({ code: 'DEFINITION_INVALID' });
    expect(reservedPaths(created.json<{ diagnostics: Problem[] }>().diagnostics)).toEqual(PROBE_PATHS);
    expect(await t.database.db.selectFrom('services').select('id').where('slug', '=', 'probe').execute()).toEqual([]);

    const service = await createService('probe-save');
    const saved = await t.inject({ method: 'PUT', url: `/api/services/${service.id}/draft`, payload: { definition: probe, expectedRevision: service.draftRevision } });
    expect(saved.statusCode).toBe(422);
    expect(reservedPaths(saved.json<{ diagnostics: Problem[] }>().diagnostics)).toEqual(PROBE_PATHS);
    const unchanged = (await findServiceById(t.database.db, organisationId(), service.id))!;
    expect(unchanged.draft_revision).toBe(service.draftRevision);
    expect((unchanged.draft as ServiceDefinition).settings.roles.map((r) => r.id)).toEqual(['dogTax', 'teamLead']);

    // A draft stored before the fix: it cannot be published.
    await storeDraftDirectly(service.id, probe);
    const published = await t.inject({ method: 'POST', url: `/api/services/${service.id}/publish` });
    expect(published.statusCode).toBe(422);
    expect(reservedPaths(published.json<{ diagnostics: Problem[] }>().diagnostics)).toEqual(PROBE_PATHS);
    expect((await findServiceById(t.database.db, organisationId(), service.id))!.published_version).toBeNull();
    // The Studio shows the problem at the role when it opens the draft.
    const opened = await t.inject({ method: 'GET', url: `/api/services/${service.id}` });
    expect(reservedPaths(opened.json<{ diagnostics: Problem[] }>().diagnostics)).toEqual(PROBE_PATHS);
  });

  it.each(RESERVED_ROLE_IDS.flatMap((id) => [id, id.toUpperCase()]))('refuses a grant of %s through every grant route, even where a draft or an old version declares it', async (role) => {
    // The probe's situation: the draft declares the role, and so does a version the old code let through.
    const service = await createService(`legacy-${role.toLowerCase()}-${counter++}`);
    await storeDraftDirectly(service.id, withRoles([role]));
    await t.database.db.transaction().execute((trx) => publishServiceVersion(trx, organisationId(), service.id, withRoles([role]), {}));
    const berta = await createAccount(t.app, { email: `berta.${role}.${counter++}@reserved.example`, kind: 'staff', roles: ['caseworker'] });

    const single = await t.inject({ method: 'POST', url: `/api/users/${berta.id}/service-roles`, payload: { serviceId: service.id, role }, headers: { 'accept-language': 'en' } });
    expect(single.statusCode).toBe(422);
    expect(single.json()).toMatchObject({ code: 'ROLE_UNKNOWN', errors: [{ path: '/body/role', code: 'reserved' }] });
    expect(single.json<{ errors: Problem[] }>().errors[0]!.message).toContain(`“${role}”`);

    const list = await t.inject({ method: 'PATCH', url: `/api/users/${berta.id}`, payload: { serviceRoles: [{ serviceId: dogs, role: 'dogTax' }, { serviceId: service.id, role }] } });
    expect(list.statusCode).toBe(422);
    expect(list.json()).toMatchObject({ code: 'ROLE_UNKNOWN', errors: [{ path: '/body/serviceRoles/1/role', code: 'reserved' }] });
    expect(list.json<{ errors: Problem[] }>().errors[0]!.message).toContain(`„${role}“`);
    // Worded as everywhere else a built-in actor's id is refused (the definitions' one description).
    expect(single.json<{ errors: Problem[] }>().errors[0]!.message).toContain(`stands for ${describeBuiltInActor(role)!.en}`);
    expect(list.json<{ errors: Problem[] }>().errors[0]!.message).toContain(`steht für ${describeBuiltInActor(role)!.de}`);

    const newAccount = await t.inject({
      method: 'POST',
      url: '/api/users',
      payload: { email: `neu.${role}.${counter++}@reserved.example`, displayName: 'Neu', password: 'Ein-Sehr-Langes-Passwort-77', roles: ['caseworker'], serviceRoles: [{ serviceId: service.id, role }] },
    });
    expect(newAccount.statusCode).toBe(422);
    expect(newAccount.json()).toMatchObject({ code: 'ROLE_UNKNOWN', errors: [{ path: '/body/serviceRoles/0/role', code: 'reserved' }] });
    expect(await grantsOf(berta.id)).toEqual([]);

    // The grant picker offers the service's own roles only.
    const offered = (await t.inject({ method: 'GET', url: '/api/roles' })).json<{ services: { serviceId: string; roles: { id: string }[] }[] }>();
    expect(offered.services.find((s) => s.serviceId === service.id)?.roles.map((r) => r.id)).toEqual(['dogTax', 'teamLead']);
  });

  it('checks grants against the published versions: a role only the draft declares is refused until it is published', async () => {
    const service = await createService(`published-only-${counter++}`);
    const berta = await createAccount(t.app, { email: `berta.published.${counter++}@reserved.example`, kind: 'staff', roles: ['caseworker'] });
    const grant = (role: string) => t.inject({ method: 'POST', url: `/api/users/${berta.id}/service-roles`, payload: { serviceId: service.id, role } });
    const offered = async () =>
      (await t.inject({ method: 'GET', url: '/api/roles' })).json<{ services: { serviceId: string; roles: { id: string }[] }[] }>().services.find((s) => s.serviceId === service.id)?.roles.map((r) => r.id);

    // Never published: nothing to grant, although the draft declares two roles.
    const unpublished = await grant('dogTax');
    expect(unpublished.statusCode).toBe(422);
    expect(unpublished.json()).toMatchObject({ code: 'ROLE_UNKNOWN', errors: [{ path: '/body/role', code: 'unknown' }] });
    expect(await offered()).toEqual([]);

    expect((await t.inject({ method: 'POST', url: `/api/services/${service.id}/publish` })).statusCode).toBe(201);
    expect((await grant('dogTax')).statusCode).toBe(201);

    // A role added in the draft only.
    const draft = (await t.inject({ method: 'GET', url: `/api/services/${service.id}` })).json<{ draft: ServiceDefinition; draftRevision: number }>();
    const withFieldService = withRoles(['fieldService'], draft.draft);
    const saved = await t.inject({ method: 'PUT', url: `/api/services/${service.id}/draft`, payload: { definition: withFieldService, expectedRevision: draft.draftRevision } });
    expect(saved.statusCode, saved.body).toBe(200);
    const draftOnly = await grant('fieldService');
    expect(draftOnly.statusCode).toBe(422);
    expect(draftOnly.json()).toMatchObject({ code: 'ROLE_UNKNOWN', errors: [{ path: '/body/role', code: 'unknown' }] });
    expect(await offered()).toEqual(['dogTax', 'teamLead']);
    expect(await grantsOf(berta.id)).toEqual([`${service.id}:dogTax`]);

    // Published, it can be granted; a later version without it keeps it grantable for cases of the older one.
    expect((await t.inject({ method: 'POST', url: `/api/services/${service.id}/publish` })).statusCode).toBe(201);
    expect(await offered()).toEqual(['dogTax', 'teamLead', 'fieldService']);
    const revision = saved.json<{ draftRevision: number }>().draftRevision;
    expect((await t.inject({ method: 'PUT', url: `/api/services/${service.id}/draft`, payload: { definition: draft.draft, expectedRevision: revision } })).statusCode).toBe(200);
    expect((await t.inject({ method: 'POST', url: `/api/services/${service.id}/publish` })).statusCode).toBe(201);
    expect((await grant('fieldService')).statusCode).toBe(201);
    expect(await offered()).toEqual(['dogTax', 'teamLead', 'fieldService']);
  });

  it('lets a caseworker holding applicant and system grants from before the fix act neither as the applicant nor as the system', async () => {
    const submitted = await t.inject({ method: 'POST', url: `/api/services/${dogs}/submissions`, payload: exampleSubmission('valid-without-files.json').data });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const { caseId } = submitted.json<{ caseId: string }>();
    const mallory = await newCaseworker();
    // As the old code allowed: the grants are in the database (the migration removes such rows; these came later).
    await t.database.db
      .insertInto('user_service_roles')
      .values(['applicant', 'system', 'dogTax'].map((role) => ({ organisation_id: organisationId(), user_id: mallory.userId, service_id: dogs, role })))
      .execute();

    const view = await t.inject({ method: 'GET', url: `/api/cases/${caseId}` }, mallory);
    expect(view.statusCode).toBe(200);
    const before = view.json<{ version: number; state: { id: string }; actions: { id: string }[] }>();
    expect(before.state.id).toBe('inReview');
    expect(before.actions.map((a) => a.id)).not.toContain('withdraw');

    const withdrawn = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/actions/withdraw`, payload: { expectedVersion: before.version } }, mallory);
    expect(withdrawn.statusCode).toBe(403);
    expect(withdrawn.json()).toMatchObject({ reason: 'ROLE_NOT_ALLOWED' });

    // In the state waiting for the applicant, neither the applicant's answer nor the system's deadline action.
    const asked = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/actions/requestInformation`, payload: { expectedVersion: before.version, inputs: { missing: 'Bitte den Versicherungsschein.' } } }, mallory);
    expect(asked.statusCode, asked.body).toBe(200);
    const waiting = asked.json<{ version: number; actions: { id: string }[] }>();
    expect(waiting.actions).toEqual([]);
    for (const action of ['answer', 'answerOverdue', 'withdraw']) {
      const refused = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/actions/${action}`, payload: { expectedVersion: waiting.version, inputs: { answer: 'x' } } }, mallory);
      expect(refused.statusCode, `${action}: ${refused.body}`).toBe(403);
    }
    const history = await t.database.db.selectFrom('case_events').select(['actor_id', 'actor_role']).where('case_id', '=', caseId).execute();
    expect(history.filter((e) => e.actor_id === mallory.userId).map((e) => e.actor_role)).toEqual(['dogTax']);
    const row = await t.database.db.selectFrom('cases').select(['state', 'version']).where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'awaitingApplicant', version: waiting.version });
  });

  it('keeps revoking a grant of a reserved role possible, so an administrator can clean up', async () => {
    const mallory = await newCaseworker();
    await t.database.db.insertInto('user_service_roles').values({ organisation_id: organisationId(), user_id: mallory.userId, service_id: dogs, role: 'applicant' }).execute();
    const revoked = await t.inject({ method: 'DELETE', url: `/api/users/${mallory.userId}/service-roles/${dogs}/applicant` });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(await grantsOf(mallory.userId)).toEqual([]);
    expect((await t.inject({ method: 'DELETE', url: `/api/users/${mallory.userId}/service-roles/${randomUUID()}/system` })).statusCode).toBe(404);
  });
});
