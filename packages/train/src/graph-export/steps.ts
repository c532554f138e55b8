/**
 * The exporter's intermediate form: a chain of inference steps, each close to one GraphDef op.
 * Layers lower to steps (lower-layer.ts), neighbouring steps fold together (fold-steps.ts: batch
 * norm into the convolution before it, a separate activation into the op before it), and the steps
 * emit GraphDef nodes (emit-graph.ts).
 */

/** A tensor's values, already read out of tfjs (so the exporter never owns or disposes model tensors). */
export interface WeightValues {
  shape: number[];
  dtype: 'float32' | 'int32';
  values: Float32Array | Int32Array;
}

export type ActivationKind = 'linear' | 'relu' | 'relu6' | 'elu' | 'leakyrelu' | 'sigmoid' | 'tanh' | 'softmax';

export interface Activation {
  kind: ActivationKind;
  /** LeakyReLU's negative slope. */
  alpha?: number;
}

export const LINEAR: Activation = { kind: 'linear' };

export interface ConvParams {
  strides: [number, number];
  dilations: [number, number];
  padding: 'VALID' | 'SAME';
}

/** Conv2D or Dense: y = activation(x ⊛ kernel + bias). */
export interface LinearStep {
  kind: 'linear';
  name: string;
  op: 'conv2d' | 'matmul';
  kernel: WeightValues;
  bias?: WeightValues;
  activation: Activation;
  conv?: ConvParams;
}

/** y = x * scale + offset, per channel (last axis) or by scalars: inference batch norm, Rescaling. */
export interface AffineStep {
  kind: 'affine';
  name: string;
  scale: WeightValues;
  offset: WeightValues;
}

export interface ActivationStep {
  kind: 'activation';
  name: string;
  activation: Activation;
}

export interface PoolStep {
  kind: 'pool';
  name: string;
  op: 'MaxPool' | 'AvgPool';
  size: [number, number];
  strides: [number, number];
  padding: 'VALID' | 'SAME';
}

/** Global pooling: a reduction over the spatial axes. */
export interface ReduceStep {
  kind: 'reduce';
  name: string;
  op: 'Mean' | 'Max';
  axes: number[];
}

export interface ReshapeStep {
  kind: 'reshape';
  name: string;
  /** The target shape with -1 for the batch. */
  shape: number[];
}

export type Step = LinearStep | AffineStep | ActivationStep | PoolStep | ReduceStep | ReshapeStep;

export function floatValues(shape: number[], values: ArrayLike<number>): WeightValues {
  return { shape, dtype: 'float32', values: Float32Array.from(values) };
}
