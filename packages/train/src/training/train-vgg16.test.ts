import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModelCard } from '@inkling/core';
import { vgg16Base } from '@inkling/core/architectures';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/index.js';
import { writeDrawingSet } from '../test-helpers/drawings.js';
import { kerasLayersOf, writeKerasH5 } from '../vgg16/keras-h5.test-helpers.js';
import { vgg16PreprocessSpec } from '../vgg16/spec.js';
import { trainConfigSchema } from './config.js';
import { train, type TrainResult } from './train.js';

// The trainer's VGG16 path end to end, on a narrow VGG16 (a sixteenth of the channels) whose
// "pretrained" weights the test writes as a Keras HDF5 file: the real file is 58 MB and cannot be
// fetched here.
let root: string;
let result: TrainResult;
let weightsPath: string;
let baseKernel: Float32Array;
let block5Kernel: Float32Array;

beforeAll(async () => {
  await selectBackend('wasm');
  root = mkdtempSync(join(tmpdir(), 'inkling-vgg-'));
  await writeDrawingSet(join(root, 'data'), { train: 12, test: 4 }, 5, 48);
  const base = vgg16Base({ inputShape: [32, 32, 3], widthDivisor: 16, seed: 99 });
  baseKernel = base.getLayer('block1_conv1').getWeights()[0].dataSync() as Float32Array;
  block5Kernel = base.getLayer('block5_conv3').getWeights()[0].dataSync() as Float32Array;
  weightsPath = join(root, 'narrow_notop.h5');
  await writeKerasH5(weightsPath, kerasLayersOf(base));
  const config = trainConfigSchema.parse({
    data: join(root, 'data'),
    model: 'vgg16',
    epochs: 3,
    batchSize: 8,
    backend: 'wasm',
    learningRate: 3e-3,
    preprocess: vgg16PreprocessSpec(32),
    augment: {},
    vgg16: { weights: weightsPath, widthDivisor: 16, fineTuneEpochs: 1 },
  });
  result = await train({ config, out: join(root, 'runs') });
}, 180_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('train --model vgg16', () => {
  it('loads the base from the weights file and keeps it frozen while the head trains', () => {
    const log = readFileSync(join(result.run.dir, 'train.log'), 'utf8');
    expect(log).toMatch(/VGG16 weights: .*narrow_notop\.h5 \(argument/);
    expect(log).toMatch(/trainable and [\d,]+ non-trainable parameters/);
    expect(log).toMatch(/training the head on cached VGG16 features/);
    expect(existsSync(join(result.run.dir, 'features'))).toBe(true);
  });

  it('leaves the whole transfer model, its card and graph export in the run folder', async () => {
    const card = parseModelCard(JSON.parse(readFileSync(join(result.run.dir, 'model', 'card.json'), 'utf8')));
    expect(card.architecture.name).toBe('vgg16');
    expect(card.input.shape).toEqual([32, 32, 3]);
    expect(card.preprocess.normalize).toEqual({ method: 'caffe' });
    expect(card.architecture.params.total).toBeGreaterThan(card.architecture.params.trainable);
    const graphCard = parseModelCard(JSON.parse(readFileSync(join(result.run.dir, 'graph', 'card.json'), 'utf8')));
    expect(graphCard.format).toBe('tfjs-graph-model');
    expect(result.evaluations[1].result.predictions).toHaveLength(8);
  });

  it('fine-tuned block5 but left block1 as the file gave it', async () => {
    const { loadModel } = await import('../evaluate/index.js');
    const loaded = await loadModel(result.run.dir);
    const base = loaded.layers?.layers[0] as unknown as { getLayer(name: string): { getWeights(): tf.Tensor[] } };
    expect(Array.from(base.getLayer('block1_conv1').getWeights()[0].dataSync())).toEqual(Array.from(baseKernel));
    expect(Array.from(base.getLayer('block5_conv3').getWeights()[0].dataSync())).not.toEqual(Array.from(block5Kernel));
    loaded.predictor.dispose();
  });
});
