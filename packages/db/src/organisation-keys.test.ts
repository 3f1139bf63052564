import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDraft, saveDraft } from './repositories/draft.repository';
import { insertService, insertServiceVersion } from './repositories/service.repository';
import { insertSubmissions, type NewSubmission } from './repositories/submission.repository';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './testing/test-databases';

const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';
const SERVICE_A = '00000000-0000-4000-8000-0000000000a1';
const CITIZEN_A = '00000000-0000-4000-8000-0000000000a2';
const CITIZEN_B = '00000000-0000-4000-8000-0000000000b2';

function newSubmission(caseId: string, organisationId: string, overrides: { eventOrganisation?: string } = {}): NewSubmission {
  const now = new Date('2026-11-23T10:00:00Z');
  return {
    caseRow: {
      id: caseId,
      organisation_id: organisationId,
      service_id: SERVICE_A,
      service_version: 1,
      reference: `T-${caseId.slice(-4)}`,
      state: 'inReview',
      status: 'active',
      outcome: null,
      snapshot: { value: 'inReview', status: 'active' },
      data: { name: 'Ölçek „Test“' },
      applicant_email: null,
      access_token_hash: 'x',
      due_at: null,
      received_at: now,
      closed_at: null,
    },
    events: [
      { id: caseId.replace('c0', 'e0'), organisation_id: overrides.eventOrganisation ?? organisationId, case_id: caseId, at: now, kind: 'submitted', actor_id: 'applicant', actor_role: 'applicant', from_state: null, to_state: 'inReview' },
    ],
    deadlines: [],
    documents: [],
  };
}

describe.each(DATABASE_KINDS)('organisation-scoped keys on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const db = database.db;
    await db.insertInto('organisations').values([{ id: ORG_A, slug: 'a', name: 'A' }, { id: ORG_B, slug: 'b', name: 'B' }]).execute();
    await insertService(db, { id: SERVICE_A, organisationId: ORG_A, slug: 'dienst', draft: {} });
    await db.transaction().execute((trx) => insertServiceVersion(trx, ORG_A, SERVICE_A, {}, {}));
    await db
      .insertInto('users')
      .values([
        { id: CITIZEN_A, organisation_id: ORG_A, kind: 'citizen', email: 'a@example.org', display_name: 'A' },
        { id: CITIZEN_B, organisation_id: ORG_B, kind: 'citizen', email: 'b@example.org', display_name: 'B' },
      ])
      .execute();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const countCases = async () => (await database.db.selectFrom('cases').select('id').execute()).length;

  it('writes a case of the service’s own organisation with its event and data unchanged', async () => {
    await insertSubmissions(database.db, [newSubmission('00000000-0000-4000-8000-000000000c01', ORG_A)]);
    const row = await database.db.selectFrom('cases').select(['data', 'applicant_name']).where('id', '=', '00000000-0000-4000-8000-000000000c01').executeTakeFirstOrThrow();
    expect(row).toEqual({ data: { name: 'Ölçek „Test“' }, applicant_name: '' });
  });

  it('refuses a case filed under another organisation’s service, writing nothing', async () => {
    const before = await countCases();
    await expect(insertSubmissions(database.db, [newSubmission('00000000-0000-4000-8000-000000000c02', ORG_B)])).rejects.toMatchObject({ code: '23503' });
    expect(await countCases()).toBe(before);
  });

  it('refuses an event whose organisation differs from its case’s, and the whole statement with it', async () => {
    const before = await countCases();
    const good = newSubmission('00000000-0000-4000-8000-000000000c03', ORG_A);
    const bad = newSubmission('00000000-0000-4000-8000-000000000c04', ORG_A, { eventOrganisation: ORG_B });
    await expect(insertSubmissions(database.db, [good, bad])).rejects.toMatchObject({ code: '23503' });
    expect(await countCases()).toBe(before);
  });

  it('keeps a draft to versions of its citizen’s organisation, and lets it go with the account', async () => {
    const draft = { serviceId: SERVICE_A, serviceVersion: 1, answers: { name: 'Erika' }, pageId: null };
    await expect(saveDraft(database.db, ORG_B, CITIZEN_B, draft)).rejects.toMatchObject({ code: '23503' });
    // A citizen of another organisation, written as if they belonged to this one.
    await expect(saveDraft(database.db, ORG_A, CITIZEN_B, draft)).rejects.toMatchObject({ code: '23503' });
    await expect(saveDraft(database.db, ORG_A, CITIZEN_A, { ...draft, serviceVersion: 2 })).rejects.toMatchObject({ code: '23503' });
    expect(await saveDraft(database.db, ORG_A, CITIZEN_A, draft)).toMatchObject({ revision: 1 });
    await database.db.deleteFrom('users').where('id', '=', CITIZEN_A).execute();
    expect(await database.db.selectFrom('drafts').select('user_id').execute()).toEqual([]);
    expect(await findDraft(database.db, ORG_A, CITIZEN_A, SERVICE_A)).toBeUndefined();
  });
});
