import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lenet } from '@inkling/core/architectures';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/index.js';
import { compareOnFolder } from './compare.js';
import { graphOf, randomiseNonKernels, testCard, trainOxLenet } from './export.test-helpers.js';
import { writeOXFolder } from '../test-helpers/drawings.js';
import { quantizeUint8, type Quantization } from './quantize.js';

let dir: string;
beforeAll(async () => {
  // wasm: the gradients (for the bound) and the short training run are too slow on cpu.
  await selectBackend('wasm');
  dir = await mkdtemp(join(tmpdir(), 'inkling-quantized-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * How far each weight can move under the quantisation: uint8 rounds to a grid of step `scale` per
 * tensor (error ≤ scale / 2, checked in quantize.test.ts); float16 rounds to 11 significant bits
 * (relative error ≤ 2^-11, absolute 2^-25 among the subnormals).
 */
function weightSteps(values: Float32Array, mode: Exclude<Quantization, 'none'>): Float32Array {
  if (mode === 'uint8') return new Float32Array(values.length).fill(quantizeUint8(values).scale / 2);
  return values.map((v) => Math.max(Math.abs(v) * 2 ** -11, 2 ** -25));
}

/**
 * The first-order bound on how far quantisation can move each output of `x`:
 * |Δy_j| ≤ Σ_i |∂y_j/∂w_i| · δ_i over every weight i, with δ_i the weight's quantisation step above.
 * (LeNet has no batch norm, so the graph's weights are the layers' weights one for one.)
 */
function firstOrderBound(model: tfl.LayersModel, x: tf.Tensor4D, mode: Exclude<Quantization, 'none'>): number[] {
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const steps = variables.map((v) => weightSteps(v.dataSync() as Float32Array, mode));
  const units = (model.outputs[0].shape as number[])[1];
  const bounds: number[] = [];
  for (let j = 0; j < units; j++) {
    const { grads, value } = tf.variableGrads(() => tf.sum(tf.slice(model.predict(x) as tf.Tensor2D, [0, j], [1, 1])) as tf.Scalar, variables);
    let bound = 0;
    variables.forEach((v, k) => {
      const g = grads[v.name].dataSync();
      for (let i = 0; i < g.length; i++) bound += Math.abs(g[i]) * steps[k][i];
    });
    tf.dispose([value, ...Object.values(grads)]);
    bounds.push(bound);
  }
  return bounds;
}

describe('quantised graph models stay within the bound their quantisation step gives', () => {
  const cases: { shape: [number, number, number]; classes: number }[] = [
    { shape: [28, 28, 1], classes: 2 },
    { shape: [48, 48, 1], classes: 2 },
    { shape: [28, 28, 1], classes: 3 },
  ];
  for (const { shape, classes } of cases) {
    for (const mode of ['float16', 'uint8'] as const) {
      it(`LeNet ${shape.join('x')}, ${classes} classes, ${mode}`, async () => {
        const model = lenet({ inputShape: shape, classes, seed: 21 });
        randomiseNonKernels(model, 2);
        const graph = await graphOf(model, { quantize: mode });
        let worst = 0;
        for (let n = 0; n < 4; n++) {
          const x = tf.randomUniform([1, ...shape], 0, 1, 'float32', 100 + n) as tf.Tensor4D;
          const bound = firstOrderBound(model, x, mode);
          const diff = tf.tidy(() => tf.abs(tf.sub(model.predict(x) as tf.Tensor, graph.predict(x) as tf.Tensor)).dataSync());
          // The first-order bound sums worst cases with no cancellation; 2x covers second-order terms.
          diff.forEach((d, j) => {
            expect(d).toBeLessThanOrEqual(2 * bound[j] + 1e-6);
            worst = Math.max(worst, d / bound[j]);
          });
          x.dispose();
        }
        if (process.env.INKLING_EXPORT_VERBOSE) console.log(`${shape.join('x')} ${classes} classes ${mode}: worst |Δy| / bound = ${worst.toFixed(3)}`);
        graph.dispose();
        model.dispose();
      });
    }
  }
});

describe('quantised models keep the decisions of a trained model', () => {
  it('float16 and uint8 give the same answers as the layers model on a set of drawn images', async () => {
    const card = testCard([28, 28, 1]);
    const model = await trainOxLenet(dir, card);
    await writeOXFolder(join(dir, 'test'), 20, 202, 90);
    const layers = { predict: (x: tf.Tensor4D) => model.predict(x) as tf.Tensor, dispose: () => {} };
    for (const mode of ['none', 'float16', 'uint8'] as const) {
      const graph = await graphOf(model, { quantize: mode });
      const c = await compareOnFolder(layers, { predict: (x) => graph.predict(x) as tf.Tensor, dispose: () => {} }, card, join(dir, 'test'));
      if (process.env.INKLING_EXPORT_VERBOSE) console.log(`${mode}: accuracy ${c.source.accuracy} -> ${c.exported.accuracy}, same ${c.sameDecisions}/${c.images}, max |Δp| ${c.maxAbsDiff.toExponential(2)}`);
      expect(c.images).toBe(40);
      // The model learned something, so the decisions are worth keeping.
      expect(c.source.accuracy).toBeGreaterThanOrEqual(0.8);
      expect(c.sameDecisions).toBe(c.images);
      expect(c.deltaPoints).toBe(0);
      expect(c.maxAbsDiff).toBeLessThanOrEqual(mode === 'none' ? 1e-5 : mode === 'float16' ? 1e-3 : 1e-2);
      graph.dispose();
    }
    model.dispose();
  });
});
