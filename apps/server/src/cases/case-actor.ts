import { listServiceRoles } from '@amtsweg/db';
import type { CaseActor } from '@amtsweg/process';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { UserPrincipal } from '../auth/principal';

/** The logged-in staff member (or the account an API token acts for) with the process roles they hold for the service. */
export async function resolveCaseActor(app: FastifyInstance, request: FastifyRequest, serviceId: string): Promise<CaseActor> {
  const { user } = request.principal as UserPrincipal;
  const grants = await listServiceRoles(app.database.db, user.organisation_id, user.id);
  return { id: user.id, roles: grants.filter((grant) => grant.service_id === serviceId).map((grant) => grant.role) };
}

/** Amtsweg itself: a deadline that fires, background work. History names it `system`. */
export const SYSTEM_ACTOR: CaseActor = { id: 'system', roles: ['system'] };

/** The role an actor's history entries are recorded under. */
export function recordedRole(actor: CaseActor): string {
  return actor.roles[0] ?? 'staff';
}
