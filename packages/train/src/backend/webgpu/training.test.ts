import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModelCard } from '@inkling/core';
import { lenet, vgg16Base } from '@inkling/core/architectures';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeDrawingSet } from '../../test-helpers/drawings.js';
import { defaultSpec, trainConfigSchema } from '../../training/config.js';
import { train } from '../../training/train.js';
import { kerasLayersOf, writeKerasH5 } from '../../vgg16/keras-h5.test-helpers.js';
import { vgg16PreprocessSpec } from '../../vgg16/spec.js';
import { prefetchWeights } from '../prefetch.js';
import { selectBackend } from '../select.js';
import { seededValues, relativeError } from '../wasm/kernel-compare.js';
import { SYNC_READ_MESSAGE } from './internals.js';
import { describeOnSwiftshader, haveSwiftshader } from './swiftshader.test-helpers.js';

// Training on webgpu, all in one process: SwiftShader compiles each shader once per process, and
// that is most of the time these tests take. A short fit against wasm; the trainer with LeNet
// (augmentation, callbacks, checkpoint, --resume) and with a narrow VGG16 (a sixteenth of the
// channels: feature extraction, head, block5 fine-tuning), each leaving its graph export.

const SHAPE: [number, number, number] = [24, 24, 1];
const BATCH = 8;
const STEPS = 3;
/**
 * Three Adam steps on 24×24 inputs, dropout included. Sums in another order differ by float32
 * rounding, and Adam's first steps move a weight by about ±lr whatever its gradient's size, so a
 * gradient within rounding of 0 could flip one step. Measured on SwiftShader: at most 2.2e-7 relative
 * (conv2d/bias); the bound is 1e-5 relative to each weight tensor.
 */
const TOLERANCE = 1e-5;
const LONG = 600_000;

/** LeNet after a short fit on the current backend, and its weights. */
async function shortFit(): Promise<{ model: tfl.LayersModel; weights: Map<string, Float32Array> }> {
  const model = lenet({ inputShape: SHAPE, seed: 11 });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'binaryCrossentropy' });
  const n = BATCH * STEPS;
  const x = tf.tensor4d(seededValues(n * SHAPE[0] * SHAPE[1] * SHAPE[2], 3), [n, ...SHAPE]);
  const y = tf.tensor2d(Array.from({ length: n }, (_, i) => [(i * 7) % 3 === 0 ? 1 : 0]), [n, 1]);
  await model.fit(x, y, { epochs: 1, batchSize: BATCH, shuffle: false, verbose: 0 });
  const weights = new Map<string, Float32Array>();
  for (const w of model.trainableWeights) weights.set(w.originalName, Float32Array.from(await w.read().data()));
  tf.dispose([x, y]);
  return { model, weights };
}

const firstWeights = async (layer: { getWeights(): tf.Tensor[] }) => Float32Array.from(await layer.getWeights()[0]!.data());

