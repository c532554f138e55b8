import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { compareWithCpu, inputsFor, startWasmForTest } from './kernels.test-helpers.js';
import { restoreStockWasmKernels, registerFastWasmKernels } from './register.js';

beforeAll(async () => {
  await startWasmForTest();
});

/** [input shape, filter shape, stride, padding] */
const CASES: Array<[[number, number, number, number], [number, number, number, number], number, 'valid' | 'same']> = [
  [[2, 9, 9, 3], [3, 3, 3, 8], 1, 'valid'],
  [[2, 9, 9, 3], [3, 3, 3, 8], 2, 'valid'],
  [[2, 10, 7, 5], [3, 3, 5, 12], 2, 'same'],
  [[2, 8, 8, 6], [3, 3, 6, 6], 1, 'same'],
  [[1, 13, 11, 4], [5, 4, 4, 7], 2, 'valid'],
  [[2, 12, 12, 16], [3, 3, 16, 32], 1, 'valid'],
];

function attrsFor(inputShape: [number, number, number, number], filterShape: [number, number, number, number], stride: number, pad: 'valid' | 'same') {
  const info = tf.backend_util.computeConv2DInfo(inputShape, filterShape, stride, 1, pad);
  return { dyShape: info.outShape, attrs: { strides: [stride, stride], pad, dataFormat: 'NHWC', inputShape } };
}

describe('wasm Conv2DBackpropInput (XNNPACK conv of the zero-dilated dy with the flipped filter)', () => {
  it.each(CASES)('matches the cpu kernel for input %j, filter %j, stride %i, %s', (inputShape, filterShape, stride, pad) => {
    const { dyShape, attrs } = attrsFor(inputShape, filterShape, stride, pad);
    const { wasm, error } = compareWithCpu('Conv2DBackpropInput', inputsFor({ dy: dyShape, filter: filterShape }, 11), attrs);
    expect(wasm.shape).toEqual(inputShape);
    expect(error).toBeLessThanOrEqual(1e-5);
  });

  it('gives the same result as the stock kernel it replaces', () => {
    const { dyShape, attrs } = attrsFor([2, 10, 7, 5], [3, 3, 5, 12], 2, 'same');
    const inputs = inputsFor({ dy: dyShape, filter: [3, 3, 5, 12] }, 5);
    const fast = compareWithCpu('Conv2DBackpropInput', inputs, attrs).wasm.values;
    restoreStockWasmKernels();
    try {
      const stock = compareWithCpu('Conv2DBackpropInput', inputs, attrs).wasm.values;
      expect(Array.from(fast).map((v, i) => Math.abs(v - stock[i]!)).reduce((a, b) => Math.max(a, b))).toBeLessThan(1e-5);
    } finally {
      registerFastWasmKernels();
    }
  });
});
