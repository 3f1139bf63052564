import { join } from 'node:path';
import { acquireDataDirLock } from '../../src/install/data-dir-lock';

// One of several processes racing for the data folders of a round at the same instant (reliability/data-dir-lock.test.ts).
// Prints one JSON line per round: whether it got the lock, or the message it was refused with.
const root = process.env.CONTENDER_ROOT!;
const rounds = Number(process.env.CONTENDER_ROUNDS);
const firstRoundAt = Number(process.env.CONTENDER_T0);
const roundMs = Number(process.env.CONTENDER_ROUND_MS);

function waitUntil(at: number): void {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  if (at - Date.now() > 3) Atomics.wait(sleeper, 0, 0, at - Date.now() - 3);
  while (Date.now() < at) {
    // The last milliseconds spun, so all contenders leave the barrier together.
  }
}

for (let round = 0; round < rounds; round++) {
  const start = firstRoundAt + round * roundMs;
  waitUntil(start);
  // Too late for a fair race (this process was not scheduled in time): the round is left to the others.
  if (Date.now() > start + roundMs / 2) {
    process.stdout.write(`${JSON.stringify({ round, late: true })}\n`);
    continue;
  }
  try {
    const lock = acquireDataDirLock(join(root, `round-${round}`, 'pglite'), { program: 'contender' });
    waitUntil(start + roundMs * 0.8);
    lock.release();
    process.stdout.write(`${JSON.stringify({ round, got: true })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ round, got: false, message: (error as Error).message })}\n`);
  }
}
