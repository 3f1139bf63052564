import type { ServiceDefinition } from '@amtsweg/definitions';
import type { CaseActor } from '@amtsweg/process';

/**
 * The staff member acting on a request. Until accounts arrive (issue 4, which replaces this with the
 * logged-in user and their process roles per service), every staff request acts as the demo caseworker
 * holding all roles the service declares.
 */
export function resolveStaffActor(definition: ServiceDefinition): CaseActor {
  return { id: DEMO_CASEWORKER_ID, roles: definition.settings.roles.map((role) => role.id) };
}

export const DEMO_CASEWORKER_ID = 'demo-caseworker';

/** The role an actor's history entries are recorded under. */
export function recordedRole(actor: CaseActor): string {
  return actor.roles[0] ?? 'staff';
}
