import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'build/**/*.test.ts', 'e2e/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The browser suite starts workerd and Chromium once; running it beside the unit files is fine,
    // but two browser files at once would fight for the two cores.
    fileParallelism: false,
  },
});
