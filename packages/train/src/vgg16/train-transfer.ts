import * as tfl from '@tensorflow/tfjs-layers';
import type { BatchTransform, DirectoryIterator } from '../data/index.js';
import { join } from 'node:path';
import { prefetchWeights } from '../backend/prefetch.js';
import { FeatureStore, type FeatureStoreOptions } from './feature-store.js';
import { extractFeatures, featureKey, featureShapeAt, layersAfter, type ExtractProgress, type FeatureCut } from './features.js';
import { fitOnFeatures } from './fit-features.js';
import { assembleTransferModel, compileForClasses, isBlock5, setBaseTrainable, type TransferModel } from './transfer-model.js';

export interface FineTuneOptions {
  /** Unfreeze block5 (block5_conv1–3) and train it with the head at a low learning rate. */
  block5: boolean;
  /** The run config's vgg16.fineTuneLearningRate (Keras's lesson: 1e-5). */
  learningRate: number;
  epochs: number;
  /** Callbacks for this phase (fresh ones: the head phase's have their own counters and best values). */
  callbacks?: tfl.Callback[];
}

export interface TransferTrainingOptions {
  train: DirectoryIterator;
  validation?: DirectoryIterator;
  epochs: number;
  /** Epochs already done (a resumed run). */
  initialEpoch?: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  callbacks?: tfl.Callback[];
  /** Cap on batches per epoch. */
  batchesPerEpoch?: number;
  /**
   * Augmentation: when given, each epoch sees new images, so nothing can be cached and the whole
   * model (frozen base) trains on images. Without it the base runs once per image.
   */
  augment?: BatchTransform;
  /**
   * Where cached features live (default: memory up to 1 GiB, no spill). With `persistDir` (e.g.
   * `<run>/features`) they are also saved there and reused by a later call over the same images,
   * base weights and preprocessing (a resumed run skips the extraction).
   */
  cache?: FeatureStoreOptions & { persistDir?: string };
  /**
   * The model that trains (the head; the whole model with augmentation) is already compiled with a
   * restored optimizer (a resumed run, see `withHead` and `transferModelOf`): train it as it is
   * instead of compiling it afresh. Default false.
   */
  keepOptimizer?: boolean;
  fineTune?: FineTuneOptions;
  log?: (line: string) => void;
}

export interface TransferTrainingResult {
  history: tfl.History;
  fineTuneHistory: tfl.History | null;
  /** Seconds spent computing features (0 with augmentation). */
  featureSeconds: number;
}

/** The part of the transfer model above `cut` as a model of its own, from the cut's features (layers shared). */
export function upperModel(t: TransferModel, cut: FeatureCut): tfl.LayersModel {
  if (cut === 'block5_pool') return t.head;
  const input = tfl.input({ shape: featureShapeAt(t.base, cut), name: `${cut}_features` });
  const layers = [...layersAfter(t.base, cut), ...t.head.layers.filter((l) => l.getClassName() !== 'InputLayer')];
  const output = layers.reduce<tfl.SymbolicTensor>((x, layer) => layer.apply(x) as tfl.SymbolicTensor, input);
  return tfl.model({ inputs: input, outputs: output, name: `${t.model.name}_above_${cut}` });
}

function progressLogger(what: string, log: (line: string) => void): (p: ExtractProgress) => void {
  let last = 0;
  return (p) => {
    const done = p.total !== null && p.images >= p.total;
    if (!done && p.seconds - last < 5) return;
    last = p.seconds;
    const rate = p.images / Math.max(p.seconds, 1e-9);
    const left = p.total !== null && !done ? `, ${Math.ceil((p.total - p.images) / rate)} s left` : '';
    log(`${what}: ${p.images}${p.total !== null ? `/${p.total}` : ''} images, ${rate.toFixed(1)} images/s${left}`);
  };
}

