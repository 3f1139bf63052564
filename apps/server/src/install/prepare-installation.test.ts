import type { DatabaseKind } from '@amtsweg/db';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/password';
import { InstallationError } from './installation-error';
import type { InstallationLog } from './installation-log';
import { prepareInstallation, type FirstAdministrator } from './prepare-installation';

/** A log that keeps what it was told, as the JSON a log line would carry. */
function recordingLog(): InstallationLog & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (details: Record<string, unknown>, message: string) => lines.push(JSON.stringify({ level, ...details, message }));
  return { lines, info: record('info'), warn: record('warn') };
}

const ADMIN: FirstAdministrator = { email: 'iris.it@suedheide.example', password: 'Heide-Bluete-im-August-7', displayName: 'Iris IT', passwordSource: 'ADMIN_PASSWORD' };

describe.each(DATABASE_KINDS)('preparing an installation on %s', (kind: DatabaseKind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database?.dispose());

  const count = async (table: 'organisations' | 'users' | 'audit_events') =>
    Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  it('stops at a weak ADMIN_PASSWORD, naming it, and writes nothing (not even the organisation)', async () => {
    const weak = { ...ADMIN, password: 'iris.it-ist-mein-passwort' };
    const attempt = prepareInstallation(database, { organisation: { name: 'Gemeinde Südheide', slug: undefined }, administrator: weak }, recordingLog());
    await expect(attempt).rejects.toThrow(InstallationError);
    await expect(attempt).rejects.toThrow(/^ADMIN_PASSWORD: The password is too easy to guess/);
    const short = prepareInstallation(database, { organisation: { name: 'Gemeinde Südheide', slug: undefined }, administrator: { ...ADMIN, password: 'kurz' } }, recordingLog());
    await expect(short).rejects.toThrow('ADMIN_PASSWORD: The password must have 12 to 256 characters, it has 4');
    expect(await count('organisations')).toBe(0);
    expect(await count('users')).toBe(0);
  });

  it('creates the organisation named by ORGANISATION_NAME and one first administrator, even when two processes start at once', async () => {
    const logs = [recordingLog(), recordingLog()];
    const results = await Promise.all(
      logs.map((log) => prepareInstallation(database, { organisation: { name: 'Gemeinde Südheide', slug: undefined }, administrator: ADMIN }, log)),
    );
    expect(results.map((result) => result.administrator).sort()).toEqual(['created', 'exists']);
    expect(results[0]!.organisation).toMatchObject({ slug: 'gemeinde-suedheide', name: 'Gemeinde Südheide' });
    expect(results[1]!.organisation.id).toBe(results[0]!.organisation.id);
    const users = await database.db.selectFrom('users').selectAll().execute();
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ kind: 'staff', email: ADMIN.email, display_name: 'Iris IT', roles: ['administrator', 'operator'], organisation_id: results[0]!.organisation.id });
    expect(await verifyPassword(users[0]!.password_hash, ADMIN.password)).toBe(true);
    const audit = await database.db.selectFrom('audit_events').selectAll().execute();
    expect(audit).toEqual([expect.objectContaining({ kind: 'user-created', actor_id: null, subject_id: users[0]!.id })]);
    // Logged once, by account id: no address, no password.
    const lines = logs.flatMap((log) => log.lines);
    expect(lines.filter((line) => line.includes('created the first administrator'))).toEqual([expect.stringContaining(users[0]!.id)]);
    expect(lines.join('\n')).not.toMatch(/iris\.it|Heide-Bluete/);
  });

  it('on a later start keeps the organisation and its administrator whatever ORGANISATION_NAME and ADMIN_PASSWORD say now', async () => {
    const before = await database.db.selectFrom('users').select(['id', 'password_hash']).execute();
    const log = recordingLog();
    const result = await prepareInstallation(
      database,
      { organisation: { name: 'Samtgemeinde Heideland', slug: 'heideland' }, administrator: { ...ADMIN, email: 'neu@heideland.example', password: 'Ganz-Anderes-Passwort-99' } },
      log,
    );
    expect(result.administrator).toBe('exists');
    expect(result.organisation).toMatchObject({ slug: 'gemeinde-suedheide', name: 'Gemeinde Südheide' });
    expect(await count('organisations')).toBe(1);
    expect(await database.db.selectFrom('users').select(['id', 'password_hash']).execute()).toEqual(before);
    expect(log.lines).toEqual([
      expect.stringMatching(/"level":"info".*ORGANISATION_NAME differs from the stored name and is ignored/),
      expect.stringMatching(/"level":"info".*ORGANISATION_SLUG differs/),
      expect.stringMatching(/"level":"info".*ADMIN_EMAIL and ADMIN_PASSWORD are ignored: the organisation has staff accounts already/),
    ]);
    expect(log.lines.join('\n')).not.toMatch(/heideland\.example|Ganz-Anderes/);
  });

  it('keeps the oldest organisation as home when the operator adds more', async () => {
    await database.db.insertInto('organisations').values({ id: crypto.randomUUID(), slug: 'samtgemeinde-heideland', name: 'Samtgemeinde Heideland' }).execute();
    const result = await prepareInstallation(database, { organisation: { name: 'Samtgemeinde Heideland', slug: undefined }, administrator: undefined }, recordingLog());
    expect(result).toMatchObject({ administrator: 'exists', organisation: { slug: 'gemeinde-suedheide' } });
  });
});

describe('preparing an installation without ORGANISATION_NAME', () => {
  it('creates the demo organisation and no administrator when none is configured, and warns unless the demo is wanted', async () => {
    const database = await createTestDatabase('postgres');
    try {
      const log = recordingLog();
      const result = await prepareInstallation(database, { organisation: { name: undefined, slug: undefined }, administrator: undefined }, log);
      expect(result).toMatchObject({ administrator: 'none', organisation: { slug: 'musterstadt', name: 'Stadt Musterstadt' } });
      expect(log.lines).toEqual([expect.stringMatching(/"level":"warn".*ORGANISATION_NAME is not set: the organisation was created as \\"Stadt Musterstadt\\"/)]);
      await database.db.deleteFrom('organisations').execute();
      const demo = recordingLog();
      await prepareInstallation(database, { organisation: { name: undefined, slug: undefined }, administrator: undefined, seedDemo: true }, demo);
      expect(demo.lines).toEqual([expect.stringMatching(/"level":"info".*created the home organisation/)]);
    } finally {
      await database.dispose();
    }
  });
});
