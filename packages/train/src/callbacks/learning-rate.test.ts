import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { getLearningRate, LearningRateError, setLearningRate } from './learning-rate.js';
import { tinyData, tinyModel, useCpu, weightValues } from './tiny-model.test-helpers.js';

beforeAll(useCpu);

const OPTIMIZERS: [string, (lr: number) => tf.Optimizer][] = [
  ['sgd', (lr) => tf.train.sgd(lr)],
  ['momentum', (lr) => tf.train.momentum(lr, 0.9)],
  ['rmsprop', (lr) => tf.train.rmsprop(lr)],
  ['adam', (lr) => tf.train.adam(lr)],
  ['adagrad', (lr) => tf.train.adagrad(lr)],
  ['adadelta', (lr) => tf.train.adadelta(lr)],
  ['adamax', (lr) => tf.train.adamax(lr)],
];

async function step(model: tfl.LayersModel): Promise<void> {
  const { xs, ys } = tinyData();
  await model.trainOnBatch(xs, ys);
  tf.dispose([xs, ys]);
}

describe.each(OPTIMIZERS)('setLearningRate on %s', (_name, make) => {
  it('reads the rate and the next step uses a changed one', async () => {
    const reference = tinyModel(make(0.01));
    const changed = tinyModel(make(0.1));
    const unchanged = tinyModel(make(0.1));
    expect(getLearningRate(changed.optimizer)).toBe(0.1);
    setLearningRate(changed.optimizer, 0.01);
    expect(getLearningRate(changed.optimizer)).toBe(0.01);
    await Promise.all([step(reference), step(changed), step(unchanged)]);
    expect(weightValues(changed)).toEqual(weightValues(reference));
    expect(weightValues(unchanged)).not.toEqual(weightValues(reference));
  });

  it('a rate set to 0 mid-training freezes the weights from the next step on', async () => {
    const model = tinyModel(make(0.1));
    await step(model);
    const after1 = weightValues(model);
    setLearningRate(model.optimizer, 0);
    await step(model);
    expect(weightValues(model)).toEqual(after1);
  });
});

describe('learning-rate errors', () => {
  it('rejects a negative or non-finite rate, naming it', () => {
    const opt = tf.train.adam(0.01);
    expect(() => setLearningRate(opt, -1)).toThrow(LearningRateError);
    expect(() => setLearningRate(opt, Number.NaN)).toThrow(/finite number >= 0, got NaN/);
  });

  it('names an optimizer without a numeric rate', () => {
    expect(() => getLearningRate(undefined)).toThrow(/cannot read the learning rate of no optimizer/);
  });
});
