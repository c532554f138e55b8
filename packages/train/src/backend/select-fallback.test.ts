import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from './select.js';

// Its own file (so its own process): a wasm backend that failed to start stays failed in tfjs.
const MISSING = '/nonexistent-inkling-wasm-dir/';

describe('when wasm cannot start', () => {
  it("an explicit 'wasm' fails with a clear message", async () => {
    await expect(selectBackend('wasm', { threads: 1, wasmDir: MISSING, warn: () => {} })).rejects.toThrow(/^backend "wasm" could not start: /);
  });

  it("'auto' warns and falls back to cpu", async () => {
    const warnings: string[] = [];
    const info = await selectBackend('auto', { threads: 1, wasmDir: MISSING, warn: (m) => warnings.push(m) });
    expect(info.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^backend "wasm" could not start: .+; falling back to the cpu backend, which trains a CNN hundreds of times slower$/);
  });
});
