// Large models run streamed: the graph is cut where one tensor flows on and each segment's weights
// are made from the bundled bytes just before it runs. Streamed must answer exactly as resident.
import { mulberry32, type PreprocessResult } from '@inkling/core';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../backend/index.js';
import defaultModel from './default-model.js';
import { streamedWeightMaker } from './graph-runner.js';
import { graphModelJsonSchema } from './graph-model-json.js';
import { loadClassifier } from './index.js';
import { planRun, weightEntries, type RunPlan, type WeightEntry } from './run-plan.js';

const json = graphModelJsonSchema.parse(defaultModel.modelJson);
const card = defaultModel.card as { input: { shape: [number, number, 1 | 3] } };

function randomInput(seed: number): PreprocessResult {
  const [h, w, c] = card.input.shape;
  const random = mulberry32(seed);
  const data = Float32Array.from({ length: h * w * c }, () => random());
  return { data, shape: [h, w, c], ink: { paper: [255, 255, 255], contrast: 0.5, fraction: 0.1, blank: false, edgeLines: 0, region: { x: 0, y: 0, width: w, height: h } } };
}

describe('planRun', () => {
  it('keeps a small model resident', () => {
    const plan = planRun(json);
    expect(plan.segments).toBeNull();
    expect(plan.resident.map((e) => e.spec.name)).toEqual(json.weightsManifest[0].weights.map((w) => w.name));
  });

  it('cuts a streamed model after each op with weights, where one tensor flows on', () => {
    const plan = planRun(json, { residentBudgetBytes: 0, streamMinWeightBytes: 0 });
    expect(plan.resident).toEqual([]);
    expect(plan.segments!.map((s) => [s.from, s.to])).toEqual([
      [null, ['conv2d/Conv2D']],
      ['conv2d/Conv2D', ['conv2d_1/Conv2D']],
      ['conv2d_1/Conv2D', ['conv2d_2/Conv2D']],
      ['conv2d_2/Conv2D', ['flatten/Reshape']],
      ['flatten/Reshape', ['dense/MatMul']],
      ['dense/MatMul', ['dense_1/MatMul']],
      // The last op (Identity) has no weights: it runs with the last segment.
      ['dense_1/MatMul', null],
    ]);
    // Every weight is made in exactly one segment.
    expect(plan.segments!.flatMap((s) => s.weights.map((w) => w.spec.name)).sort()).toEqual(json.weightsManifest[0].weights.map((w) => w.name).sort());
    expect(plan.peakSegmentBytes).toBe(Math.max(...plan.segments!.map((s) => s.weights.reduce((a, w) => a + w.float32Bytes, 0))));
  });

  it('streams only the large weights by default, and keeps the rest resident', () => {
    const plan = planRun(json, { residentBudgetBytes: 0 });
    const streamed = plan.segments!.flatMap((s) => s.weights.map((w) => w.spec.name));
    // 3×3×32×64 and 256×64 float32 weights are 72 KiB and 64 KiB; the rest are smaller.
    expect(streamed).toEqual(['conv2d_2/kernel', 'dense/kernel']);
    expect(plan.resident.map((e) => e.spec.name)).not.toContain('dense/kernel');
    expect(plan.resident).toHaveLength(json.weightsManifest[0].weights.length - 2);
  });
});

describe('a streamed classifier', () => {
  it('answers exactly as the resident one, warms up on its first request and says so', async () => {
    const resident = await loadClassifier(defaultModel, startBackend);
    const streamed = await loadClassifier(defaultModel, startBackend, { residentBudgetBytes: 0, streamMinWeightBytes: 0 });
    expect(resident.status()).toMatchObject({ warmUp: 'load', warm: true, weights: 'resident', segments: 1 });
    expect(streamed.status()).toMatchObject({ warmUp: 'first-request', warm: false, weights: 'streamed', segments: 7 });
    const before = tf.memory().numTensors;
    for (const seed of [1, 2, 3, 4, 5]) {
      const input = randomInput(seed);
      expect(Array.from(await streamed.infer(input))).toEqual(Array.from(await resident.infer(input)));
    }
    expect(streamed.status().warm).toBe(true);
    // Nothing is left behind per request: the streamed weights and the carried tensors are disposed.
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('streamedWeightMaker', () => {
  it('dequantizes uint8, uint16 and float16 weights exactly as tfjs decodeWeights does', () => {
    const random = mulberry32(9);
    const n = 1000;
    const specs: tf.io.WeightsManifestEntry[] = [
      { name: 'a', shape: [n], dtype: 'float32', quantization: { dtype: 'uint8', min: -0.37, scale: 0.0031 } },
      { name: 'b', shape: [n], dtype: 'float32', quantization: { dtype: 'float16' } },
      { name: 'c', shape: [10, 100], dtype: 'float32', quantization: { dtype: 'uint16', min: 1.5, scale: 1e-4 } },
      { name: 'd', shape: [n], dtype: 'float32' },
      { name: 'e', shape: [3], dtype: 'int32' },
    ];
    const bytes = new Uint8Array(n + 2 * n + 2 * n + 4 * n + 12);
    for (let i = 0; i < bytes.length - 4 * n - 12; i++) bytes[i] = Math.floor(random() * 256);
    new Float32Array(bytes.buffer, 5 * n, n).set(Array.from({ length: n }, () => random() - 0.5));
    new Int32Array(bytes.buffer, 9 * n, 3).set([7, -2, 40]);
    const json = { format: 'graph-model' as const, modelTopology: {}, weightsManifest: [{ paths: ['weights.bin'], weights: specs }] };
    const entries: WeightEntry[] = weightEntries(json as never);
    const plan: RunPlan = { resident: [], segments: [{ from: null, to: null, weights: entries }], float32Bytes: 0, peakSegmentBytes: 0 };
    const made = streamedWeightMaker(bytes.buffer, plan)(entries);
    const expected = tf.io.decodeWeights(bytes.buffer, specs);
    for (const spec of specs) {
      expect(made[spec.name].shape, spec.name).toEqual(expected[spec.name].shape);
      expect(made[spec.name].dtype, spec.name).toBe(expected[spec.name].dtype);
      expect(Array.from(made[spec.name].dataSync()), spec.name).toEqual(Array.from(expected[spec.name].dataSync()));
    }
    tf.dispose([...Object.values(made), ...Object.values(expected)]);
  });
});
