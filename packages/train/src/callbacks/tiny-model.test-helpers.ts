import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** The CPU backend: tests must not depend on which faster backend loads. */
export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

/** A 4→3→1 sigmoid model: trains in milliseconds, enough for callbacks to act on. */
export function tinyModel(optimizer: tf.Optimizer | string = tf.train.adam(0.01), seed = 1): tfl.LayersModel {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [4], units: 3, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed }) }),
      tfl.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 1 }) }),
    ],
  });
  model.compile({ optimizer, loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** 32 fixed samples of a separable problem (label: sum of features > 0). */
export function tinyData(n = 32): { xs: tf.Tensor2D; ys: tf.Tensor2D } {
  const x: number[][] = [];
  const y: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = [0, 1, 2, 3].map((j) => Math.sin(i * 1.7 + j * 2.3));
    x.push(row);
    y.push([row.reduce((a, b) => a + b, 0) > 0 ? 1 : 0]);
  }
  return { xs: tf.tensor2d(x), ys: tf.tensor2d(y) };
}

/** The model's weights as plain arrays, for comparisons that outlive the tensors. */
export function weightValues(model: tfl.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

export interface ScriptedRun {
  /** The logs each epoch's callbacks saw (with whatever they added, e.g. lr). */
  logs: Record<string, number>[];
  /** The optimizer's learning rate after each epoch's onEpochEnd. */
  lrAfter: number[];
  /** Index of the epoch after which stopTraining was set, or -1. */
  stoppedAt: number;
}

/**
 * Drives callbacks through a scripted sequence of epoch logs, as Keras's own callback tests do:
 * onTrainBegin, then onEpochBegin/onEpochEnd per epoch (stopping when a callback sets
 * model.stopTraining), then onTrainEnd. `beforeEpochEnd` lets a test change the weights first.
 */
export async function runEpochs(
  model: tfl.LayersModel,
  callbacks: tfl.Callback[],
  series: Record<string, number>[],
  options: { initialEpoch?: number; beforeEpochEnd?: (epoch: number) => void | Promise<void> } = {},
): Promise<ScriptedRun> {
  const run: ScriptedRun = { logs: [], lrAfter: [], stoppedAt: -1 };
  for (const cb of callbacks) {
    cb.setModel(model);
    cb.setParams({ epochs: series.length + (options.initialEpoch ?? 0), initialEpoch: options.initialEpoch ?? 0 });
  }
  for (const cb of callbacks) await cb.onTrainBegin();
  model.stopTraining = false;
  for (let i = 0; i < series.length; i++) {
    const epoch = i + (options.initialEpoch ?? 0);
    for (const cb of callbacks) await cb.onEpochBegin(epoch);
    await options.beforeEpochEnd?.(epoch);
    const logs = { ...series[i] };
    for (const cb of callbacks) await cb.onEpochEnd(epoch, logs);
    run.logs.push(logs);
    run.lrAfter.push((model.optimizer as unknown as { learningRate: number }).learningRate);
    if (model.stopTraining) {
      run.stoppedAt = epoch;
      break;
    }
  }
  for (const cb of callbacks) await cb.onTrainEnd();
  return run;
}

/** `{ [key]: v }` per value: a scripted metric sequence. */
export function seq(key: string, values: number[]): Record<string, number>[] {
  return values.map((v) => ({ [key]: v }));
}

/** Sets every weight of the model to `value`, so the weights say which epoch they come from. */
export function markWeights(model: tfl.LayersModel, value: number): void {
  const filled = model.weights.map((w) => tf.fill(w.shape as number[], value));
  model.setWeights(filled);
  tf.dispose(filled);
}
