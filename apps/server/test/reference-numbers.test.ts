import { randomUUID } from 'node:crypto';
import { drawReferenceNumbers } from '@amtsweg/db';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe.each(DATABASE_KINDS)('reference numbers on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  // Regression (reliability suite, multi-instance): two server processes drawing the first number of a service's
  // year at once both created its sequence; `create sequence if not exists` lost the race with a unique violation
  // on pg_class, and the submission answered 500.
  it('draws the first numbers of a new sequence from two connections at once', async () => {
    for (let round = 0; round < 20; round++) {
      const serviceId = randomUUID();
      const drawn = await Promise.all([drawReferenceNumbers(database.db, serviceId, 2026), drawReferenceNumbers(database.db, serviceId, 2026, 2)]);
      expect(drawn.flat().sort()).toEqual([1, 2, 3]);
    }
  });
});
