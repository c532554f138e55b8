import * as tf from '@tensorflow/tfjs-core';
import type { Conv2DBackpropFilterAttrs, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { withTensors } from './kernel-inputs.js';
import { filterGradientSimd } from './filter-gradient-simd.js';

type Shape4 = [number, number, number, number];

function convInfo(x: TensorInfo, attrs: Conv2DBackpropFilterAttrs): tf.backend_util.Conv2DInfo {
  if (attrs.dataFormat === 'NCHW') throw new Error('wasm Conv2DBackpropFilter supports NHWC only');
  return tf.backend_util.computeConv2DInfo(x.shape as Shape4, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
}

/**
 * The filter gradient with XNNPACK's convolution: it is itself a convolution of the (padded) input,
 * batch moved to channels, with the output gradient as the filter, the forward stride becoming the
 * dilation:
 *   dW = transpose(conv2d(transpose(xpad, [3,1,2,0]), transpose(dy, [1,2,0,3]), 1, 'valid', dilation=stride), [1,2,0,3])
 * cropped to the filter size. Works for any shape, but XNNPACK streams the huge "filter" (dy) from
 * memory once per few output rows, so it runs at a few GFLOP/s: the SIMD kernel is used where it can.
 */
export function conv2dBackpropFilterViaConv(x: TensorInfo, dy: TensorInfo, attrs: Conv2DBackpropFilterAttrs, backend: tf.KernelBackend): TensorInfo {
  const info = convInfo(x, attrs);
  const { top, bottom, left, right } = info.padInfo;
  const [fh, fw] = attrs.filterShape;
  return withTensors([x, dy], backend, (xt, dyt) => {
    const xp = top || bottom || left || right ? tf.pad(xt, [[0, 0], [top, bottom], [left, right], [0, 0]]) : xt;
    const input = tf.transpose(xp, [3, 1, 2, 0]) as tf.Tensor4D;
    const filter = tf.transpose(dyt, [1, 2, 0, 3]) as tf.Tensor4D;
    let r = tf.conv2d(input, filter, 1, 'valid', 'NHWC', [info.strideHeight, info.strideWidth]);
    if (r.shape[1] !== fh || r.shape[2] !== fw) r = tf.slice(r, [0, 0, 0, 0], [r.shape[0], fh, fw, r.shape[3]]);
    return tf.transpose(r, [1, 2, 0, 3]);
  });
}

/** Conv2DBackpropFilter for the WASM backend, which ships without one (so no conv layer can train). */
export const conv2dBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const a = attrs as unknown as Conv2DBackpropFilterAttrs;
  const info = convInfo(x, a);
  return filterGradientSimd(x, dy, info, backend as BackendWasm) ?? conv2dBackpropFilterViaConv(x, dy, a, backend as tf.KernelBackend);
};

/** The XNNPACK-convolution formulation only (the benchmark's "stock + filter gradient" configuration). */
export const conv2dBackpropFilterConvOnly: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  return conv2dBackpropFilterViaConv(x, dy, attrs as unknown as Conv2DBackpropFilterAttrs, backend as tf.KernelBackend);
};
