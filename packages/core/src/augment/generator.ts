import * as tf from '@tensorflow/tfjs-core';
import { applyTransformsToBatch } from './apply.js';
import { isIdentityOptions, parseAugmentOptions, type AugmentOptions, type AugmentOptionsInput } from './options.js';
import { randomTransform, type TransformParams } from './params.js';
import { Rng } from '../random/index.js';

export interface FlowOptions {
  /** Any safe integer, e.g. the run's seed. */
  seed: number;
  /** Which batch this is, e.g. a number derived from (epoch, batchIndex); default 0. */
  step?: number;
}

/**
 * Keras's ImageDataGenerator (augmentation part) for tfjs tensors. Options keep Keras's meanings and
 * defaults; randomness is seeded, so the same (seed, step) always gives the same batch.
 *
 * Units: Inkling augments AFTER preprocessing, so inputs are usually in [0, 1] with background 0.
 * `cval` and `channelShiftRange` are in those input units, and brightness clips to `valueRange` (default
 * [0, 1]); Keras applies them to 0–255 pixels before its rescale.
 */
export class ImageDataGenerator {
  readonly options: AugmentOptions;

  /** Throws InvalidAugmentOptionsError naming every bad option. */
  constructor(options: AugmentOptionsInput | Record<string, unknown> = {}) {
    this.options = parseAugmentOptions(options);
  }

  /** True when the options change nothing (the trainer can skip augmentation). */
  get isIdentity(): boolean {
    return isIdentityOptions(this.options);
  }

  /** Keras's get_random_transform: one image's parameters, drawn from `rng`. `shape` is [height, width, ...]. */
  randomTransform(shape: readonly number[], rng: Rng): TransformParams {
    return randomTransform(this.options, shape, rng);
  }

  /** Parameters for every image of a batch of shape [n, height, width, channels], drawn in order. */
  randomTransforms(batchShape: readonly number[], rng: Rng): TransformParams[] {
    const [n, ...imageShape] = batchShape;
    return Array.from({ length: n }, () => randomTransform(this.options, imageShape, rng));
  }

  /** Keras's apply_transform for one image [height, width, channels] (no rescale; see `standardize`). */
  applyTransform(image: tf.Tensor3D, params: TransformParams): tf.Tensor3D {
    if (image.rank !== 3) throw new RangeError(`expected one image [height, width, channels], got shape [${image.shape.join(', ')}]`);
    return tf.tidy(() => {
      const out = applyTransformsToBatch(tf.expandDims(image, 0) as tf.Tensor4D, [params], this.options);
      return tf.squeeze(out, [0]) as tf.Tensor3D;
    });
  }

  /** apply_transform for a batch, one parameter set per image, in one pass of tfjs ops. */
  applyTransforms(batch: tf.Tensor4D, params: readonly TransformParams[]): tf.Tensor4D {
    return applyTransformsToBatch(batch, params, this.options);
  }

  /** Keras's standardize, of which only `rescale` is supported: multiplies after everything else. */
  standardize<T extends tf.Tensor>(x: T): T {
    const { rescale } = this.options;
    return rescale === null ? (tf.clone(x) as T) : (tf.mul(x, rescale) as T);
  }

  /**
   * One augmented batch, as Keras's flow yields it: parameters drawn per image from a generator seeded
   * by (seed, step), applied, then rescaled. Returns a new tensor (the caller disposes it); the input is
   * not changed.
   */
  flow(batch: tf.Tensor4D, { seed, step = 0 }: FlowOptions): tf.Tensor4D {
    return this.augmentBatch(batch, seed, step);
  }

  /**
   * The same with the generator seeded by any number of integers, e.g. `augmentBatch(x, runSeed, epoch,
   * batchIndex)` in training or `augmentBatch(x, seed)` for a preview; `flow(x, { seed, step })` is
   * `augmentBatch(x, seed, step)`.
   */
  augmentBatch(batch: tf.Tensor4D, ...seedParts: number[]): tf.Tensor4D {
    if (batch.rank !== 4) throw new RangeError(`expected a batch of images [n, height, width, channels], got shape [${batch.shape.join(', ')}]`);
    if (seedParts.length === 0) throw new TypeError('augmentBatch needs at least one seed part');
    const params = this.randomTransforms(batch.shape, Rng.derive(...seedParts));
    return tf.tidy(() => this.standardize(this.applyTransforms(batch, params)));
  }
}