let root: string;
beforeAll(async () => {
  if (!haveSwiftshader) return;
  root = mkdtempSync(join(tmpdir(), 'inkling-webgpu-train-'));
  await writeDrawingSet(join(root, 'data'), { train: 8, test: 4 }, 5, 48);
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describeOnSwiftshader('training on webgpu', () => {
  it(`a short fit ends with the weights the same fit has on wasm (relative error ≤ ${TOLERANCE})`, async () => {
    await selectBackend('wasm', { threads: 1, warn: () => {} });
    const onWasm = await shortFit();
    onWasm.model.dispose();
    expect((await selectBackend('webgpu', { warn: () => {} })).name).toBe('webgpu');
    const { model, weights: webgpu } = await shortFit();
    const wasm = onWasm.weights;
    expect([...webgpu.keys()].sort()).toEqual([...wasm.keys()].sort());
    expect(webgpu.size).toBe(10);
    const initial = lenet({ inputShape: SHAPE, seed: 11 });
    for (const [name, expected] of wasm) {
      expect(relativeError(webgpu.get(name)!, expected), name).toBeLessThanOrEqual(TOLERANCE);
      // The fit moved every weight tensor: agreeing is not just both staying at the initial values.
      const start = (await initial.trainableWeights.find((w) => w.originalName === name)!.read().data()) as Float32Array;
      expect(relativeError(start, expected), name).toBeGreaterThan(10 * TOLERANCE);
    }
    initial.dispose();

    // What the exporter and the VGG16 feature key need: a trained weight is only on the GPU, where
    // a synchronous read fails saying why, until prefetchWeights brings it to the CPU.
    await model.trainOnBatch(tf.ones([2, ...SHAPE]), tf.tensor2d([[0], [1]]));
    const kernel = model.getLayer('conv2d').getWeights()[0]!;
    expect(() => kernel.dataSync()).toThrow(SYNC_READ_MESSAGE);
    await prefetchWeights(model);
    expect(kernel.dataSync().length).toBe(3 * 3 * 1 * 32);
    model.dispose();
  }, LONG);

  it('the trainer runs LeNet with augmentation, checkpoints, and resumes from the checkpoint', async () => {
    const config = trainConfigSchema.parse({ data: join(root, 'data'), epochs: 1, batchSize: 8, stepsPerEpoch: 1, backend: 'webgpu', preprocess: defaultSpec(24, 'grayscale'), seed: 3 });
    const first = await train({ config, out: join(root, 'runs') });
    const dir = first.run.dir;
    const log = readFileSync(join(dir, 'train.log'), 'utf8');
    expect(log).toMatch(/backend: webgpu \(google swiftshader .+\)\n/);
    expect(log).toMatch(/augmentation: rotation/);
    expect(existsSync(join(dir, 'checkpoints/last/model.json'))).toBe(true);
    expect(first.card.training?.backend).toMatch(/^webgpu \(google swiftshader /);

    const resumed = await train({ config: { ...config, epochs: 2 }, out: join(root, 'unused'), resume: dir });
    expect(resumed.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(resumed.history[0]).toEqual(first.history[0]);
    expect(resumed.history.every((h) => Number.isFinite(h.loss) && Number.isFinite(h.val_loss))).toBe(true);
    expect(readFileSync(join(dir, 'train.log'), 'utf8')).toMatch(/continuing after epoch 1 of 2/);
    expect(existsSync(join(dir, 'graph', 'model.json'))).toBe(true);
  }, LONG);
  it('the trainer runs the VGG16 transfer model: cached features, head, then block5 fine-tuning', async () => {
    const base = vgg16Base({ inputShape: [32, 32, 3], widthDivisor: 16, seed: 99 });
    const block1 = await firstWeights(base.getLayer('block1_conv1'));
    const block5 = await firstWeights(base.getLayer('block5_conv3'));
    const weights = join(root, 'narrow_notop.h5');
    await writeKerasH5(weights, kerasLayersOf(base));
    base.dispose();
    const config = trainConfigSchema.parse({
      data: join(root, 'data'),
      model: 'vgg16',
      epochs: 1,
      batchSize: 8,
      backend: 'webgpu',
      learningRate: 3e-3,
      preprocess: vgg16PreprocessSpec(32),
      augment: {},
      vgg16: { weights, widthDivisor: 16, fineTuneEpochs: 1 },
    });
    const result = await train({ config, out: join(root, 'runs') });
    const log = readFileSync(join(result.run.dir, 'train.log'), 'utf8');
    expect(log).toMatch(/training the head on cached VGG16 features/);
    expect(existsSync(join(result.run.dir, 'features'))).toBe(true);
    const graphCard = parseModelCard(JSON.parse(readFileSync(join(result.run.dir, 'graph', 'card.json'), 'utf8')));
    expect(graphCard.training?.backend).toMatch(/^webgpu \(/);
    expect(result.evaluations[1]!.result.predictions).toHaveLength(8);

    const { loadModel } = await import('../../evaluate/index.js');
    const loaded = await loadModel(result.run.dir);
    const trainedBase = loaded.layers?.layers[0] as unknown as { getLayer(name: string): { getWeights(): tf.Tensor[] } };
    expect(await firstWeights(trainedBase.getLayer('block1_conv1'))).toEqual(block1);
    expect(await firstWeights(trainedBase.getLayer('block5_conv3'))).not.toEqual(block5);
    loaded.predictor.dispose();
  }, LONG);
});
