import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRowsClose, GRID, gridBatch, params, rowsOf } from './augment.test-helpers.js';
import { ImageDataGenerator } from './generator.js';
import { InvalidAugmentOptionsError } from './options.js';
import { Rng } from '../random/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const OPTIONS = { rotationRange: 25, widthShiftRange: 0.15, heightShiftRange: 0.15, zoomRange: 0.2, shearRange: 10, horizontalFlip: true, brightnessRange: [0.7, 1.3], fillMode: 'constant' as const };

/** Four copies of GRID scaled into [0, 1]. */
const batchOfFour = () => tf.tidy(() => tf.div(tf.concat([gridBatch(), gridBatch(), gridBatch(), gridBatch()]), 55) as tf.Tensor4D);

function flowData(gen: ImageDataGenerator, seed: number, step: number): Float32Array {
  const x = batchOfFour();
  const y = gen.flow(x, { seed, step });
  const data = y.dataSync() as Float32Array;
  tf.dispose([x, y]);
  return data;
}

describe('ImageDataGenerator', () => {
  it('gives the same batch for the same (seed, step), and another for another seed or step', () => {
    const gen = new ImageDataGenerator(OPTIONS);
    const a = flowData(gen, 42, 3);
    expect(flowData(gen, 42, 3)).toEqual(a);
    expect(flowData(new ImageDataGenerator(OPTIONS), 42, 3)).toEqual(a);
    expect(flowData(gen, 43, 3)).not.toEqual(a);
    expect(flowData(gen, 42, 4)).not.toEqual(a);
  });

  it('seeds augmentBatch with any number of parts; flow(x, { seed, step }) is augmentBatch(x, seed, step)', () => {
    const gen = new ImageDataGenerator(OPTIONS);
    const x = batchOfFour();
    const data = (...parts: number[]) => {
      const y = gen.augmentBatch(x, ...parts);
      const out = Array.from(y.dataSync());
      y.dispose();
      return out;
    };
    expect(data(42, 3)).toEqual(Array.from(flowData(gen, 42, 3)));
    expect(data(42, 0, 5)).toEqual(data(42, 0, 5));
    expect(data(42, 0, 5)).not.toEqual(data(42, 5, 0));
    expect(data(42)).not.toEqual(data(42, 0));
    expect(() => gen.augmentBatch(x)).toThrow(/at least one seed part/);
    x.dispose();
  });

  it('draws parameters per image: identical inputs come out different', () => {
    const x = batchOfFour();
    const y = new ImageDataGenerator(OPTIONS).flow(x, { seed: 1 });
    const images = [0, 1, 2, 3].map((i) => JSON.stringify(rowsOf(y, i)));
    expect(new Set(images).size).toBe(4);
    tf.dispose([x, y]);
  });

  it('is randomTransforms from a (seed, step) generator, then applyTransforms, then rescale', () => {
    const gen = new ImageDataGenerator({ ...OPTIONS, rescale: 2 });
    const x = batchOfFour();
    const viaFlow = gen.flow(x, { seed: 7, step: 2 });
    const params = gen.randomTransforms(x.shape, Rng.derive(7, 2));
    const applied = gen.applyTransforms(x, params);
    expect(Array.from(viaFlow.dataSync())).toEqual(Array.from(applied.dataSync()).map((v) => Math.fround(v * 2)));
    tf.dispose([x, viaFlow, applied]);
  });

  it('transforms one image with applyTransform, as the preview command does', () => {
    const gen = new ImageDataGenerator({ fillMode: 'nearest' });
    const image = tf.tensor3d(GRID.flat(), [5, 5, 1]);
    const out = gen.applyTransform(image, params({ tx: 1, ty: -2 }));
    expect(out.shape).toEqual([5, 5, 1]);
    expectRowsClose(rowsOf(tf.expandDims(out, 0) as tf.Tensor4D), [
      [21, 21, 21, 22, 23],
      [31, 31, 31, 32, 33],
      [41, 41, 41, 42, 43],
      [51, 51, 51, 52, 53],
      [51, 51, 51, 52, 53],
    ]);
    // Several previews from one generator differ from each other and repeat for the same seed.
    const previews = (seed: number) => {
      const rng = Rng.derive(seed);
      const g = new ImageDataGenerator(OPTIONS);
      return [0, 1, 2].map(() => g.randomTransform([5, 5, 1], rng));
    };
    expect(previews(3)).toEqual(previews(3));
    expect(new Set(previews(3).map((p) => JSON.stringify(p))).size).toBe(3);
    expect(() => gen.applyTransform(tf.zeros([1, 5, 5, 1]) as unknown as tf.Tensor3D, params({}))).toThrow(/one image \[height, width, channels\]/);
    tf.dispose([image, out]);
  });

  it('applies only rescale when that is the only option, and copies the batch when there is none', () => {
    const x = tf.tensor4d([0, 51, 255], [1, 1, 3, 1]);
    const rescaled = new ImageDataGenerator({ rescale: '1/255' }).flow(x, { seed: 0 });
    expect(Array.from(rescaled.dataSync()).map((v) => +v.toFixed(6))).toEqual([0, 0.2, 1]);
    const none = new ImageDataGenerator();
    expect(none.isIdentity).toBe(true);
    expect(new ImageDataGenerator({ rescale: 0.5 }).isIdentity).toBe(false);
    const copy = none.flow(x, { seed: 0 });
    expect(copy).not.toBe(x);
    copy.dispose();
    expect(Array.from(x.dataSync())).toEqual([0, 51, 255]);
    tf.dispose([x, rescaled]);
  });

  it('leaks no tensors', () => {
    const gen = new ImageDataGenerator({ ...OPTIONS, channelShiftRange: 0.1, rescale: 0.5 });
    const x = batchOfFour();
    const before = tf.memory().numTensors;
    for (let step = 0; step < 3; step++) gen.flow(x, { seed: 1, step }).dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('rejects bad options and bad batches with clear errors', () => {
    expect(() => new ImageDataGenerator({ zoomRange: 2 })).toThrow(InvalidAugmentOptionsError);
    expect(() => new ImageDataGenerator({ zoomRange: 2 })).toThrow(/zoomRange: 2 gives zoom factors from -1 to 3/);
    const gen = new ImageDataGenerator(OPTIONS);
    expect(() => gen.flow(tf.zeros([5, 5, 1]) as unknown as tf.Tensor4D, { seed: 1 })).toThrow(/batch of images/);
    expect(() => gen.flow(tf.zeros([1, 5, 5, 1]) as tf.Tensor4D, { seed: 0.5 })).toThrow(/seed part 0 must be a safe integer/);
  });
});
