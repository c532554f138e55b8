import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HistoryRecorder } from './history-recorder.js';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';
import { runEpochs, tinyModel, useCpu } from './tiny-model.test-helpers.js';

let dir: string;
beforeAll(useCpu);
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inkling-history-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const strip = (rows: Record<string, number>[]) => rows.map(({ seconds, ...rest }) => (expect(seconds).toBeGreaterThanOrEqual(0), rest));

describe('HistoryRecorder', () => {
  it("records loss, accuracy (also tfjs's acc), val metrics and the optimizer's lr per epoch", async () => {
    const recorder = new HistoryRecorder();
    await runEpochs(tinyModel(tf.train.adam(0.003)), [recorder], [
      { loss: 0.7, acc: 0.5, val_loss: 0.8, val_acc: 0.4 },
      { loss: 0.6, accuracy: 0.6, val_loss: 0.7, val_accuracy: 0.5, size: 3 },
    ]);
    expect(strip(recorder.rows)).toEqual([
      { epoch: 1, loss: 0.7, accuracy: 0.5, val_loss: 0.8, val_accuracy: 0.4, lr: 0.003 },
      { epoch: 2, loss: 0.6, accuracy: 0.6, val_loss: 0.7, val_accuracy: 0.5, lr: 0.003 },
    ]);
  });

  it('records the rate each epoch trained with when ReduceLROnPlateau changes it', async () => {
    const recorder = new HistoryRecorder();
    const reduce = new ReduceLROnPlateau({ patience: 1, minDelta: 100 });
    await runEpochs(tinyModel(tf.train.adam(0.1)), [reduce, recorder], [{ val_loss: 3 }, { val_loss: 2 }, { val_loss: 1 }]);
    expect(recorder.rows.map((r) => r.lr)).toEqual([0.1, 0.1, expect.closeTo(0.01, 12)]);
  });

  it('leaves out what was not logged, and writes the rows to its path after every epoch', async () => {
    const path = join(dir, 'history.json');
    const recorder = new HistoryRecorder({ path });
    await runEpochs(tinyModel(), [recorder], [{ loss: 0.5 }]);
    const written = JSON.parse(await readFile(path, 'utf8')) as Record<string, number>[];
    expect(strip(written)).toEqual([{ epoch: 1, loss: 0.5, lr: 0.01 }]);
  });

  it('resumes from getState, replacing the epochs trained again', async () => {
    const first = new HistoryRecorder();
    await runEpochs(tinyModel(), [first], [{ loss: 3 }, { loss: 2 }, { loss: 1.5 }]);
    const resumed = new HistoryRecorder({ keys: ['loss'] });
    resumed.setState(JSON.parse(JSON.stringify(first.getState())));
    await runEpochs(tinyModel(), [resumed], [{ loss: 1.2 }, { loss: 1 }], { initialEpoch: 2 });
    expect(resumed.rows.map((r) => [r.epoch, r.loss])).toEqual([[1, 3], [2, 2], [3, 1.2], [4, 1]]);
  });

  it('gives the Keras History shape', async () => {
    const recorder = new HistoryRecorder({ keys: ['loss', 'val_loss'] });
    await runEpochs(tinyModel(), [recorder], [{ loss: 2 }, { loss: 1, val_loss: 1.5 }]);
    expect(recorder.toKerasHistory()).toEqual({ epoch: [0, 1], history: { loss: [2, 1], val_loss: [null, 1.5] } });
  });
});
