import * as tf from '@tensorflow/tfjs-core';

/** What tfjs hands callbacks: numbers, or scalar tensors it has not read back yet. */
export type UnresolvedLogs = Record<string, number | tf.Tensor>;
export type Logs = Record<string, number>;

/**
 * Reads every scalar tensor in `logs` into a number, in place, and disposes the tensor (as tfjs's own
 * unexported resolveScalarsInLogs does). Every later callback then sees numbers; tfjs skips numbers
 * when it disposes a batch's logs, so nothing leaks or is freed twice.
 */
export async function resolveLogs(logs: UnresolvedLogs | undefined): Promise<Logs> {
  if (!logs) return {};
  const pending: [string, tf.Tensor][] = [];
  for (const [key, value] of Object.entries(logs)) {
    if (value instanceof tf.Tensor) pending.push([key, value]);
  }
  const values = await Promise.all(pending.map(([, t]) => t.data()));
  pending.forEach(([key, t], i) => {
    logs[key] = values[i][0];
    t.dispose();
  });
  return logs as Logs;
}

/**
 * tfjs logs the metric compiled as 'accuracy' under `acc`/`val_acc`, Keras under
 * `accuracy`/`val_accuracy`; a callback asked for one name accepts the other.
 */
const ALIASES: Record<string, string> = {
  accuracy: 'acc',
  acc: 'accuracy',
  val_accuracy: 'val_acc',
  val_acc: 'val_accuracy',
};

/** The number logged under `name` (or its tfjs/Keras alias), or undefined when neither is there. */
export function logValue(logs: Logs, name: string): number | undefined {
  const value = logs[name] ?? (ALIASES[name] !== undefined ? logs[ALIASES[name]] : undefined);
  return typeof value === 'number' ? value : undefined;
}

/** Prints a callback's message; a function so tests and the trainer's log file can take it. */
export type Printer = (message: string) => void;
export const printToConsole: Printer = (message) => console.log(message);
