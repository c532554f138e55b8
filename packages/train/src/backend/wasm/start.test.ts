import { describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../select.js';
import { compareWithCpu, inputsFor } from './kernels.test-helpers.js';

// A self-test that reports a disagreement, as it would if a tfjs upgrade changed a kernel's inputs.
vi.mock('./self-test.js', () => ({
  selfTestWasmKernels: () => [{ kernel: 'MaxPoolGrad', error: 'relative error 1.00e+0' }],
}));

describe('starting wasm when the self-test fails', () => {
  it('warns, names the kernel and trains with the stock kernels (plus the conv-based filter gradient)', async () => {
    const warnings: string[] = [];
    const info = await selectBackend('wasm', { threads: 1, warn: (m) => warnings.push(m) });
    expect(info.detail).toBe('wasm (SIMD, 1 thread, stock kernels)');
    expect(warnings).toEqual([
      "Inkling's wasm kernels disagree with the cpu backend: MaxPoolGrad (relative error 1.00e+0); using the stock wasm kernels instead (slower)",
    ]);
    // The stock MaxPoolGrad is back: it drops the gradient of windows whose values are all negative.
    const negative = Float32Array.from({ length: 2 * 4 * 4 * 4 }, (_, i) => -1 - (i % 7));
    const inputs = inputsFor({ dy: [2, 2, 2, 4], input: [2, 4, 4, 4], output: [2, 2, 2, 4] }, 1, { input: negative });
    expect(compareWithCpu('MaxPoolGrad', inputs, { filterSize: [2, 2], strides: [2, 2], pad: 'valid' }).error).toBeGreaterThan(0.5);
    // Conv layers still train: the filter gradient is registered.
    const x = tf.ones([1, 5, 5, 2]) as tf.Tensor4D;
    const grad = tf.grad((f: tf.Tensor) => tf.sum(tf.conv2d(x, f as tf.Tensor4D, 1, 'valid')))(tf.ones([3, 3, 2, 3]) as tf.Tensor4D);
    expect(Array.from(grad.dataSync())).toEqual(Array(3 * 3 * 2 * 3).fill(9));
  });
});
