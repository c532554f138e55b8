import * as tf from '@tensorflow/tfjs-core';
import type { Conv2DBackpropInputAttrs, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { withTensors } from './kernel-inputs.js';

/**
 * Conv2DBackpropInput for the WASM backend. The stock one is a plain C++ loop (10× slower than
 * XNNPACK). The input gradient is the convolution of dy, with (stride − 1) zeros inserted between
 * its rows and columns, by the spatially flipped filter with in/out channels swapped, padded so the
 * result has the input's size. Returns null when the shapes are outside what this handles, so the
 * caller can use the stock kernel.
 */
export function conv2dBackpropInputViaConv(
  dy: TensorInfo,
  filter: TensorInfo,
  attrs: Conv2DBackpropInputAttrs,
  backend: tf.KernelBackend,
): TensorInfo | null {
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  if (dataFormat === 'NCHW') return null;
  const [fh, fw] = filter.shape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const { strideHeight: sh, strideWidth: sw } = info;
  const [n, ho, wo, cout] = dy.shape as [number, number, number, number];
  const [, h, w] = inputShape;
  const dilatedH = (ho - 1) * sh + 1;
  const dilatedW = (wo - 1) * sw + 1;
  const padTop = fh - 1 - info.padInfo.top;
  const padBottom = h + fh - 1 - dilatedH - padTop;
  const padLeft = fw - 1 - info.padInfo.left;
  const padRight = w + fw - 1 - dilatedW - padLeft;
  if (padTop < 0 || padBottom < 0 || padLeft < 0 || padRight < 0) return null;
  return withTensors([dy, filter], backend, (dyt, ft) => {
    let d = dyt as tf.Tensor4D;
    if (sh > 1 || sw > 1) {
      const spread = tf.pad(tf.reshape(dyt, [n, ho, 1, wo, 1, cout]), [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]]);
      d = tf.slice(tf.reshape(spread, [n, ho * sh, wo * sw, cout]) as tf.Tensor4D, [0, 0, 0, 0], [n, dilatedH, dilatedW, cout]);
    }
    const flipped = tf.transpose(tf.reverse(ft, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
    return tf.conv2d(d, flipped, 1, [[0, 0], [padTop, padBottom], [padLeft, padRight], [0, 0]]);
  });
}

/** Wraps the stock kernel: the fast path where it applies, the stock loop otherwise. */
export function makeConv2dBackpropInput(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
    const attrs = args.attrs as unknown as Conv2DBackpropInputAttrs;
    return conv2dBackpropInputViaConv(dy, filter, attrs, args.backend as tf.KernelBackend) ?? stock(args);
  };
}
