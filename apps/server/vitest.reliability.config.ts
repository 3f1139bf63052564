import { defineConfig } from 'vitest/config';

// pnpm test:reliability — hostile input, concurrency, crashes, two instances and absurd definitions, against the
// real server on both databases. Bounded: every file states its own budget of cases and time.
export default defineConfig({
  test: {
    name: 'reliability',
    include: ['reliability/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
