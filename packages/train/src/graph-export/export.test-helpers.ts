import { join } from 'node:path';
import { mulberry32, parseModelCard, type ModelCard } from '@inkling/core';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import * as tfl from '@tensorflow/tfjs-layers';
import { writeOXFolder } from '../test-helpers/drawings.js';
import { graphModelArtifacts, toGraphModel, type GraphModelOptions } from './write-graph-model.js';
import { exampleCard } from '@inkling/core/test-vectors';

export async function graphOf(model: tfl.LayersModel, options: GraphModelOptions = {}): Promise<GraphModel> {
  return loadGraphModel(tf.io.fromMemory(graphModelArtifacts(await toGraphModel(model, options))));
}

export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

/** Layers and graph outputs on `x`, and their largest difference. */
export function outputsOf(model: tfl.LayersModel, graph: GraphModel, x: tf.Tensor): { layers: Float32Array; graph: Float32Array; diff: number } {
  return tf.tidy(() => {
    const a = model.predict(x) as tf.Tensor;
    const b = graph.predict(x) as tf.Tensor;
    return { layers: a.dataSync() as Float32Array, graph: b.dataSync() as Float32Array, diff: maxAbsDiff(a, b) };
  });
}

/**
 * Gives every bias and batch-norm statistic seeded random values: freshly built layers have zero
 * biases, unit variances and so on, under which folding and quantisation mistakes would not show.
 */
export function randomiseNonKernels(model: tfl.LayersModel, seed = 7): void {
  const random = mulberry32(seed);
  const layers = (m: tfl.LayersModel): tfl.layers.Layer[] => m.layers.flatMap((l) => (l instanceof tfl.LayersModel ? layers(l) : [l]));
  for (const layer of layers(model)) {
    const weights = layer.weights;
    if (!weights.length) continue;
    const values = layer.getWeights().map((t, i) => {
      const name = weights[i].originalName;
      if (/kernel$/.test(name)) return t.clone();
      // gamma, variance: 0.5–1.5; beta, moving mean: ±0.5; biases: ±0.1.
      const draw = /variance$|gamma$/.test(name) ? () => 0.5 + random() : /beta$|mean$/.test(name) ? () => random() - 0.5 : () => (random() - 0.5) * 0.2;
      return tf.tensor(Array.from({ length: t.size }, draw), t.shape);
    });
    layer.setWeights(values);
    tf.dispose(values);
  }
}

/** A valid card for a model with this input shape and these labels (sigmoid for two, softmax above). */
export function testCard(shape: [number, number, 1 | 3], labels: string[] = ['o', 'x']): ModelCard {
  return parseModelCard(
    exampleCard(
      { shape, labels },
      { name: 'test', version: '1', format: 'tfjs-layers-model', evaluations: [{ data: 'validation', images: 10, accuracy: 0.9 }] },
    ),
  );
}

/**
 * A LeNet trained briefly on drawn O/X images in `dir/train` (written here), so that its decisions
 * mean something: quantisation must keep them, which a random model's coin flips would not test.
 */
export async function trainOxLenet(dir: string, card: ModelCard, perClass = 24, epochs = 5): Promise<tfl.LayersModel> {
  const { flowFromDirectory } = await import('../data/index.js');
  const { lenet } = await import('@inkling/core/architectures');
  await writeOXFolder(join(dir, 'train'), perClass, 101, 80);
  const data = await flowFromDirectory(join(dir, 'train'), { spec: card.preprocess, shuffle: false, batchSize: 1000, cacheBytes: 0, classMode: 'binary' });
  const model = lenet({ inputShape: card.input.shape, classes: 2, seed: 9 });
  model.compile({ optimizer: tf.train.adam(0.003), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  for await (const batch of data.batches(0)) {
    await model.fit(batch.xs, batch.ys, { epochs, batchSize: 16, shuffle: false, verbose: 0 });
    tf.dispose([batch.xs, batch.ys]);
  }
  return model;
}
