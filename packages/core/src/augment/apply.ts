import * as tf from '@tensorflow/tfjs-core';
import { inverseMapping, isIdentity, overshoot, toProjective, type Matrix3 } from './matrix.js';
import type { FillMode } from './options.js';
import type { TransformParams } from './params.js';
import { projectiveTransform } from './transform-kernel.js';

export interface ApplyConfig {
  fillMode: FillMode;
  /** Fill value for 'constant', in input units. */
  cval: number;
  /** 1 bilinear, 0 nearest (Keras's interpolation_order). */
  interpolationOrder: 0 | 1;
  /** Brightness results are clipped to this range (PIL clips to [0, 255] in Keras). */
  valueRange: readonly [number, number];
}

/**
 * A source point this close outside the edge (in pixels) still counts as inside for fillMode 'constant'.
 * scipy's test is exact, so float dust (sin 180° = 1.2e-16) turns a whole edge row into cval there.
 */
const EDGE_TOLERANCE = 1e-6;
const F32_MAX = 3.4e38;

/**
 * Keras's `apply_transform` for a whole batch, one parameter set per image: the affine step and the
 * flips (one resampling), then the channel shift, then brightness. Returns a new float32 tensor; the
 * input is left alone.
 */
export function applyTransformsToBatch(batch: tf.Tensor4D, params: readonly TransformParams[], config: ApplyConfig): tf.Tensor4D {
  if (batch.rank !== 4) throw new RangeError(`expected a batch of images [n, height, width, channels], got shape [${batch.shape.join(', ')}]`);
  if (params.length !== batch.shape[0]) throw new RangeError(`got ${params.length} parameter sets for a batch of ${batch.shape[0]} images`);
  return tf.tidy(() => {
    let x: tf.Tensor4D = batch.dtype === 'float32' ? tf.clone(batch) : tf.cast(batch, 'float32');
    x = resample(x, params, config);
    x = shiftChannels(x, params);
    x = scaleBrightness(x, params, config.valueRange);
    return x;
  });
}

function resample(x: tf.Tensor4D, params: readonly TransformParams[], config: ApplyConfig): tf.Tensor4D {
  const [, height, width] = x.shape;
  const matrices = params.map((p) => inverseMapping(p, height, width));
  if (matrices.every(isIdentity)) return x;
  const interpolation = config.interpolationOrder === 1 ? 'bilinear' : 'nearest';
  switch (config.fillMode) {
    case 'nearest':
      // tfjs clamps the coordinate, exactly as scipy's 'nearest' (aaaa|abcd|dddd).
      return projectiveTransform(x, matrices.map(toProjective), interpolation, 'nearest', 0);
    case 'constant':
      return constantFill(x, matrices, interpolation, config.cval);
    case 'reflect':
    case 'wrap':
      return paddedFill(x, matrices, interpolation, config.fillMode);
  }
}

/**
 * scipy's 'constant': a pixel whose source point lies outside [0, n − 1] on either axis is cval, and
 * nothing is blended with cval (tfjs's own 'constant' blends the edge pixel with the fill over the last
 * pixel, like scipy's 'grid-constant'). Which pixels are outside depends only on the matrices, so the
 * mask is computed here in float64 and the image is sampled with 'nearest' (clamped) everywhere else.
 */
function constantFill(x: tf.Tensor4D, matrices: readonly Matrix3[], interpolation: 'bilinear' | 'nearest', cval: number): tf.Tensor4D {
  const [n, height, width] = x.shape;
  const sampled = projectiveTransform(x, matrices.map(toProjective), interpolation, 'nearest', 0);
  const inside = new Float32Array(n * height * width);
  const [rowMax, colMax] = [height - 1 + EDGE_TOLERANCE, width - 1 + EDGE_TOLERANCE];
  matrices.forEach((m, i) => {
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        const rr = m[0] * r + m[1] * c + m[2];
        const cc = m[3] * r + m[4] * c + m[5];
        inside[(i * height + r) * width + c] = rr >= -EDGE_TOLERANCE && rr <= rowMax && cc >= -EDGE_TOLERANCE && cc <= colMax ? 1 : 0;
      }
    }
  });
  const mask = tf.tensor4d(inside, [n, height, width, 1]);
  const kept = tf.mul(sampled, mask) as tf.Tensor4D;
  return cval === 0 ? kept : tf.add(kept, tf.mul(tf.sub(1, mask), cval));
}

