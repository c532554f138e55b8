import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '@inkling/core';
import { augmentGridLayout, renderAugmentGrid, type Augmenter } from './augment-grid.js';
import { drawing, paperOf, pixel, tempDir, removeTempDirs } from './fixtures.test-helpers.js';
import { readImage } from '../data/read-image.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

afterAll(removeTempDirs);

/** A stand-in augmenter: image k of the batch becomes one flat grey drawn from the seed. */
const flatGreys: Augmenter = (x, seed) => {
  const random = mulberry32(seed);
  const values = Array.from({ length: x.shape[0] }, () => random());
  return tf.tidy(() => tf.mul(tf.onesLike(x), tf.reshape(tf.tensor(values), [-1, 1, 1, 1])) as tf.Tensor4D);
};

const SPEC = { size: [16, 16] as [number, number], colorMode: 'rgb' as const };

describe('renderAugmentGrid', () => {
  let image: Awaited<ReturnType<typeof readImage>>;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    const file = join(tempDir(), 'o.png');
    writeFileSync(file, await drawing('o', 3, 40));
    image = await readImage(file);
  });

  it('lays out the file, the model input and each augmented version, at the expected size', async () => {
    expect(augmentGridLayout(4, 32)).toMatchObject({ pictures: 6, cols: 3, rows: 2, width: 260, height: 162 });
    expect(augmentGridLayout(16, 128)).toMatchObject({ pictures: 18, cols: 5, rows: 4, width: 2 * 12 + 5 * 128 + 4 * 8, height: 12 + 30 + 4 * (128 + 18) + 3 * 8 + 12 });
    const grid = await renderAugmentGrid({ image, spec: SPEC, augment: flatGreys, count: 4, seed: 7, tileSize: 32 });
    const meta = await sharp(grid.png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 260, 162]);
    expect(grid.tiles).toHaveLength(6);
  });

  it('draws each augmented version from its float values, in batch order', async () => {
    const grid = await renderAugmentGrid({ image, spec: SPEC, augment: flatGreys, count: 4, seed: 7, tileSize: 32 });
    const paper = await pixel(grid.png, grid.tiles[0].x + 1, grid.tiles[0].y + 1);
    paperOf(3).forEach((v, c) => expect(Math.abs(paper[c] - v)).toBeLessThanOrEqual(2));
    const random = mulberry32(7);
    for (let k = 0; k < 4; k++) {
      const expected = Math.round(random() * 255);
      const seen = await pixel(grid.png, grid.tiles[k + 2].x + 16, grid.tiles[k + 2].y + 16);
      for (const v of seen) expect(Math.abs(v - expected), `tile ${k}`).toBeLessThanOrEqual(1);
    }
  });

  it('gives the same picture for the same seed and another for another seed', async () => {
    const render = (seed: number) => renderAugmentGrid({ image, spec: SPEC, augment: flatGreys, count: 3, seed, tileSize: 24 }).then((g) => g.png);
    const [a, b, c] = await Promise.all([render(1), render(1), render(2)]);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('refuses a count below 1 and an augmenter that changes the batch shape', async () => {
    await expect(renderAugmentGrid({ image, spec: SPEC, augment: flatGreys, count: 0, seed: 1, tileSize: 32 })).rejects.toThrow(/at least 1/);
    const shrinking: Augmenter = (x) => tf.slice(x, [0, 0, 0, 0], [1, -1, -1, -1]) as tf.Tensor4D;
    await expect(renderAugmentGrid({ image, spec: SPEC, augment: shrinking, count: 2, seed: 1, tileSize: 32 })).rejects.toThrow(/shape \[1, 16, 16, 3\], expected \[2, 16, 16, 3\]/);
  });
});
