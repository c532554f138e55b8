import * as tf from '@tensorflow/tfjs-core';

type Vector8 = readonly number[];

/**
 * tfjs-backend-cpu 4.22's Transform kernel returns from inside its batch loop: only the first image is
 * transformed and the others come back as the fill value. Asked once per cpu backend; where the kernel
 * is fixed (or on any other backend) the batch goes through in one call.
 */
let cpuBatchesWork: boolean | undefined;

function batchedTransformWorks(): boolean {
  if (tf.getBackend() !== 'cpu') return true;
  cpuBatchesWork ??= tf.tidy(() => {
    const images = tf.tensor4d([1, 2], [2, 1, 1, 1]);
    const identity = tf.tensor2d([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], [2, 8]);
    const out = tf.image.transform(images, identity, 'nearest', 'constant', 0).dataSync();
    return out[0] === 1 && out[1] === 2;
  });
  return cpuBatchesWork;
}

/** tf.image.transform with one 8-vector per image: one call per batch (per image on a broken cpu kernel). */
export function projectiveTransform(
  images: tf.Tensor4D,
  vectors: readonly Vector8[],
  interpolation: 'bilinear' | 'nearest',
  fillMode: 'constant' | 'nearest',
  fillValue: number,
  outputShape?: [number, number],
): tf.Tensor4D {
  const n = images.shape[0];
  const transforms = tf.tensor2d(vectors.flat(), [n, 8], 'float32');
  if (n === 1 || batchedTransformWorks()) return tf.image.transform(images, transforms, interpolation, fillMode, fillValue, outputShape);
  const parts: tf.Tensor4D[] = [];
  for (let i = 0; i < n; i++) {
    const image = tf.slice(images, [i, 0, 0, 0], [1, -1, -1, -1]);
    parts.push(tf.image.transform(image, tf.slice(transforms, [i, 0], [1, 8]), interpolation, fillMode, fillValue, outputShape));
  }
  return tf.concat(parts, 0);
}
