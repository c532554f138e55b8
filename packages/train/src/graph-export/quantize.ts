import type * as tf from '@tensorflow/tfjs-core';
import type { GraphWeight } from './emit-graph.js';
import { FLOAT16_MAX, toFloat16 } from './float16.js';

export const QUANTIZATIONS = ['none', 'float16', 'uint8'] as const;
export type Quantization = (typeof QUANTIZATIONS)[number];

export interface EncodedWeights {
  /** Every weight's bytes, in manifest order: one weights file. */
  data: Uint8Array;
  specs: tf.io.WeightsManifestEntry[];
}

export interface Uint8Quantized {
  bytes: Uint8Array;
  /** tfjs dequantises value = byte * scale + min. */
  min: number;
  scale: number;
}

/**
 * Affine uint8 quantisation of one tensor over its own [min, max], with the range nudged so that 0
 * is exactly representable when the range spans it (zero biases and ReLU's zeros stay exact), as the
 * Python converter does. Every value comes back within scale / 2 of the original: inside the range by
 * rounding, and at the ends because the nudge moves the range by at most scale / 2.
 */
export function quantizeUint8(values: ArrayLike<number>): Uint8Quantized {
  const n = values.length;
  const bytes = new Uint8Array(n);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new Error('cannot quantise a tensor holding NaN or Infinity');
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return { bytes, min: 0, scale: 1 };
  if (min === max) return { bytes, min, scale: 1 };
  const scale = (max - min) / 255;
  const lo = min < 0 && max > 0 ? -Math.round(-min / scale) * scale : min;
  for (let i = 0; i < n; i++) {
    const q = Math.round((values[i] - lo) / scale);
    bytes[i] = q < 0 ? 0 : q > 255 ? 255 : q;
  }
  return { bytes, min: lo, scale };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

const bytesOf = (a: Float32Array | Int32Array | Uint16Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * The weights in tfjs's weights-manifest format, quantised as asked: float16 (`quantization:
 * {dtype: 'float16'}`, 2 bytes a value) or uint8 (`{dtype: 'uint8', min, scale}` per tensor, 1 byte a
 * value). The stock loader dequantises both to float32. int32 tensors (shapes, axes) stay as they are.
 */
export function encodeWeights(weights: readonly GraphWeight[], quantization: Quantization): EncodedWeights {
  const chunks: Uint8Array[] = [];
  const specs: tf.io.WeightsManifestEntry[] = [];
  for (const w of weights) {
    const spec: tf.io.WeightsManifestEntry = { name: w.name, shape: w.shape, dtype: w.dtype };
    if (w.dtype === 'int32' || quantization === 'none') {
      chunks.push(bytesOf(w.values));
    } else if (quantization === 'float16') {
      const big = w.values.findIndex((v) => !(Math.abs(v) <= FLOAT16_MAX));
      if (big >= 0) throw new Error(`weight ${w.name} holds ${w.values[big]}, outside float16's range (±${FLOAT16_MAX}); export it with --quantize none or uint8`);
      chunks.push(bytesOf(toFloat16(w.values)));
      spec.quantization = { dtype: 'float16' };
    } else {
      let q: Uint8Quantized;
      try {
        q = quantizeUint8(w.values);
      } catch (err) {
        throw new Error(`weight ${w.name}: ${(err as Error).message}`);
      }
      chunks.push(q.bytes);
      spec.quantization = { dtype: 'uint8', min: q.min, scale: q.scale };
    }
    specs.push(spec);
  }
  return { data: concat(chunks), specs };
}
