import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/**
 * Reads a model's weights asynchronously, so that code which then reads them with dataSync() (the
 * graph exporter, the VGG16 feature-cache key) works on webgpu, which cannot read synchronously in
 * Node (webgpu/internals.ts). The values stay cached on the CPU until the weight changes. On wasm and
 * cpu the data is already there and this costs nothing.
 */
export async function prefetchWeights(model: tfl.LayersModel | tfl.LayersModel['weights']): Promise<void> {
  const weights = Array.isArray(model) ? model : model.weights;
  await Promise.all(weights.map((w) => (w.read() as tf.Tensor).data()));
}
