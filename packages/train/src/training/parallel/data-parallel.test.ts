import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../backend/index.js';
import { mulberry32 } from '@inkling/core';
import { defaultSpec, trainConfigSchema } from '../config.js';
import { buildModel } from '../model-factory.js';
import { DataParallel } from './data-parallel.js';

const config = trainConfigSchema.parse({ data: 'unused', preprocess: defaultSpec(24, 'grayscale'), batchSize: 9, seed: 3, workers: 2 });

function batch(seed: number, n = 9): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const random = mulberry32(seed);
  const xs = tf.tensor4d(Float32Array.from({ length: n * 24 * 24 }, () => random()), [n, 24, 24, 1]);
  const ys = tf.tensor2d(Float32Array.from({ length: n }, () => (random() < 0.5 ? 0 : 1)), [n, 1]);
  return { xs, ys };
}

/** A LeNet trained by plain SGD at rate 1, so a step's weight change is minus the gradient. */
function sgdModel(): tfl.LayersModel {
  const model = buildModel(config, 2);
  model.compile({ optimizer: tf.train.sgd(1), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

const flatWeights = (m: tfl.LayersModel) => m.getWeights().map((w) => w.dataSync() as Float32Array);

beforeAll(async () => {
  await selectBackend('wasm', { selfTest: false });
});

describe('DataParallel (2 workers: the main engine and one worker thread)', () => {
  it("combines the workers' gradients into one engine's gradient of the whole batch, within 2e-6", async () => {
    const before = flatWeights(sgdModel());
    const one = sgdModel();
    const two = sgdModel();
    const parallel = await DataParallel.start(two, { config, classes: 2, backend: 'wasm', workers: 2 });
    try {
      // Batch of 9: slices of 5 and 4 rows; dropout active, drawn for the whole batch in both engines.
      const { xs, ys } = batch(1);
      const [lossOne] = (await one.trainOnBatch(xs, ys)) as number[];
      const [lossTwo] = parallel.trainStep(xs, ys).map((t) => t.dataSync()[0]);
      expect(lossTwo).toBeCloseTo(lossOne, 5);
      const a = flatWeights(one);
      const b = flatWeights(two);
      let maxDiff = 0;
      let maxGrad = 0;
      a.forEach((w, i) =>
        w.forEach((v, j) => {
          maxDiff = Math.max(maxDiff, Math.abs(v - b[i][j]));
          maxGrad = Math.max(maxGrad, Math.abs(v - before[i][j]));
        }),
      );
      expect(maxGrad).toBeGreaterThan(1e-3); // the step did something
      console.log(`largest weight change ${maxGrad}, largest difference one engine vs 2 workers ${maxDiff}`);
      expect(maxDiff).toBeLessThanOrEqual(2e-6);
    } finally {
      await parallel.stop();
    }
  }, 60_000);

  it('repeats a 2-worker fit bit for bit', async () => {
    const fitOnce = async () => {
      const model = buildModel(config, 2);
      model.compile({ optimizer: tf.train.adam(1e-3), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
      const parallel = await DataParallel.start(model, { config, classes: 2, backend: 'wasm', workers: 2 });
      parallel.install();
      try {
        const { xs, ys } = batch(2, 30);
        const history = await model.fit(xs, ys, { batchSize: 9, epochs: 2, shuffle: false, verbose: 0 });
        expect(parallel.steps).toBe(8); // 30 images in batches of 9: 4 steps an epoch, all through the workers
        return { weights: flatWeights(model), loss: history.history.loss };
      } finally {
        await parallel.stop();
      }
    };
    const first = await fitOnce();
    const second = await fitOnce();
    expect(second.loss).toEqual(first.loss);
    first.weights.forEach((w, i) => expect(Buffer.from(second.weights[i].buffer).equals(Buffer.from(w.buffer))).toBe(true));
  }, 60_000);
});
