/**
 * A gradient worker: its own tfjs engine and backend, a copy of the model, and a loop that waits for
 * the main thread's step signal, takes the current weights and its slice of the batch from shared
 * memory, and writes back its slice's gradients, loss and metric.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend, type BackendName } from '../../backend/index.js';
import type { TrainConfig } from '../config.js';
import { buildModel } from '../model-factory.js';
import { dropoutLayers, setDropoutCalls, setDropoutSlice } from '../step-state.js';
import { compileForLoss } from './compile.js';
import { Command, controlIndex, ERROR_BYTES, offsets, type SharedBuffers, type SharedLayout } from './shared-state.js';
import { sliceGradients, trainableVariables } from './slice-gradients.js';

export interface GradientWorkerData {
  index: number;
  config: TrainConfig;
  classes: number;
  backend: BackendName;
  threads?: number;
  layout: SharedLayout;
  buffers: SharedBuffers;
}

async function main(): Promise<void> {
  const { index, config, classes, backend, threads, layout, buffers } = workerData as GradientWorkerData;
  await selectBackend(backend, { threads, selfTest: false });
  const model = buildModel(config, classes);
  compileForLoss(model, classes);
  const variables = trainableVariables(model);
  const { starts } = offsets(layout.shapes);
  const control = new Int32Array(buffers.control);
  const weights = new Float32Array(buffers.weights);
  const grads = new Float32Array(buffers.grads[index]);
  const inputs = new Float32Array(buffers.inputs[index]);
  const labels = new Float32Array(buffers.labels[index]);
  const results = new Float64Array(buffers.results);
  // Read before saying ready: once the main thread hears it, it may post step 1 at any moment.
  let seen = Atomics.load(control, controlIndex.step);
  parentPort?.postMessage('ready');
  for (;;) {
    Atomics.wait(control, controlIndex.step, seen);
    seen = Atomics.load(control, controlIndex.step);
    if (Atomics.load(control, controlIndex.command) === Command.Stop) return;
    if (Atomics.load(control, controlIndex.size(index)) === 0) continue;
    try {
      const n = Atomics.load(control, controlIndex.size(index));
      const calls = Atomics.load(control, controlIndex.dropout(index));
      setDropoutCalls(model, dropoutLayers(model).map(() => calls));
      setDropoutSlice(model, { offset: Atomics.load(control, controlIndex.offset(index)), total: Atomics.load(control, controlIndex.total(index)) });
      tf.tidy(() => {
        variables.forEach((v, i) => v.assign(tf.tensor(weights.slice(starts[i], starts[i] + v.size), v.shape)));
        const xs = tf.tensor4d(inputs.slice(0, n * layout.inputSize), [n, ...(model.inputs[0].shape.slice(1) as [number, number, number])]);
        const ys = tf.tensor2d(labels.slice(0, n * layout.labelSize), [n, layout.labelSize]);
        const g = sliceGradients(model, xs, ys);
        g.grads.forEach((t, i) => grads.set(t.dataSync() as Float32Array, starts[i]));
        results[index * 2] = g.loss;
        results[index * 2 + 1] = g.metric;
      });
      Atomics.store(control, controlIndex.status(index), 0);
    } catch (err) {
      const text = new TextEncoder().encode(String(err instanceof Error ? (err.stack ?? err.message) : err)).slice(0, ERROR_BYTES);
      new Uint8Array(buffers.error).set(text);
      Atomics.store(control, controlIndex.status(index), 1);
    }
    Atomics.store(control, controlIndex.done(index), seen);
    Atomics.notify(control, controlIndex.done(index));
  }
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  // The main thread may be blocked waiting for this worker's step, deaf to messages: say it in shared memory too.
  const { index, buffers } = workerData as GradientWorkerData;
  const control = new Int32Array(buffers.control);
  new Uint8Array(buffers.error).set(new TextEncoder().encode(message).slice(0, ERROR_BYTES));
  Atomics.store(control, controlIndex.status(index), 2);
  Atomics.notify(control, controlIndex.done(index));
  parentPort?.postMessage({ error: message });
});
