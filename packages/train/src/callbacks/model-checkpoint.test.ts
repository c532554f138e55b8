import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadLayersModelFromDir, loadWeightsFromDir } from '../layers-model-files/index.js';
import { ModelCheckpoint, type ModelCheckpointArgs } from './model-checkpoint.js';
import { markWeights, runEpochs, seq, tinyData, tinyModel, useCpu, weightValues } from './tiny-model.test-helpers.js';

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
  dir = await mkdtemp(join(tmpdir(), 'inkling-checkpoint-'));
  failure.pattern = null;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});


/** The epoch mark the model saved in `folder` carries. */
async function savedMark(folder: string): Promise<number> {
  const values = weightValues(await loadLayersModelFromDir(folder)).flat();
  expect(new Set(values).size).toBe(1);
  return values[0];
}

async function scripted(filepath: string, args: ModelCheckpointArgs, series: Record<string, number>[]) {
  const model = tinyModel();
  const cb = new ModelCheckpoint(join(dir, filepath), { warn: () => {}, ...args });
  await runEpochs(model, [cb], series, { beforeEpochEnd: (e) => markWeights(model, e) });
  return { cb, model, folders: (await readdir(dir)).sort() };
}

describe('ModelCheckpoint against scripted metrics', () => {
  it('has Keras defaults', () => {
    const cb = new ModelCheckpoint('x');
    expect([cb.monitor, cb.verbose, cb.saveBestOnly, cb.saveWeightsOnly, cb.mode, cb.saveFreq, cb.best]).toEqual(['val_loss', 0, false, false, 'auto', 'epoch', null]);
  });

  it('saves every epoch by default, filling {epoch} 1-based', async () => {
    const { folders } = await scripted('e{epoch}', {}, seq('val_loss', [0.5, 0.6, 0.7]));
    expect(folders).toEqual(['e1', 'e2', 'e3']);
    expect(await savedMark(join(dir, 'e2'))).toBe(1);
  });

  it('with saveBestOnly, writes exactly on the epochs that improve', async () => {
    const { folders } = await scripted('e{epoch}', { saveBestOnly: true }, seq('val_loss', [0.5, 0.4, 0.45, 0.3, 0.3]));
    expect(folders).toEqual(['e1', 'e2', 'e4']);
    expect(await savedMark(join(dir, 'e4'))).toBe(3);
  });

  it('with saveBestOnly and a fixed path, the folder holds the best epoch (max mode for accuracy)', async () => {
    const { cb } = await scripted('best', { saveBestOnly: true, monitor: 'val_accuracy' }, seq('val_accuracy', [0.5, 0.7, 0.6, 0.7]));
    expect(await savedMark(join(dir, 'best'))).toBe(1);
    expect(cb.best).toBe(0.7);
    expect(cb.lastSaved).toBe(join(dir, 'best'));
  });

  it('needs initialValueThreshold beaten before the first save', async () => {
    const { folders } = await scripted('e{epoch}', { saveBestOnly: true, initialValueThreshold: 0.3 }, seq('val_loss', [0.5, 0.4, 0.2]));
    expect(folders).toEqual(['e3']);
  });

  it('fills metric placeholders the way Python formats them', async () => {
    const { folders } = await scripted('ckpt-{epoch:02d}-{val_accuracy:.2f}', {}, [{ val_accuracy: 0.125 }, { val_accuracy: 0.5 }]);
    expect(folders).toEqual(['ckpt-01-0.12', 'ckpt-02-0.50']);
  });

  it('with saveBestOnly, warns and saves anyway when the monitored metric is missing (Keras 3)', async () => {
    const warnings: string[] = [];
    const { folders } = await scripted('e{epoch}', { saveBestOnly: true, warn: (m) => warnings.push(m) }, seq('loss', [1, 2]));
    expect(folders).toEqual(['e1', 'e2']);
    expect(warnings).toEqual(['Can save best model only with val_loss available.']);
  });

  it('prints what it does with verbose 1', async () => {
    const printed: string[] = [];
    await scripted('best', { saveBestOnly: true, verbose: 1, print: (m) => printed.push(m) }, seq('val_loss', [0.5, 0.6]));
    expect(printed).toEqual([`\nEpoch 1: val_loss improved from inf to 0.50000, saving model to ${join(dir, 'best')}`, '\nEpoch 2: val_loss did not improve from 0.50000']);
  });

  it('with saveFreq n, saves every n batches across epochs', async () => {
    const model = tinyModel();
    const cb = new ModelCheckpoint(join(dir, 'b-{epoch}-{batch}'), { saveFreq: 3 });
    cb.setModel(model);
    await cb.onTrainBegin();
    for (let epoch = 0; epoch < 2; epoch++) {
      await cb.onEpochBegin(epoch);
      for (let batch = 0; batch < 5; batch++) await cb.onBatchEnd(batch, { loss: 1, batch, size: 8 });
      await cb.onEpochEnd(epoch, { loss: 1 });
    }
    expect((await readdir(dir)).sort()).toEqual(['b-1-3', 'b-2-1', 'b-2-4']);
  });

  it('includes the optimizer by default, and not when asked', async () => {
    await scripted('with', {}, seq('val_loss', [1]));
    await scripted('without', { includeOptimizer: false }, seq('val_loss', [1]));
    expect(JSON.parse(await readFile(join(dir, 'with', 'model.json'), 'utf8')).trainingConfig.optimizer_config.class_name).toBe('Adam');
    expect(JSON.parse(await readFile(join(dir, 'without', 'model.json'), 'utf8')).trainingConfig).toBeUndefined();
  });

  it('with saveWeightsOnly, writes weights.json that loadWeightsFromDir reads', async () => {
    await scripted('w', { saveWeightsOnly: true }, seq('val_loss', [1, 2]));
    expect(existsSync(join(dir, 'w', 'model.json'))).toBe(false);
    const target = tinyModel();
    await loadWeightsFromDir(target, join(dir, 'w'));
    expect(new Set(weightValues(target).flat())).toEqual(new Set([1]));
  });

  it('a failing save throws and leaves the previous checkpoint intact, and the best unchanged', async () => {
    const model = tinyModel();
    const cb = new ModelCheckpoint(join(dir, 'best'), { saveBestOnly: true });
    cb.setModel(model);
    await cb.onTrainBegin();
    markWeights(model, 0);
    await cb.onEpochEnd(0, { val_loss: 0.5 });
    markWeights(model, 1);
    failure.pattern = /model\.json$/;
    await expect(cb.onEpochEnd(1, { val_loss: 0.4 })).rejects.toThrow(/ModelCheckpoint could not save to .*best: simulated failure/);
    failure.pattern = null;
    expect(await savedMark(join(dir, 'best'))).toBe(0);
    expect(cb.best).toBe(0.5);
    // Training on, the next improvement is saved as usual.
    await cb.onEpochEnd(2, { val_loss: 0.45 });
    expect(await savedMark(join(dir, 'best'))).toBe(1);
  });

  it('getState/setState: a resumed run does not overwrite a better checkpoint', async () => {
    const first = await scripted('best', { saveBestOnly: true }, seq('val_loss', [0.5, 0.3]));
    const state = JSON.parse(JSON.stringify(first.cb.getState()));
    expect(state).toEqual({ best: 0.3, batchesSeenSinceLastSaving: 0, lastBatchSeen: 0, lastSaved: join(dir, 'best') });

    const model = tinyModel();
    const resumed = new ModelCheckpoint(join(dir, 'best'), { saveBestOnly: true });
    resumed.setState(state);
    await runEpochs(model, [resumed], seq('val_loss', [0.4, 0.35]), { initialEpoch: 2, beforeEpochEnd: (e) => markWeights(model, e) });
    expect(await savedMark(join(dir, 'best'))).toBe(1);

    const forgetful = new ModelCheckpoint(join(dir, 'best'), { saveBestOnly: true });
    await runEpochs(model, [forgetful], seq('val_loss', [0.4]), { initialEpoch: 2, beforeEpochEnd: (e) => markWeights(model, e) });
    expect(await savedMark(join(dir, 'best'))).toBe(2);
  });

  it('refuses a bad saveFreq or an empty filepath', () => {
    expect(() => new ModelCheckpoint('x', { saveFreq: 0 })).toThrow(/Unrecognized saveFreq: 0/);
    expect(() => new ModelCheckpoint('')).toThrow(/needs a filepath/);
  });
});

describe('ModelCheckpoint inside model.fit', () => {
  it('writes a loadable checkpoint per epoch named from the logs', async () => {
    const model = tinyModel();
    const { xs, ys } = tinyData();
    await model.fit(xs, ys, {
      epochs: 2,
      batchSize: 8,
      validationData: [xs, ys],
      verbose: 0,
      callbacks: [new ModelCheckpoint(join(dir, 'ckpt-{epoch:02d}-{val_loss:.2f}'))],
    });
    tf.dispose([xs, ys]);
    const folders = (await readdir(dir)).sort();
    expect(folders).toHaveLength(2);
    expect(folders[0]).toMatch(/^ckpt-01-\d+\.\d\d$/);
    expect(folders[1]).toMatch(/^ckpt-02-\d+\.\d\d$/);
    const last = await loadLayersModelFromDir(join(dir, folders[1]));
    expect(weightValues(last)).toEqual(weightValues(model));
    expect(last.optimizer.iterations).toBe(model.optimizer.iterations);
  });
});
