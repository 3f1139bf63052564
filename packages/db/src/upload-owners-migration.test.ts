import { MIGRATIONS } from '@amtsweg/migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveDraft } from './repositories/draft.repository';
import { insertFile } from './repositories/file.repository';
import { insertService, insertServiceVersion } from './repositories/service.repository';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './testing/test-databases';

const ORG = '00000000-0000-4000-8000-00000000000b';
const SERVICE = '00000000-0000-4000-8000-0000000000b1';
const ERIKA = '00000000-0000-4000-8000-0000000000b2';
const MAX = '00000000-0000-4000-8000-0000000000b3';
const ONLY_ERIKAS = '00000000-0000-4000-8000-000000000f01';
const IN_BOTH = '00000000-0000-4000-8000-000000000f02';
const IN_NONE = '00000000-0000-4000-8000-000000000f03';

/**
 * Review of issue 18, finding 8: only the uploader's own draft keeps an unused upload. Files waiting in a draft
 * before the upgrade belong to the one citizen whose draft names them; one several drafts name stays anonymous.
 */
describe.each(DATABASE_KINDS)('migration 2026-12-07-0023-upload-owners on %s', (kind) => {
  let database: TestDatabase;
  // Made before the test (a fresh PGlite takes long on a busy machine; hooks may take longer than tests).
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('gives a file waiting in exactly one citizen’s draft to that citizen, and no other file an owner', async () => {
    const db = database.db;
    await db.insertInto('organisations').values({ id: ORG, slug: 'b', name: 'B' }).execute();
    await insertService(db, { id: SERVICE, organisationId: ORG, slug: 'dienst', draft: {} });
    await db.transaction().execute((trx) => insertServiceVersion(trx, ORG, SERVICE, {}, {}));
    for (const [id, email] of [[ERIKA, 'erika@example.org'], [MAX, 'max@example.org']] as const) {
      await db.insertInto('users').values({ id, organisation_id: ORG, kind: 'citizen', email, display_name: email }).execute();
    }
    const migration = MIGRATIONS['2026-12-07-0023-upload-owners']!;
    await migration.down!(db);
    // Files as stored before: without an uploader.
    for (const id of [ONLY_ERIKAS, IN_BOTH, IN_NONE]) {
      await insertFile(db, { id, organisation_id: ORG, service_id: SERVICE, name: 'a.pdf', media_type: 'application/pdf', size: 1, sha256: 'x', content: Buffer.from('x') });
    }
    const file = (id: string) => ({ id, name: 'a.pdf', mediaType: 'application/pdf', size: 1 });
    await saveDraft(db, ORG, ERIKA, { serviceId: SERVICE, serviceVersion: 1, answers: { nachweis: [file(ONLY_ERIKAS)], gruppe: { mehr: [file(IN_BOTH)] } }, pageId: 'p1' });
    await saveDraft(db, ORG, MAX, { serviceId: SERVICE, serviceVersion: 1, answers: { nachweis: [file(IN_BOTH)] }, pageId: 'p1' });
    await migration.up(db);

    const rows = await db.selectFrom('files').select(['id', 'uploaded_by']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: ONLY_ERIKAS, uploaded_by: ERIKA },
      { id: IN_BOTH, uploaded_by: null },
      { id: IN_NONE, uploaded_by: null },
    ]);
  });
});
