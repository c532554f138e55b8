import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_WASM_THREADS, resolveThreads, selectBackend, type BackendChoice } from './select.js';

const require = createRequire(import.meta.url);
/** True when a tfjs-node package with its native library is installed (not on these machines). */
const tensorflowLoads = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'].some((pkg) => {
  try {
    const lib = join(dirname(require.resolve(`${pkg}/package.json`)), 'lib');
    return existsSync(lib) && readdirSync(lib).some((d) => existsSync(join(lib, d, 'tfjs_binding.node')));
  } catch {
    return false;
  }
});

describe('selectBackend', () => {
  it.skipIf(tensorflowLoads)("'auto' picks wasm when tfjs-node cannot load, and says what it runs", async () => {
    const warnings: string[] = [];
    const info = await selectBackend('auto', { threads: 1, warn: (m) => warnings.push(m) });
    expect(info).toEqual({ name: 'wasm', detail: 'wasm (SIMD, 1 thread, Inkling training kernels)', threads: 1 });
    expect(tf.getBackend()).toBe('wasm');
    expect(warnings).toEqual([]);
  });

  it.skipIf(tensorflowLoads)("an explicit 'tensorflow' that cannot load fails with a message naming the packages and the way out", async () => {
    await expect(selectBackend('tensorflow')).rejects.toThrow(
      /^backend "tensorflow" needs @tensorflow\/tfjs-node-gpu or @tensorflow\/tfjs-node, and neither loads here \(.+\)\. Use --backend wasm\.$/,
    );
    expect(tf.getBackend()).toBe('wasm');
  });

  it("'cpu' and 'wasm' switch tfjs's backend when asked", async () => {
    expect(await selectBackend('cpu')).toMatchObject({ name: 'cpu' });
    expect(tf.getBackend()).toBe('cpu');
    expect(await selectBackend('wasm', { threads: 1 })).toMatchObject({ name: 'wasm', threads: 1 });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('rejects an unknown choice by name', async () => {
    await expect(selectBackend('gpu' as BackendChoice)).rejects.toThrow('unknown backend "gpu"; choose auto, tensorflow, webgpu, wasm or cpu');
  });
});

describe('resolveThreads', () => {
  it('takes the option, else INKLING_WASM_THREADS, else the default', () => {
    expect(resolveThreads(3, { INKLING_WASM_THREADS: '2' })).toBe(3);
    expect(resolveThreads(undefined, { INKLING_WASM_THREADS: '2' })).toBe(2);
    expect(resolveThreads(undefined, {})).toBe(DEFAULT_WASM_THREADS);
    expect(resolveThreads(undefined, { INKLING_WASM_THREADS: '' })).toBe(DEFAULT_WASM_THREADS);
  });

  it('rejects anything but a whole number ≥ 1, naming where it came from', () => {
    expect(() => resolveThreads(0, {})).toThrow('the threads option must be a whole number ≥ 1, got "0"');
    expect(() => resolveThreads(undefined, { INKLING_WASM_THREADS: 'two' })).toThrow('INKLING_WASM_THREADS must be a whole number ≥ 1, got "two"');
    expect(() => resolveThreads(1.5, {})).toThrow(/whole number/);
  });
});
