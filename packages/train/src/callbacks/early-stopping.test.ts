import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { EarlyStopping, type EarlyStoppingArgs } from './early-stopping.js';
import { markWeights, runEpochs, seq, tinyData, tinyModel, useCpu, weightValues } from './tiny-model.test-helpers.js';

beforeAll(useCpu);

/** Which epoch's mark the model's weights carry now. */
function mark(model: tfl.LayersModel): number {
  const values = weightValues(model).flat();
  expect(new Set(values).size).toBe(1);
  return values[0];
}

async function scripted(args: EarlyStoppingArgs, series: Record<string, number>[], stopByOtherAt?: number) {
  const model = tinyModel();
  const cb = new EarlyStopping({ warn: () => {}, ...args });
  const other = new (class extends tfl.Callback {
    override async onEpochEnd(epoch: number): Promise<void> {
      if (epoch === stopByOtherAt) this.model.stopTraining = true;
    }
  })();
  const run = await runEpochs(model, [cb, other], series, { beforeEpochEnd: (epoch) => markWeights(model, epoch) });
  return { cb, model, run, epochsTrained: run.logs.length };
}

describe('EarlyStopping against scripted metrics', () => {
  it('has Keras defaults', () => {
    const cb = new EarlyStopping();
    expect([cb.monitor, cb.minDelta, cb.patience, cb.verbose, cb.mode, cb.baseline, cb.restoreBestWeights, cb.startFromEpoch]).toEqual(['val_loss', 0, 0, 0, 'auto', null, false, 0]);
  });

  it.each([0, 1, 2, 3])("Keras's patience test: patience %i stops at epoch max(patience, 1) + 2", async (patience) => {
    const { cb, run } = await scripted({ monitor: 'loss', patience }, seq('loss', [10, 9, 8, 9, 8.9, 8.8, 8.7, 8.6, 8.5]));
    expect(cb.stoppedEpoch).toBe(Math.max(patience, 1) + 2);
    expect(run.stoppedAt).toBe(Math.max(patience, 1) + 2);
  });

  it('counts only improvements larger than minDelta', async () => {
    const series = seq('val_loss', [1, 0.95, 0.9, 0.85, 0.8]);
    expect((await scripted({ patience: 1, minDelta: 0.1 }, series)).run.stoppedAt).toBe(1);
    expect((await scripted({ patience: 1, minDelta: 0.01 }, series)).run.stoppedAt).toBe(-1);
  });

  it("watches accuracy in 'max' mode (auto), also under tfjs's name val_acc", async () => {
    const { run } = await scripted({ monitor: 'val_accuracy', patience: 2 }, seq('val_acc', [0.5, 0.7, 0.6, 0.7, 0.9]));
    expect(run.stoppedAt).toBe(3);
  });

  it('restores the best weights when it stops early (Keras: best epoch 2 of 0.2, 0.15, 0.1, 0.11, 0.12)', async () => {
    const { model, epochsTrained, cb } = await scripted({ patience: 2, restoreBestWeights: true }, seq('val_loss', [0.2, 0.15, 0.1, 0.11, 0.12]));
    expect(epochsTrained).toBe(5);
    expect(cb.stoppedEpoch).toBe(4);
    expect(mark(model)).toBe(2);
    expect(cb.hasBestWeights).toBe(false); // disposed after the restore
  });

  it('restores the best weights when training runs to the end (current Keras)', async () => {
    const { model, run } = await scripted({ patience: 5, restoreBestWeights: true }, seq('val_loss', [0.5, 0.3, 0.4, 0.45]));
    expect(run.stoppedAt).toBe(-1);
    expect(mark(model)).toBe(1);
  });

  it('restores the best weights when another callback stops training', async () => {
    const { model, epochsTrained } = await scripted({ patience: 5, baseline: 0.5, restoreBestWeights: true }, seq('val_loss', [0.9, 0.8, 0.7, 0.71, 0.72, 0.73]), 3);
    expect(epochsTrained).toBe(4);
    expect(mark(model)).toBe(2);
  });

  it("Keras's baseline test: nothing beats 0.5, so it stops after patience epochs and restores the best", async () => {
    const { model, epochsTrained } = await scripted({ patience: 5, baseline: 0.5, restoreBestWeights: true }, seq('val_loss', [0.9, 0.8, 0.7, 0.71, 0.72, 0.73]));
    expect(epochsTrained).toBe(5);
    expect(mark(model)).toBe(2);
  });

  it('a baseline that is beaten resets the wait as usual', async () => {
    const { run } = await scripted({ patience: 2, baseline: 0.5 }, seq('val_loss', [0.4, 0.3, 0.35, 0.36, 0.2]));
    expect(run.stoppedAt).toBe(3);
  });

  it('leaves the last weights without restoreBestWeights', async () => {
    const { model } = await scripted({ patience: 1 }, seq('val_loss', [0.2, 0.3]));
    expect(mark(model)).toBe(1);
  });

  it('ignores the epochs before startFromEpoch', async () => {
    const series = seq('val_loss', [10, 11, 12, 13, 9, 9.5]);
    expect((await scripted({ patience: 0, startFromEpoch: 3 }, series)).run.stoppedAt).toBe(5);
    expect((await scripted({ patience: 0 }, series)).run.stoppedAt).toBe(1);
  });

  it('warns and never stops when the monitored metric is missing', async () => {
    const warnings: string[] = [];
    const { run } = await scripted({ patience: 0, warn: (m) => warnings.push(m) }, seq('loss', [1, 2, 3]));
    expect(run.stoppedAt).toBe(-1);
    expect(warnings).toEqual(['Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: loss']);
  });

  it('prints what it did with verbose 1', async () => {
    const printed: string[] = [];
    await scripted({ patience: 1, restoreBestWeights: true, verbose: 1, print: (m) => printed.push(m) }, seq('val_loss', [0.2, 0.3]));
    expect(printed).toEqual(['Epoch 2: early stopping', 'Restoring model weights from the end of the best epoch: 1.']);
  });

  it('keeps no tensors: copies are replaced, restored and freed', async () => {
    const model = tinyModel();
    const cb = new EarlyStopping({ patience: 3, restoreBestWeights: true });
    const before = tf.memory().numTensors;
    await runEpochs(model, [cb], seq('val_loss', [1, 0.9, 0.8, 0.85, 0.86, 0.87]), { beforeEpochEnd: (e) => markWeights(model, e) });
    expect(tf.memory().numTensors).toBe(before);
    expect(mark(model)).toBe(2);
  });

  it('getState/setState: a resumed run stops at the same epoch and restores the best weights it is given', async () => {
    const series = seq('val_loss', [1, 0.8, 0.9, 0.85, 0.95, 0.97]);
    const whole = await scripted({ patience: 3, restoreBestWeights: true }, series);
    expect(whole.run.stoppedAt).toBe(4);

    const first = await scripted({ patience: 3, restoreBestWeights: true }, series.slice(0, 3));
    const state = JSON.parse(JSON.stringify(first.cb.getState()));
    expect(state).toEqual({ best: 0.8, bestEpoch: 1, wait: 1, stoppedEpoch: 0 });

    const model = tinyModel();
    markWeights(model, 1); // as read back from the best checkpoint
    const resumed = new EarlyStopping({ patience: 3, restoreBestWeights: true });
    resumed.setState(state);
    resumed.setBestWeights(model.getWeights());
    const rest = await runEpochs(model, [resumed], series.slice(3), { initialEpoch: 3, beforeEpochEnd: (e) => markWeights(model, e) });
    expect(rest.stoppedAt).toBe(4);
    expect(mark(model)).toBe(1);

    // Without the state, the counters restart and it would not have stopped.
    const fresh = new EarlyStopping({ patience: 3 });
    expect((await runEpochs(tinyModel(), [fresh], series.slice(3), { initialEpoch: 3 })).stoppedAt).toBe(-1);
  });

  it('refuses a negative patience', () => {
    expect(() => new EarlyStopping({ patience: -1 })).toThrow(/patience to be an integer >= 0/);
  });
});

