import * as tf from '@tensorflow/tfjs-core';
import type { RawImage } from '../image/raw-image.js';
import { preprocessToArray, type PreprocessResult } from './preprocess.js';
import type { PreprocessSpec, PreprocessSpecInput } from './spec.js';

/** The model's input tensor [1, h, w, c] for one image (the caller disposes it). */
export function preprocess(image: RawImage, spec: PreprocessSpec | PreprocessSpecInput): tf.Tensor4D {
  return toBatchTensor([preprocessToArray(image, spec)]);
}

/** Stacks preprocessed images into one [n, h, w, c] tensor. */
export function toBatchTensor(results: readonly PreprocessResult[]): tf.Tensor4D {
  if (results.length === 0) throw new Error('toBatchTensor needs at least one image');
  const [h, w, c] = results[0].shape;
  const size = h * w * c;
  const data = new Float32Array(results.length * size);
  results.forEach((r, i) => {
    if (r.data.length !== size) throw new Error(`image ${i} has shape ${r.shape.join('x')}, expected ${h}x${w}x${c}`);
    data.set(r.data, i * size);
  });
  return tf.tensor4d(data, [results.length, h, w, c], 'float32');
}
