import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModelCard } from '@inkling/core';
import { vgg16Base } from '@inkling/core/architectures';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeDrawingSet } from '../../test-helpers/drawings.js';
import { defaultSpec, trainConfigSchema } from '../../training/config.js';
import { train } from '../../training/train.js';
import { kerasLayersOf, writeKerasH5 } from '../../vgg16/keras-h5.test-helpers.js';
import { vgg16PreprocessSpec } from '../../vgg16/spec.js';
import { describeOnSwiftshader, haveSwiftshader } from './swiftshader.test-helpers.js';

// The trainer on webgpu, in one process (SwiftShader compiles each shader once per process: the
// first steps are the slow part): LeNet with augmentation, callbacks, checkpoint and --resume; a
// narrow VGG16 (a sixteenth of the channels) through feature extraction, head and block5 fine-tuning.
let root: string;
beforeAll(async () => {
  if (!haveSwiftshader) return;
  root = mkdtempSync(join(tmpdir(), 'inkling-webgpu-train-'));
  await writeDrawingSet(join(root, 'data'), { train: 8, test: 4 }, 5, 48);
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const weightsOf = async (layer: { getWeights(): tf.Tensor[] }) => Float32Array.from(await layer.getWeights()[0]!.data());

describeOnSwiftshader('the trainer on webgpu', () => {
  it('trains LeNet with augmentation, checkpoints, and resumes from the checkpoint', async () => {
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
  }, 300_000);

  it('trains the VGG16 transfer model: cached features, head, then block5 fine-tuning', async () => {
    const base = vgg16Base({ inputShape: [32, 32, 3], widthDivisor: 16, seed: 99 });
    const block1 = await weightsOf(base.getLayer('block1_conv1'));
    const block5 = await weightsOf(base.getLayer('block5_conv3'));
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
    expect(await weightsOf(trainedBase.getLayer('block1_conv1'))).toEqual(block1);
    expect(await weightsOf(trainedBase.getLayer('block5_conv3'))).not.toEqual(block5);
    loaded.predictor.dispose();
  }, 300_000);
});
