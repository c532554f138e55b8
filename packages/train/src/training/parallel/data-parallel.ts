import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { BackendName } from '../../backend/index.js';
import { workerUrl } from '../../util/worker-url.js';
import type { TrainConfig } from '../config.js';
import { dropoutLayers, setDropoutSlice } from '../step-state.js';
import type { GradientWorkerData } from './gradient-worker.js';
import { allocate, Command, controlIndex, offsets, sizeOf, sliceSizes, type SharedBuffers, type SharedLayout } from './shared-state.js';
import { compiledModel, sliceGradients, trainableVariables } from './slice-gradients.js';

/** How long the main thread waits for a worker's step before it calls the worker lost. */
const STEP_TIMEOUT_MS = 10 * 60 * 1000;

export class DataParallelError extends Error {
  override readonly name = 'DataParallelError';
}

export interface DataParallelOptions {
  config: TrainConfig;
  classes: number;
  backend: BackendName;
  threads?: number;
  workers: number;
}

/**
 * Data-parallel training for a compiled LayersModel: the main thread's engine is worker 0, and
 * workers 1…N-1 are threads with their own engine and a copy of the model. Each step splits the
 * batch into N slices (sliceSizes), every engine computes its slice's gradients from the same
 * weights, the main thread sums them weighted by slice size in worker order (a fixed order, so the
 * same seed and worker count give the same run), applies one optimizer step and publishes the new
 * weights in shared memory. Seeded dropout draws the whole batch's masks in every engine and keeps
 * its slice's rows, so N engines drop what one would and differ from it only by float rounding.
 * `install` swaps the model's train function, so fitDataset, its callbacks,
 * checkpoints and resume work as with one engine.
 */
export class DataParallel {
  private readonly threads: Worker[] = [];
  private readonly control: Int32Array;
  private readonly weights: Float32Array;
  private readonly starts: number[];
  private step = 0;

  private constructor(
    private readonly model: tfl.LayersModel,
    private readonly layout: SharedLayout,
    private readonly buffers: SharedBuffers,
  ) {
    this.control = new Int32Array(buffers.control);
    this.weights = new Float32Array(buffers.weights);
    this.starts = offsets(layout.shapes).starts;
  }

  static async start(model: tfl.LayersModel, options: DataParallelOptions): Promise<DataParallel> {
    const inputShape = model.inputs[0].shape.slice(1) as number[];
    const labelSize = (model.outputs[0].shape.slice(1) as number[]).reduce((a, b) => a * b, 1);
    const layout: SharedLayout = {
      workers: options.workers,
      shapes: trainableVariables(model).map((v) => v.shape),
      inputSize: sizeOf(inputShape),
      labelSize,
      maxSlice: Math.ceil(options.config.batchSize / options.workers),
    };
    const dp = new DataParallel(model, layout, allocate(layout));
    const url = workerUrl(import.meta.url, './gradient-worker.js');
    const ready: Promise<void>[] = [];
    for (let index = 1; index < options.workers; index++) {
      const data: GradientWorkerData = { index, config: options.config, classes: options.classes, backend: options.backend, threads: options.threads, layout, buffers: dp.buffers };
      const worker = new Worker(url, { workerData: data });
      dp.threads.push(worker);
      ready.push(
        new Promise((resolve, reject) => {
          worker.once('message', (m: unknown) => (m === 'ready' ? resolve() : reject(new DataParallelError(`gradient worker ${index} failed to start: ${(m as { error?: string }).error ?? String(m)}`))));
          worker.once('error', (err) => reject(new DataParallelError(`gradient worker ${index} failed to start: ${err.message}`)));
        }),
      );
    }
    try {
      await Promise.all(ready);
    } catch (err) {
      await dp.stop();
      throw err;
    }
    return dp;
  }

  /** Steps taken through the workers so far. */
  get steps(): number {
    return this.step;
  }

  /** Makes fit and fitDataset train through the workers. */
  install(): void {
    const model = compiledModel(this.model) as unknown as { makeTrainFunction: () => (data: tf.Tensor[]) => tf.Scalar[] };
    model.makeTrainFunction = () => (data) => this.trainStep(data[0], data[1]);
  }

  private publishWeights(variables: tf.Variable[]): void {
    variables.forEach((v, i) => this.weights.set(v.dataSync() as Float32Array, this.starts[i]));
  }