describe('EarlyStopping inside model.fit', () => {
  it('stops fit, restores the best epoch and leaks no tensor', async () => {
    const model = tinyModel(tf.train.adam(0.05));
    const { xs, ys } = tinyData();
    await model.fit(xs, ys, { epochs: 1, batchSize: 8, verbose: 0 }); // creates the optimizer's variables
    const before = tf.memory().numTensors;

    const perEpoch: number[][][] = [];
    const recorder = new (class extends tfl.Callback {
      override async onEpochEnd(): Promise<void> {
        perEpoch.push(weightValues(model));
      }
    })();
    // minDelta 100: epoch 0 is the only improvement, so it stops after epoch 1 and restores epoch 0.
    const stopper = new EarlyStopping({ monitor: 'val_loss', patience: 1, minDelta: 100, restoreBestWeights: true });
    const history = await model.fit(xs, ys, { epochs: 10, batchSize: 8, validationData: [xs, ys], verbose: 0, callbacks: [recorder, stopper] });

    expect(history.epoch).toEqual([0, 1]);
    expect(stopper.stoppedEpoch).toBe(1);
    expect(perEpoch[1]).not.toEqual(perEpoch[0]);
    expect(weightValues(model)).toEqual(perEpoch[0]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([xs, ys]);
  });
});
