import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { duration, ProgbarLogger, type ProgbarLoggerArgs } from './progbar-logger.js';
import { tinyModel, useCpu } from './tiny-model.test-helpers.js';

beforeAll(useCpu);

class FakeStream {
  chunks: string[] = [];
  columns = 160;
  constructor(readonly isTTY: boolean) {}
  write(text: string): boolean {
    this.chunks.push(text);
    return true;
  }
  get text(): string {
    return this.chunks.join('');
  }
}

/** Drives two epochs of 4 batches of 8 images, each batch taking one (fake) second. */
async function drive(stream: FakeStream, args: Partial<ProgbarLoggerArgs> = {}, epochs = 2): Promise<ProgbarLogger> {
  let clock = 0;
  const bar = new ProgbarLogger({ batchesPerEpoch: 4, batchSize: 8, stream, now: () => clock, ...args });
  bar.setModel(tinyModel(tf.train.adam(0.001)));
  bar.setParams({ epochs });
  await bar.onTrainBegin();
  for (let epoch = 0; epoch < epochs; epoch++) {
    await bar.onEpochBegin(epoch);
    for (let batch = 0; batch < 4; batch++) {
      clock += 1000;
      await bar.onBatchEnd(batch, { batch, size: 8, loss: tf.scalar(0.9 - batch / 10), acc: tf.scalar(0.5) });
    }
    await bar.onEpochEnd(epoch, { loss: 0.75 - epoch / 10, acc: 0.625, val_loss: 0.5, val_acc: 0.875 });
  }
  await bar.onTrainEnd();
  return bar;
}

describe('ProgbarLogger', () => {
  it('prints one plain line per epoch when the output is not a terminal', async () => {
    const stream = new FakeStream(false);
    await drive(stream);
    expect(stream.text).toBe(
      'epoch 1/2  loss 0.7500  accuracy 0.6250  val_loss 0.5000  val_accuracy 0.8750  lr 1.00e-3  4.0 s\n' +
        'epoch 2/2  loss 0.6500  accuracy 0.6250  val_loss 0.5000  val_accuracy 0.8750  lr 1.00e-3  4.0 s\n',
    );
  });

  it('draws a bar per epoch on a terminal: batch n/N, loss, accuracy, images/s, time left', async () => {
    const stream = new FakeStream(true);
    await drive(stream);
    const text = stream.text;
    expect(text).toContain('Epoch 1/2');
    expect(text).toContain('Epoch 2/2');
    // the last frame: all batches, the epoch's averages, 32 images in 4 s
    expect(text).toMatch(/4\/4 \| loss 0\.7500 \| accuracy 0\.6250 \| 8 img\/s \| 0s left/);
    expect(text).toContain('  val_loss 0.5000  val_accuracy 0.8750  lr 1.00e-3  4.0 s\n');
    expect(text).not.toContain('epoch 1/2  loss');
  });

  it('shows a partial frame with the time left while the epoch runs', async () => {
    const stream = new FakeStream(true);
    let clock = 0;
    const bar = new ProgbarLogger({ batchesPerEpoch: 10, batchSize: 4, stream, now: () => clock, tty: true });
    bar.setModel(tinyModel());
    await bar.onEpochBegin(0);
    clock = 2000;
    await bar.onBatchEnd(0, { size: 4, loss: 0.25 });
    await bar.onTrainEnd(); // stopped mid-epoch: the bar is closed and shows where it was
    expect(stream.text).toMatch(/1\/10 \| loss 0\.2500 \| accuracy - \| 2 img\/s \| 18s left/);
  });

  it('refuses a missing batch count', () => {
    expect(() => new ProgbarLogger({ batchesPerEpoch: 0, batchSize: 8 })).toThrow(/batchesPerEpoch to be an integer > 0/);
  });

  it('formats durations compactly', () => {
    expect([duration(8.2), duration(75), duration(3725)]).toEqual(['8s', '1m15s', '1h02m']);
  });
});
