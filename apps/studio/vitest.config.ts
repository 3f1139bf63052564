import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'studio',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The browser tests build the Studio, start the server and drive Chromium on a shared, noisy machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // A page re-renders late when the machine is busy: polled expectations wait up to 10 s, not 1 s.
    expect: { poll: { timeout: 10_000 } },
  },
});
