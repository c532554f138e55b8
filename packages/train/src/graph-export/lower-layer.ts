import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { UnsupportedLayerError } from './errors.js';
import type { ChainLink } from './layer-chain.js';
import { floatValues, type Activation, type ActivationKind, type Step, type WeightValues } from './steps.js';

type Config = tf.serialization.ConfigDict;
export type Shape = (number | null)[];

/** Layers that only act while training: nothing to export. */
const INFERENCE_IDENTITY = new Set(['Dropout', 'SpatialDropout1D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout']);

const ACTIVATIONS: Record<string, ActivationKind> = {
  linear: 'linear',
  relu: 'relu',
  relu6: 'relu6',
  elu: 'elu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
};

function values(t: tf.Tensor): WeightValues {
  const shape = [...t.shape];
  if (t.dtype === 'int32') return { shape, dtype: 'int32', values: Int32Array.from(t.dataSync() as Int32Array) };
  return { shape, dtype: 'float32', values: Float32Array.from(t.dataSync() as Float32Array) };
}

const pair = (v: unknown, name: string): [number, number] => {
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number')) return [v[0] as number, v[1] as number];
  throw new Error(`cannot read ${name} ${JSON.stringify(v)}`);
};

/** Lowers one layer, whose input has shape `inputShape` (batch first), to inference steps. */
export function lowerLayer(link: ChainLink, inputShape: Shape): Step[] {
  const { layer, name } = link;
  const className = layer.getClassName();
  const config: Config = layer.getConfig();
  const unsupported = (reason?: string) => new UnsupportedLayerError(layer.name, className, reason);
  const activationOf = (act: unknown): Activation => {
    const key = typeof act === 'string' ? act : 'linear';
    const kind = ACTIVATIONS[key];
    if (!kind) throw unsupported(`has activation "${key}", which the graph exporter does not support (supported: ${Object.keys(ACTIVATIONS).join(', ')})`);
    return { kind };
  };
  const channelsLast = () => {
    if (config.dataFormat !== undefined && config.dataFormat !== 'channelsLast') throw unsupported(`uses dataFormat "${String(config.dataFormat)}"; only channelsLast can be exported`);
  };
  const padding = (): 'VALID' | 'SAME' => {
    const p = String(config.padding ?? 'valid');
    if (p !== 'valid' && p !== 'same') throw unsupported(`uses padding "${p}"; only valid and same can be exported`);
    return p === 'same' ? 'SAME' : 'VALID';
  };
  const lastAxis = (axis: unknown) => {
    const rank = inputShape.length;
    const a = typeof axis === 'number' ? axis : Array.isArray(axis) && axis.length === 1 ? (axis[0] as number) : NaN;
    if (a !== -1 && a !== rank - 1) throw unsupported(`works along axis ${JSON.stringify(axis)} of a rank-${rank} input; only the last (channel) axis can be exported`);
  };

  if (INFERENCE_IDENTITY.has(className)) return [];
  switch (className) {
    case 'Conv2D': {
      channelsLast();
      const [kernel, bias] = layer.getWeights();
      return [{
        kind: 'linear',
        name,
        op: 'conv2d',
        kernel: values(kernel),
        bias: bias ? values(bias) : undefined,
        activation: activationOf(config.activation),
        conv: { strides: pair(config.strides, 'strides'), dilations: pair(config.dilationRate ?? 1, 'dilationRate'), padding: padding() },
      }];
    }
    case 'Dense': {
      if (inputShape.length !== 2) throw unsupported(`gets a rank-${inputShape.length} input; only Dense on a flat (batch, features) input can be exported (add a Flatten or global pooling before it)`);
      const [kernel, bias] = layer.getWeights();
      return [{ kind: 'linear', name, op: 'matmul', kernel: values(kernel), bias: bias ? values(bias) : undefined, activation: activationOf(config.activation) }];
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      channelsLast();
      const size = pair(config.poolSize, 'poolSize');
      const strides = config.strides == null ? size : pair(config.strides, 'strides');
      return [{ kind: 'pool', name, op: className === 'MaxPooling2D' ? 'MaxPool' : 'AvgPool', size, strides, padding: padding() }];
    }
    case 'GlobalAveragePooling2D':
    case 'GlobalMaxPooling2D':
      channelsLast();
      if (config.keepDims) throw unsupported('uses keepDims, which the graph exporter does not support');
      return [{ kind: 'reduce', name, op: className === 'GlobalAveragePooling2D' ? 'Mean' : 'Max', axes: [1, 2] }];
    case 'Flatten': {
      if (inputShape.length === 2) return [];
      const size = inputShape.slice(1).reduce<number>((a, d) => a * (d ?? NaN), 1);
      if (!Number.isFinite(size)) throw unsupported(`gets input shape [${inputShape.join(', ')}] with an unknown dimension; the graph needs a fixed input size`);
      return [{ kind: 'reshape', name, shape: [-1, size] }];
    }
    case 'Reshape': {
      // The output shape resolves a -1 in targetShape, leaving the batch as the only unknown.
      const out = layer.computeOutputShape(inputShape) as Shape;
      if (out.slice(1).some((d) => d == null || d < 0)) throw unsupported(`has output shape [${out.join(', ')}]; the graph needs a fixed size`);
      return [{ kind: 'reshape', name, shape: [-1, ...(out.slice(1) as number[])] }];
    }
    case 'Activation':
      return [{ kind: 'activation', name, activation: activationOf(config.activation) }];
    case 'ReLU': {
      const max = config.maxValue;
      if (max == null) return [{ kind: 'activation', name, activation: { kind: 'relu' } }];
      if (max === 6) return [{ kind: 'activation', name, activation: { kind: 'relu6' } }];
      throw unsupported(`has maxValue ${String(max)}; only none and 6 (Relu6) can be exported`);
    }
    case 'LeakyReLU':
      return [{ kind: 'activation', name, activation: { kind: 'leakyrelu', alpha: Number(config.alpha ?? 0.3) } }];
    case 'ELU':
      if (Number(config.alpha ?? 1) !== 1) throw unsupported(`has alpha ${String(config.alpha)}; only alpha 1 (the graph's Elu) can be exported`);
      return [{ kind: 'activation', name, activation: { kind: 'elu' } }];
    case 'Softmax':
      lastAxis(config.axis ?? -1);
      return [{ kind: 'activation', name, activation: { kind: 'softmax' } }];
    case 'BatchNormalization': {
      lastAxis(config.axis ?? -1);
      const weights = layer.getWeights().map(values);
      let i = 0;
      const gamma = config.scale === false ? undefined : weights[i++];
      const beta = config.center === false ? undefined : weights[i++];
      const [mean, variance] = [weights[i++], weights[i++]];
      if (!mean || !variance) throw unsupported('has no moving mean and variance');
      const epsilon = Number(config.epsilon ?? 1e-3);
      // Inference batch norm is an affine map per channel: x * s + (beta - mean * s), s = gamma / sqrt(var + eps).
      const n = mean.values.length;
      const scale = new Float64Array(n);
      const offset = new Float64Array(n);
      for (let c = 0; c < n; c++) {
        scale[c] = (gamma ? gamma.values[c] : 1) / Math.sqrt(variance.values[c] + epsilon);
        offset[c] = (beta ? beta.values[c] : 0) - mean.values[c] * scale[c];
      }
      return [{ kind: 'affine', name, scale: floatValues([n], scale), offset: floatValues([n], offset) }];
    }
    case 'Rescaling':
      return [{ kind: 'affine', name, scale: floatValues([], [Number(config.scale)]), offset: floatValues([], [Number(config.offset ?? 0)]) }];
    default:
      throw unsupported();
  }
}
