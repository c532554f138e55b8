import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { compareWithCpu, inputsFor, startWasmForTest } from './kernels.test-helpers.js';
import { registerWasmTrainingKernels } from './register.js';
import { evenTiles } from './filter-gradient-simd.js';
import { runKernelOn, relativeError } from './kernel-compare.js';

beforeAll(async () => {
  await startWasmForTest();
});

/** [x shape, filter shape, stride, padding] */
const CASES: Array<[number[], [number, number, number, number], number, 'valid' | 'same']> = [
  [[2, 9, 9, 3], [3, 3, 3, 8], 1, 'valid'],
  [[2, 9, 9, 3], [3, 3, 3, 8], 2, 'valid'],
  [[2, 9, 7, 3], [3, 3, 3, 8], 1, 'same'],
  [[2, 11, 9, 5], [3, 3, 5, 12], 2, 'same'],
  [[3, 7, 10, 1], [5, 4, 1, 4], 1, 'valid'],
  [[1, 13, 13, 7], [3, 3, 7, 16], 2, 'valid'],
  [[2, 8, 8, 32], [3, 3, 32, 32], 1, 'valid'],
  [[2, 10, 10, 4], [1, 1, 4, 20], 1, 'same'],
  [[2, 9, 9, 3], [3, 3, 3, 6], 2, 'same'], // 6 output channels: not a multiple of 4, the XNNPACK-conv path
  [[2, 7, 8, 2], [2, 3, 2, 5], 1, 'valid'], // likewise
];

function attrsFor(xShape: number[], filterShape: number[], stride: number, pad: 'valid' | 'same') {
  const info = tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], filterShape as [number, number, number, number], stride, 1, pad);
  return { dyShape: info.outShape, attrs: { strides: [stride, stride], pad, dataFormat: 'NHWC', filterShape } };
}

describe('wasm Conv2DBackpropFilter', () => {
  it.each(CASES)('matches the cpu kernel for x %j, filter %j, stride %i, %s', (xShape, filterShape, stride, pad) => {
    const { dyShape, attrs } = attrsFor(xShape, filterShape, stride, pad);
    const { wasm, cpu, error } = compareWithCpu('Conv2DBackpropFilter', inputsFor({ x: xShape, dy: dyShape }, 7), attrs);
    expect(wasm.shape).toEqual(filterShape);
    expect(error).toBeLessThanOrEqual(1e-5);
    expect(cpu.values.some((v) => v !== 0)).toBe(true);
  });

  it('keeps the XNNPACK-convolution formulation correct too (the fallback for any channel count)', () => {
    const { dyShape, attrs } = attrsFor([2, 11, 9, 5], [3, 3, 5, 12], 2, 'same');
    const inputs = inputsFor({ x: [2, 11, 9, 5], dy: dyShape }, 3);
    const cpu = runKernelOn('cpu', 'Conv2DBackpropFilter', inputs, attrs);
    registerWasmTrainingKernels({ fast: false });
    try {
      expect(relativeError(runKernelOn('wasm', 'Conv2DBackpropFilter', inputs, attrs).values, cpu.values)).toBeLessThanOrEqual(1e-5);
    } finally {
      registerWasmTrainingKernels();
    }
  });

  it('is what autodiff of a conv2d uses on wasm', () => {
    const x = tf.tensor4d(Array.from({ length: 2 * 6 * 6 * 3 }, (_, i) => Math.sin(i)), [2, 6, 6, 3]);
    const f = tf.tensor4d(Array.from({ length: 3 * 3 * 3 * 4 }, (_, i) => Math.cos(i)), [3, 3, 3, 4]);
    const grad = tf.grad((w: tf.Tensor) => tf.sum(tf.square(tf.conv2d(x, w as tf.Tensor4D, 1, 'same'))))(f);
    expect(grad.shape).toEqual([3, 3, 3, 4]);
    expect(Number.isFinite(tf.sum(grad).dataSync()[0]!)).toBe(true);
  });
});

describe('evenTiles', () => {
  it('splits into near-equal tiles of at most max', () => {
    expect(evenTiles(9, 4)).toEqual([3, 3, 3]);
    expect(evenTiles(96, 4)).toEqual(Array(24).fill(4));
    expect(evenTiles(3, 2)).toEqual([2, 1]);
    expect(evenTiles(1, 4)).toEqual([1]);
  });
});
