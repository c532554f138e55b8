import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { startWasmForTest } from './kernels.test-helpers.js';

beforeAll(async () => {
  await startWasmForTest();
});

const heapOffset = (t: tf.Tensor) => (tf.backend() as BackendWasm).getMemoryOffset(t.dataId);

describe('wasm Identity and same-dtype Cast', () => {
  it('share the data instead of copying it, and keep it alive until both are disposed', () => {
    const x = tf.tensor2d([[1, -2], [3.5, 4]]);
    const copy = tf.clone(x);
    const cast = tf.cast(x, 'float32');
    expect(heapOffset(copy)).toBe(heapOffset(x));
    expect(heapOffset(cast)).toBe(heapOffset(x));
    const before = tf.memory().numBytes;
    x.dispose();
    copy.dispose();
    expect(Array.from(cast.dataSync())).toEqual([1, -2, 3.5, 4]);
    cast.dispose();
    expect(tf.memory().numBytes).toBeLessThan(before);
  });

  it('still convert between dtypes', () => {
    const x = tf.tensor1d([1.7, -2.2, 0]);
    expect(Array.from(tf.cast(x, 'int32').dataSync())).toEqual([1, -2, 0]);
    expect(heapOffset(tf.cast(x, 'int32'))).not.toBe(heapOffset(x));
  });

  it('leave the saved activations of a training step intact', () => {
    const w = tf.variable(tf.tensor2d([[0.5, -1], [2, 1]]));
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    const { grads } = tf.variableGrads(() => tf.sum(tf.relu(tf.matMul(x, w))));
    expect(Array.from(grads[w.name]!.dataSync())).toEqual([4, 4, 6, 6]);
  });
});
