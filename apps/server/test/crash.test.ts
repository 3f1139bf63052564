import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, type DatabaseHandle } from '@amtsweg/db';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@amtsweg/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildServer } from '../bench/child-server';
import { exampleSubmission } from './helper';

// The server runs as `node --import tsx src/server.ts`, so the process killed below is the server itself (a tsx
// launcher in between would die alone and leave the server running).
const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

describe.each(DATABASE_KINDS)('a server killed mid-load on %s', (kind) => {
  let postgres: TestDatabase | undefined;
  let dataDir: string | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('leaves no case without its first event and receipt', async () => {
    let env: Record<string, string>;
    let reopen: () => Promise<DatabaseHandle>;
    if (kind === 'postgres') {
      postgres = await createTestDatabase('postgres');
      const databaseUrl = postgres.url!;
      env = { DATABASE_URL: databaseUrl };
      reopen = () => createDatabase({ databaseUrl });
      cleanups.push(() => postgres!.dispose());
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-crash-'));
      env = { DATABASE_URL: '', DATA_DIR: dataDir };
      reopen = () => createDatabase({ dataDir });
      cleanups.push(() => Promise.resolve(rmSync(dataDir!, { recursive: true, force: true })));
    }
    const server = await startChildServer({
      name: `amtsweg on ${kind}`,
      script: 'src/server.ts',
      cwd: SERVER_DIR,
      env: { ...env, LOG_LEVEL: 'error', SEED_DEMO: 'true' },
      healthPath: '/api/health',
    });
    cleanups.push(() => server.kill());
    const { services } = (await (await fetch(`${server.origin}/api/services`)).json()) as { services: { id: string }[] };
    const body = JSON.stringify(exampleSubmission('valid-without-files.json').data);

    // Keep submissions in flight, then kill the process without warning while they are being written.
    const inFlight: Promise<number>[] = [];
    let accepted = 0;
    const stopAt = Date.now() + 60_000;
    while (accepted < 15 && Date.now() < stopAt) {
      for (let i = 0; i < 8; i++) {
        inFlight.push(
          fetch(`${server.origin}/api/services/${services[0]!.id}/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
            .then((r) => {
              if (r.status === 201) accepted++;
              return r.status;
            })
            .catch(() => 0),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await server.kill();
    await Promise.all(inFlight);
    expect(accepted).toBeGreaterThanOrEqual(15);

    // The database as the next start finds it (PGlite recovers its write-ahead log here).
    const database = await reopen();
    try {
      const orphans = await database.db
        .selectFrom('cases')
        .select('cases.id')
        .where((eb) =>
          eb.or([
            eb.not(eb.exists(eb.selectFrom('case_events').select('id').whereRef('case_events.case_id', '=', 'cases.id').where('kind', '=', 'submitted'))),
            eb.not(eb.exists(eb.selectFrom('documents').select('id').whereRef('documents.case_id', '=', 'cases.id').where('kind', '=', 'receipt'))),
          ]),
        )
        .execute();
      expect(orphans).toEqual([]);
      const cases = await database.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      // Every answered 201 is in the database (4 demo cases are seeded on first start).
      expect(Number(cases.n)).toBeGreaterThanOrEqual(accepted + 4);
    } finally {
      await database.close();
    }
  }, 120_000);
});
