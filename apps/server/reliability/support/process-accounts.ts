import { randomUUID } from 'node:crypto';
import { insertUser, replaceServiceRoles, type Database } from '@amtsweg/db';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../src/auth/password';
import { DEMO_PASSWORD } from '../../src/seed-demo';

/**
 * Creates a caseworker straight in the database (PostgreSQL: a running server sees them at their first login),
 * with the demo password and process roles for the service.
 */
export async function insertCaseworker(
  db: Kysely<Database>,
  account: { organisationId: string; serviceId: string; email: string; serviceRoles: readonly string[] },
): Promise<string> {
  const user = await insertUser(db, {
    id: randomUUID(),
    organisation_id: account.organisationId,
    kind: 'staff',
    email: account.email,
    display_name: account.email.split('@')[0]!,
    password_hash: await hashPassword(DEMO_PASSWORD),
    roles: ['caseworker'],
  });
  await replaceServiceRoles(db, account.organisationId, user.id, account.serviceRoles.map((role) => ({ serviceId: account.serviceId, role })));
  return user.id;
}
