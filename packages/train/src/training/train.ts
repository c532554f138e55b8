import { gzipSync } from 'node:zlib';
import { parsePreprocessSpec, sha256Hex, type ModelCard } from '@inkling/core';
import { countParams } from '@inkling/core/architectures';
import { describeAugmentOptions, ImageDataGenerator } from '@inkling/core/augment';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { selectBackend } from '../backend/index.js';
import { evaluate, readArtifacts, type EvaluationResult } from '../evaluate/index.js';
import { toGraphModel, writeGraphModel } from '../export/index.js';
import { writeJsonAtomic } from '../util/atomic.js';
import { buildCard } from './card.js';
import type { TrainConfig } from './config.js';
import { classCounts, loadDataSplit } from './data-split.js';
import { KerasMetricNames } from './metric-names.js';
import { buildModel } from './model-factory.js';
import { RunFolder } from './run-folder.js';
import { saveLayersModel } from './save-model.js';

export interface TrainOptions {
  config: TrainConfig;
  /** Folder that gets a new run folder. */
  out: string;
  /** The command line, recorded in the card. */
  command?: string;
}

export interface HistoryRow {
  epoch: number;
  loss: number;
  accuracy: number;
  val_loss: number;
  val_accuracy: number;
  lr: number;
  seconds: number;
}

export interface TrainResult {
  run: RunFolder;
  card: ModelCard;
  history: HistoryRow[];
  evaluations: { name: string; dataDir: string; result: EvaluationResult }[];
}

/** Records each epoch's logs and prints one line per epoch. */
class EpochRecorder extends tfl.Callback {
  readonly rows: HistoryRow[] = [];
  private started = 0;
  constructor(
    private readonly run: RunFolder,
    private readonly optimizer: tf.Optimizer,
    private readonly epochs: number,
  ) {
    super();
  }
  override async onEpochBegin(): Promise<void> {
    this.started = performance.now();
  }
  override async onEpochEnd(epoch: number, logs?: Record<string, unknown>): Promise<void> {
    const num = (k: string) => (typeof logs?.[k] === 'number' ? (logs[k] as number) : Number.NaN);
    const lr = (this.optimizer as unknown as { learningRate: number }).learningRate;
    const row: HistoryRow = { epoch: epoch + 1, loss: num('loss'), accuracy: num('accuracy'), val_loss: num('val_loss'), val_accuracy: num('val_accuracy'), lr, seconds: (performance.now() - this.started) / 1000 };
    this.rows.push(row);
    this.run.logLine(
      `epoch ${row.epoch}/${this.epochs}  loss ${row.loss.toFixed(4)}  accuracy ${row.accuracy.toFixed(4)}  val_loss ${row.val_loss.toFixed(4)}  val_accuracy ${row.val_accuracy.toFixed(4)}  lr ${lr.toExponential(1)}  ${row.seconds.toFixed(1)} s`,
    );
  }
}

/** Saves the model whenever the monitored metric improves (max mode). */
class BestSaver extends tfl.Callback {
  best = -Infinity;
  bestEpoch = -1;
  constructor(
    private readonly run: RunFolder,
    private readonly monitor: string,
  ) {
    super();
  }
  override async onEpochEnd(epoch: number, logs?: Record<string, unknown>): Promise<void> {
    const v = logs?.[this.monitor];
    if (typeof v !== 'number' || !(v > this.best)) return;
    this.best = v;
    this.bestEpoch = epoch + 1;
    await saveLayersModel(this.model as unknown as tfl.LayersModel, this.run.model);
  }
}

/**
 * Trains a model as the config says and leaves a run folder: config, best model with its card,
 * history, metrics, log, and the best model exported as a graph model.
 */
