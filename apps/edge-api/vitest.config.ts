import { fileURLToPath } from 'node:url';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    testTimeout: 60_000,
    projects: [
      {
        // The Worker's tests run inside workerd, with the same wrangler.jsonc as `wrangler dev`.
        plugins: [cloudflareTest({ main: here('./src/index.ts'), wrangler: { configPath: here('./wrangler.test.jsonc') } })],
        resolve: { alias: { 'inkling-model': here('./src/model/default-model.ts') } },
        // Root at the repository: the model (models/ox) and tfjs's .wasm live outside this package,
        // and the pool maps module-rule files (Data, CompiledWasm) only inside the root.
        root: here('../..'),
        test: {
          name: 'workerd',
          dir: here('.'),
          include: ['src/**/*.test.ts'],
          globalSetup: [here('./vitest.global-setup.ts')],
          // Pre-bundle the big dependencies once (esbuild, cached in node_modules/.vite) instead of
          // transforming tfjs's hundreds of modules on every run. Not hono: its middleware subpaths
          // would then load a second copy of its internals.
          deps: {
            optimizer: {
              ssr: {
                enabled: true,
                include: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm', 'zod', 'fast-png', 'jpeg-js'],
              },
            },
          },
          testTimeout: 60_000,
        },
      },
      {
        // The build and bench scripts run in Node.
        test: { name: 'node', include: ['scripts/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
      },
    ],
  },
});
