import { randomUUID } from 'node:crypto';
import { insertOrganisation, replaceOrganisationHosts } from '@amtsweg/db';
import { createTestDatabase, type TestDatabase } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationAddress } from './organisation-address';

// The links in an organisation's e-mails lead to its own portal and inbox, not to another organisation's.
describe('organisationAddress', () => {
  let database: TestDatabase;
  const organisation = async (slug: string, hosts: string[] = []) => {
    const row = await insertOrganisation(database.db, { id: randomUUID(), slug, name: slug });
    await replaceOrganisationHosts(database.db, row.id, hosts);
    return row;
  };

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('is the shared address for the home organisation, its host name for one that has one, and /o/<slug> for the others', async () => {
    const home = await organisation('verbandsgemeinde');
    const withHost = await organisation('kleinstadt', ['amtsweg.kleinstadt.example', 'zweite.kleinstadt.example']);
    const withoutHost = await organisation('dorf');
    const context = { db: database.db, publicUrl: 'https://amtsweg.vg.example:8443', homeOrganisationId: home.id };

    expect(await organisationAddress(context, home)).toEqual({ portal: 'https://amtsweg.vg.example:8443', inbox: 'https://amtsweg.vg.example:8443/inbox/' });
    const hosted = await organisationAddress(context, withHost);
    expect(hosted.portal).toMatch(/^https:\/\/(amtsweg|zweite)\.kleinstadt\.example:8443$/);
    expect(hosted.inbox).toBe(`${hosted.portal}/inbox/`);
    expect(await organisationAddress(context, withoutHost)).toEqual({
      portal: 'https://amtsweg.vg.example:8443/o/dorf',
      inbox: 'https://amtsweg.vg.example:8443/inbox/?organisation=dorf',
    });
  });
});
