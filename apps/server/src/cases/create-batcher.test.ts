import { describe, expect, it } from 'vitest';
import { createBatcher, type BatchOutcome } from './create-batcher';

/** A batcher whose batches finish only when the test says so, recording what each batch held. */
function createControlledBatcher(concurrency: number, maxBatch = 100) {
  const batches: number[][] = [];
  const finishers: ((outcome: BatchOutcome<string> | Error) => void)[] = [];
  const handle = createBatcher<number, string>({
    concurrency,
    maxBatch,
    run: (items) => {
      batches.push(items);
      return new Promise((resolve, reject) => finishers.push((outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome))));
    },
  });
  const succeed = (index: number) => finishers[index]!(batches[index]!.map((item) => ({ status: 'fulfilled', value: `done ${item}` })));
  return { handle, batches, finishers, succeed };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createBatcher', () => {
  it('handles items at once while batches are free, and groups the items that arrive while all are busy', async () => {
    const { handle, batches, succeed } = createControlledBatcher(2);
    const results = [1, 2, 3, 4, 5].map((item) => handle(item));
    expect(batches).toEqual([[1], [2]]);
    succeed(0);
    await settle();
    expect(batches).toEqual([[1], [2], [3, 4, 5]]);
    succeed(1);
    succeed(2);
    expect(await Promise.all(results)).toEqual(['done 1', 'done 2', 'done 3', 'done 4', 'done 5']);
  });

  it('never puts more than maxBatch items in one batch', async () => {
    const { handle, batches, succeed } = createControlledBatcher(1, 2);
    const results = [1, 2, 3, 4, 5].map((item) => handle(item));
    succeed(0);
    await settle();
    succeed(1);
    await settle();
    succeed(2);
    await Promise.all(results);
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('gives each item its own outcome, and fails every item of a batch that throws', async () => {
    const { handle, batches, finishers } = createControlledBatcher(1);
    const first = handle(1);
    const [second, third] = [handle(2), handle(3)];
    finishers[0]!(new Error('database down'));
    await expect(first).rejects.toThrow('database down');
    await settle();
    expect(batches[1]).toEqual([2, 3]);
    finishers[1]!([{ status: 'rejected', reason: new Error('bad item') }, { status: 'fulfilled', value: 'ok 3' }]);
    await expect(second).rejects.toThrow('bad item');
    await expect(third).resolves.toBe('ok 3');
  });
});
