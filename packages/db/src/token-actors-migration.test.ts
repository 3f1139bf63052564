import { randomUUID } from 'node:crypto';
import { MIGRATIONS } from '@amtsweg/migrations';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS } from './testing/test-databases';

/** Issue 18, finding 1: tokens made for another person than their creator stop working with the upgrade. */
describe.each(DATABASE_KINDS)('migration 2026-12-07-0017-token-actors on %s', (kind) => {
  it('revokes tokens that acted for someone other than their creator, with an audit entry; own tokens stay', async () => {
    const database = await createTestDatabase(kind);
    try {
      const db = database.db as unknown as Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- rows as the schema before the migration had them
      const organisationId = randomUUID();
      const [admin, lead] = [randomUUID(), randomUUID()];
      await db.insertInto('organisations').values({ id: organisationId, slug: 'migration', name: 'Migration' }).execute();
      await db
        .insertInto('users')
        .values([admin, lead].map((id, i) => ({ id, organisation_id: organisationId, kind: 'staff', email: `u${i}@test.example`, display_name: `u${i}`, password_hash: 'x', roles: ['caseworker'] })))
        .execute();
      const migration = MIGRATIONS['2026-12-07-0017-token-actors']!;
      await migration.down!(db);
      const token = (id: string, userId: string) => ({ id, organisation_id: organisationId, user_id: userId, name: id.slice(0, 8), token_hash: id, scopes: ['cases:act'], created_by: admin });
      const [own, delegated] = [randomUUID(), randomUUID()];
      await db.insertInto('api_tokens').values([token(own, admin), token(delegated, lead)]).execute();
      await migration.up(db);

      const rows = await db.selectFrom('api_tokens').select(['id', 'revoked_at']).execute();
      expect(rows.find((r) => r.id === own)?.revoked_at).toBeNull();
      expect(rows.find((r) => r.id === delegated)?.revoked_at).toBeInstanceOf(Date);
      const audit = await db.selectFrom('audit_events').select(['kind', 'actor_id', 'subject_id', 'details']).where('organisation_id', '=', organisationId).execute();
      expect(audit).toEqual([{ kind: 'api-token-revoked', actor_id: null, subject_id: delegated, details: { reason: 'acted-for-another-person' } }]);
    } finally {
      await database.dispose();
    }
  });
});
