import { beforeAll, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { inputsFor } from '../wasm/kernels.test-helpers.js';
import { SYNC_READ_MESSAGE } from './internals.js';
import { registerWebgpuTrainingKernels, restoreStockWebgpuKernels } from './register.js';
import { compareWebgpuWithCpu, describeOnSwiftshader, startWebgpuForTest } from './swiftshader.test-helpers.js';

// What Inkling relies on inside tfjs-backend-webgpu 4.22 (internals.ts), checked on the real backend.
describeOnSwiftshader('tfjs-backend-webgpu internals', () => {
  beforeAll(async () => {
    await startWebgpuForTest();
  }, 60_000);

  it('a synchronous read of GPU-only data fails saying why; after an async read it works', async () => {
    // Large enough that tfjs runs the op on the GPU (it hands tiny ones to the CPU).
    const t = tf.add(tf.range(0, 4096), 1);
    expect(() => t.dataSync()).toThrow(SYNC_READ_MESSAGE);
    expect(Array.from((await t.data()).slice(0, 3))).toEqual([1, 2, 3]);
    expect(Array.from(t.dataSync().slice(0, 3))).toEqual([1, 2, 3]);
    t.dispose();
  });

  it('the stock MaxPoolGrad gives ties to the last maximum, which Inkling replaces', async () => {
    const shape = [1, 4, 4, 2];
    const ties = Float32Array.from({ length: 32 }, (_, i) => ((i * 13) % 3) - 1);
    const inputs = inputsFor({ dy: [1, 2, 2, 2], input: shape, output: [1, 2, 2, 2] }, 1, { input: ties });
    const attrs = { filterSize: [2, 2], strides: [2, 2], pad: 'valid' };
    restoreStockWebgpuKernels();
    try {
      expect((await compareWebgpuWithCpu('MaxPoolGrad', inputs, attrs)).error).toBeGreaterThan(0.5);
    } finally {
      registerWebgpuTrainingKernels();
    }
    expect((await compareWebgpuWithCpu('MaxPoolGrad', inputs, attrs)).error).toBe(0);
  });
});
