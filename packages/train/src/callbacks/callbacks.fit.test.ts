import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfd from '@tensorflow/tfjs-data';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadLayersModelFromDir } from '../layers-model-files/index.js';
import { CSVLogger, EarlyStopping, HistoryRecorder, ModelCheckpoint, ProgbarLogger, ReduceLROnPlateau } from './index.js';
import { tinyData, tinyModel, useCpu, weightValues } from './tiny-model.test-helpers.js';

let dir: string;
beforeAll(useCpu);
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inkling-fit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function dataset(): tfd.Dataset<{ xs: tf.Tensor; ys: tf.Tensor }> {
  const { xs, ys } = tinyData();
  const data = tfd.zip({ xs: tfd.array(xs.arraySync()), ys: tfd.array(ys.arraySync()) }).batch(8) as tfd.Dataset<{ xs: tf.Tensor; ys: tf.Tensor }>;
  tf.dispose([xs, ys]);
  return data;
}

describe('all callbacks together in model.fitDataset', () => {
  it("use tfjs's val_acc as val_accuracy, reduce lr, keep the best, stop, and log", async () => {
    const model = tinyModel(tf.train.adam(0.05));
    const lines: string[] = [];
    const history = new HistoryRecorder({ path: join(dir, 'history.json') });
    const stopper = new EarlyStopping({ monitor: 'val_accuracy', patience: 3, minDelta: 10, restoreBestWeights: true });
    const reduce = new ReduceLROnPlateau({ monitor: 'val_accuracy', patience: 1, minDelta: 10, factor: 0.5 });
    const checkpoint = new ModelCheckpoint(join(dir, 'best'), { monitor: 'val_accuracy', saveBestOnly: true, includeOptimizer: false });
    const progress = new ProgbarLogger({ batchesPerEpoch: 4, batchSize: 8, stream: { write: (t) => lines.push(t) } });
    await model.fitDataset(dataset(), { epochs: 1, verbose: 0 }); // creates Adam's moment variables
    const before = tf.memory().numTensors;
    const perEpoch: number[][][] = [];
    const capture = new (class extends tfl.Callback {
      override async onEpochEnd(): Promise<void> {
        perEpoch.push(weightValues(model));
      }
    })();

    const result = await model.fitDataset(dataset(), {
      epochs: 10,
      validationData: dataset(),
      verbose: 0,
      // minDelta 10 on an accuracy: only epoch 0 improves. ReduceLROnPlateau halves the rate after
      // epochs 1, 2, 3; EarlyStopping stops after epoch 3 and restores epoch 0's weights.
      callbacks: [capture, reduce, stopper, checkpoint, history, progress, new CSVLogger(join(dir, 'history.csv'))],
    });

    expect(tf.memory().numTensors).toBe(before); // every copy and every logged scalar freed
    expect(result.epoch).toEqual([0, 1, 2, 3]);
    expect(stopper.stoppedEpoch).toBe(3);
    expect(history.rows.map((r) => r.lr)).toEqual([0.05, 0.05, 0.025, 0.0125]);
    expect(reduce.currentLr).toBeCloseTo(0.00625, 12);
    expect(history.rows.every((r) => r.val_accuracy >= 0 && r.val_accuracy <= 1 && r.loss > 0)).toBe(true);
    expect(weightValues(model)).toEqual(perEpoch[0]);
    // The checkpoint (minDelta 0) holds the epoch with the highest val_accuracy, the first of ties.
    const accuracies = history.rows.map((r) => r.val_accuracy);
    expect(weightValues(await loadLayersModelFromDir(join(dir, 'best')))).toEqual(perEpoch[accuracies.indexOf(Math.max(...accuracies))]);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/^epoch 4\/10 {2}loss \d\.\d{4} {2}accuracy \d\.\d{4} {2}val_loss \d\.\d{4} {2}val_accuracy \d\.\d{4} {2}lr 1\.25e-2 {2}\d+\.\d s\n$/);
    expect(JSON.parse(await readFile(join(dir, 'history.json'), 'utf8'))).toHaveLength(4);
    const csv = (await readFile(join(dir, 'history.csv'), 'utf8')).trimEnd().split('\n');
    expect(csv[0]).toBe('epoch,acc,loss,lr,val_acc,val_loss');
    expect(csv).toHaveLength(5);
  });

  it('a run killed after epoch 2 and resumed from its checkpoint and states ends exactly as an uninterrupted one', async () => {
    const callbacks = () => ({
      reduce: new ReduceLROnPlateau({ patience: 1, minDelta: 10, factor: 0.5 }),
      stopper: new EarlyStopping({ patience: 10 }),
    });
    const whole = tinyModel(tf.train.adam(0.05));
    const w = callbacks();
    await whole.fitDataset(dataset(), { epochs: 4, validationData: dataset(), verbose: 0, callbacks: [w.reduce, w.stopper] });

    const killed = tinyModel(tf.train.adam(0.05));
    const k = callbacks();
    // ReduceLROnPlateau before ModelCheckpoint: the checkpoint then holds the rate the next epoch uses.
    const checkpoint = new ModelCheckpoint(join(dir, 'last'));
    await killed.fitDataset(dataset(), { epochs: 2, validationData: dataset(), verbose: 0, callbacks: [k.reduce, k.stopper, checkpoint] });
    const saved = JSON.parse(JSON.stringify({ reduce: k.reduce.getState(), stopper: k.stopper.getState(), checkpoint: checkpoint.getState() }));

    const resumed = await loadLayersModelFromDir(join(dir, 'last'));
    const r = callbacks();
    r.reduce.setState(saved.reduce);
    r.stopper.setState(saved.stopper);
    await resumed.fitDataset(dataset(), { epochs: 4, initialEpoch: 2, validationData: dataset(), verbose: 0, callbacks: [r.reduce, r.stopper] });

    expect(r.reduce.currentLr).toBe(w.reduce.currentLr);
    expect(r.stopper.getState()).toEqual(w.stopper.getState());
    const a = weightValues(whole).flat();
    weightValues(resumed).flat().forEach((v, i) => expect(v).toBeCloseTo(a[i], 6));
  });
});
