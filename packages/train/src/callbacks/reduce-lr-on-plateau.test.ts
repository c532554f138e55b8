import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReduceLROnPlateau, type ReduceLROnPlateauArgs } from './reduce-lr-on-plateau.js';
import { runEpochs, seq, tinyData, tinyModel, useCpu } from './tiny-model.test-helpers.js';

beforeAll(useCpu);

function scripted(args: ReduceLROnPlateauArgs, series: Record<string, number>[], lr = 0.1) {
  const model = tinyModel(tf.train.adam(lr));
  const cb = new ReduceLROnPlateau({ warn: () => {}, ...args });
  return { cb, model, run: runEpochs(model, [cb], series) };
}

const close = (values: number[]) => values.map((v) => Number(v.toPrecision(12)));

describe('ReduceLROnPlateau against scripted metrics', () => {
  it('has Keras defaults', () => {
    const cb = new ReduceLROnPlateau();
    expect([cb.monitor, cb.factor, cb.patience, cb.verbose, cb.mode, cb.minDelta, cb.cooldown, cb.minLr]).toEqual(['val_loss', 0.1, 10, 0, 'auto', 1e-4, 0, 0]);
  });

  it('with the default patience of 10, drops the rate on the 10th epoch without improvement', async () => {
    const values = [1, 0.9, ...Array<number>(12).fill(0.95)];
    const { run } = scripted({}, seq('val_loss', values));
    const { lrAfter } = await run;
    // epochs 2..11 are the ten without improvement: the drop happens at the end of epoch 11
    expect(close(lrAfter)).toEqual(close([...Array<number>(11).fill(0.1), 0.01, 0.01, 0.01]));
  });

  it("Keras's test: patience 1, minDelta 100 reduces 0.1 -> 0.01 after the second epoch", async () => {
    const { lrAfter } = await scripted({ patience: 1, minDelta: 100 }, seq('val_loss', [5, 4])).run;
    expect(close(lrAfter)).toEqual([0.1, 0.01]);
  });

  it("Keras's cooldown test: with cooldown 2 it reduces every other epoch, twice in 4 epochs", async () => {
    const { lrAfter } = await scripted({ patience: 1, minDelta: 100, cooldown: 2 }, seq('val_loss', [5, 4, 3, 2])).run;
    expect(close(lrAfter)).toEqual(close([0.1, 0.01, 0.01, 0.001]));
  });

  it('never goes below minLr, and stops reducing once there', async () => {
    const { lrAfter } = await scripted({ patience: 1, minDelta: 10, minLr: 0.005 }, seq('val_loss', [5, 4, 3, 2])).run;
    expect(close(lrAfter)).toEqual(close([0.1, 0.01, 0.005, 0.005]));
  });

  it('an improvement smaller than minDelta does not reset the wait', async () => {
    const series = seq('val_loss', [1, 0.99995, 0.99993]);
    expect(close((await scripted({ patience: 2 }, series).run).lrAfter)).toEqual(close([0.1, 0.1, 0.01]));
    expect(close((await scripted({ patience: 2, minDelta: 0 }, series).run).lrAfter)).toEqual([0.1, 0.1, 0.1]);
  });

  it("watches accuracy in 'max' mode when monitor names it (auto)", async () => {
    const { lrAfter } = await scripted({ monitor: 'val_accuracy', patience: 2, factor: 0.5 }, seq('val_accuracy', [0.5, 0.6, 0.6, 0.55, 0.7, 0.7, 0.7])).run;
    expect(close(lrAfter)).toEqual(close([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025]));
  });

  it("an explicit mode 'max' on a loss inverts the rule", async () => {
    const { lrAfter } = await scripted({ mode: 'max', patience: 1, minDelta: 0 }, seq('val_loss', [1, 0.5])).run;
    expect(close(lrAfter)).toEqual([0.1, 0.01]);
  });

  it('writes the rate the epoch trained with into the logs as lr, before reducing', async () => {
    const { logs } = await scripted({ patience: 1, minDelta: 100 }, seq('val_loss', [5, 4, 3])).run;
    expect(close(logs.map((l) => l.lr))).toEqual(close([0.1, 0.1, 0.01]));
  });

  it('warns (once) and changes nothing when the monitored metric is missing', async () => {
    const warnings: string[] = [];
    const { lrAfter, logs } = await scripted({ patience: 0, warn: (m) => warnings.push(m) }, seq('loss', [3, 2, 1])).run;
    expect(lrAfter).toEqual([0.1, 0.1, 0.1]);
    expect(logs[0].lr).toBe(0.1);
    expect(warnings).toEqual(['Learning rate reduction is conditioned on metric `val_loss` which is not available. Available metrics are: loss,lr.']);
  });

  it('prints the new rate with verbose 1', async () => {
    const printed: string[] = [];
    await scripted({ patience: 1, minDelta: 100, verbose: 1, print: (m) => printed.push(m) }, seq('val_loss', [5, 4])).run;
    expect(printed).toEqual(['\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.010000000000000002.']);
  });

  it('resets its counters at onTrainBegin, so it can be reused', async () => {
    const model = tinyModel(tf.train.adam(0.1));
    const cb = new ReduceLROnPlateau({ patience: 2 });
    await runEpochs(model, [cb], seq('val_loss', [1, 2]));
    expect(cb.wait).toBe(1);
    await runEpochs(model, [cb], seq('val_loss', [3]));
    expect(cb.wait).toBe(0);
    expect(cb.best).toBe(3);
  });

  it('getState/setState: a killed run resumes with the same wait, cooldown, best and lr', async () => {
    const series = seq('val_loss', [5, 4, 4.5, 4.5, 4.2, 4.6, 4.7, 4.8, 4.9]);
    const args = { patience: 2, cooldown: 1, minDelta: 0 };
    const whole = await scripted(args, series).run;

    const first = scripted(args, series.slice(0, 5));
    const firstRun = await first.run;
    const state = JSON.parse(JSON.stringify(first.cb.getState()));
    expect(state).toEqual({ best: 4, wait: 1, cooldownCounter: 0, lr: expect.closeTo(0.01, 12) });

    const model = tinyModel(tf.train.adam(0.1)); // a fresh optimizer at the configured rate
    const resumed = new ReduceLROnPlateau(args);
    resumed.setState(state);
    const rest = await runEpochs(model, [resumed], series.slice(5), { initialEpoch: 5 });
    expect(close(whole.lrAfter)).toEqual(close([0.1, 0.1, 0.1, 0.01, 0.01, 0.001, 0.001, 0.0001, 0.0001]));
    expect(close([...firstRun.lrAfter, ...rest.lrAfter])).toEqual(close(whole.lrAfter));
  });

  it('refuses bad arguments with a clear error', () => {
    expect(() => new ReduceLROnPlateau({ factor: 1 })).toThrow(/does not support a factor >= 1.0/);
    expect(() => new ReduceLROnPlateau({ factor: -0.5 })).toThrow(/factor > 0/);
    expect(() => new ReduceLROnPlateau({ patience: -1 })).toThrow(/patience to be an integer >= 0/);
    expect(() => new ReduceLROnPlateau({ minLr: -1 })).toThrow(/minLr >= 0/);
  });

  it('fails at onTrainBegin when auto mode cannot read the monitor name', async () => {
    const cb = new ReduceLROnPlateau({ monitor: 'val_widgets' });
    cb.setModel(tinyModel());
    await expect(cb.onTrainBegin()).rejects.toThrow(/Pass mode 'max'/);
  });
});

describe('ReduceLROnPlateau inside model.fit', () => {
  it('reduces the real optimizer rate and the history records lr per epoch', async () => {
    const model = tinyModel(tf.train.adam(0.1));
    const { xs, ys } = tinyData();
    const history = await model.fit(xs, ys, {
      epochs: 3,
      batchSize: 8,
      validationData: [xs, ys],
      verbose: 0,
      callbacks: [new ReduceLROnPlateau({ patience: 1, minDelta: 100 })],
    });
    tf.dispose([xs, ys]);
    expect(close(history.history.lr as number[])).toEqual(close([0.1, 0.1, 0.01]));
    expect((model.optimizer as unknown as { learningRate: number }).learningRate).toBeCloseTo(0.001, 12);
  });
});
