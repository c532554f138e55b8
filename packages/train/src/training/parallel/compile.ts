import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** The run's loss and metric for a model: binary cross-entropy for two classes, else categorical. */
export function lossFor(classes: number): 'binaryCrossentropy' | 'categoricalCrossentropy' {
  return classes === 2 ? 'binaryCrossentropy' : 'categoricalCrossentropy';
}

/** Compiles a worker's model copy for its loss and metric only; the main thread owns the optimizer. */
export function compileForLoss(model: tfl.LayersModel, classes: number): void {
  model.compile({ optimizer: tf.train.sgd(0), loss: lossFor(classes), metrics: ['accuracy'] });
}
