import { listServiceRoles } from '@amtsweg/db';
import { isReservedRoleId } from '@amtsweg/definitions';
import type { CaseActor } from '@amtsweg/process';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../app-error';
import type { UserPrincipal } from '../auth/principal';

/**
 * A case actor as the server records it: the process engine's actor and, for a request made with an API token,
 * that token (issue 18: the history says whether an event came through a token, and which). `apiTokenId` is set
 * exactly when the call came through a token: the four-eyes check tells a token from a person by it.
 */
export interface RecordedActor extends CaseActor {
  apiTokenId?: string;
}

/** The logged-in staff member (or the person whose API token calls) with the process roles they hold for the service. */
export async function resolveCaseActor(app: FastifyInstance, request: FastifyRequest, serviceId: string): Promise<RecordedActor> {
  const principal = request.principal as UserPrincipal;
  const grants = await listServiceRoles(app.database.db, principal.user.organisation_id, principal.user.id);
  // A grant of a built-in actor's id (stored before issue 18) never makes staff the applicant or the system.
  const roles = grants.filter((grant) => grant.service_id === serviceId && !isReservedRoleId(grant.role)).map((grant) => grant.role);
  return { id: principal.user.id, roles, ...(principal.via === 'token' ? { apiTokenId: principal.tokenId } : {}) };
}

/** Amtsweg itself: a deadline that fires, background work. History names it `system`. */
export const SYSTEM_ACTOR: CaseActor = { id: 'system', roles: ['system'] };

/** The role an actor's history entries are recorded under. */
export function recordedRole(actor: CaseActor): string {
  return actor.roles[0] ?? 'staff';
}

/** Who a history entry names: the actor, the role they acted in, and the API token the request came through. */
export function eventActorColumns(actor: RecordedActor): { actor_id: string; actor_role: string; api_token_id: string | null } {
  return { actor_id: actor.id, actor_role: recordedRole(actor), api_token_id: actor.apiTokenId ?? null };
}

const TOKEN_NOT_A_PERSON = {
  de: 'Über ein API-Token lässt sich ein Vorschlag nach dem Vier-Augen-Prinzip weder bestätigen noch zurückweisen: Das zweite Augenpaar muss eine angemeldete Person sein.',
  en: 'An API token can neither confirm nor send back a proposal under the four-eyes principle: the second pair of eyes must be a person logged in.',
};

/**
 * Four-eyes principle: the second pair of eyes is a person in a session, never an integration. A token may
 * propose an action and withdraw its own proposal; confirming and sending back are 403 `FORBIDDEN` with
 * `reason: 'TOKEN_NOT_A_PERSON'`. Every actor of a token call carries its id (`resolveCaseActor`; a token
 * principal has one by its type).
 */
export function assertSecondPairOfEyes(actor: RecordedActor): void {
  if (actor.apiTokenId !== undefined) throw new AppError('FORBIDDEN', TOKEN_NOT_A_PERSON, { reason: 'TOKEN_NOT_A_PERSON' });
}
