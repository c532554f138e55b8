import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lenet, vgg16Base } from '@inkling/core/architectures';
import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { selectBackend } from '../backend/index.js';
import { compareOnFolder } from './compare.js';
import { graphOf, randomiseNonKernels, testCard } from './export.test-helpers.js';
import { writeOXFolder } from '../test-helpers/drawings.js';

let data: string;
beforeAll(async () => {
  await selectBackend('wasm');
  data = await mkdtemp(join(tmpdir(), 'inkling-real-images-'));
  await writeOXFolder(data, 3, 42, 120);
});
afterAll(async () => {
  await rm(data, { recursive: true, force: true });
});

/** Drawn PNGs → sharp → core preprocessing (the card's spec) → both models → the card's decision. */
async function onImages(model: tfl.LayersModel, shape: [number, number, 1 | 3], labels?: string[]) {
  randomiseNonKernels(model, 13);
  const graph = await graphOf(model);
  const predictor = (f: (x: tf.Tensor4D) => tf.Tensor) => ({ predict: f, dispose: () => {} });
  const c = await compareOnFolder(predictor((x) => model.predict(x) as tf.Tensor), predictor((x) => graph.predict(x) as tf.Tensor), testCard(shape, labels), data);
  graph.dispose();
  model.dispose();
  return c;
}

const cases: { name: string; shape: [number, number, 1 | 3]; build: () => tfl.LayersModel; labels?: string[] }[] = [
  { name: 'LeNet 150x150x3', shape: [150, 150, 3], build: () => lenet({ inputShape: [150, 150, 3], seed: 2 }) },
  { name: 'LeNet 48x48x1', shape: [48, 48, 1], build: () => lenet({ inputShape: [48, 48, 1], seed: 3 }) },
  { name: 'LeNet 28x28x1, 3 classes', shape: [28, 28, 1], build: () => lenet({ inputShape: [28, 28, 1], classes: 3, seed: 4 }), labels: ['o', 'x', 'z'] },
  {
    name: 'VGG16 transfer 32x32x3',
    shape: [32, 32, 3],
    build: () =>
      tfl.sequential({
        layers: [
          vgg16Base({ widthDivisor: 16, inputShape: [32, 32, 3] }),
          tfl.layers.globalAveragePooling2d({}),
          tfl.layers.dense({ units: 16, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed: 5 }) }),
          tfl.layers.dropout({ rate: 0.5 }),
          tfl.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tfl.initializers.glorotUniform({ seed: 6 }) }),
        ],
      }),
  },
];

for (const { name, shape, build, labels } of cases) {
  it(`${name}: on real (drawn, PNG-decoded) images the graph agrees within 1e-5 and answers the same`, async () => {
    const c = await onImages(build(), shape, labels);
    expect(c.images).toBe(6);
    expect(c.maxAbsDiff).toBeLessThanOrEqual(1e-5);
    expect(c.sameDecisions).toBe(6);
    expect(c.deltaPoints).toBe(0);
  });
}