export async function train({ config, out, command }: TrainOptions): Promise<TrainResult> {
  const run = RunFolder.create(out, config.model);
  await writeJsonAtomic(run.config, config);
  run.logLine(`run folder: ${run.dir}`);
  const backend = await selectBackend(config.backend);
  run.logLine(`backend: ${backend.detail}`);

  const spec = parsePreprocessSpec(config.preprocess);
  const data = await loadDataSplit(config, spec, undefined, true, (m) => run.logLine(`warning: ${m}`));
  const labels = data.train.labels;
  run.logLine(`data: ${data.train.samples.length} training images (${JSON.stringify(classCounts(data.train))}), ${data.validation.samples.length} validation (${data.validationSource}); classes ${labels.join(', ')}`);

  const model = buildModel(config, labels.length);
  const optimizer = tf.train.adam(config.learningRate);
  model.compile({ optimizer, loss: labels.length === 2 ? 'binaryCrossentropy' : 'categoricalCrossentropy', metrics: ['accuracy'] });
  const params = countParams(model);
  run.logLine(`model: ${config.model}, input ${spec.size.join('x')}x${spec.colorMode === 'rgb' ? 3 : 1}, ${params.trainable.toLocaleString('en-US')} trainable parameters`);

  const augmenter = new ImageDataGenerator(config.augment);
  run.logLine(augmenter.isIdentity ? 'augmentation: none' : `augmentation: ${describeAugmentOptions(augmenter.options).join('; ')}`);
  // One seeded stream per (epoch, batch): a resumed run draws the same augmentations.
  const augment = augmenter.isIdentity ? undefined : (xs: tf.Tensor4D, epoch: number, batch: number) => augmenter.flow(xs, { seed: config.seed, step: epoch * 1_000_003 + batch });

  const recorder = new EpochRecorder(run, optimizer, config.epochs);
  const saver = new BestSaver(run, config.checkpoint.monitor);
  await model.fitDataset(data.train.toDataset(augment), {
    epochs: config.epochs,
    validationData: data.validation.toDataset(),
    callbacks: [new KerasMetricNames(), recorder, saver],
    verbose: 0,
    ...(config.stepsPerEpoch ? { batchesPerEpoch: config.stepsPerEpoch } : {}),
  });
  await writeJsonAtomic(run.history, recorder.rows);

  // Score the best model, not the last one.
  const best = saver.bestEpoch > 0 ? await tfl.loadLayersModel(tf.io.fromMemory(await readArtifacts(run.model))) : model;
  const predictor = { predict: (x: tf.Tensor4D) => best.predict(x) as tf.Tensor, dispose: () => best.dispose() };
  const evalData = await loadDataSplit(config, spec, data.train.classMode, false);
  const cardForDecisions = { labels, output: { activation: labels.length === 2 ? ('sigmoid' as const) : ('softmax' as const), units: labels.length === 2 ? 1 : labels.length }, decision: { threshold: 0.5, minConfidence: 0.75, blankIsUncertain: true } };
  const trainEval = await evaluate(predictor, evalData.train, cardForDecisions);
  const valEval = await evaluate(predictor, evalData.validation, cardForDecisions);
  const metrics = { train_accuracy: trainEval.accuracy, val_accuracy: valEval.accuracy, best_epoch: saver.bestEpoch, epochs_run: recorder.rows.length };
  await writeJsonAtomic(run.metrics, metrics);
  run.logLine(`best epoch ${saver.bestEpoch}: training accuracy ${(trainEval.accuracy * 100).toFixed(2)}%, validation accuracy ${(valEval.accuracy * 100).toFixed(2)}%`);

  const saved = await saveLayersModel(best, run.model);
  const card = await buildCard({
    config,
    model: best,
    labels,
    preprocess: spec,
    counts: { train: classCounts(data.train), validation: classCounts(data.validation) },
    epochs: recorder.rows.length,
    backend: backend.name,
    weightData: saved.weightData,
    modelJsonBytes: saved.bytes - saved.weightData.byteLength,
    metrics,
    dataName: config.data,
    dataSource: data.validationSource,
    command,
  });
  card.evaluations = [
    { data: 'train', images: trainEval.predictions.length, accuracy: trainEval.accuracy },
    { data: 'validation', images: valEval.predictions.length, accuracy: valEval.accuracy },
  ];
  await writeJsonAtomic(`${run.model}/card.json`, card);

  const graph = await toGraphModel(best);
  await writeGraphModel(graph, run.graph);
  const graphJsonBytes = JSON.stringify(graph.modelJson).length;
  await writeJsonAtomic(`${run.graph}/card.json`, {
    ...card,
    format: 'tfjs-graph-model',
    files: { model: 'model.json', weights: ['weights.bin'], bytes: graph.weightData.byteLength + graphJsonBytes, gzipBytes: gzipSync(graph.weightData).byteLength },
    weightsHash: { algorithm: 'sha256', value: await sha256Hex([graph.weightData]) },
  });
  run.logLine(`saved: ${run.model} (layers model), ${run.graph} (graph model)`);
  return { run, card, history: recorder.rows, evaluations: [
    { name: 'train', dataDir: evalData.train.directory, result: trainEval },
    { name: 'validation', dataDir: evalData.validation.directory, result: valEval },
  ] };
}
