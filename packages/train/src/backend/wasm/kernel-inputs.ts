import * as tf from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';

export interface Borrowed<T extends tf.Tensor = tf.Tensor> {
  tensor: T;
  release: () => void;
}

/**
 * Wraps a kernel input as a Tensor so that a kernel can be written with tf ops. The engine usually
 * passes Tensors already; a bare TensorInfo gets an extra reference, dropped by `release`, so that
 * disposing the wrapper never frees the caller's data.
 */
export function borrow<T extends tf.Tensor = tf.Tensor>(info: TensorInfo, backend: tf.KernelBackend): Borrowed<T> {
  if (info instanceof tf.Tensor) return { tensor: info as T, release: () => {} };
  backend.incRef(info.dataId);
  const tensor = tf.engine().makeTensorFromTensorInfo(info, backend) as T;
  return { tensor, release: () => tensor.dispose() };
}

/** Runs `body` on the kernel inputs as Tensors inside a tidy, releasing any wrappers afterwards. */
export function withTensors<R extends tf.Tensor>(
  infos: TensorInfo[],
  backend: tf.KernelBackend,
  body: (...tensors: tf.Tensor[]) => R,
): R {
  const borrowed = infos.map((info) => borrow(info, backend));
  try {
    return tf.tidy(() => body(...borrowed.map((b) => b.tensor)));
  } finally {
    for (const b of borrowed) b.release();
  }
}
