/** A batch's outcome for each of its items, in order. */
export type BatchOutcome<TResult> = PromiseSettledResult<TResult>[];

export interface BatcherOptions<TItem, TResult> {
  /** Handles a batch: one outcome per item, in order. If it throws, every item of the batch fails with it. */
  run(items: TItem[]): Promise<BatchOutcome<TResult>>;
  /** Batches under way at once; an item that finds them all busy waits for the next batch. */
  concurrency: number;
  maxBatch: number;
}

/**
 * Group commit: items are handled at once while fewer than `concurrency` batches are under way; items that
 * arrive while all are busy wait together and go as one batch when one finishes. Under light load every item
 * goes alone without waiting; under heavy load many items share one round trip.
 *
 * @example
 * const draw = createBatcher({ concurrency: 1, maxBatch: 100, run: async (items) => drawNumbers(items.length) });
 * const [a, b] = await Promise.all([draw(undefined), draw(undefined)]);
 */
export function createBatcher<TItem, TResult>(options: BatcherOptions<TItem, TResult>): (item: TItem) => Promise<TResult> {
  const waiting: { item: TItem; resolve(result: TResult): void; reject(reason: unknown): void }[] = [];
  let running = 0;
  const pump = (): void => {
    while (running < options.concurrency && waiting.length > 0) {
      const batch = waiting.splice(0, options.maxBatch);
      running++;
      options
        .run(batch.map((entry) => entry.item))
        .then(
          (outcomes) =>
            batch.forEach((entry, index) => {
              const outcome = outcomes[index];
              if (outcome?.status === 'fulfilled') entry.resolve(outcome.value);
              else entry.reject(outcome ? outcome.reason : new Error('the batch gave no outcome for this item'));
            }),
          (error: unknown) => batch.forEach((entry) => entry.reject(error)),
        )
        .finally(() => {
          running--;
          pump();
        });
    }
  };
  return (item) =>
    new Promise<TResult>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      pump();
    });
}