  /** One optimizer step on a batch; returns [loss, metric] as fitDataset's train function does. */
  trainStep(xs: tf.Tensor, ys: tf.Tensor): tf.Scalar[] {
    const variables = trainableVariables(this.model);
    const n = xs.shape[0];
    const sizes = sliceSizes(n, this.layout.workers);
    const dropout = dropoutLayers(this.model);
    const calls = dropout[0]?.calls ?? 0;
    this.publishWeights(variables);

    const xData = xs.dataSync() as Float32Array;
    const yData = ys.dataSync() as Float32Array;
    const seq = ++this.step;
    let start = sizes[0];
    for (let w = 1; w < this.layout.workers; w++) {
      const size = sizes[w];
      Atomics.store(this.control, controlIndex.size(w), size);
      Atomics.store(this.control, controlIndex.dropout(w), calls);
      Atomics.store(this.control, controlIndex.offset(w), start);
      Atomics.store(this.control, controlIndex.total(w), n);
      new Float32Array(this.buffers.inputs[w]).set(xData.subarray(start * this.layout.inputSize, (start + size) * this.layout.inputSize));
      new Float32Array(this.buffers.labels[w]).set(yData.subarray(start * this.layout.labelSize, (start + size) * this.layout.labelSize));
      start += size;
    }
    Atomics.store(this.control, controlIndex.command, Command.Step);
    Atomics.store(this.control, controlIndex.step, seq);
    Atomics.notify(this.control, controlIndex.step);

    // The main engine's own slice, while the workers compute theirs.
    setDropoutSlice(this.model, { offset: 0, total: n });
    const [xs0, ys0] = [tf.slice(xs, 0, sizes[0]), tf.slice(ys, 0, sizes[0])];
    const own = sliceGradients(this.model, xs0, ys0);
    tf.dispose([xs0, ys0]);
    setDropoutSlice(this.model, undefined);
    this.waitForWorkers(seq, sizes);

    const results = new Float64Array(this.buffers.results);
    let loss = (sizes[0] / n) * own.loss;
    let metric = (sizes[0] / n) * own.metric;
    for (let w = 1; w < this.layout.workers; w++) {
      if (sizes[w] === 0) continue;
      loss += (sizes[w] / n) * results[w * 2];
      metric += (sizes[w] / n) * results[w * 2 + 1];
    }
    const combined = tf.tidy(() =>
      variables.map((v, i) => {
        let g = tf.mul(own.grads[i], sizes[0] / n);
        for (let w = 1; w < this.layout.workers; w++) {
          if (sizes[w] === 0) continue;
          const part = new Float32Array(this.buffers.grads[w], this.starts[i] * 4, v.size).slice();
          g = tf.add(g, tf.mul(tf.tensor(part, v.shape), sizes[w] / n));
        }
        return g;
      }),
    );
    tf.dispose(own.grads);
    this.model.optimizer.applyGradients(Object.fromEntries(variables.map((v, i) => [v.name, combined[i]])));
    tf.dispose(combined);
    return [tf.scalar(loss), tf.scalar(metric)];
  }

  /** Waits (blocking: the step is synchronous in fit) for each worker's step; status 2 is a worker that died. */
  private waitForWorkers(seq: number, sizes: number[]): void {
    for (let w = 1; w < this.layout.workers; w++) {
      if (sizes[w] === 0) continue;
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      while (Atomics.load(this.control, controlIndex.done(w)) !== seq) {
        if (Atomics.load(this.control, controlIndex.status(w)) === 2) break;
        const left = deadline - Date.now();
        if (left <= 0) throw new DataParallelError(`gradient worker ${w} did not finish step ${seq} within ${STEP_TIMEOUT_MS / 1000} s`);
        Atomics.wait(this.control, controlIndex.done(w), Atomics.load(this.control, controlIndex.done(w)), Math.min(left, 1000));
      }
      if (Atomics.load(this.control, controlIndex.status(w)) !== 0) {
        const text = new TextDecoder().decode(new Uint8Array(this.buffers.error).slice()).replace(/\0+$/, '');
        throw new DataParallelError(`gradient worker ${w} failed: ${text}`);
      }
    }
  }

  async stop(): Promise<void> {
    Atomics.store(this.control, controlIndex.command, Command.Stop);
    Atomics.add(this.control, controlIndex.step, 1);
    Atomics.notify(this.control, controlIndex.step);
    await Promise.all(this.threads.map((t) => t.terminate()));
  }
}
