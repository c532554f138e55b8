import * as tf from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { MAX_CO_VECTORS, MAX_K_TILE, heapOffset, simdKernels } from './simd/index.js';
import { borrow } from './kernel-inputs.js';

/** dy floats per block of output rows: the block and its input rows stay in cache while every tile passes over them. */
const BLOCK_FLOATS = 32 * 1024;

/** Splits n into ceil(n / max) near-equal parts (9 → 3,3,3 rather than 4,4,1: a 1-row tile is slow). */
export function evenTiles(n: number, max: number): number[] {
  const count = Math.ceil(n / max);
  const base = Math.floor(n / count);
  return Array.from({ length: count }, (_, i) => base + (i < n % count ? 1 : 0));
}

/**
 * The filter gradient with the hand-written SIMD kernel (simd/filter-gradient-kernels.ts):
 *   dW[kh, kw, ci, co] = Σ_{n, oy, ox} xpad[n, oy·sh + kh, ox·sw + kw, ci] · dy[n, oy, ox, co]
 * For a fixed kh, the (kw, ci) values at an output pixel are fw·Cin consecutive floats of x, so each
 * kh is a [fw·Cin × Cout] outer-product sum over pixels, computed tile by tile on blocks of output
 * rows. No transposes, no im2col copy. Returns null when Cout is not a multiple of 4.
 */
export function filterGradientSimd(x: TensorInfo, dy: TensorInfo, info: tf.backend_util.Conv2DInfo, backend: BackendWasm): TensorInfo | null {
  const [n, ho, wo, cout] = dy.shape as [number, number, number, number];
  if (cout % 4 !== 0 || x.dtype !== 'float32' || dy.dtype !== 'float32') return null;
  const { top, bottom, left, right } = info.padInfo;
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw, inChannels: cin } = info;
  let padded: tf.Tensor | null = null;
  if (top || bottom || left || right) {
    const xt = borrow(x, backend);
    padded = tf.pad(xt.tensor, [[0, 0], [top, bottom], [left, right], [0, 0]]);
    xt.release();
  }
  const input = padded ?? x;
  const [, hp, wp] = input.shape;
  const kernels = simdKernels(backend);
  const out = backend.makeOutput([fh, fw, cin, cout], 'float32');
  const dwAt = heapOffset(backend, out.dataId);
  new Float32Array(kernels.memory.buffer, dwAt, fh * fw * cin * cout).fill(0);
  const xAt = heapOffset(backend, input.dataId);
  const dyAt = heapOffset(backend, dy.dataId);

  const k = fw * cin;
  const kTiles = evenTiles(k, MAX_K_TILE);
  const coTiles = evenTiles(cout / 4, MAX_CO_VECTORS);
  const blockRows = Math.max(1, Math.floor(BLOCK_FLOATS / (wo * cout)));
  const xCol = sw * cin * 4;
  const xRow = sh * wp * cin * 4;
  const dyCol = cout * 4;
  const dyRow = wo * cout * 4;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < ho; oy += blockRows) {
      const rows = Math.min(blockRows, ho - oy);
      const dyBlock = dyAt + (b * ho + oy) * dyRow;
      for (let kh = 0; kh < fh; kh++) {
        const xBlock = xAt + ((b * hp + oy * sh + kh) * wp) * cin * 4;
        let k0 = 0;
        for (const kt of kTiles) {
          let co = 0;
          for (const cv of coTiles) {
            kernels.filterGradientTile(kt, cv)(xBlock + k0 * 4, dyBlock + co * 4, dwAt + ((kh * k + k0) * cout + co) * 4, rows, wo, xCol, xRow, dyCol, dyRow, dyCol);
            co += cv * 4;
          }
          k0 += kt;
        }
      }
    }
  }
  padded?.dispose();
  return out;
}