async function featuresOf(t: TransferModel, it: DirectoryIterator, split: string, cut: FeatureCut, options: TransferTrainingOptions): Promise<FeatureStore> {
  const log = options.log ?? (() => {});
  const what = `features after ${cut} (${split})`;
  const persistDir = options.cache?.persistDir;
  const saved = persistDir ? join(persistDir, `${split}-${cut}.f32`) : null;
  if (saved) await prefetchWeights(t.base);
  const key = saved ? featureKey(t.base, cut, it) : '';
  if (saved) {
    const reused = FeatureStore.open(saved, key);
    if (reused) {
      log(`${what}: ${reused.count} images from ${saved}`);
      return reused;
    }
  }
  const store = await extractFeatures(t.base, it.batches(0), { cut, store: options.cache, total: it.samples.length, onProgress: progressLogger(what, log) });
  const { memory, disk } = store.bytes;
  log(`${what}: ${store.count} images cached (${(memory / 2 ** 20).toFixed(1)} MiB in memory${disk ? `, ${(disk / 2 ** 20).toFixed(1)} MiB on disk` : ''})`);
  if (saved) {
    store.save(saved, key);
    log(`${what}: saved to ${saved}`);
  }
  return store;
}

/** The transfer model with another head (e.g. one loaded from a checkpoint, compiled with its optimizer) on the same base. */
export function withHead(t: TransferModel, head: tfl.LayersModel): TransferModel {
  const [, ...shape] = head.inputs[0].shape;
  if (shape.join('x') !== t.featureShape.join('x')) throw new Error(`head ${head.name} takes ${shape.join('x')} inputs, the base gives ${t.featureShape.join('x')}`);
  return { ...t, head, model: assembleTransferModel(t.base, head, t.model.name) };
}

/**
 * Trains a transfer model: the head on the frozen base, then optionally block5 with the head at a
 * low learning rate. Without augmentation the base's features are computed once per image (after
 * block5 for the head, after block4 for fine-tuning) and the epochs train only what is above the cut,
 * on the cached features; with augmentation the model trains on images. Either way the result is in
 * `t.model` (the head and block5 layers are shared), ready to save and export.
 */
export async function trainTransfer(t: TransferModel, options: TransferTrainingOptions): Promise<TransferTrainingResult> {
  const { train, validation, epochs, initialEpoch = 0, batchSize, learningRate, seed, callbacks = [], batchesPerEpoch, augment, fineTune } = options;
  const log = options.log ?? (() => {});
  let featureSeconds = 0;
  const fitOptions = { batchSize, seed, batchesPerEpoch };

  async function phase(cut: FeatureCut, model: tfl.LayersModel, lr: number, run: { epochs: number; initialEpoch: number; callbacks: tfl.Callback[] }, keepOptimizer = false): Promise<tfl.History> {
    if (augment) {
      if (!keepOptimizer) compileForClasses(t.model, t.classes, lr);
      return t.model.fitDataset(train.toDataset(augment, run.initialEpoch), {
        ...run,
        verbose: 0,
        ...(validation ? { validationData: validation.toDataset() } : {}),
        ...(batchesPerEpoch ? { batchesPerEpoch } : {}),
      });
    }
    const started = performance.now();
    const trainFeatures = await featuresOf(t, train, 'training', cut, options);
    const validationFeatures = validation ? await featuresOf(t, validation, 'validation', cut, options).catch((err: unknown) => {
      trainFeatures.dispose();
      throw err;
    }) : undefined;
    featureSeconds += (performance.now() - started) / 1000;
    try {
      if (!keepOptimizer) compileForClasses(model, t.classes, lr);
      return await fitOnFeatures(model, trainFeatures, { ...fitOptions, ...run, validation: validationFeatures });
    } finally {
      trainFeatures.dispose();
      validationFeatures?.dispose();
    }
  }

  setBaseTrainable(t.base, false);
  log(augment ? 'training the head on augmented images through the frozen base' : 'training the head on cached VGG16 features');
  const history = await phase('block5_pool', t.head, learningRate, { epochs, initialEpoch, callbacks }, options.keepOptimizer === true && (augment ? t.model : t.head).optimizer != null);

  let fineTuneHistory: tfl.History | null = null;
  if (fineTune?.block5 && fineTune.epochs > 0) {
    const lr = fineTune.learningRate;
    setBaseTrainable(t.base, isBlock5);
    log(`fine-tuning block5 and the head for ${fineTune.epochs} epochs at learning rate ${lr}${augment ? '' : ' on cached block4 features'}`);
    const upper = upperModel(t, 'block4_pool');
    fineTuneHistory = await phase('block4_pool', upper, lr, { epochs: fineTune.epochs, initialEpoch: 0, callbacks: fineTune.callbacks ?? [] });
  }
  return { history, fineTuneHistory, featureSeconds };
}
