import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    // End-to-end runs train a model and start workerd: minutes, not seconds, on a busy machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
