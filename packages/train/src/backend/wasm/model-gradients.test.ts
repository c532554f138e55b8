import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { lenet } from '@inkling/core/architectures';
import { startWasmForTest } from './kernels.test-helpers.js';
import { seededValues, relativeError } from './kernel-compare.js';

/** Every LeNet weight gradient (one training-mode forward and backward pass, dropout included) on the current backend. */
function lenetGradients(inputShape: [number, number, number], classes: number): Map<string, Float32Array> {
  const batch = 4;
  const model = lenet({ inputShape, classes, seed: 5 });
  const x = tf.tensor4d(seededValues(batch * inputShape[0] * inputShape[1] * inputShape[2], 1), [batch, ...inputShape]);
  const labels = classes === 2 ? tf.tensor2d([[0], [1], [1], [0]]) : tf.oneHot(tf.tensor1d([0, 2, 1, 2], 'int32'), classes);
  const { grads } = tf.variableGrads(() => {
    const y = model.apply(x, { training: true }) as tf.Tensor;
    const loss = classes === 2 ? tfl.metrics.binaryCrossentropy(labels, y) : tfl.metrics.categoricalCrossentropy(labels, y);
    return tf.mean(loss) as tf.Scalar;
  });
  const out = new Map<string, Float32Array>();
  for (const w of model.trainableWeights) out.set(w.originalName, grads[(w.read() as tf.Variable).name]!.dataSync() as Float32Array);
  tf.dispose([x, labels, grads]);
  model.dispose();
  return out;
}

describe('whole-model gradients on wasm', () => {
  it.each([
    ['RGB, 2 classes', [30, 30, 3], 2],
    ['grayscale, 3 classes', [26, 22, 1], 3],
  ] as const)('match the cpu backend for every LeNet weight (%s)', async (_, shape, classes) => {
    await tf.setBackend('cpu');
    const cpu = lenetGradients([...shape], classes);
    await startWasmForTest();
    const wasm = lenetGradients([...shape], classes);
    expect([...wasm.keys()].sort()).toEqual([...cpu.keys()].sort());
    expect(wasm.size).toBe(10);
    for (const [name, expected] of cpu) {
      expect(expected.some((v) => v !== 0), name).toBe(true);
      // Like numpy's allclose (rtol 1e-4, atol 1e-6): a bias gradient is a mean over the batch that can
      // cancel to ~1e-4, where float32 rounding of its ~0.5 terms alone gives a relative error above 1e-4.
      const actual = wasm.get(name)!;
      const diffNorm = relativeError(actual, expected) * Math.hypot(...expected);
      expect(diffNorm, name).toBeLessThanOrEqual(1e-4 * Math.hypot(...expected) + 1e-6);
    }
  });
});
