import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc } from '@tensorflow/tfjs-core';
import { selfTestWasmKernels } from './self-test.js';
import { startWasmForTest } from './kernels.test-helpers.js';

beforeAll(async () => {
  await startWasmForTest();
});

/** Replaces the wasm MaxPoolGrad by one that returns zeros (of the right shape) for the duration of `body`. */
async function withBrokenMaxPoolGrad( body: () => Promise<void> | void): Promise<void> {
  const name = 'MaxPoolGrad';
  const original = tf.getKernel(name, 'wasm')!.kernelFunc;
  const zeros: KernelFunc = ({ inputs, backend }) => {
    const input = (inputs as Record<string, tf.TensorInfo>).input!;
    const b = backend as tf.KernelBackend;
    return { dataId: b.write(new Float32Array(tf.util.sizeFromShape(input.shape)), input.shape, 'float32'), shape: input.shape, dtype: 'float32' };
  };
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc: zeros });
  try {
    await body();
  } finally {
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc: original });
  }
}

describe('the wasm kernel self-test', () => {
  it('passes for the kernels Inkling registers, in a few milliseconds', () => {
    const start = performance.now();
    expect(selfTestWasmKernels()).toEqual([]);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('names a kernel that disagrees with the cpu backend', async () => {
    await withBrokenMaxPoolGrad(() => {
      expect(selfTestWasmKernels()).toEqual([{ kernel: 'MaxPoolGrad', error: 'relative error 1.00e+0' }]);
    });
  });
});
