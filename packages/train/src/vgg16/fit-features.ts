import * as tf from '@tensorflow/tfjs-core';
import * as tfd from '@tensorflow/tfjs-data';
import * as tfl from '@tensorflow/tfjs-layers';
import { mixSeed, mulberry32, shuffleInPlace } from '@inkling/core';
import type { FeatureStore } from './feature-store.js';

/**
 * The rows of a store as a tf.data Dataset of {xs, ys} batches; each new iterator is the next epoch,
 * shuffled from (seed, epoch) when `seed` is given (tfjs's own `fit` shuffles with Math.random),
 * else in row order.
 */
export function featureDataset(store: FeatureStore, options: { batchSize: number; seed?: number; firstEpoch?: number }): tfd.Dataset<tf.TensorContainer> {
  const { batchSize, seed } = options;
  let epoch = options.firstEpoch ?? 0;
  return tfd.generator((): Iterator<tf.TensorContainer> => {
    const order = Array.from({ length: store.count }, (_, i) => i);
    if (seed !== undefined) shuffleInPlace(order, mulberry32(mixSeed(seed, 0xfea7, epoch)));
    epoch++;
    let start = 0;
    return {
      next: () => {
        if (start >= order.length) return { done: true, value: null };
        const batch = store.gather(order.slice(start, start + batchSize));
        start += batchSize;
        return { done: false, value: batch };
      },
    };
  });
}

export interface FitFeaturesOptions {
  epochs: number;
  initialEpoch?: number;
  batchSize: number;
  seed: number;
  validation?: FeatureStore;
  callbacks?: tfl.Callback[];
  /** Cap on batches per epoch (the trainer's stepsPerEpoch). */
  batchesPerEpoch?: number;
}

/** Trains a compiled model on stored features with fitDataset (so Keras-style callbacks see the usual logs). */
export async function fitOnFeatures(model: tfl.LayersModel, train: FeatureStore, options: FitFeaturesOptions): Promise<tfl.History> {
  const { epochs, initialEpoch = 0, batchSize, seed, validation, callbacks = [], batchesPerEpoch } = options;
  const [, ...inputShape] = model.inputs[0].shape;
  if (inputShape.join('x') !== train.shape.join('x')) throw new Error(`model ${model.name} takes inputs of ${inputShape.join('x')}, the features are ${train.shape.join('x')}`);
  return model.fitDataset(featureDataset(train, { batchSize, seed, firstEpoch: initialEpoch }), {
    epochs,
    initialEpoch,
    callbacks,
    verbose: 0,
    ...(validation ? { validationData: featureDataset(validation, { batchSize }) } : {}),
    ...(batchesPerEpoch ? { batchesPerEpoch } : {}),
  });
}
