import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { lenet } from '@inkling/core/architectures';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { selectBackend } from '../backend/index.js';
import { graphOf, randomiseNonKernels } from './export.test-helpers.js';
import { toGraphModel, writeGraphModel } from './write-graph-model.js';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  await selectBackend('wasm');
  dir = await mkdtemp(join(tmpdir(), 'inkling-round-trip-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Runs in a fresh Node process that imports nothing but tfjs-core, tfjs-converter and the cpu
 * backend: a file-reading IOHandler feeds the stock tf.loadGraphModel, as any consumer of the files
 * would. Prints the model's inputs/outputs and its predictions for the input in input.bin.
 */
const CONSUMER = `
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
const [root, shapeText, ...names] = process.argv.slice(1);
const shape = JSON.parse(shapeText);
await tf.setBackend('cpu');
const input = new Float32Array((await readFile(join(root, 'input.bin'))).buffer.slice(0));
const result = {};
for (const name of names) {
  const dir = join(root, name);
  const handler = {
    async load() {
      const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
      const buffers = [];
      for (const group of json.weightsManifest) for (const p of group.paths) buffers.push(await readFile(join(dir, p)));
      const bytes = Buffer.concat(buffers);
      return tf.io.getModelArtifactsForJSONSync(json, json.weightsManifest.flatMap((g) => g.weights), bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    },
  };
  const model = await loadGraphModel(handler);
  const y = model.predict(tf.tensor(input, shape));
  result[name] = { inputs: model.inputs.map((i) => i.name), outputs: model.outputs.map((o) => o.name), values: Array.from(await y.data()) };
}
console.log(JSON.stringify(result));
`;

it('the written files load in a fresh process with only tfjs-core, tfjs-converter and a backend, and predict as in memory', async () => {
  const model = lenet({ inputShape: [48, 48, 1], seed: 4 });
  randomiseNonKernels(model, 9);
  const shape = [3, 48, 48, 1];
  const x = tf.randomUniform(shape, 0, 1, 'float32', 77);
  await writeFile(join(dir, 'input.bin'), new Uint8Array((x.dataSync() as Float32Array).buffer));
  const modes = ['none', 'float16', 'uint8'] as const;
  const expected: Record<string, number[]> = {};
  const weightBytes: Record<string, number> = {};
  for (const mode of modes) {
    const files = await toGraphModel(model, { quantize: mode });
    const written = await writeGraphModel(files, join(dir, mode));
    expect((await readdir(join(dir, mode))).sort()).toEqual(['model.json', 'weights.bin']);
    const onDisk = JSON.parse(await readFile(join(dir, mode, 'model.json'), 'utf8'));
    expect(onDisk.format).toBe('graph-model');
    expect(onDisk.weightsManifest).toHaveLength(1);
    expect(onDisk.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(written.map((f) => f.name)).toEqual(['model.json', 'weights.bin']);
    expect(written[1].bytes).toBe((await readFile(join(dir, mode, 'weights.bin'))).byteLength);
    weightBytes[mode] = written[1].bytes;
    const graph = await graphOf(model, { quantize: mode });
    expected[mode] = Array.from(tf.tidy(() => (graph.predict(x) as tf.Tensor).dataSync()));
    graph.dispose();
  }
  const layersOut = Array.from(tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync()));

  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', CONSUMER, dir, JSON.stringify(shape), ...modes], { cwd: process.cwd(), timeout: 60_000 });
  const loaded = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, { inputs: string[]; outputs: string[]; values: number[] }>;
  for (const mode of modes) {
    expect(loaded[mode].inputs).toEqual(['input']);
    expect(loaded[mode].outputs).toEqual(['output']);
    const diff = Math.max(...loaded[mode].values.map((v, i) => Math.abs(v - expected[mode][i])));
    expect(diff).toBeLessThanOrEqual(1e-5);
  }
  expect(Math.max(...loaded.none.values.map((v, i) => Math.abs(v - layersOut[i])))).toBeLessThanOrEqual(1e-5);
  // float16 halves the float weights and uint8 quarters them (the int32 Reshape shape stays 8 bytes).
  expect(weightBytes.float16).toBe((weightBytes.none - 8) / 2 + 8);
  expect(weightBytes.uint8).toBe((weightBytes.none - 8) / 4 + 8);
  x.dispose();
  model.dispose();
});
