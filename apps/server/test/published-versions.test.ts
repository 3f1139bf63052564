import { insertServiceVersion } from '@amtsweg/db';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { compileFormSchema } from '@amtsweg/forms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishedVersions } from '../src/services/published-versions';
import { buildTestApp, hundeanmeldung, publishService, type TestApp } from './helper';

describe.each(DATABASE_KINDS)('published version lookup on %s', (kind) => {
  let t: TestApp;
  let serviceId: string;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    serviceId = await publishService(t, 'lookup');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sees a version another server process published once its entry is a second old, and an unknown service as such', async () => {
    let now = 1_000_000;
    const versions = new PublishedVersions(() => now);
    const organisationId = t.app.organisation.id;
    expect(await versions.find(t.database.db, organisationId, serviceId)).toBe(1);

    // Another process publishes: this one keeps answering 1 for at most a second.
    const definition = hundeanmeldung();
    await t.database.db.transaction().execute((trx) => insertServiceVersion(trx, organisationId, serviceId, definition, compileFormSchema(definition.form, 'x')));
    now += 999;
    expect(await versions.find(t.database.db, organisationId, serviceId)).toBe(1);
    now += 2;
    expect(await versions.find(t.database.db, organisationId, serviceId)).toBe(2);

    // Publishing through this process is seen at once.
    await t.database.db.transaction().execute((trx) => insertServiceVersion(trx, organisationId, serviceId, definition, compileFormSchema(definition.form, 'x')));
    versions.forget(organisationId, serviceId);
    expect(await versions.find(t.database.db, organisationId, serviceId)).toBe(3);

    expect(await versions.find(t.database.db, organisationId, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});
