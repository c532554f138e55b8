import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vgg16Base } from '@inkling/core/architectures';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/index.js';
import { KerasWeightsError, KerasWeightsFile } from './h5/keras-weights-file.js';
import { kerasLayersOf, writeKerasH5, type KerasH5Layer } from './keras-h5.test-helpers.js';
import { loadKerasWeights } from './load-weights.js';

let dir: string;
const narrow = (seed: number) => vgg16Base({ inputShape: [32, 32, 3], widthDivisor: 32, seed, name: `narrow${seed}` });

beforeAll(async () => {
  await selectBackend('wasm', { warn: () => {} });
  dir = mkdtempSync(join(tmpdir(), 'inkling-vgg16-h5-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The source's weights, layer by layer, as plain arrays. */
function weightsByLayer(model: tf.serialization.Serializable & { layers: { name: string; getWeights(): tf.Tensor[] }[] }): Map<string, number[][]> {
  return new Map(model.layers.map((l) => [l.name, l.getWeights().map((w) => Array.from(w.dataSync()))]));
}

describe('Keras HDF5 weights into vgg16Base, by layer name', () => {
  it.each(['keras1', 'keras2'] as const)('puts every tensor of a %s-style file where it belongs', async (style) => {
    const source = narrow(1);
    const path = join(dir, `${style}.h5`);
    await writeKerasH5(path, kerasLayersOf(source, style));
    const target = narrow(2);
    const before = weightsByLayer(target);
    const loaded = await loadKerasWeights(target, path);

    expect(loaded.layers).toEqual(source.layers.filter((l) => l.weights.length > 0).map((l) => l.name));
    expect(loaded.layers).toHaveLength(13);
    expect(loaded.params).toBe(target.countParams());
    const want = weightsByLayer(source);
    const got = weightsByLayer(target);
    for (const [name, arrays] of want) {
      expect(got.get(name), name).toEqual(arrays);
      // A seed-2 copy starts different, so equality means the load moved it.
      if (arrays.length > 0) expect(before.get(name), name).not.toEqual(arrays);
    }
  });

  it('reads the official layout: input_1 and pooling layers with empty weight_names, the legacy dataset names', async () => {
    const path = join(dir, 'layout.h5');
    await writeKerasH5(path, kerasLayersOf(narrow(3)));
    const file = await KerasWeightsFile.open(path);
    try {
      expect(file.layerNames.slice(0, 4)).toEqual(['input_1', 'block1_conv1', 'block1_conv2', 'block1_pool']);
      expect(file.layerNames.at(-1)).toBe('block5_pool');
      expect(file.layer('block1_pool')).toEqual({ name: 'block1_pool', weights: [] });
      expect(file.layer('block1_conv1')).toEqual({
        name: 'block1_conv1',
        weights: [
          { name: 'block1_conv1_W_1:0', shape: [3, 3, 3, 2] },
          { name: 'block1_conv1_b_1:0', shape: [2] },
        ],
      });
      expect(file.layer('fc1')).toBeNull();
    } finally {
      file.close();
    }
  });

  it('reads a whole saved model (weights under model_weights) and loads the base inside a bigger model', async () => {
    const source = narrow(4);
    const path = join(dir, 'nested.h5');
    await writeKerasH5(path, kerasLayersOf(source), { nested: true, backend: 'tensorflow' });
    const target = narrow(5);
    await loadKerasWeights(target, path);
    expect(Array.from(target.getLayer('block5_conv3').getWeights()[0].dataSync())).toEqual(Array.from(source.getLayer('block5_conv3').getWeights()[0].dataSync()));
  });

  it('ignores layers the model does not have (the include_top file’s fc1, fc2, predictions)', async () => {
    const source = narrow(6);
    const layers = [...kerasLayersOf(source), { name: 'fc1', weights: [['fc1_W_1:0', [2, 3], new Float32Array(6)]] } as KerasH5Layer];
    const path = join(dir, 'with-top.h5');
    await writeKerasH5(path, layers);
    await expect(loadKerasWeights(narrow(7), path)).resolves.toMatchObject({ params: source.countParams() });
  });
});

describe('a wrong or broken weights file is a clear error and changes nothing', () => {
  async function expectRefused(path: string, pattern: RegExp): Promise<void> {
    const target = narrow(8);
    const before = weightsByLayer(target);
    const error = await loadKerasWeights(target, path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KerasWeightsError);
    expect((error as Error).message).toMatch(pattern);
    expect(weightsByLayer(target)).toEqual(before);
  }

  it('a missing layer', async () => {
    const path = join(dir, 'missing-layer.h5');
    await writeKerasH5(path, kerasLayersOf(narrow(9)).filter((l) => l.name !== 'block4_conv2'));
    await expectRefused(path, /has no weights for layer block4_conv2 of model narrow8/);
  });

  it('a layer of the wrong width (names the layer, both shapes)', async () => {
    const path = join(dir, 'wide.h5');
    await writeKerasH5(path, kerasLayersOf(vgg16Base({ inputShape: [32, 32, 3], widthDivisor: 16 })));
    await expectRefused(path, /layer block1_conv1: weight block1_conv1_W_1:0 has shape \[3, 3, 3, 4\] in the file, the model needs \[3, 3, 3, 2\]/);
  });

  it('a layer with a weight too few', async () => {
    const layers = kerasLayersOf(narrow(10)).map((l) => (l.name === 'block2_conv1' ? { ...l, weights: l.weights.slice(0, 1) } : l));
    const path = join(dir, 'no-bias.h5');
    await writeKerasH5(path, layers);
    await expectRefused(path, /layer block2_conv1 has 1 weights in the file \(block2_conv1_W_1:0\), the model's layer has 2/);
  });

  it('a Theano file', async () => {
    const path = join(dir, 'theano.h5');
    await writeKerasH5(path, kerasLayersOf(narrow(11)), { backend: 'theano' });
    await expectRefused(path, /Theano weights/);
  });

  it('a truncated file (an interrupted download)', async () => {
    const whole = join(dir, 'whole.h5');
    await writeKerasH5(whole, kerasLayersOf(narrow(12)));
    const bytes = readFileSync(whole);
    for (const fraction of [0.5, 0.99]) {
      const path = join(dir, `truncated-${fraction}.h5`);
      writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * fraction)));
      await expectRefused(path, new RegExp(`the file is truncated \\(${Math.floor(bytes.length * fraction).toLocaleString('en-US')} of ${bytes.length.toLocaleString('en-US')} bytes\\)`));
    }
  });

  it('a file that is not HDF5, an HDF5 file that is not Keras weights, and no file at all', async () => {
    const html = join(dir, 'error-page.h5');
    writeFileSync(html, '<html><body>403 Forbidden</body></html>'.repeat(20));
    await expectRefused(html, /not an HDF5 file/);

    const other = join(dir, 'other.h5');
    const { h5wasm } = await import('./h5/h5wasm.js');
    const f = new h5wasm.File(other, 'w');
    f.create_dataset({ name: 'data', data: new Float32Array(4) });
    f.close();
    await expectRefused(other, /not a Keras weights file: it has no layer_names attribute/);

    await expectRefused(join(dir, 'nope.h5'), /weights file .*nope\.h5 does not exist/);
  });
});
