import { SeededDropout, vgg16Base } from '@inkling/core/architectures';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadKerasWeights, type LoadedWeights } from './load-weights.js';

import { VGG16_DEFAULT_SIZE, vgg16PreprocessSpec } from './spec.js';

export { VGG16_DEFAULT_SIZE, vgg16PreprocessSpec };
/** The head's hidden units: GlobalAveragePooling (512) → Dense(96) → Dense(1) is 49,345 trainable parameters. */
export const DEFAULT_HEAD_UNITS = 96;

export interface TransferModelOptions {
  /** Default [150, 150, 3]. */
  inputShape?: [number, number, number];
  /** Number of classes: 2 gives one sigmoid unit (binary cross-entropy), more a softmax. */
  classes: number;
  /** Hidden units of the head's Dense layer (default 96). */
  headUnits?: number;
  /** The head's dropout rate (default 0.5). */
  dropout?: number;
  /** Seeds the head's initialisers and dropout masks (and the base's, when no weights load). */
  seed?: number;
  /** 1 is the real VGG16; larger values make narrow copies for tests. */
  widthDivisor?: number;
  name?: string;
  /** A Keras HDF5 weights file for the base (see resolveVgg16Weights); omitted: random weights (tests, benchmarks). */
  weights?: string;
}

export interface TransferModel {
  /** Base and head in one Sequential: what is trained end to end, saved, evaluated and exported. */
  model: tfl.Sequential;
  /** The frozen VGG16 convolutional base (`vgg16`, layers block1_conv1 … block5_pool). */
  base: tfl.Sequential;
  /**
   * The head alone, from the base's output (features) to the prediction. It shares its layers, and so
   * its weights, with `model`: training it on cached features trains `model`'s head.
   */
  head: tfl.LayersModel;
  /** The base's output shape per image, e.g. [4, 4, 512] at 150×150. */
  featureShape: [number, number, number];
  classes: number;
  /** What the weights file put into the base, when one was given. */
  loaded: LoadedWeights | null;
}

/** The output layer's units and activation for a class count. */
export function outputOf(classes: number): { units: number; activation: 'sigmoid' | 'softmax' } {
  if (!Number.isInteger(classes) || classes < 2) throw new Error(`a classifier needs at least 2 classes, got ${classes}`);
  return classes === 2 ? { units: 1, activation: 'sigmoid' } : { units: classes, activation: 'softmax' };
}

/** GlobalAveragePooling2D → Dense(units, relu) → Dropout → Dense(sigmoid | softmax), on features of `featureShape`. */
export function transferHead(featureShape: [number, number, number], options: { classes: number; units?: number; dropout?: number; seed?: number; name?: string }): tfl.LayersModel {
  const { classes, units = DEFAULT_HEAD_UNITS, dropout = 0.5, seed = 42, name = 'head' } = options;
  const input = tfl.input({ shape: featureShape, name: `${name}_features` });
  const layers: tfl.layers.Layer[] = [
    tfl.layers.globalAveragePooling2d({ name: 'global_average_pooling2d' }),
    tfl.layers.dense({ name: 'fc', units, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 1000 }) }),
    new SeededDropout({ name: 'dropout', rate: dropout, seed: seed + 1001 }),
    tfl.layers.dense({ name: 'predictions', ...outputOf(classes), kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 1002 }) }),
  ];
  const output = layers.reduce<tfl.SymbolicTensor>((x, layer) => layer.apply(x) as tfl.SymbolicTensor, input);
  return tfl.model({ inputs: input, outputs: output, name });
}

/**
 * Base + head as one Sequential, as Keras's `Sequential([conv_base, GlobalAveragePooling2D(), …])`.
 * The head's layers are shared, not copied: a head trained on cached features is already in place.
 */
export function assembleTransferModel(base: tfl.Sequential, head: tfl.LayersModel, name = 'vgg16_transfer'): tfl.Sequential {
  const headLayers = head.layers.filter((l) => l.getClassName() !== 'InputLayer');
  return tfl.sequential({ name, layers: [base, ...headLayers] });
}

/**
 * Which base layers train: none (`false`, the frozen base), or those whose name passes the test
 * (e.g. block5's for fine-tuning). Per layer, so a saved model's config says which are frozen.
 */
export function setBaseTrainable(base: tfl.Sequential, trainable: false | ((layerName: string) => boolean)): void {
  const test = trainable === false ? () => false : trainable;
  // The container's flag resets every weight's; each layer's own flag then decides.
  base.trainable = base.layers.some((l) => test(l.name));
  for (const layer of base.layers) layer.trainable = test(layer.name);
}

export const isBlock5 = (name: string) => name.startsWith('block5_');

/** VGG16's base (optionally with Keras's ImageNet weights), frozen, with a new head on top. */
export async function buildTransferModel(options: TransferModelOptions): Promise<TransferModel> {
  const { inputShape = [VGG16_DEFAULT_SIZE, VGG16_DEFAULT_SIZE, 3], classes, headUnits, dropout, seed = 42, widthDivisor = 1, name = 'vgg16_transfer', weights } = options;
  if (inputShape[2] !== 3) throw new Error(`VGG16 takes RGB images (3 channels), got ${inputShape[2]}`);
  outputOf(classes);
  const base = vgg16Base({ inputShape, widthDivisor, seed, name: 'vgg16' });
  let loaded: LoadedWeights | null = null;
  try {
    if (weights) loaded = await loadKerasWeights(base, weights);
  } catch (err) {
    base.dispose();
    throw err;
  }
  setBaseTrainable(base, false);
  const featureShape = base.outputs[0].shape.slice(1) as [number, number, number];
  const head = transferHead(featureShape, { classes, units: headUnits, dropout, seed });
  const model = assembleTransferModel(base, head, name);
  return { model, base, head, featureShape, classes, loaded };
}

/**
 * The TransferModel view of a saved transfer model (base + head in a Sequential, as
 * `assembleTransferModel` makes and layers-model-files loads it): the same layers, with the head as a model of
 * its own again. For fine-tuning a finished run, or resuming one trained with augmentation.
 */
export function transferModelOf(model: tfl.LayersModel): TransferModel {
  const [base, ...rest] = model.layers;
  if (!(model instanceof tfl.Sequential) || !(base instanceof tfl.Sequential) || !base.layers.some((l) => l.name === 'block5_pool')) {
    throw new Error(`model ${model.name} is not a VGG16 transfer model (a Sequential whose first layer is the VGG16 base)`);
  }
  const featureShape = base.outputs[0].shape.slice(1) as [number, number, number];
  const input = tfl.input({ shape: featureShape, name: 'head_features' });
  const output = rest.reduce<tfl.SymbolicTensor>((x, layer) => layer.apply(x) as tfl.SymbolicTensor, input);
  const head = tfl.model({ inputs: input, outputs: output, name: 'head' });
  const units = output.shape[1] as number;
  return { model, base, head, featureShape, classes: units === 1 ? 2 : units, loaded: null };
}

/** Adam with Keras's loss for the class count and the accuracy metric (as the trainer compiles). */
export function compileForClasses(model: tfl.LayersModel, classes: number, learningRate: number): void {
  model.compile({ optimizer: tf.train.adam(learningRate), loss: classes === 2 ? 'binaryCrossentropy' : 'categoricalCrossentropy', metrics: ['accuracy'] });
}
