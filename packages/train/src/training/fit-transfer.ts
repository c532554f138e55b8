import { join } from 'node:path';
import { countParams } from '@inkling/core/architectures';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { BatchTransform } from '../data/index.js';
import { buildTransferModel, resolveVgg16Weights, trainTransfer, transferModelOf, withHead } from '../vgg16/index.js';
import type { TrainingCallbacks } from './callbacks.js';
import type { TrainConfig } from './config.js';
import type { DataSplit } from './data-split.js';
import { ResumeCheckpoint, type ResumeState } from './resume.js';
import type { RunFolder } from './run-folder.js';

/**
 * VGG16 transfer learning: the frozen ImageNet base and a small head. Without augmentation the base
 * runs once per image and the epochs train only the head on cached features (kept in the run folder,
 * so a resumed run skips the extraction); then block5 is optionally fine-tuned at a low learning rate.
 * Returns the whole model (base and trained head), ready to score, save and export.
 */
export async function fitTransfer(args: {
  config: TrainConfig;
  run: RunFolder;
  data: DataSplit;
  callbacks: TrainingCallbacks;
  augment?: BatchTransform;
  /** A resumed run's last checkpoint (the head, or the whole model when augmenting) and state. */
  resumed?: { model: tfl.LayersModel; state: ResumeState };
}): Promise<tfl.LayersModel> {
  const { config, run, data, callbacks, augment, resumed } = args;
  const log = (line: string) => run.logLine(line);
  const [h, w] = config.preprocess.size;
  const { widthDivisor, fineTuneEpochs, fineTuneLearningRate } = config.vgg16;
  const weights = widthDivisor === 1 || config.vgg16.weights ? await resolveVgg16Weights({ weights: config.vgg16.weights, log }) : undefined;
  if (weights) log(`VGG16 weights: ${weights.path} (${weights.source}${weights.official ? ', the official file' : ''})`);
  let t = await buildTransferModel({ inputShape: [h, w, 3], classes: data.train.labels.length, seed: config.seed, widthDivisor, weights: weights?.path });
  if (resumed) t = augment ? transferModelOf(resumed.model) : withHead(t, resumed.model);
  const params = countParams(t.model);
  log(`model: vgg16 transfer, input ${h}x${w}x3, ${params.trainable.toLocaleString('en-US')} trainable and ${params.nonTrainable.toLocaleString('en-US')} non-trainable parameters`);
  await trainTransfer(t, {
    train: data.train,
    validation: data.validation,
    epochs: config.epochs,
    initialEpoch: resumed?.state.epochsDone ?? 0,
    batchSize: config.batchSize,
    learningRate: config.learningRate,
    seed: config.seed,
    callbacks: [...callbacks.list, new ResumeCheckpoint(run, callbacks)],
    batchesPerEpoch: config.stepsPerEpoch,
    augment,
    cache: { persistDir: join(run.dir, 'features'), spillDir: join(run.dir, 'features') },
    keepOptimizer: resumed !== undefined,
    ...(fineTuneEpochs > 0 ? { fineTune: { block5: true, epochs: fineTuneEpochs, learningRate: fineTuneLearningRate } } : {}),
    log,
  });
  return t.model;
}
