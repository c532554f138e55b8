import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { lenet } from '@inkling/core/architectures';
import { selectBackend } from '../select.js';
import { lcgValues, relativeError } from '../wasm/kernel-compare.js';
import { describeOnSwiftshader } from './swiftshader.test-helpers.js';

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

/** The weights of LeNet after a short fit on the current backend. */
async function shortFit(): Promise<Map<string, Float32Array>> {
  const model = lenet({ inputShape: SHAPE, seed: 11 });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'binaryCrossentropy' });
  const n = BATCH * STEPS;
  const x = tf.tensor4d(lcgValues(n * SHAPE[0] * SHAPE[1] * SHAPE[2], 3), [n, ...SHAPE]);
  const y = tf.tensor2d(Array.from({ length: n }, (_, i) => [(i * 7) % 3 === 0 ? 1 : 0]), [n, 1]);
  await model.fit(x, y, { epochs: 1, batchSize: BATCH, shuffle: false, verbose: 0 });
  const out = new Map<string, Float32Array>();
  for (const w of model.trainableWeights) out.set(w.originalName, Float32Array.from(await w.read().data()));
  tf.dispose([x, y]);
  model.dispose();
  return out;
}

describeOnSwiftshader('a short fit on webgpu', () => {
  it(`ends with the weights the same fit has on wasm (relative error ≤ ${TOLERANCE})`, async () => {
    await selectBackend('wasm', { threads: 1, warn: () => {} });
    const wasm = await shortFit();
    const info = await selectBackend('webgpu', { warn: () => {} });
    expect(info.name).toBe('webgpu');
    const webgpu = await shortFit();
    expect([...webgpu.keys()].sort()).toEqual([...wasm.keys()].sort());
    expect(webgpu.size).toBe(10);
    const initial = lenet({ inputShape: SHAPE, seed: 11 });
    for (const [name, expected] of wasm) {
      const error = relativeError(webgpu.get(name)!, expected);
      expect(error, name).toBeLessThanOrEqual(TOLERANCE);
      // The fit moved every weight tensor: agreeing is not just both staying at the initial values.
      const start = (await initial.trainableWeights.find((w) => w.originalName === name)!.read().data()) as Float32Array;
      expect(relativeError(start, expected), name).toBeGreaterThan(10 * TOLERANCE);
    }
    initial.dispose();
  }, 180_000);
});
