import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '@inkling/core';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/index.js';
import { EarlyStopping } from '../callbacks/index.js';
import { flowFromDirectory, type DirectoryIterator } from '../data/index.js';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { graphModelArtifacts, toGraphModel } from '../graph-export/index.js';
import { loadLayersModelFromDir, saveLayersModelToDir } from '../layers-model-files/index.js';
import sharp from 'sharp';
import { trainTransfer, withHead } from './train-transfer.js';
import { buildTransferModel, vgg16PreprocessSpec, type TransferModel } from './transfer-model.js';

const SIZE = 32;
let dir: string;

/**
 * `dir/<split>/{cool,warm}/*.png`: shapes in bluish or reddish colours at random places and sizes. A
 * random (untrained) base cannot tell O from X, but its features do carry colour: enough for a head
 * to learn from, which is what these tests are about.
 */
async function writeColourSet(root: string, perClass: Record<string, number>, seed: number): Promise<void> {
  const random = mulberry32(seed);
  for (const [split, count] of Object.entries(perClass)) {
    for (const label of ['cool', 'warm']) {
      mkdirSync(join(root, split, label), { recursive: true });
      for (let i = 0; i < count; i++) {
        const hue = label === 'warm' ? [200 + random() * 55, 40 + random() * 80, 20 + random() * 60] : [20 + random() * 60, 60 + random() * 80, 200 + random() * 55];
        const [x, y, r] = [10 + random() * 28, 10 + random() * 28, 6 + random() * 10];
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48"><rect width="100%" height="100%" fill="white"/><circle cx="${x}" cy="${y}" r="${r}" fill="rgb(${hue.map(Math.round).join(',')})"/></svg>`;
        await sharp(Buffer.from(svg)).png().toFile(join(root, split, label, `${label}${i}.png`));
      }
    }
  }
}

