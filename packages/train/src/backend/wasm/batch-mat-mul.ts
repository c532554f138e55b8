import * as tf from '@tensorflow/tfjs-core';
import type { BatchMatMulAttrs, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { withTensors } from './kernel-inputs.js';

/**
 * BatchMatMul for the WASM backend. The stock kernel uses XNNPACK only without transposes (and a
 * batch of 1); with transposeA or transposeB, as in every Dense layer's gradient, it falls to a
 * naive triple loop (≈50 ms per LeNet dense gradient). Transposing the operand first and
 * multiplying plainly takes the XNNPACK path.
 */
export function makeBatchMatMul(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
    const batchOf = (t: TensorInfo) => tf.util.sizeFromShape(t.shape.slice(0, -2));
    if ((!transposeA && !transposeB) || batchOf(a) !== 1 || batchOf(b) !== 1) return stock(args);
    // The op passes its operands as they are (rank 2 for a Dense layer); work on [1, rows, cols].
    const as3d = (t: tf.Tensor): tf.Tensor3D => {
      const [rows, cols] = t.shape.slice(-2) as [number, number];
      return tf.reshape(t, [1, rows, cols]);
    };
    const swapLastTwo = (t: tf.Tensor3D) => tf.transpose(t, [0, 2, 1]);
    return withTensors([a, b], args.backend as tf.KernelBackend, (at, bt) => {
      const product = tf.matMul(transposeA ? swapLastTwo(as3d(at)) : as3d(at), transposeB ? swapLastTwo(as3d(bt)) : as3d(bt));
      const [m, n] = product.shape.slice(1);
      return tf.reshape(product, [...a.shape.slice(0, -2), m!, n!]);
    });
  };
}
