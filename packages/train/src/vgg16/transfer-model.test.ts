import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePreprocessSpec, preprocessToArray } from '@inkling/core';
import { countParams, summary } from '@inkling/core/architectures';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/index.js';
import { kerasLayersOf, writeKerasH5 } from './keras-h5.test-helpers.js';
import { extractFeatures, type LabelledBatch } from './features.js';
import { FeatureStore, FeatureStoreFullError } from './feature-store.js';
import { featureDataset } from './fit-features.js';
import { upperModel } from './train-transfer.js';
import { buildTransferModel, isBlock5, setBaseTrainable, transferHead, transferModelOf, vgg16PreprocessSpec } from './transfer-model.js';
import { loadLayersModelFromDir, saveLayersModelToDir } from '../layers-model-files/index.js';

let dir: string;
beforeAll(async () => {
  await selectBackend('wasm', { warn: () => {} });
  dir = mkdtempSync(join(tmpdir(), 'inkling-vgg16-transfer-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Random images on the scale of caffe-normalised inputs, in labelled batches. */
async function* batchesOf(images: tf.Tensor4D, labels: number[], batchSize: number): AsyncGenerator<LabelledBatch> {
  for (let i = 0; i < images.shape[0]; i += batchSize) {
    const n = Math.min(batchSize, images.shape[0] - i);
    yield { xs: tf.slice(images, [i, 0, 0, 0], [n, -1, -1, -1]), ys: tf.tensor2d(labels.slice(i, i + n), [n, 1]) };
  }
}

describe('the VGG16 transfer model', () => {
  it('full width at 150×150×3: a frozen base of 14,714,688 and a head of 49,345 trainable parameters', async () => {
    const t = await buildTransferModel({ classes: 2 });
    try {
      expect(t.featureShape).toEqual([4, 4, 512]);
      expect(countParams(t.model)).toEqual({ total: 14_764_033, trainable: 49_345, nonTrainable: 14_714_688 });
      expect(countParams(t.head)).toEqual({ total: 49_345, trainable: 49_345, nonTrainable: 0 });
      const text = summary(t.model);
      expect(text).toContain('Trainable params: 49,345');
      expect(text).toContain('Non-trainable params: 14,714,688');
      expect(text).toMatch(/vgg16 \(Functional\)\s+\(None, 4, 4, 512\)\s+14,714,688/);
      expect(t.model.layers.map((l) => l.name)).toEqual(['vgg16', 'global_average_pooling2d', 'fc', 'dropout', 'predictions']);
      // Fine-tuning block5 unfreezes its three convolutions (3 × 2,359,808) and nothing else.
      setBaseTrainable(t.base, isBlock5);
      expect(countParams(t.model).trainable).toBe(49_345 + 7_079_424);
      expect(t.base.layers.filter((l) => l.trainable && l.weights.length > 0).map((l) => l.name)).toEqual(['block5_conv1', 'block5_conv2', 'block5_conv3']);
      setBaseTrainable(t.base, false);
      expect(countParams(t.model).trainable).toBe(49_345);
      // The saved config says which layers are frozen.
      const config = JSON.stringify(t.model.toJSON(null, false));
      expect(config).toMatch(/"name":"block1_conv1","trainable":false/);
    } finally {
      t.model.dispose();
    }
  });

  it('a softmax head for more classes; a sigmoid for two', () => {
    const three = transferHead([4, 4, 512], { classes: 3 });
    expect(countParams(three).trainable).toBe(512 * 96 + 96 + 97 * 3);
    expect(three.outputs[0].shape).toEqual([null, 3]);
    expect(() => transferHead([4, 4, 512], { classes: 1 })).toThrow(/at least 2 classes/);
  });

  it('loads the weights file into the base only and refuses a base of another width', async () => {
    const source = await buildTransferModel({ classes: 2, inputShape: [32, 32, 3], widthDivisor: 16, seed: 1 });
    const path = join(dir, 'narrow.h5');
    await writeKerasH5(path, kerasLayersOf(source.base));
    const t = await buildTransferModel({ classes: 2, inputShape: [48, 48, 3], widthDivisor: 16, seed: 2, weights: path });
    expect(t.loaded?.layers).toHaveLength(13);
    expect(Array.from(t.base.getLayer('block3_conv2').getWeights()[1].dataSync())).toEqual(Array.from(source.base.getLayer('block3_conv2').getWeights()[1].dataSync()));
    expect(countParams(t.model).trainable).toBe(countParams(t.head).trainable);
    await expect(buildTransferModel({ classes: 2, inputShape: [32, 32, 3], widthDivisor: 8, weights: path })).rejects.toThrow(/has shape \[3, 3, 3, 4\] in the file, the model needs \[3, 3, 3, 8\]/);
    source.model.dispose();
    t.model.dispose();
  });

  it('a saved and loaded transfer model is a TransferModel again, its head sharing the loaded layers', async () => {
    const t = await buildTransferModel({ classes: 3, inputShape: [32, 32, 3], widthDivisor: 32, seed: 12 });
    await saveLayersModelToDir(t.model, join(dir, 'saved-transfer'));
    const loaded = transferModelOf(await loadLayersModelFromDir(join(dir, 'saved-transfer')));
    expect(loaded.classes).toBe(3);
    expect(loaded.featureShape).toEqual([1, 1, 16]);
    const images = tf.randomUniform([3, 32, 32, 3], -120, 140, 'float32', 13) as tf.Tensor4D;
    const features = loaded.base.predict(images) as tf.Tensor;
    const [a, b, c] = [t.model.predict(images), loaded.model.predict(images), loaded.head.predict(features)].map((y) => Array.from((y as tf.Tensor).dataSync()));
    b.forEach((v, i) => {
      expect(v).toBeCloseTo(a[i], 5);
      expect(c[i]).toBeCloseTo(v, 5);
    });
    expect(loaded.head.getLayer('fc')).toBe(loaded.model.getLayer('fc'));
    expect(() => transferModelOf(transferHead([4, 4, 512], { classes: 2 }))).toThrow(/not a VGG16 transfer model/);
    tf.dispose([images, features]);
    t.model.dispose();
    loaded.model.dispose();
  });

  it("declares Keras's VGG16 preprocessing: RGB on 0–255, BGR minus the ImageNet means", () => {
    const spec = parsePreprocessSpec(vgg16PreprocessSpec());
    expect(spec).toMatchObject({ size: [150, 150], colorMode: 'rgb', rescale: 1, normalize: { method: 'caffe' } });
    const red = { width: 1, height: 1, channels: 3 as const, data: new Uint8Array([255, 0, 0]) };
    expect(Array.from(preprocessToArray(red, parsePreprocessSpec(vgg16PreprocessSpec(1))).data).map((v) => +v.toFixed(3))).toEqual([-103.939, -116.779, 131.32]);
  });
});

describe('cached features', () => {
  it('give the head the same outputs as the full model, cut after block5 or after block4', async () => {
    const t = await buildTransferModel({ classes: 2, inputShape: [32, 32, 3], widthDivisor: 16, seed: 3 });
    const images = tf.randomUniform([10, 32, 32, 3], -120, 140, 'float32', 5) as tf.Tensor4D;
    const labels = Array.from({ length: 10 }, (_, i) => i % 2);
    const full = t.model.predict(images) as tf.Tensor;
    for (const cut of ['block5_pool', 'block4_pool'] as const) {
      const store = await extractFeatures(t.base, batchesOf(images, labels, 4), { cut });
      expect(store.count).toBe(10);
      const { xs, ys } = store.gather(labels.map((_, i) => i));
      expect(Array.from(ys.dataSync())).toEqual(labels);
      const viaFeatures = upperModel(t, cut).predict(xs) as tf.Tensor;
      const diff = tf.max(tf.abs(tf.sub(viaFeatures, full))).dataSync()[0];
      expect(diff, cut).toBeLessThan(1e-5);
      tf.dispose([xs, ys, viaFeatures]);
      store.dispose();
    }
    tf.dispose([full, images]);
    t.model.dispose();
  });

  it('stay within the memory budget and spill the rest to disk, with the same values', () => {
    const rows = new Float32Array(6 * 8).map((_, i) => i * 0.5);
    const labels = new Float32Array([0, 1, 0, 1, 1, 0]);
    const inMemory = new FeatureStore([2, 2, 2], 1);
    inMemory.append(rows, labels, 6);
    const spilling = new FeatureStore([2, 2, 2], 1, { maxMemoryBytes: 2 * 8 * 4, spillDir: join(dir, 'spill') });
    spilling.append(rows.subarray(0, 24), labels.subarray(0, 3), 3);
    spilling.append(rows.subarray(24), labels.subarray(3), 3);
    expect(spilling.bytes).toEqual({ memory: 2 * 32, disk: 4 * 32 });
    const order = [5, 0, 3, 2, 4, 1];
    const a = inMemory.gather(order);
    const b = spilling.gather(order);
    expect(Array.from(b.xs.dataSync())).toEqual(Array.from(a.xs.dataSync()));
    expect(Array.from(b.ys.dataSync())).toEqual([0, 0, 1, 0, 1, 1]);
    const file = spilling.spillFile as string;
    spilling.dispose();
    expect(existsSync(file)).toBe(false);
    tf.dispose([a.xs, a.ys, b.xs, b.ys]);

    const bounded = new FeatureStore([2, 2, 2], 1, { maxMemoryBytes: 3 * 32 });
    expect(() => bounded.append(rows, labels, 6)).toThrow(FeatureStoreFullError);
    expect(() => bounded.gather([7])).toThrow(/out of range/);
  });

  it('save and open again under the same key only, read-only, whole', () => {
    const store = new FeatureStore([2, 2, 2], 2, { maxMemoryBytes: 2 * 32, spillDir: join(dir, 'spill2') });
    const rows = Float32Array.from({ length: 5 * 8 }, (_, i) => i - 7.25);
    const labels = Float32Array.from({ length: 10 }, (_, i) => i % 2);
    store.append(rows, labels, 5);
    const path = join(dir, 'saved', 'train-block5_pool.f32');
    store.save(path, 'key-1');
    const want = store.gather([4, 0, 2]);
    store.dispose();

    expect(FeatureStore.open(path, 'key-2')).toBeNull();
    expect(FeatureStore.open(join(dir, 'saved', 'none.f32'), 'key-1')).toBeNull();
    const opened = FeatureStore.open(path, 'key-1') as FeatureStore;
    expect(opened.count).toBe(5);
    const got = opened.gather([4, 0, 2]);
    expect(Array.from(got.xs.dataSync())).toEqual(Array.from(want.xs.dataSync()));
    expect(Array.from(got.ys.dataSync())).toEqual(Array.from(want.ys.dataSync()));
    expect(() => opened.append(rows.subarray(0, 8), labels.subarray(0, 2), 1)).toThrow(/read-only/);
    opened.dispose();
    expect(existsSync(path)).toBe(true);
    tf.dispose([want, got]);

    // A file cut short (a crash while copying it) is not used.
    writeFileSync(path, readFileSync(path).subarray(0, 100));
    expect(FeatureStore.open(path, 'key-1')).toBeNull();
  });

  it('are served in a seeded order per epoch', async () => {
    const store = new FeatureStore([1, 1, 1], 1);
    store.append(Float32Array.from({ length: 20 }, (_, i) => i), new Float32Array(20), 20);
    const epochOrders = async (seed: number) => {
      const it = featureDataset(store, { batchSize: 8, seed });
      const orders: number[][] = [];
      for (let e = 0; e < 2; e++) {
        const order: number[] = [];
        await it.forEachAsync((b) => {
          order.push(...Array.from(((b as { xs: tf.Tensor }).xs).dataSync()));
          tf.dispose(b);
        });
        orders.push(order);
      }
      return orders;
    };
    const [a, b] = [await epochOrders(7), await epochOrders(7)];
    expect(a).toEqual(b);
    expect(a[0]).not.toEqual(a[1]);
    expect([...a[0]].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(await epochOrders(8)).not.toEqual(a);
  });
});