beforeAll(async () => {
  await selectBackend('wasm', { warn: () => {} });
  dir = mkdtempSync(join(tmpdir(), 'inkling-vgg16-train-'));
  await writeColourSet(join(dir, 'data'), { train: 16, test: 6 }, 3);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function data(shuffle = true): Promise<{ train: DirectoryIterator; validation: DirectoryIterator }> {
  const common = { spec: vgg16PreprocessSpec(SIZE), classMode: 'binary' as const, batchSize: 8, seed: 1, onWarning: () => {} };
  return {
    train: await flowFromDirectory(join(dir, 'data', 'train'), { ...common, shuffle }),
    validation: await flowFromDirectory(join(dir, 'data', 'test'), { ...common, shuffle: false }),
  };
}

const narrowModel = (seed = 4) => buildTransferModel({ classes: 2, inputShape: [SIZE, SIZE, 3], widthDivisor: 16, seed, headUnits: 32 });
const snapshot = (layer: tfl.layers.Layer) => layer.getWeights().map((w) => Array.from(w.dataSync()));

/** Accuracy of the whole model on an iterator's images, through the full model (not the features). */
async function accuracy(t: TransferModel, it: DirectoryIterator): Promise<number> {
  let right = 0;
  let n = 0;
  for await (const { xs, ys } of it.batches(0)) {
    const p = (t.model.predict(xs) as tf.Tensor).dataSync();
    const y = ys.dataSync();
    p.forEach((v, i) => (right += Number((v >= 0.5 ? 1 : 0) === y[i])));
    n += p.length;
    tf.dispose([xs, ys]);
  }
  return right / n;
}

describe('trainTransfer on a few generated images (narrow random base)', () => {
  it('trains the head on cached features: the full model learns, the base stays as it was, and it saves and exports', async () => {
    const t = await narrowModel();
    const { train, validation } = await data();
    const base = snapshot(t.base.getLayer('block3_conv1'));
    const before = await accuracy(t, train);
    const lines: string[] = [];
    const stopper = new EarlyStopping({ monitor: 'val_accuracy', patience: 50, restoreBestWeights: true });
    const tensorsBefore = tf.memory().numTensors;
    // 60 epochs: with core's seeded colour set the head needs more than 30 to halve its loss (0.70 → 0.21).
    const result = await trainTransfer(t, { train, validation, epochs: 60, batchSize: 8, learningRate: 0.01, seed: 5, callbacks: [stopper], log: (l) => lines.push(l) });
    // Feature stores and batches are freed: only the optimizer's slots remain (2 per head weight).
    expect(tf.memory().numTensors - tensorsBefore).toBeLessThanOrEqual(2 * t.head.weights.length + 8);

    const losses = result.history.history.loss as number[];
    expect(losses).toHaveLength(60);
    expect(losses.at(-1)).toBeLessThan(losses[0] * 0.5);
    const after = await accuracy(t, train);
    expect(after).toBeGreaterThanOrEqual(0.85);
    expect(after).toBeGreaterThan(before + 0.25);
    expect(await accuracy(t, validation)).toBeGreaterThanOrEqual(0.8);
    expect(snapshot(t.base.getLayer('block3_conv1'))).toEqual(base);
    expect(result.featureSeconds).toBeGreaterThan(0);
    expect(lines).toContain('training the head on cached VGG16 features');
    expect(lines.some((l) => /features after block5_pool \(training\): 32 images cached \(0\.0 MiB in memory\)/.test(l))).toBe(true);

    // The assembled model is the trained one: saved and loaded, and as a graph model, it answers the same.
    const { xs } = (await train.batches(0).next()).value as { xs: tf.Tensor4D };
    const want = (t.model.predict(xs) as tf.Tensor).dataSync();
    await saveLayersModelToDir(t.model, join(dir, 'saved'));
    const loaded = await loadLayersModelFromDir(join(dir, 'saved'));
    const graph = await loadGraphModel(tf.io.fromMemory(graphModelArtifacts(await toGraphModel(t.model))));
    const fromDisk = (loaded.predict(xs) as tf.Tensor).dataSync();
    const fromGraph = (graph.predict(xs) as tf.Tensor).dataSync();
    for (let i = 0; i < want.length; i++) {
      expect(fromDisk[i]).toBeCloseTo(want[i], 5);
      expect(fromGraph[i]).toBeCloseTo(want[i], 4);
    }
    xs.dispose();
    t.model.dispose();
    loaded.dispose();
    graph.dispose();
  });

  it('the same seed trains the same head', async () => {
    const heads: number[][] = [];
    for (let k = 0; k < 2; k++) {
      const t = await narrowModel(6);
      const { train, validation } = await data();
      await trainTransfer(t, { train, validation, epochs: 2, batchSize: 8, learningRate: 0.01, seed: 9 });
      heads.push(Array.from(t.model.getLayer('fc').getWeights()[0].dataSync()));
      t.model.dispose();
    }
    expect(heads[0]).toEqual(heads[1]);
  });

  it('fine-tunes block5 on cached block4 features at a low learning rate, leaving blocks 1–4 alone', async () => {
    const t = await narrowModel(7);
    const { train, validation } = await data();
    const block4 = snapshot(t.base.getLayer('block4_conv3'));
    const block5 = snapshot(t.base.getLayer('block5_conv2'));
    const lines: string[] = [];
    const result = await trainTransfer(t, { train, validation, epochs: 2, batchSize: 8, learningRate: 0.01, seed: 5, fineTune: { block5: true, epochs: 2, learningRate: 1e-3 }, log: (l) => lines.push(l) });
    expect(result.fineTuneHistory?.history.loss).toHaveLength(2);
    expect(snapshot(t.base.getLayer('block4_conv3'))).toEqual(block4);
    expect(snapshot(t.base.getLayer('block5_conv2'))).not.toEqual(block5);
    expect(lines).toContain('fine-tuning block5 and the head for 2 epochs at learning rate 0.001 on cached block4 features');
    expect(lines.some((l) => /features after block4_pool \(training\): 32 images cached/.test(l))).toBe(true);
    t.model.dispose();
  });

  it('saves features in persistDir and a second run over the same images reuses them; a resumed head keeps its optimizer', async () => {
    const t = await narrowModel(9);
    const { train, validation } = await data();
    const persistDir = join(dir, 'run', 'features');
    const first: string[] = [];
    const checkpoint = join(dir, 'run', 'head');
    const saveHead = new (class extends tfl.Callback {
      override async onEpochEnd(): Promise<void> {
        await saveLayersModelToDir(this.model as unknown as tfl.LayersModel, checkpoint, { includeOptimizer: true });
      }
    })();
    await trainTransfer(t, { train, validation, epochs: 2, batchSize: 8, learningRate: 0.01, seed: 5, cache: { persistDir }, callbacks: [saveHead], log: (l) => first.push(l) });
    expect(first.filter((l) => /saved to .*features\/(training|validation)-block5_pool\.f32$/.test(l))).toHaveLength(2);

    // The run is "killed" after 2 epochs: a new process rebuilds the base and loads the head checkpoint.
    const again = await narrowModel(9);
    const head = await loadLayersModelFromDir(checkpoint);
    expect(head.optimizer).toBeTruthy();
    const resumed = withHead(again, head);
    const second: string[] = [];
    const more = await trainTransfer(resumed, { train, validation, epochs: 4, initialEpoch: 2, batchSize: 8, learningRate: 0.01, seed: 5, cache: { persistDir }, keepOptimizer: true, log: (l) => second.push(l) });
    expect(second.some((l) => /features after block5_pool \(training\): 32 images from .*training-block5_pool\.f32/.test(l))).toBe(true);
    expect(second.some((l) => /images cached/.test(l))).toBe(false);
    expect(more.history.epoch).toEqual([2, 3]);
    expect(resumed.head.optimizer).toBe(head.optimizer);
    // The resumed head is the one in the assembled model.
    expect(resumed.model.getLayer('fc')).toBe(head.getLayer('fc'));

    // Other preprocessing means other features: not reused.
    const other = await flowFromDirectory(join(dir, 'data', 'train'), { spec: vgg16PreprocessSpec(SIZE, { resize: 'bilinear' }), classMode: 'binary', batchSize: 8, seed: 1, onWarning: () => {} });
    const third: string[] = [];
    await trainTransfer(again, { train: other, epochs: 1, batchSize: 8, learningRate: 0.01, seed: 5, cache: { persistDir }, log: (l) => third.push(l) });
    expect(third.some((l) => /images cached/.test(l))).toBe(true);
    t.model.dispose();
    again.model.dispose();
  });

  it('with augmentation trains through the frozen base on fresh images each epoch, caching nothing', async () => {
    const t = await narrowModel(8);
    const { train, validation } = await data();
    const base = snapshot(t.base.getLayer('block1_conv1'));
    const head = snapshot(t.model.getLayer('fc'));
    const seen: string[] = [];
    const flip = (xs: tf.Tensor4D, epoch: number, batch: number) => {
      seen.push(`${epoch}:${batch}`);
      return tf.reverse(xs, 2) as tf.Tensor4D;
    };
    const result = await trainTransfer(t, { train, validation, epochs: 2, batchSize: 8, learningRate: 0.01, seed: 5, augment: flip });
    expect(result.featureSeconds).toBe(0);
    // Two epochs of 4 batches, each epoch with its own augmentation seed.
    const epochs = [...new Set(seen.map((s) => s.split(':')[0]))];
    expect(epochs).toHaveLength(2);
    expect(seen).toEqual(epochs.flatMap((e) => [0, 1, 2, 3].map((b) => `${e}:${b}`)));
    expect(snapshot(t.base.getLayer('block1_conv1'))).toEqual(base);
    expect(snapshot(t.model.getLayer('fc'))).not.toEqual(head);
    t.model.dispose();
  });
});
