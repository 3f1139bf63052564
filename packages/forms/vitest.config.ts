import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'forms',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The browser test bundles with Vite and starts Chromium; generous on a shared, noisy machine.
    testTimeout: 30_000,
  },
});
