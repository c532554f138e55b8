import { parsePreprocessSpec, type ModelCard } from '@inkling/core';
import { countParams } from '@inkling/core/architectures';
import { describeAugmentOptions, ImageDataGenerator } from '@inkling/core/augment';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { backendLabel, selectBackend, type BackendInfo } from '../backend/index.js';
import type { HistoryRow } from '../callbacks/index.js';
import { prefillCaches } from '../data/parallel-preprocess.js';
import { writeReport } from '../report/index.js';
import { writeJsonAtomic } from '../util/atomic.js';
import { makeCallbacks } from './callbacks.js';
import type { TrainConfig } from './config.js';
import { classCounts, examplesDirOf, loadDataSplit } from './data-split.js';
import { finishRun, type NamedEvaluation } from './finish.js';
import { fitTransfer } from './fit-transfer.js';
import { buildModel } from './model-factory.js';
import { EpochClock } from './epoch-clock.js';
import { KillSwitch } from './kill-switch.js';
import { DataParallel } from './parallel/data-parallel.js';
import { adoptCheckpoint, loadResume, restoreCallbacks, ResumeCheckpoint } from './resume.js';
import { RunFolder } from './run-folder.js';

export interface TrainOptions {
  config: TrainConfig;
  /** Folder that gets a new run folder (ignored when resuming). */
  out: string;
  /** A run folder to continue from its last checkpoint. */
  resume?: string;
  /** The command line, recorded in the card. */
  command?: string;
}

export interface TrainResult {
  run: RunFolder;
  card: ModelCard;
  history: HistoryRow[];
  evaluations: NamedEvaluation[];
}

function logModel(run: RunFolder, config: TrainConfig, model: tfl.LayersModel): void {
  const params = countParams(model);
  const [h, w, c] = (model.inputs[0].shape as number[]).slice(1);
  run.logLine(`model: ${config.model}, input ${h}x${w}x${c}, ${params.trainable.toLocaleString('en-US')} trainable and ${params.nonTrainable.toLocaleString('en-US')} non-trainable parameters`);
}

function compile(model: tfl.LayersModel, classes: number, learningRate: number): void {
  model.compile({ optimizer: tf.train.adam(learningRate), loss: classes === 2 ? 'binaryCrossentropy' : 'categoricalCrossentropy', metrics: ['accuracy'] });
}

/** Data-parallel workers for the backends that can have several engines (wasm, cpu); the rest train on one. */
async function startWorkers(run: RunFolder, config: TrainConfig, backend: BackendInfo, model: tfl.LayersModel, classes: number): Promise<DataParallel | undefined> {
  if (config.workers === 1) return undefined;
  if (backend.name !== 'wasm' && backend.name !== 'cpu') {
    run.logLine(`workers: 1 (the ${backend.name} backend trains on one engine; --workers applies to wasm and cpu)`);
    return undefined;
  }
  const parallel = await DataParallel.start(model, { config, classes, backend: backend.name, threads: backend.threads, workers: config.workers });
  parallel.install();
  run.logLine(`workers: ${config.workers} (data-parallel: each computes the gradients of a slice of every batch)`);
  return parallel;
}

/**
 * Trains a model as the config says and leaves a run folder (see RunFolder): config, best model with
 * its card, graph export, history (JSON and CSV), metrics, log, and a last checkpoint to resume from.
 */
