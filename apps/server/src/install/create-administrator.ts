import { randomUUID } from 'node:crypto';
import { appendAuditEvent, insertUser, type Executor, type Organisation, type StaffRole, type UserRow } from '@amtsweg/db';

export interface NewAdministrator {
  email: string;
  displayName: string;
  passwordHash: string;
  roles: StaffRole[];
  /** What created it, for the audit trail: `ADMIN_EMAIL` at start, or the CLI command. */
  source: string;
}

/**
 * Writes an administrator account and its audit event ('user-created', no actor: the installation did it).
 * Call inside the transaction that decided the account should exist.
 */
export async function insertAdministrator(trx: Executor, organisation: Organisation, account: NewAdministrator): Promise<UserRow> {
  const user = await insertUser(trx, {
    id: randomUUID(),
    organisation_id: organisation.id,
    kind: 'staff',
    email: account.email,
    display_name: account.displayName,
    password_hash: account.passwordHash,
    roles: account.roles,
  });
  await appendAuditEvent(trx, {
    organisationId: organisation.id,
    kind: 'user-created',
    actorId: null,
    subjectId: user.id,
    details: { email: user.email, roles: account.roles, serviceRoles: [], source: account.source },
  });
  return user;
}
