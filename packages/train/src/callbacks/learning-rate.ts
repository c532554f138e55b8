import type * as tf from '@tensorflow/tfjs-core';

/**
 * tfjs's optimizers keep the learning rate in a protected `learningRate` number that every step reads
 * (Adam, RMSProp, Adagrad, Adadelta, Adamax read `this.learningRate`); SGD and Momentum also cache
 * `-learningRate` as a tensor, which only their public `setLearningRate` refreshes.
 */
interface WithLearningRate {
  learningRate?: unknown;
  setLearningRate?: (lr: number) => void;
}

export class LearningRateError extends Error {
  override readonly name = 'LearningRateError';
}

/** The optimizer's current learning rate. */
export function getLearningRate(optimizer: tf.Optimizer | undefined | null): number {
  const lr = (optimizer as WithLearningRate | null | undefined)?.learningRate;
  if (typeof lr !== 'number' || !Number.isFinite(lr)) {
    const name = optimizer ? optimizer.getClassName() : 'no optimizer';
    throw new LearningRateError(`cannot read the learning rate of ${name}: the model must be compiled with a tfjs optimizer that has a numeric learningRate`);
  }
  return lr;
}

/** Changes the optimizer's learning rate in place; the next training step uses it. */
export function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  if (!(lr >= 0) || !Number.isFinite(lr)) throw new LearningRateError(`learning rate must be a finite number >= 0, got ${lr}`);
  getLearningRate(optimizer); // the same clear error when the optimizer has none
  const o = optimizer as WithLearningRate;
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}