/**
 * 'reflect' (abcddcba|abcd|dcbaabcd) and 'wrap' (abcdabcd|abcd|abcdabcd), as Keras documents them, by
 * padding the batch with mirrored or wrapped rows and columns and sampling the padded image with 'nearest'. tfjs's
 * own modes are not used: its wasm 'reflect' wraps on the low side, and its 'wrap' clamps between the
 * last and first pixel and goes wrong more than n − 2 pixels out. The pad is as wide as the farthest
 * sampled point needs, at most one image; points farther out are clamped.
 */
function paddedFill(x: tf.Tensor4D, matrices: readonly Matrix3[], interpolation: 'bilinear' | 'nearest', mode: 'reflect' | 'wrap'): tf.Tensor4D {
  const [, height, width] = x.shape;
  let rows = 0;
  let cols = 0;
  for (const m of matrices) {
    const o = overshoot(m, height, width);
    rows = Math.max(rows, o.rows);
    cols = Math.max(cols, o.cols);
  }
  // + 1: bilinear interpolation also reads the next sample.
  const padRows = rows > 0 ? Math.min(height, Math.ceil(rows) + 1) : 0;
  const padCols = cols > 0 ? Math.min(width, Math.ceil(cols) + 1) : 0;
  const padded = padAxis(padAxis(x, 1, padRows, mode), 2, padCols, mode);
  const vectors = matrices.map((m) => {
    const v = toProjective(m);
    v[2] += padCols;
    v[5] += padRows;
    return v;
  });
  return projectiveTransform(padded, vectors, interpolation, 'nearest', 0, [height, width]);
}

/**
 * Extends one axis by `pad` (≤ its size) mirrored or wrapped pixels on both sides. The cpu backend's
 * Reverse is slow (5 s for 32×150×150×3), so there one gather does it; elsewhere slice + reverse + concat
 * is the faster of the two (wasm: 0.5 s against 1.3 s).
 */
function padAxis(x: tf.Tensor4D, axis: 1 | 2, pad: number, mode: 'reflect' | 'wrap'): tf.Tensor4D {
  if (pad === 0) return x;
  const size = x.shape[axis];
  if (tf.getBackend() === 'cpu') {
    const source = Int32Array.from({ length: size + 2 * pad }, (_, i) => {
      const c = i - pad;
      if (c < 0) return mode === 'reflect' ? -c - 1 : c + size;
      if (c >= size) return mode === 'reflect' ? 2 * size - c - 1 : c - size;
      return c;
    });
    return tf.gather(x, tf.tensor1d(source, 'int32'), axis);
  }
  const part = (start: number) => {
    const begin = [0, 0, 0, 0];
    const extent = [-1, -1, -1, -1];
    begin[axis] = start;
    extent[axis] = pad;
    return tf.slice(x, begin, extent);
  };
  const head = part(0);
  const tail = part(size - pad);
  const [before, after] = mode === 'reflect' ? [tf.reverse(head, axis), tf.reverse(tail, axis)] : [tail, head];
  return tf.concat([before, x, after], axis);
}

/** Keras's apply_channel_shift: one intensity per image added to every channel, clipped to that image's min and max. */
function shiftChannels(x: tf.Tensor4D, params: readonly TransformParams[]): tf.Tensor4D {
  if (params.every((p) => p.channelShiftIntensity === null)) return x;
  const shift = tf.tensor4d(params.map((p) => p.channelShiftIntensity ?? 0), [params.length, 1, 1, 1]);
  const low = tf.min(x, [1, 2, 3], true);
  const high = tf.max(x, [1, 2, 3], true);
  return tf.minimum(tf.maximum(tf.add(x, shift), low), high);
}

/** Keras's brightness (PIL's ImageEnhance.Brightness): multiply, clip to the pixel range; no uint8 rounding. */
function scaleBrightness(x: tf.Tensor4D, params: readonly TransformParams[], [low, high]: readonly [number, number]): tf.Tensor4D {
  if (params.every((p) => p.brightness === null)) return x;
  const shape: [number, number, number, number] = [params.length, 1, 1, 1];
  const factor = tf.tensor4d(params.map((p) => p.brightness ?? 1), shape);
  // An image without a brightness draw is neither scaled nor clipped.
  const floor = tf.tensor4d(params.map((p) => (p.brightness === null ? -F32_MAX : low)), shape);
  const ceiling = tf.tensor4d(params.map((p) => (p.brightness === null ? F32_MAX : high)), shape);
  return tf.minimum(tf.maximum(tf.mul(x, factor), floor), ceiling);
}
