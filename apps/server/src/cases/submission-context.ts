import { drawReferenceNumbers, insertSubmissions, type Database, type NewSubmission } from '@amtsweg/db';
import type { Kysely } from 'kysely';
import { createBatcher, type BatchOutcome } from './create-batcher';

/** What taking a submission needs of the running server. */
export interface SubmissionContext {
  db: Kysely<Database>;
  /** The next number of the service's Aktenzeichen sequence in the year. */
  nextReferenceNumber(serviceId: string, year: number): Promise<number>;
  /** Writes a submission without files in one statement, possibly together with others (group commit). */
  writeSubmission(submission: NewSubmission): Promise<void>;
}

const MAX_BATCH = 100;
/** Statements writing submissions at once; the pool keeps connections for everything else. */
const WRITE_CONCURRENCY = 4;

/**
 * The submission path of one server process. Under load, submissions share round trips: numbers drawn while
 * a draw is under way come in one draw (in the order they were asked for, no extra gaps), and cases that wait
 * for a free writer are written in one statement — one commit for all of them. A batch that fails is
 * retried one submission at a time, so one bad submission never takes others down with it.
 */
export function createSubmissionContext(db: Kysely<Database>): SubmissionContext {
  const numberSources = new Map<string, (item: undefined) => Promise<number>>();
  const nextReferenceNumber = (serviceId: string, year: number): Promise<number> => {
    const key = `${serviceId}:${year}`;
    let draw = numberSources.get(key);
    if (!draw) {
      draw = createBatcher<undefined, number>({
        concurrency: 1,
        maxBatch: MAX_BATCH,
        run: async (items) => {
          const numbers = await drawReferenceNumbers(db, serviceId, year, items.length);
          return numbers.map((value) => ({ status: 'fulfilled', value }));
        },
      });
      numberSources.set(key, draw);
    }
    return draw(undefined);
  };

  const writeSubmission = createBatcher<NewSubmission, void>({
    concurrency: WRITE_CONCURRENCY,
    maxBatch: MAX_BATCH,
    run: async (submissions): Promise<BatchOutcome<void>> => {
      try {
        await insertSubmissions(db, submissions);
        return submissions.map(() => ({ status: 'fulfilled', value: undefined }));
      } catch (error) {
        if (submissions.length === 1) return [{ status: 'rejected', reason: error }];
        return Promise.allSettled(submissions.map((submission) => insertSubmissions(db, [submission])));
      }
    },
  });

  return { db, nextReferenceNumber, writeSubmission };
}
