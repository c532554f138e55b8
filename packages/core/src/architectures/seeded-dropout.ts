import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * Dropout whose masks come from a seed, so that a training run repeats exactly. tfjs's own Dropout
 * passes one fixed seed to every call (the same mask on every step) or none (Math.random); this one
 * advances its seed on each training call. It serialises as a plain Keras `Dropout`, so saved models
 * load anywhere and inference is unchanged.
 */
export class SeededDropout extends tfl.layers.Layer {
  static className = 'Dropout';
  readonly rate: number;
  readonly seed: number;
  /**
   * Training calls made so far: each call's mask is seeded from (seed, calls). A resumed run puts the
   * count back, and a data-parallel worker sets it per slice, so the masks repeat exactly.
   */
  calls = 0;
  /**
   * Set by a data-parallel worker that holds rows [offset, offset + n) of a batch of `total`: the
   * mask is drawn for the whole batch and the worker's rows are used, so N workers drop exactly
   * what one engine would.
   */
  batchSlice?: { offset: number; total: number };

  constructor(args: { rate: number; seed: number; name?: string }) {
    super({ name: args.name });
    this.rate = args.rate;
    this.seed = args.seed;
    this.supportsMasking = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const input = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs.training || this.rate <= 0 || this.rate >= 1) return input;
    const seed = this.seed * 100003 + this.calls++;
    if (!this.batchSlice) return tf.dropout(input, this.rate, undefined, seed);
    const { offset, total } = this.batchSlice;
    // tf.dropout's arithmetic, on this slice's rows of the whole batch's draw.
    return tf.tidy(() => {
      const keep = 1 - this.rate;
      const draw = tf.slice(tf.randomUniform([total, ...input.shape.slice(1)], 0, 1, 'float32', seed), offset, input.shape[0]);
      return tf.mul(input, tf.div(tf.floor(tf.add(draw, keep)), keep));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, noiseShape: null, seed: this.seed };
  }
}
