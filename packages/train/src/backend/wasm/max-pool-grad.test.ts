import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { compareWithCpu, inputsFor, startWasmForTest } from './kernels.test-helpers.js';
import { registerFastWasmKernels, restoreStockWasmKernels } from './register.js';

beforeAll(async () => {
  await startWasmForTest();
});

function maxPoolCase(inputShape: [number, number, number, number], size: number, stride: number, pad: 'valid' | 'same', seed: number, values?: Float32Array) {
  const info = tf.backend_util.computePool2DInfo(inputShape, size, stride, 1, pad);
  const inputs = inputsFor({ dy: info.outShape, input: inputShape, output: info.outShape }, seed, values ? { input: values } : {});
  return { inputs, attrs: { filterSize: [size, size], strides: [stride, stride], pad } };
}

const allNegative = (n: number) => Float32Array.from({ length: n }, (_, i) => -1 - ((i * 7919) % 101) / 10);
const withTies = (n: number) => Float32Array.from({ length: n }, (_, i) => ((i * 13) % 3) - 1);

describe('wasm MaxPoolGrad', () => {
  it.each([
    ['2x2/2 valid, 8 channels (SIMD)', [2, 8, 8, 8], 2, 2, 'valid'],
    ['2x2/2 on odd sizes', [2, 9, 7, 4], 2, 2, 'valid'],
    ['2x2/2 same padding on odd sizes', [2, 9, 7, 8], 2, 2, 'same'],
    ['3x3/2 overlapping windows', [2, 9, 9, 8], 3, 2, 'valid'],
    ['3x3/1 same padding', [1, 7, 6, 4], 3, 1, 'same'],
    ['3 channels (the JS path)', [2, 8, 8, 3], 2, 2, 'valid'],
    ['3x3/2 same, 5 channels (the JS path)', [2, 9, 9, 5], 3, 2, 'same'],
  ] as const)('matches the cpu kernel: %s', (_, shape, size, stride, pad) => {
    const { inputs, attrs } = maxPoolCase([...shape], size, stride, pad, 3);
    const { wasm, error } = compareWithCpu('MaxPoolGrad', inputs, attrs);
    expect(wasm.shape).toEqual(shape);
    // Where windows overlap, one input can collect several dy values: the sums' order differs.
    expect(error).toBeLessThanOrEqual(size > stride ? 1e-6 : 0);
  });

  it('gives windows of only negative values their gradient, and ties to the first maximum', () => {
    for (const [values, channels] of [[allNegative, 8], [withTies, 8], [allNegative, 3], [withTies, 3]] as const) {
      const shape: [number, number, number, number] = [2, 6, 6, channels];
      const { inputs, attrs } = maxPoolCase(shape, 2, 2, 'valid', 9, values(2 * 6 * 6 * channels));
      const { wasm, cpu, error } = compareWithCpu('MaxPoolGrad', inputs, attrs);
      expect(error).toBe(0);
      expect(wasm.values.filter((v) => v !== 0).length).toBe(cpu.values.filter((v) => v !== 0).length);
    }
  });

  it('replaces a stock kernel that loses those gradients (tfjs 4.22 starts the max at FLT_MIN)', () => {
    const { inputs, attrs } = maxPoolCase([2, 6, 6, 8], 2, 2, 'valid', 9, allNegative(2 * 6 * 6 * 8));
    restoreStockWasmKernels();
    try {
      expect(compareWithCpu('MaxPoolGrad', inputs, attrs).error).toBeGreaterThan(0.5);
    } finally {
      registerFastWasmKernels();
    }
  });
});
