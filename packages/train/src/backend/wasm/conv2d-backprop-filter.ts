import * as tf from '@tensorflow/tfjs-core';
import type { Conv2DBackpropFilterAttrs, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { withTensors } from './kernel-inputs.js';

/**
 * Conv2DBackpropFilter for the WASM backend, which ships without one (so no conv layer can train).
 * The filter gradient is itself a convolution: of the (padded) input, batch moved to channels, with
 * the output gradient as the filter, the forward stride becoming the dilation:
 *   dW = transpose(conv2d(transpose(xpad, [3,1,2,0]), transpose(dy, [1,2,0,3]), 1, 'valid', dilation=stride), [1,2,0,3])
 * cropped to the filter size. Every op here runs in WASM's XNNPACK kernels.
 */
export const conv2dBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
  if (dataFormat === 'NCHW') throw new Error('wasm Conv2DBackpropFilter supports NHWC only');
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const { top, bottom, left, right } = info.padInfo;
  const [fh, fw] = filterShape;
  return withTensors([x, dy], backend as tf.KernelBackend, (xt, dyt) => {
    const xp = top || bottom || left || right ? tf.pad(xt, [[0, 0], [top, bottom], [left, right], [0, 0]]) : xt;
    const input = tf.transpose(xp, [3, 1, 2, 0]) as tf.Tensor4D;
    const filter = tf.transpose(dyt, [1, 2, 0, 3]) as tf.Tensor4D;
    let r = tf.conv2d(input, filter, 1, 'valid', 'NHWC', [info.strideHeight, info.strideWidth]);
    if (r.shape[1] !== fh || r.shape[2] !== fw) r = tf.slice(r, [0, 0, 0, 0], [r.shape[0], fh, fw, r.shape[3]]);
    return tf.transpose(r, [1, 2, 0, 3]);
  });
};
