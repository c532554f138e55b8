import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { compareWithCpu, inputsFor, startWasmForTest } from './kernels.test-helpers.js';

beforeAll(async () => {
  await startWasmForTest();
});

describe('wasm Sum', () => {
  it.each([
    ['a bias gradient: NHWC over N, H, W', [4, 9, 7, 32], [0, 1, 2], false],
    ['more than 16 columns, not a multiple of 16', [5, 3, 3, 20], [0, 1, 2], false],
    ['more rows than one partial (1024)', [3000, 8], [0], false],
    ['keepDims', [3, 5, 8], [0, 1], true],
    ['negative axes', [3, 5, 8], [-3, -2], false],
    ['other axes (stock kernel)', [3, 5, 8], [1], false],
    ['a last dimension that is not a multiple of 4 (stock kernel)', [3, 5, 6], [0, 1], false],
  ] as const)('matches the cpu kernel: %s', (_, shape, axis, keepDims) => {
    const { wasm, cpu, error } = compareWithCpu('Sum', inputsFor({ x: [...shape] }, 2), { axis: [...axis], keepDims });
    expect(wasm.shape).toEqual(cpu.shape);
    expect(error).toBeLessThanOrEqual(1e-6);
  });

  it('sums a bias gradient exactly for values that float32 adds exactly', () => {
    const dy = tf.ones([8, 16, 16, 12]);
    expect(Array.from(tf.sum(dy, [0, 1, 2]).dataSync())).toEqual(Array(12).fill(8 * 16 * 16));
  });
});
