import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getLearningRate, setLearningRate } from '../callbacks/learning-rate.js';
import { tinyData, tinyModel, useCpu, weightValues } from '../callbacks/tiny-model.test-helpers.js';
import {
  fileLoadHandler,
  fileSaveHandler,
  loadLayersModelFromDir,
  loadWeightsFromDir,
  ModelIOError,
  readModelArtifacts,
  saveLayersModelToDir,
  saveWeightsToDir,
} from './index.js';

// Lets a test make the next write of a matching path fail, as a full disk or a kill would.
const failure = vi.hoisted(() => ({ pattern: null as RegExp | null }));
vi.mock('../util/atomic.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../util/atomic.js')>();
  return {
    ...real,
    writeFileAtomic: async (path: string, data: string | Uint8Array) => {
      if (failure.pattern?.test(path)) throw new Error(`simulated failure writing ${path}`);
      return real.writeFileAtomic(path, data);
    },
  };
});

let dir: string;
beforeAll(useCpu);
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inkling-layers-model-files-'));
  failure.pattern = null;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function trainSteps(model: tfl.LayersModel, steps: number): Promise<void> {
  const { xs, ys } = tinyData();
  for (let i = 0; i < steps; i++) await model.trainOnBatch(xs, ys);
  tf.dispose([xs, ys]);
}

describe('saveLayersModelToDir / loadLayersModelFromDir', () => {
  it('writes model.json and one content-named weights file, and reads the same model back', async () => {
    const model = tinyModel();
    const saved = await saveLayersModelToDir(model, dir);
    expect((await readdir(dir)).sort()).toEqual([saved.weightsPath.split('/').pop(), 'model.json'].sort());
    expect(saved.weightsPath).toMatch(/weights\.[0-9a-f]{16}\.bin$/);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    expect(json.format).toBe('layers-model');
    expect(json.trainingConfig).toBeUndefined();

    const loaded = await loadLayersModelFromDir(dir);
    expect(weightValues(loaded)).toEqual(weightValues(model));
    const x = tf.ones([2, 4]);
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((model.predict(x) as tf.Tensor).dataSync()));
  });

  it('with includeOptimizer, a loaded model continues training exactly as the original, with its learning rate', async () => {
    const model = tinyModel(tf.train.adam(0.05));
    await trainSteps(model, 3);
    setLearningRate(model.optimizer, 0.02);
    await saveLayersModelToDir(model, dir, { includeOptimizer: true });

    const loaded = await loadLayersModelFromDir(dir);
    expect(loaded.optimizer.getClassName()).toBe('Adam');
    expect(getLearningRate(loaded.optimizer)).toBe(0.02);
    expect(loaded.optimizer.iterations).toBe(3);
    await trainSteps(model, 2);
    await trainSteps(loaded, 2);
    const a = weightValues(model).flat();
    const b = weightValues(loaded).flat();
    b.forEach((v, i) => expect(v).toBeCloseTo(a[i], 6));

    // Without the optimizer state, Adam restarts its moments and the weights diverge.
    await saveLayersModelToDir(model, dir);
    const fresh = await loadLayersModelFromDir(dir);
    fresh.compile({ optimizer: tf.train.adam(0.02), loss: 'binaryCrossentropy' });
    await trainSteps(model, 1);
    await trainSteps(fresh, 1);
    expect(weightValues(fresh).flat().some((v, i) => Math.abs(v - weightValues(model).flat()[i]) > 1e-6)).toBe(true);
  });

  it('saving with the optimizer leaks no tensor', async () => {
    const model = tinyModel();
    await trainSteps(model, 1);
    await saveLayersModelToDir(model, dir, { includeOptimizer: true });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await saveLayersModelToDir(model, dir, { includeOptimizer: true });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a save that fails before model.json is renamed leaves the previous save loadable and intact', async () => {
    const model = tinyModel();
    await saveLayersModelToDir(model, dir);
    const first = weightValues(model);
    await trainSteps(model, 5);
    expect(weightValues(model)).not.toEqual(first);

    failure.pattern = /model\.json$/;
    await expect(saveLayersModelToDir(model, dir)).rejects.toThrow(/simulated failure/);
    failure.pattern = null;
    expect(weightValues(await loadLayersModelFromDir(dir))).toEqual(first);

    // The next good save commits the new weights and removes the orphaned file of the failed one.
    await saveLayersModelToDir(model, dir);
    expect((await readdir(dir)).filter((f) => f.startsWith('weights.'))).toHaveLength(1);
    expect(weightValues(await loadLayersModelFromDir(dir))).toEqual(weightValues(model));
  });

  it('removes temporaries a killed save left behind', async () => {
    const model = tinyModel();
    await writeFile(join(dir, 'model.json.tmp-123-456'), '{"half":');
    await writeFile(join(dir, 'weights.0123456789abcdef.bin'), 'orphan');
    await writeFile(join(dir, 'notes.txt'), 'not ours');
    await saveLayersModelToDir(model, dir);
    const files = await readdir(dir);
    expect(files).toContain('notes.txt');
    expect(files).not.toContain('model.json.tmp-123-456');
    expect(files).not.toContain('weights.0123456789abcdef.bin');
  });
});

describe('reading a bad folder', () => {
  it('names a missing model', async () => {
    await expect(readModelArtifacts(join(dir, 'nope'))).rejects.toThrow(ModelIOError);
    await expect(readModelArtifacts(join(dir, 'nope'))).rejects.toThrow(/no saved model at/);
  });

  it('names a truncated weights file', async () => {
    const saved = await saveLayersModelToDir(tinyModel(), dir);
    await truncate(saved.weightsPath, 10);
    await expect(loadLayersModelFromDir(dir)).rejects.toThrow(/hold 10 bytes but its manifest describes \d+/);
  });

  it('names a missing weights file', async () => {
    const saved = await saveLayersModelToDir(tinyModel(), dir);
    await rm(saved.weightsPath);
    await expect(loadLayersModelFromDir(dir)).rejects.toThrow(/weight file .* cannot be read/);
  });
});

describe('weights only, and the tf.io handlers', () => {
  it('saveWeightsToDir / loadWeightsFromDir move weights into another build of the architecture', async () => {
    const source = tinyModel(undefined, 1);
    await saveWeightsToDir(source, dir);
    expect(await readdir(dir)).toContain('weights.json');
    const target = tinyModel(undefined, 7);
    expect(weightValues(target)).not.toEqual(weightValues(source));
    const before = tf.memory().numTensors;
    await loadWeightsFromDir(target, dir);
    expect(tf.memory().numTensors).toBe(before);
    expect(weightValues(target)).toEqual(weightValues(source));
  });

  it('loadWeightsFromDir refuses another architecture', async () => {
    await saveWeightsToDir(tinyModel(), dir);
    const other = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [4], units: 2 })] });
    await expect(loadWeightsFromDir(other, dir)).rejects.toThrow(/holds 4 weights, the model has 2/);
  });

  it('model.save(fileSaveHandler) and tfl.loadLayersModel(fileLoadHandler) round-trip', async () => {
    const model = tinyModel();
    await model.save(fileSaveHandler(dir));
    const loaded = await tfl.loadLayersModel(fileLoadHandler(dir));
    expect(weightValues(loaded)).toEqual(weightValues(model));
  });
});
