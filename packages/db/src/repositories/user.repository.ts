import { sql } from 'kysely';
import type { NewUser, UserRow, UserUpdate } from '../tables/user.table';
import type { UserServiceRole } from '../tables/user-service-role.table';
import type { Executor } from './executor';

export async function findUserById(db: Executor, organisationId: string, userId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('organisation_id', '=', organisationId).where('id', '=', userId).executeTakeFirst();
}

/** The account with this address (of any capitalisation) and kind in the organisation. */
export async function findUserByEmail(db: Executor, organisationId: string, kind: UserRow['kind'], email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', kind)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function findUserByOidcSubject(db: Executor, organisationId: string, issuer: string, subject: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('oidc_issuer', '=', issuer)
    .where('oidc_subject', '=', subject)
    .executeTakeFirst();
}

export async function listUsers(db: Executor, organisationId: string, kind: UserRow['kind']): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('organisation_id', '=', organisationId).where('kind', '=', kind).orderBy('email').execute();
}

export async function insertUser(db: Executor, user: NewUser): Promise<UserRow> {
  return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
}

export async function updateUser(db: Executor, organisationId: string, userId: string, update: Omit<UserUpdate, 'updated_at'>): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set({ ...update, updated_at: new Date() })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

/** Moves the account's last used TOTP time step forward; false if `step` is not after it (a replayed code). */
export async function advanceTotpStep(db: Executor, organisationId: string, userId: string, step: number): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The process roles a staff member holds, per service. */
export async function listServiceRoles(db: Executor, organisationId: string, userId: string): Promise<UserServiceRole[]> {
  return db
    .selectFrom('user_service_roles')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .orderBy('service_id')
    .orderBy('role')
    .execute();
}

/** Replaces all process roles of a staff member (call it in a transaction with the rest of the change). */
export async function replaceServiceRoles(
  db: Executor,
  organisationId: string,
  userId: string,
  grants: readonly { serviceId: string; role: string }[],
): Promise<void> {
  await db.deleteFrom('user_service_roles').where('organisation_id', '=', organisationId).where('user_id', '=', userId).execute();
  if (grants.length === 0) return;
  await db
    .insertInto('user_service_roles')
    .values(grants.map((grant) => ({ organisation_id: organisationId, user_id: userId, service_id: grant.serviceId, role: grant.role })))
    .onConflict((c) => c.doNothing())
    .execute();
}

/** Locks the account's row until the transaction ends, so changes of its grants happen one after another. */
export async function lockUser(db: Executor, organisationId: string, userId: string): Promise<void> {
  await db.selectFrom('users').select('id').where('organisation_id', '=', organisationId).where('id', '=', userId).forUpdate().execute();
}

/** Grants one process role on one service; false when the account holds it already (nothing changes then). */
export async function addServiceRole(db: Executor, organisationId: string, userId: string, grant: { serviceId: string; role: string }): Promise<boolean> {
  const inserted = await db
    .insertInto('user_service_roles')
    .values({ organisation_id: organisationId, user_id: userId, service_id: grant.serviceId, role: grant.role })
    .onConflict((c) => c.doNothing())
    .returning('role')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Takes one process role on one service away; false when the account does not hold it. */
export async function removeServiceRole(db: Executor, organisationId: string, userId: string, grant: { serviceId: string; role: string }): Promise<boolean> {
  const removed = await db
    .deleteFrom('user_service_roles')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .where('service_id', '=', grant.serviceId)
    .where('role', '=', grant.role)
    .returning('role')
    .executeTakeFirst();
  return removed !== undefined;
}

/** The display names of the organisation's accounts among `ids` (any kind); ids of no account there are left out. */
export async function findUserNames(db: Executor, organisationId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('organisation_id', '=', organisationId).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

/** Replaces the recovery codes of an account with new ones (hashes). */
export async function replaceRecoveryCodes(db: Executor, userId: string, codeHashes: readonly string[]): Promise<void> {
  await db.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  if (codeHashes.length === 0) return;
  await db
    .insertInto('user_recovery_codes')
    .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null })))
    .execute();
}

/** Uses up a recovery code; false if it is unknown or was used before (atomic, so a code works once). */
export async function useRecoveryCode(db: Executor, userId: string, codeHash: string): Promise<boolean> {
  const used = await db
    .updateTable('user_recovery_codes')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .returning('code_hash')
    .executeTakeFirst();
  return used !== undefined;
}

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('user_recovery_codes')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Active staff with the caseworker role and their process roles: who a case can be assigned to. */
export async function listCaseworkers(db: Executor, organisationId: string): Promise<{ id: string; display_name: string; service_roles: { serviceId: string; role: string }[] }[]> {
  const people = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', 'staff')
    .where('disabled_at', 'is', null)
    .where(sql<boolean>`'caseworker' = any(roles)`)
    .orderBy('display_name')
    .execute();
  const grants = await db
    .selectFrom('user_service_roles')
    .select(['user_id', 'service_id', 'role'])
    .where('organisation_id', '=', organisationId)
    .execute();
  return people.map((person) => ({
    ...person,
    service_roles: grants.filter((grant) => grant.user_id === person.id).map((grant) => ({ serviceId: grant.service_id, role: grant.role })),
  }));
}
