import { SeededDropout } from '@inkling/core/architectures';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** The model's seeded dropout layers, in layer order. */
export function dropoutLayers(model: tfl.LayersModel): SeededDropout[] {
  return model.layers.filter((l): l is SeededDropout => l instanceof SeededDropout);
}

/** How many training calls each dropout layer has made (saved with a checkpoint). */
export function dropoutCalls(model: tfl.LayersModel): number[] {
  return dropoutLayers(model).map((l) => l.calls);
}

export function setDropoutCalls(model: tfl.LayersModel, calls: readonly number[]): void {
  dropoutLayers(model).forEach((l, i) => {
    l.calls = calls[i] ?? 0;
  });
}

interface AdamInternals {
  beta1: number;
  beta2: number;
  accBeta1?: tf.Variable;
  accBeta2?: tf.Variable;
  iterations: number;
}

/**
 * Adam's bias corrections as training left them. tfjs's setWeights recomputes them as
 * pow(beta, iterations + 1), while training multiplies by beta once a step; the two differ in the last
 * bits, enough to make a resumed run drift from the uninterrupted one. A float32 product of two
 * float32 numbers is exact in a double before rounding, so Math.fround replays the backend's products
 * bit for bit.
 */
export function replayAdamBiasCorrections(optimizer: tf.Optimizer): void {
  const adam = optimizer as unknown as AdamInternals;
  if (!adam.accBeta1 || !adam.accBeta2 || typeof adam.beta1 !== 'number') return;
  const beta1 = Math.fround(adam.beta1);
  const beta2 = Math.fround(adam.beta2);
  let acc1 = beta1;
  let acc2 = beta2;
  for (let i = 0; i < adam.iterations; i++) {
    acc1 = Math.fround(acc1 * beta1);
    acc2 = Math.fround(acc2 * beta2);
  }
  tf.tidy(() => {
    adam.accBeta1?.assign(tf.scalar(acc1));
    adam.accBeta2?.assign(tf.scalar(acc2));
  });
}

/** Makes the dropout layers draw a whole batch's masks and keep rows [offset, offset + n) (undefined: their own). */
export function setDropoutSlice(model: tfl.LayersModel, slice: { offset: number; total: number } | undefined): void {
  for (const l of dropoutLayers(model)) l.batchSlice = slice;
}
