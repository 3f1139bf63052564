import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, type DatabaseHandle } from '@amtsweg/db';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@amtsweg/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleSubmission } from './helper';

const SERVER = fileURLToPath(new URL('../src/server.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

/** Starts the real server process and waits until it answers. */
async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(TSX, [SERVER], { env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'error', SEED_DEMO: 'true' }, stdio: 'ignore' });
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

async function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once('exit', resolve));
}

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
    const port = 3900 + Math.floor(Math.random() * 500);
    const server = await startServer(env, port);
    const { services } = (await (await fetch(`http://127.0.0.1:${port}/api/services`)).json()) as { services: { id: string }[] };
    const body = JSON.stringify(exampleSubmission('valid-without-files.json').data);

    // Keep submissions in flight, then kill the process without warning while they are being written.
    const inFlight: Promise<number>[] = [];
    let accepted = 0;
    const stopAt = Date.now() + 60_000;
    while (accepted < 15 && Date.now() < stopAt) {
      for (let i = 0; i < 8; i++) {
        inFlight.push(
          fetch(`http://127.0.0.1:${port}/api/services/${services[0]!.id}/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
            .then((r) => {
              if (r.status === 201) accepted++;
              return r.status;
            })
            .catch(() => 0),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    server.kill('SIGKILL');
    await stopped(server);
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
