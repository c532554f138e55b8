import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { resolveLogs, type UnresolvedLogs } from '../callbacks/index.js';

type Logs = Record<string, number | tf.Tensor | unknown>;

const RENAMES: [string, string][] = [
  ['acc', 'accuracy'],
  ['val_acc', 'val_accuracy'],
];

/**
 * Turns the scalar tensors tfjs puts in logs into numbers (disposing them, as tfjs's own
 * resolveScalarsInLogs does) and renames tfjs's keys to Keras's, in place.
 */
export async function kerasNames(logs?: Logs): Promise<void> {
  if (!logs) return;
  await resolveLogs(logs as UnresolvedLogs);
  for (const [from, to] of RENAMES) {
    if (from in logs && !(to in logs)) {
      logs[to] = logs[from];
      delete logs[from];
    }
  }
}

/**
 * tfjs hands callbacks logs of scalar tensors, and names the 'accuracy' metric `acc`/`val_acc`;
 * Keras callbacks (ours) expect numbers named `accuracy`/`val_accuracy`. Put this callback first:
 * the logs object is shared by every callback after it.
 */
export class KerasMetricNames extends tfl.Callback {
  override async onBatchEnd(_batch: number, logs?: Logs): Promise<void> {
    await kerasNames(logs);
  }

  override async onEpochEnd(_epoch: number, logs?: Logs): Promise<void> {
    await kerasNames(logs);
  }
}
