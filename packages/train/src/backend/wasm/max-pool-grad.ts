import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc, MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapOffset, simdKernels } from './simd/index.js';

/**
 * MaxPoolGrad for the WASM backend. The stock 4.22 kernel starts each window's max at FLT_MIN and
 * compares with >=, so a window whose values are all ≤ 0 loses its gradient and ties go to the last
 * element; it is also slow. This one follows TF and the CPU backend: the gradient goes to the first
 * maximum of each window (a window of only NaN/−∞ gets none). With a channel count that is a multiple
 * of 4 it runs the SIMD kernel (simd/max-pool-grad-kernel.ts), otherwise a JS loop over views of the
 * WASM heap.
 */
export const maxPoolGrad: KernelFunc = ({ inputs, attrs, backend }) => {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const wasm = backend as BackendWasm;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const [n, h, w, c] = input.shape;
  const out = wasm.makeOutput(input.shape, 'float32');
  if (c % 4 === 0 && input.dtype === 'float32') {
    const kernels = simdKernels(wasm);
    const dxAt = heapOffset(wasm, out.dataId);
    const { outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
    // Windows that tile the input write each dx element once: only a ragged edge needs zeroing first.
    const tiled = strideHeight === filterHeight && strideWidth === filterWidth && padInfo.top === 0 && padInfo.left === 0;
    const covered = outHeight * filterHeight === h && outWidth * filterWidth === w;
    if (!(tiled && covered)) new Float32Array(kernels.memory.buffer, dxAt, n * h * w * c).fill(0);
    (tiled ? kernels.maxPoolGradTiled : kernels.maxPoolGrad)(
      heapOffset(wasm, input.dataId), heapOffset(wasm, dy.dataId), dxAt,
      n, h, w, c, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth, padInfo.top, padInfo.left,
    );
    return out;
  }
  // Views are taken after the allocation: growing the heap detaches older ones.
  const x = wasm.typedArrayFromHeap(input) as Float32Array;
  const g = wasm.typedArrayFromHeap(dy) as Float32Array;
  const dx = wasm.typedArrayFromHeap(out) as Float32Array;
  dx.fill(0);
  scatterToFirstMaxJs(x, g, dx, [n, h, w, c], info);
  return out;
};

function scatterToFirstMaxJs(
  x: Float32Array,
  g: Float32Array,
  dx: Float32Array,
  [n, h, w, c]: number[],
  info: tf.backend_util.Conv2DInfo,
): void {
  const { outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  const best = new Float32Array(c);
  const at = new Int32Array(c);
  let o = 0;
  for (let b = 0; b < n; b++) {
    const imageBase = b * h;
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * strideHeight - top;
      const hStart = Math.max(0, h0);
      const hEnd = Math.min(h, h0 + filterHeight);
      for (let ow = 0; ow < outWidth; ow++, o += c) {
        const w0 = ow * strideWidth - left;
        const wStart = Math.max(0, w0);
        const wEnd = Math.min(w, w0 + filterWidth);
        best.fill(-Infinity);
        at.fill(-1);
        for (let y = hStart; y < hEnd; y++) {
          for (let xx = wStart; xx < wEnd; xx++) {
            const base = ((imageBase + y) * w + xx) * c;
            for (let k = 0; k < c; k++) {
              const v = x[base + k];
              if (v > best[k]) {
                best[k] = v;
                at[k] = base + k;
              }
            }
          }
        }
        for (let k = 0; k < c; k++) if (at[k] >= 0) dx[at[k]] += g[o + k];
      }
    }
  }
}
