import { defineConfig } from 'vitest/config';

// One run over every package's own vitest config, ending in one summary line.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts'],
    reporters: ['default', './tests/support/plain-summary-reporter.ts'],
  },
});
