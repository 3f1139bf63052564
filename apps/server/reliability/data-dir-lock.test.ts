import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createLockOwner, LOCK_FILE_NAME } from '../src/install/data-dir-lock';

// The embedded database's lock under contention (issue 17): processes reaching for one data folder at the same
// instant, on a free folder and on one with a stale lock (its process was killed, or its heartbeat stopped on
// another host). Of each race exactly one may win, whatever the timing. Budget: 4 processes, 40 rounds of 250 ms
// (about 15 s with the processes' start).

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const CONTENDERS = 4;
const ROUNDS = 40;
const ROUND_MS = 250;

describe('the data folder lock raced by several processes', () => {
  const root = mkdtempSync(join(tmpdir(), 'amtsweg-lock-race-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it(`gives each folder to exactly one of ${CONTENDERS} processes, free or with a stale lock, and leaves no file behind`, async () => {
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    const longAgo = new Date('2026-12-01T00:00:00.000Z');
    for (let round = 0; round < ROUNDS; round += 2) {
      const folder = join(root, `round-${round}`, 'pglite');
      mkdirSync(folder, { recursive: true });
      // Alternately a lock of a killed process of this host (taken over at once) and one of another host whose
      // heartbeat stopped long ago (taken over by its age).
      const stale = round % 4 === 0 ? { ...createLockOwner('server'), pid: deadPid } : { pid: 1, host: 'anderer-rechner', pidSpace: 'another-boot/pid:[4026531836]', program: 'server' };
      const file = join(folder, LOCK_FILE_NAME);
      writeFileSync(file, JSON.stringify({ ...stale, startedAt: longAgo.toISOString() }));
      utimesSync(file, longAgo, longAgo);
    }
    const firstRoundAt = Date.now() + 10_000;
    const outputs = await Promise.all(
      Array.from({ length: CONTENDERS }, () => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'reliability/support/lock-contender.ts'], {
          cwd: SERVER_DIR,
          env: { ...process.env, CONTENDER_ROOT: root, CONTENDER_ROUNDS: String(ROUNDS), CONTENDER_T0: String(firstRoundAt), CONTENDER_ROUND_MS: String(ROUND_MS) },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        return new Promise<string>((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`a contender exited with ${code}`)))));
      }),
    );
    const results = outputs.flatMap((output) => output.trim().split('\n').map((line) => JSON.parse(line) as { round: number; got?: boolean; late?: true; message?: string }));
    let contested = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const racing = results.filter((result) => result.round === round && !result.late);
      expect(racing.filter((result) => result.got), `round ${round}`).toHaveLength(1);
      for (const loser of racing.filter((result) => !result.got)) expect(loser.message).toMatch(/is in use by "contender" \(pid \d+ on host/);
      if (racing.length >= 2) contested++;
      // Released by its winner: nothing left, neither the lock nor a takeover's file.
      expect(readdirSync(join(root, `round-${round}`, 'pglite'))).toEqual([]);
    }
    // The races really were races (a machine too busy to schedule the processes in time would test nothing).
    expect(contested).toBeGreaterThanOrEqual(ROUNDS / 2);
    expect(existsSync(root)).toBe(true);
  });
});
