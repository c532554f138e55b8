import * as tf from '@tensorflow/tfjs-core';
import type { Conv2DBackpropFilterAttrs, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

/** Wraps a kernel input as a Tensor without stealing the caller's data (an extra ref, dropped after). */
function borrow(info: TensorInfo, backend: tf.KernelBackend): { tensor: tf.Tensor; release: () => void } {
  if (info instanceof tf.Tensor) return { tensor: info, release: () => {} };
  backend.incRef(info.dataId);
  const tensor = tf.engine().makeTensorFromTensorInfo(info, backend);
  return { tensor, release: () => tensor.dispose() };
}

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
  const X = borrow(x, backend as tf.KernelBackend);
  const DY = borrow(dy, backend as tf.KernelBackend);
  try {
    return tf.tidy(() => {
      const xp = top || bottom || left || right ? tf.pad(X.tensor, [[0, 0], [top, bottom], [left, right], [0, 0]]) : X.tensor;
      const xt = tf.transpose(xp, [3, 1, 2, 0]) as tf.Tensor4D;
      const ft = tf.transpose(DY.tensor, [1, 2, 0, 3]) as tf.Tensor4D;
      let r = tf.conv2d(xt, ft, 1, 'valid', 'NHWC', [info.strideHeight, info.strideWidth]);
      if (r.shape[1] !== fh || r.shape[2] !== fw) r = tf.slice(r, [0, 0, 0, 0], [r.shape[0], fh, fw, r.shape[3]]);
      return tf.transpose(r, [1, 2, 0, 3]);
    });
  } finally {
    X.release();
    DY.release();
  }
};