export async function train({ config, out, resume, command }: TrainOptions): Promise<TrainResult> {
  // The backend first: one that cannot start leaves no run folder behind.
  const backend = await selectBackend(config.backend, { threads: config.threads });
  const run = resume ? new RunFolder(resume) : RunFolder.create(out, config.model);
  if (!resume) await writeJsonAtomic(run.config, { ...config, backendUsed: backendLabel(backend) });
  run.logLine(resume ? `resuming run ${run.dir}` : `run folder: ${run.dir}`);
  run.logLine(`backend: ${backend.detail}`);

  const spec = parsePreprocessSpec(config.preprocess);
  const data = await loadDataSplit(config, spec, undefined, true, (m) => run.logLine(`warning: ${m}`));
  const labels = data.train.labels;
  run.logLine(`data: ${data.train.samples.length} training images ${JSON.stringify(classCounts(data.train))}, ${data.validation.samples.length} validation (${data.validationSource}); classes ${labels.join(', ')}`);

  const resumed = resume ? await loadResume(run) : undefined;
  if (resumed) run.logLine(`continuing after epoch ${resumed.state.epochsDone} of ${config.epochs}`);

  // Preprocessing on worker threads fills the cache LeNet trains from; VGG16 computes its features on its own.
  if (config.workers > 1 && config.model === 'lenet') {
    const started = performance.now();
    const images = config.stepsPerEpoch ? config.stepsPerEpoch * config.batchSize : data.train.samples.length;
    await prefillCaches([{ iterator: data.train, epoch: resumed?.state.epochsDone ?? 0, images }, { iterator: data.validation, epoch: 0 }], config.workers);
    run.logLine(`preprocessed ${Math.min(images, data.train.samples.length) + data.validation.samples.length} images on ${config.workers} worker threads in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const augmenter = new ImageDataGenerator(config.augment);
  run.logLine(augmenter.isIdentity ? 'augmentation: none' : `augmentation: ${describeAugmentOptions(augmenter.options).join('; ')}`);
  // One seeded stream per (epoch, batch): a resumed run draws the same augmentations.
  const augment = augmenter.isIdentity ? undefined : (xs: tf.Tensor4D, epoch: number, batch: number) => augmenter.flow(xs, { seed: config.seed, step: epoch * 1_000_003 + batch });

  const batchesPerEpoch = config.stepsPerEpoch ?? data.train.stepsPerEpoch;
  const callbacks = makeCallbacks(config, run, { batchesPerEpoch, epochs: config.epochs }, (line) => run.logLine(line, false));
  if (resumed) await restoreCallbacks(callbacks, resumed.state, run);

  let model: tfl.LayersModel;
  if (config.model === 'vgg16') {
    model = await fitTransfer({ config, run, data, callbacks, augment, resumed });
  } else {
    model = buildModel(config, labels.length);
    compile(model, labels.length, config.learningRate);
    if (resumed) await adoptCheckpoint(model, resumed);
    logModel(run, config, model);
    const initialEpoch = resumed?.state.epochsDone ?? 0;
    if (initialEpoch < config.epochs) {
      const parallel = await startWorkers(run, config, backend, model, labels.length);
      const clock = new EpochClock(initialEpoch);
      const kill = KillSwitch.fromEnv();
      try {
        await model.fitDataset(data.train.toDataset(augment, () => clock.epoch, config.stepsPerEpoch), {
          epochs: config.epochs,
          initialEpoch,
          validationData: data.validation.toDataset(),
          callbacks: [clock, ...callbacks.list, new ResumeCheckpoint(run, callbacks), ...(kill ? [kill] : [])],
          verbose: 0,
        });
      } finally {
        await parallel?.stop();
      }
    }
  }
  for (const row of callbacks.history.rows) {
    run.logLine(`epoch ${row.epoch}: loss ${row.loss.toFixed(4)} accuracy ${row.accuracy.toFixed(4)} val_loss ${row.val_loss.toFixed(4)} val_accuracy ${row.val_accuracy.toFixed(4)} lr ${row.lr}`, false);
  }
  const bestEpoch = callbacks.earlyStopping.getState().bestEpoch + 1;
  const epochsRun = callbacks.history.rows.length;

  // EarlyStopping has restored the best weights: what is scored, saved and exported is the best model.
  const { card, evaluations } = await finishRun({ run, config, model, spec, data, epochsRun, bestEpoch, backend: backendLabel(backend), command });
  const [trainEval, valEval] = evaluations;
  run.logLine(`best epoch ${bestEpoch} of ${epochsRun}: training accuracy ${(trainEval.result.accuracy * 100).toFixed(2)}%, validation accuracy ${(valEval.result.accuracy * 100).toFixed(2)}%`);
  const report = await writeReport({
    outDir: run.report,
    card,
    history: callbacks.history.rows,
    evaluations,
    config,
    examplesDir: examplesDirOf(config.data),
    onProgress: (line) => run.logLine(line, false),
  });
  run.logLine(`saved: ${run.model} (layers model and card), ${run.graph} (graph model and card), ${report.index} (report)`);
  callbacks.earlyStopping.dispose();
  return { run, card, history: callbacks.history.rows, evaluations };
}
