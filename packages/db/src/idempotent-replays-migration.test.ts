import { MIGRATIONS } from '@amtsweg/migrations';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertService, insertServiceVersion } from './repositories/service.repository';
import { insertSubmissions, type NewSubmission } from './repositories/submission.repository';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './testing/test-databases';

const ORG = '00000000-0000-4000-8000-00000000000a';
const SERVICE = '00000000-0000-4000-8000-0000000000a1';
const CITIZEN = '00000000-0000-4000-8000-0000000000a2';

function keyedSubmission(caseId: string, key: string, applicantUserId: string | null): NewSubmission {
  const now = new Date('2026-12-07T10:00:00Z');
  return {
    caseRow: {
      id: caseId,
      organisation_id: ORG,
      service_id: SERVICE,
      service_version: 1,
      reference: `T-${caseId.slice(-4)}`,
      state: 'inReview',
      status: 'active',
      outcome: null,
      snapshot: { value: 'inReview', status: 'active' },
      data: {},
      applicant_email: null,
      applicant_user_id: applicantUserId,
      access_token_hash: 'x',
      due_at: null,
      received_at: now,
      closed_at: null,
    },
    events: [],
    deadlines: [],
    documents: [],
    idempotency: { key, requestHash: 'h', response: { caseId }, callerId: applicantUserId, accessTokenSealed: 'v1:sealed' },
  };
}

/** Issue 18, finding 7: keys stored before replays were bound to their caller belong to the citizen of their case. */
describe.each(DATABASE_KINDS)('migration 2026-12-07-0022-idempotent-replays on %s', (kind) => {
  let database: TestDatabase;
  // Made before the test (a fresh PGlite takes long on a busy machine; hooks may take longer than tests).
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('binds the keys stored before to the citizen their case was filed under; none has a token to replay', async () => {
    const db = database.db;
    await db.insertInto('organisations').values({ id: ORG, slug: 'a', name: 'A' }).execute();
    await insertService(db, { id: SERVICE, organisationId: ORG, slug: 'dienst', draft: {} });
    await db.transaction().execute((trx) => insertServiceVersion(trx, ORG, SERVICE, {}, {}));
    await db.insertInto('users').values({ id: CITIZEN, organisation_id: ORG, kind: 'citizen', email: 'a@example.org', display_name: 'A' }).execute();
    const earlier = [
      ['00000000-0000-4000-8000-000000000c01', 'by-citizen', CITIZEN],
      ['00000000-0000-4000-8000-000000000c02', 'anonymous', null],
    ] as const;
    for (const [caseId, key, citizen] of earlier) {
      const { idempotency: _left, ...submission } = keyedSubmission(caseId, key, citizen);
      await insertSubmissions(db, [submission]);
    }
    const migration = MIGRATIONS['2026-12-07-0022-idempotent-replays']!;
    await migration.down!(db);
    // The keys as they were stored before: without the two new columns.
    const legacy = db as unknown as Kysely<{ idempotency_keys: { organisation_id: string; key: string; request_hash: string; case_id: string; response: string } }>;
    for (const [caseId, key] of earlier) {
      await legacy.insertInto('idempotency_keys').values({ organisation_id: ORG, key, request_hash: 'h', case_id: caseId, response: '{}' }).execute();
    }
    await migration.up(db);

    const rows = await db.selectFrom('idempotency_keys').select(['key', 'caller_id', 'access_token_sealed']).orderBy('key').execute();
    expect(rows).toEqual([
      { key: 'anonymous', caller_id: null, access_token_sealed: null },
      { key: 'by-citizen', caller_id: CITIZEN, access_token_sealed: null },
    ]);
    // And the submission statement writes both columns.
    await insertSubmissions(db, [keyedSubmission('00000000-0000-4000-8000-000000000c03', 'new', CITIZEN)]);
    expect(await db.selectFrom('idempotency_keys').select(['caller_id', 'access_token_sealed']).where('key', '=', 'new').executeTakeFirst()).toEqual({
      caller_id: CITIZEN,
      access_token_sealed: 'v1:sealed',
    });
  });
});
