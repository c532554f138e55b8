import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

export interface SliceGradients {
  /** One gradient per trainable weight, in model.trainableWeights order. */
  grads: tf.Tensor[];
  loss: number;
  /** The first compiled metric (accuracy), averaged over the slice. */
  metric: number;
}

type LossOrMetric = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** The variables a step changes, in the order the gradients come in. */
export function trainableVariables(model: tfl.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}

/** The model that holds the compiled loss and train function (a Sequential keeps them in its inner model). */
export function compiledModel(model: tfl.LayersModel): tfl.LayersModel {
  return (model as tfl.LayersModel & { model?: tfl.LayersModel }).model ?? model;
}

/**
 * The loss, metric and gradients of one slice of a batch, computed as tfjs-layers' own train function
 * computes them (training-mode forward pass, the compiled loss averaged over the slice, regularisers
 * added), without applying them: a data-parallel step combines the slices' gradients first.
 */
export function sliceGradients(model: tfl.LayersModel, xs: tf.Tensor, ys: tf.Tensor): SliceGradients {
  const compiled = compiledModel(model);
  const lossFn = compiled.lossFunctions[0] as LossOrMetric;
  const metricFn = compiled.metricsTensors[0]?.[0] as LossOrMetric | undefined;
  const variables = trainableVariables(model);
  let metric: tf.Tensor | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const out = model.apply(xs, { training: true }) as tf.Tensor;
    if (metricFn) metric = tf.keep(tf.mean(metricFn(ys, out)));
    let loss = tf.mean(lossFn(ys, out));
    for (const r of model.calculateLosses()) loss = tf.add(loss, r);
    return loss as tf.Scalar;
  }, variables);
  const result: SliceGradients = { grads: variables.map((v) => grads[v.name]), loss: value.dataSync()[0], metric: metric ? metric.dataSync()[0] : NaN };
  tf.dispose([value, ...(metric ? [metric] : [])]);
  return result;
}
