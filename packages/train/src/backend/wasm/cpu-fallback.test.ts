import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { startWasmForTest } from './kernels.test-helpers.js';
import { relativeError } from './kernel-compare.js';

let warnings: string[];
beforeAll(async () => {
  ({ warnings } = await startWasmForTest());
});

/** Embedding + Dense gradients: the embedding's needs UnsortedSegmentSum, which wasm lacks. */
function embeddingGradients(): Float32Array[] {
  const model = tfl.sequential({
    layers: [
      tfl.layers.embedding({ inputDim: 10, outputDim: 4, inputLength: 3, embeddingsInitializer: tfl.initializers.randomUniform({ seed: 1 }) }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 1, kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  const ids = tf.tensor2d([[1, 2, 2], [7, 1, 0]], [2, 3], 'int32');
  const { grads } = tf.variableGrads(() => tf.sum(tf.square(model.apply(ids) as tf.Tensor)) as tf.Scalar);
  return model.trainableWeights.map((w) => grads[(w.read() as tf.Variable).name]!.dataSync() as Float32Array);
}

describe('the cpu fallback for kernels wasm lacks', () => {
  it('trains an Embedding layer on wasm with the gradients the cpu backend gives, warning once', async () => {
    expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBeDefined();
    const onWasm = embeddingGradients();
    embeddingGradients();
    await tf.setBackend('cpu');
    const onCpu = embeddingGradients();
    await tf.setBackend('wasm');
    onCpu.forEach((expected, i) => expect(relativeError(onWasm[i]!, expected)).toBeLessThanOrEqual(1e-6));
    const named = warnings.filter((w) => w.includes('UnsortedSegmentSum'));
    expect(named).toEqual(['the wasm backend has no UnsortedSegmentSum kernel: running it on the CPU backend (slow)']);
  });

  it('covers the depthwise-convolution gradients, so depthwise layers train too', () => {
    const x = tf.tensor4d(Array.from({ length: 2 * 5 * 5 * 3 }, (_, i) => Math.sin(i)), [2, 5, 5, 3]);
    const filter = tf.tensor4d(Array.from({ length: 3 * 3 * 3 * 2 }, (_, i) => Math.cos(i)), [3, 3, 3, 2]);
    const grad = tf.grad((f: tf.Tensor) => tf.sum(tf.depthwiseConv2d(x, f as tf.Tensor4D, 1, 'same')))(filter);
    expect(grad.shape).toEqual([3, 3, 3, 2]);
    expect(warnings.some((w) => w.includes('DepthwiseConv2dNativeBackpropFilter'))).toBe(true);
  });
});
