import { randomUUID } from 'node:crypto';
import { MIGRATIONS } from '@amtsweg/migrations';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS } from './testing/test-databases';

/** Issue 18, finding 4: grants of the built-in actors' ids, stored while the server allowed them, stop existing with the upgrade. */
describe.each(DATABASE_KINDS)('migration 2026-12-07-0021-reserved-roles on %s', (kind) => {
  it('removes grants of applicant and system in any spelling, with an audit entry each; other grants stay', async () => {
    const database = await createTestDatabase(kind);
    try {
      const db = database.db as unknown as Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- rows as the schema before the migration had them
      const [organisationId, serviceId, userId] = [randomUUID(), randomUUID(), randomUUID()];
      await db.insertInto('organisations').values({ id: organisationId, slug: 'migration', name: 'Migration' }).execute();
      await db
        .insertInto('services')
        .values({ id: serviceId, organisation_id: organisationId, slug: 'dienst', draft: JSON.stringify({}) })
        .execute();
      await db
        .insertInto('users')
        .values({ id: userId, organisation_id: organisationId, kind: 'staff', email: 'mallory@test.example', display_name: 'Mallory', password_hash: 'x', roles: ['caseworker'] })
        .execute();
      const grant = (role: string) => ({ organisation_id: organisationId, user_id: userId, service_id: serviceId, role });
      await db.insertInto('user_service_roles').values(['applicant', 'system', 'System', 'dogTax'].map(grant)).execute();

      await MIGRATIONS['2026-12-07-0021-reserved-roles']!.up(db);

      const left = await db.selectFrom('user_service_roles').select('role').where('user_id', '=', userId).execute();
      expect(left.map((row) => row.role as string)).toEqual(['dogTax']);
      const audit = await db.selectFrom('audit_events').select(['kind', 'actor_id', 'subject_id', 'details']).where('organisation_id', '=', organisationId).execute();
      expect(audit.map((row) => (row.details as { role: string }).role).sort()).toEqual(['System', 'applicant', 'system']);
      expect(audit[0]).toMatchObject({ kind: 'role-revoked', actor_id: null, subject_id: userId, details: { serviceId, reason: 'reservedRole' } });
    } finally {
      await database.dispose();
    }
  });
});
