import type { Selectable } from 'kysely';

/** A process role (as declared in a service's settings) that a staff member holds for that service. */
export interface UserServiceRoleTable {
  organisation_id: string;
  user_id: string;
  service_id: string;
  role: string;
}
export type UserServiceRole = Selectable<UserServiceRoleTable>;
