import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { lenet } from '@inkling/core/architectures';
import { selectBackend, type BackendChoice } from '../backend/index.js';
import { defaultSpec, trainConfigSchema } from '../training/config.js';
import { DataParallel } from '../training/parallel/data-parallel.js';
import { imagesPerSecond, median } from './stats.js';
import type { Shape3 } from './model-input.js';

/** One benchmark configuration, run in its own process (a WASM thread count is fixed per process). */
export interface CaseSpec {
  backend: Exclude<BackendChoice, 'auto'>;
  threads?: number;
  fastKernels?: boolean;
  /** Data-parallel workers (training's --workers); default 1. */
  workers?: number;
  inputShape: Shape3;
  batch: number;
  warmup: number;
  steps: number;
}

export interface CaseResult {
  detail: string;
  /** trainOnBatch images/s: median step after warm-up. */
  trainImagesPerSecond: number;
  /** predict images/s on the same batch. */
  inferImagesPerSecond: number;
  trainStepMs: number[];
}

/** Seeded inputs in [0, 1) and 0/1 labels. */
function batchOf(batch: number, [h, w, c]: Shape3): { x: tf.Tensor4D; y: tf.Tensor2D } {
  const x = tf.randomUniform([batch, h, w, c], 0, 1, 'float32', 1) as tf.Tensor4D;
  const y = tf.tensor2d(Array.from({ length: batch }, (_, i) => [i % 2]), [batch, 1]);
  return { x, y };
}

async function timeSteps(count: number, step: () => Promise<void>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await step();
    ms.push(performance.now() - start);
  }
  return ms;
}

export async function runCase(spec: CaseSpec): Promise<CaseResult> {
  const info = await selectBackend(spec.backend, { threads: spec.threads, fastKernels: spec.fastKernels });
  const model = lenet({ inputShape: spec.inputShape, seed: 1 });
  model.compile({ optimizer: tf.train.adam(), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const workers = spec.workers ?? 1;
  let parallel: DataParallel | undefined;
  if (workers > 1) {
    if (info.name !== 'wasm' && info.name !== 'cpu') throw new Error(`workers need the wasm or cpu backend, got ${info.name}`);
    const [h, , c] = spec.inputShape;
    const config = trainConfigSchema.parse({ data: 'bench', preprocess: defaultSpec(h, c === 3 ? 'rgb' : 'grayscale'), batchSize: spec.batch, workers });
    parallel = await DataParallel.start(model, { config, classes: 2, backend: info.name, threads: spec.threads, workers });
    parallel.install();
  }
  const { x, y } = batchOf(spec.batch, spec.inputShape);
  const train = async () => {
    await model.trainOnBatch(x, y);
  };
  const infer = async () => {
    const out = model.predict(x) as tf.Tensor;
    await out.data();
    out.dispose();
  };
  await timeSteps(spec.warmup, train);
  const trainStepMs = await timeSteps(spec.steps, train);
  await timeSteps(spec.warmup, infer);
  const inferMs = await timeSteps(spec.steps, infer);
  await parallel?.stop();
  return {
    detail: workers > 1 ? `${info.detail}, ${workers} workers` : info.detail,
    trainImagesPerSecond: imagesPerSecond(spec.batch, median(trainStepMs)),
    inferImagesPerSecond: imagesPerSecond(spec.batch, median(inferMs)),
    trainStepMs,
  };
}

// `node dist/bench/run-case.js '<CaseSpec JSON>'` prints one line of CaseResult JSON.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const spec = JSON.parse(process.argv[2] ?? '{}') as CaseSpec;
  console.log(JSON.stringify(await runCase(spec)));
}
