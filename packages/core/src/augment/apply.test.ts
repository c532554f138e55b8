import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyTransformsToBatch, type ApplyConfig } from './apply.js';
import { expectRowsClose, GRID, gridBatch, params, rowsOf, sampleClamped } from './augment.test-helpers.js';
import type { FillMode } from './options.js';
import type { TransformParams } from './params.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config = (c: Partial<ApplyConfig> = {}): ApplyConfig => ({ fillMode: 'nearest', cval: 0, interpolationOrder: 1, valueRange: [0, 1], ...c });

function run(p: Partial<TransformParams>, c: Partial<ApplyConfig> = {}, rows = GRID): number[][] {
  const x = gridBatch(rows);
  const y = applyTransformsToBatch(x, [params(p)], config(c));
  const out = rowsOf(y);
  tf.dispose([x, y]);
  return out;
}

/** GRID's rows with each output column c reading input column cols[c] (null: the fill value). */
const gridWithColumns = (cols: (number | null)[], fill = 0) => GRID.map((_, r) => cols.map((col) => (col === null ? fill : 10 * (r + 1) + col + 1)));

describe('geometry (Keras apply_affine_transform, pulled through tf.image.transform)', () => {
  it('shifts by whole pixels: tx moves rows (height), ty moves columns (width)', () => {
    // Output (r, c) reads input (r + 1, c − 2), clamped at the border ('nearest').
    expectRowsClose(run({ tx: 1, ty: -2 }), [
      [21, 21, 21, 22, 23],
      [31, 31, 31, 32, 33],
      [41, 41, 41, 42, 43],
      [51, 51, 51, 52, 53],
      [51, 51, 51, 52, 53],
    ]);
    expectRowsClose(run({ tx: -1 }), [
      [11, 12, 13, 14, 15],
      [11, 12, 13, 14, 15],
      [21, 22, 23, 24, 25],
      [31, 32, 33, 34, 35],
      [41, 42, 43, 44, 45],
    ]);
  });

  it('rotates by 90° and −90° about the centre', () => {
    // θ = 90°: output (r, c) reads input (4 − c, r), i.e. the picture turns clockwise on screen.
    expectRowsClose(run({ theta: 90 }), [
      [51, 41, 31, 21, 11],
      [52, 42, 32, 22, 12],
      [53, 43, 33, 23, 13],
      [54, 44, 34, 24, 14],
      [55, 45, 35, 25, 15],
    ]);
    expectRowsClose(run({ theta: -90 }), [
      [15, 25, 35, 45, 55],
      [14, 24, 34, 44, 54],
      [13, 23, 33, 43, 53],
      [12, 22, 32, 42, 52],
      [11, 21, 31, 41, 51],
    ]);
  });

  it('rotates by 180° without losing an edge row to float dust, even with constant fill', () => {
    const rotated = [
      [55, 54, 53, 52, 51],
      [45, 44, 43, 42, 41],
      [35, 34, 33, 32, 31],
      [25, 24, 23, 22, 21],
      [15, 14, 13, 12, 11],
    ];
    expectRowsClose(run({ theta: 180 }), rotated);
    expectRowsClose(run({ theta: 180 }, { fillMode: 'constant', cval: -1 }), rotated);
  });

  it('flips horizontally, vertically, and both', () => {
    expectRowsClose(run({ flipHorizontal: true }), gridWithColumns([4, 3, 2, 1, 0]));
    expectRowsClose(run({ flipVertical: true }), [...GRID].reverse());
    expectRowsClose(run({ flipHorizontal: true, flipVertical: true }), run({ theta: 180 }));
  });

  it('flips after the affine step, as Keras does (rotate 90° then mirror = transpose)', () => {
    expectRowsClose(run({ theta: 90, flipHorizontal: true }), [
      [11, 21, 31, 41, 51],
      [12, 22, 32, 42, 52],
      [13, 23, 33, 43, 53],
      [14, 24, 34, 44, 54],
      [15, 25, 35, 45, 55],
    ]);
  });

  it('zooms in by 2 about the centre (zx = zy = 0.5), interpolating bilinearly', () => {
    // Output (r, c) reads input (2 + (r − 2)/2, 2 + (c − 2)/2); GRID is linear, so the value is 22 + 5r + c/2.
    expectRowsClose(run({ zx: 0.5, zy: 0.5 }), [
      [22, 22.5, 23, 23.5, 24],
      [27, 27.5, 28, 28.5, 29],
      [32, 32.5, 33, 33.5, 34],
      [37, 37.5, 38, 38.5, 39],
      [42, 42.5, 43, 43.5, 44],
    ]);
  });

  it('zooms out by 2 (zx = zy = 2): every other pixel, the rest filled', () => {
    // Output (r, c) reads input (2r − 2, 2c − 2).
    expectRowsClose(run({ zx: 2, zy: 2 }, { fillMode: 'constant', cval: 0 }), [
      [0, 0, 0, 0, 0],
      [0, 11, 13, 15, 0],
      [0, 31, 33, 35, 0],
      [0, 51, 53, 55, 0],
      [0, 0, 0, 0, 0],
    ]);
  });

  it('zooms each axis by its own factor (zx rows, zy columns)', () => {
    expectRowsClose(run({ zx: 0.5 }), GRID.map((_, r) => GRID[0].map((_, c) => 10 * (2 + r / 2) + c + 1)));
    expectRowsClose(run({ zy: 0.5 }), GRID.map((_, r) => GRID[0].map((_, c) => 10 * (r + 1) + 2 + c / 2)));
  });

  it('shears by Keras\'s matrix [[1, −sin s], [0, cos s]] about the centre (degrees)', () => {
    const s = (30 * Math.PI) / 180;
    // Output (r, c) reads input (2 + (r − 2) − sin s·(c − 2), 2 + cos s·(c − 2)), clamped ('nearest').
    const expected = GRID.map((_, r) => GRID[0].map((_, c) => sampleClamped(GRID, 2 + (r - 2) - Math.sin(s) * (c - 2), 2 + Math.cos(s) * (c - 2))));
    expectRowsClose(run({ shear: 30 }), expected);
    // By hand: output (0, 0) reads input (1, 2 − 2·cos 30°) = (1, 0.268) → 10·2 + 1.268.
    expect(run({ shear: 30 })[0][0]).toBeCloseTo(21.26795, 4);
    expect(run({ shear: 30 })[2][2]).toBeCloseTo(33, 4); // the centre stays
  });

  it('samples the nearest pixel with interpolationOrder 0 (halves round up, as scipy)', () => {
    // Zoom in by 2: rows/cols 1, 1.5, 2, 2.5, 3 round to 1, 2, 2, 3, 3.
    const idx = [1, 2, 2, 3, 3];
    expectRowsClose(run({ zx: 0.5, zy: 0.5 }, { interpolationOrder: 0 }), idx.map((r) => idx.map((c) => 10 * (r + 1) + c + 1)));
  });

  it('gives each image of a batch its own transformation in one pass', () => {
    const x = tf.tensor4d([...GRID.flat(), ...GRID.flat(), ...GRID.flat()], [3, 5, 5, 1]);
    const y = applyTransformsToBatch(x, [params({}), params({ flipHorizontal: true }), params({ theta: 180 })], config());
    expectRowsClose(rowsOf(y, 0), GRID);
    expectRowsClose(rowsOf(y, 1), gridWithColumns([4, 3, 2, 1, 0]));
    expectRowsClose(rowsOf(y, 2), run({ theta: 180 }));
    tf.dispose([x, y]);
  });

  it('moves every channel together', () => {
    const rgb = tf.tensor4d(GRID.flat().flatMap((v) => [v, -v, v / 10]), [1, 5, 5, 3]);
    const y = applyTransformsToBatch(rgb, [params({ theta: 90 })], config());
    const red = run({ theta: 90 });
    expectRowsClose(rowsOf(y, 0, 1), red.map((row) => row.map((v) => -v)));
    expectRowsClose(rowsOf(y, 0, 2), red.map((row) => row.map((v) => v / 10)));
    tf.dispose([rgb, y]);
  });
});

describe('fill modes (Keras: nearest aaaa|abcd|dddd, constant kkkk|abcd|kkkk, reflect dcba|abcd|dcba, wrap abcd|abcd|abcd)', () => {
  const cases: { name: string; ty: number; expected: Record<FillMode, (number | null)[]> }[] = [
    {
      name: 'two pixels right (columns 2 … 6)',
      ty: 2,
      expected: { nearest: [2, 3, 4, 4, 4], constant: [2, 3, 4, null, null], reflect: [2, 3, 4, 4, 3], wrap: [2, 3, 4, 0, 1] },
    },
    {
      name: 'two pixels left (columns −2 … 2)',
      ty: -2,
      expected: { nearest: [0, 0, 0, 1, 2], constant: [null, null, 0, 1, 2], reflect: [1, 0, 0, 1, 2], wrap: [3, 4, 0, 1, 2] },
    },
    {
      name: 'four pixels right (beyond what tfjs\'s own wrap gets right)',
      ty: 4,
      expected: { nearest: [4, 4, 4, 4, 4], constant: [4, null, null, null, null], reflect: [4, 4, 3, 2, 1], wrap: [4, 0, 1, 2, 3] },
    },
    {
      name: 'four pixels left',
      ty: -4,
      expected: { nearest: [0, 0, 0, 0, 0], constant: [null, null, null, null, 0], reflect: [3, 2, 1, 0, 0], wrap: [1, 2, 3, 4, 0] },
    },
  ];
  for (const { name, ty, expected } of cases) {
    for (const mode of ['nearest', 'constant', 'reflect', 'wrap'] as const) {
      it(`${mode}: shift ${name}`, () => {
        expectRowsClose(run({ ty }, { fillMode: mode, cval: -7 }), gridWithColumns(expected[mode], -7));
      });
    }
  }

  it('blends across the border the way each mode extends the image (half-pixel shift)', () => {
    // Output column 4 reads column 4.5: between 15 and the pixel beyond the edge.
    const lastColumn = (mode: FillMode) => run({ ty: 0.5 }, { fillMode: mode, cval: -7 }).map((row) => row[4]);
    expect(lastColumn('nearest')).toEqual([15, 25, 35, 45, 55]);
    expect(lastColumn('reflect')).toEqual([15, 25, 35, 45, 55]);
    expect(lastColumn('wrap')).toEqual([13, 23, 33, 43, 53]); // (15 + 11) / 2
    expect(lastColumn('constant')).toEqual([-7, -7, -7, -7, -7]); // scipy: outside [0, n − 1] is cval, unblended
    expect(run({ ty: 0.5 }, { fillMode: 'constant', cval: -7 })[0].slice(0, 4)).toEqual([11.5, 12.5, 13.5, 14.5]);
  });

  it('uses cval only where a pixel is filled', () => {
    const out = run({ tx: -3 }, { fillMode: 'constant', cval: 0.25 });
    expect(out.slice(0, 3).flat().every((v) => v === 0.25)).toBe(true);
    expectRowsClose(out.slice(3), GRID.slice(0, 2));
  });
});

describe('pixel values', () => {
  it('adds one channel shift to every channel, clipped to the image\'s own min and max', () => {
    // 1×2×2×3: min 0.2, max 0.9.
    const x = tf.tensor4d([0.2, 0.5, 0.9, 0.3, 0.4, 0.6, 0.25, 0.35, 0.7, 0.8, 0.85, 0.9], [1, 2, 2, 3]);
    const up = applyTransformsToBatch(x, [params({ channelShiftIntensity: 0.15 })], config());
    expect(Array.from(up.dataSync()).map((v) => +v.toFixed(5))).toEqual([0.35, 0.65, 0.9, 0.45, 0.55, 0.75, 0.4, 0.5, 0.85, 0.9, 0.9, 0.9]);
    const down = applyTransformsToBatch(x, [params({ channelShiftIntensity: -0.15 })], config());
    expect(Array.from(down.dataSync()).map((v) => +v.toFixed(5))).toEqual([0.2, 0.35, 0.75, 0.2, 0.25, 0.45, 0.2, 0.2, 0.55, 0.65, 0.7, 0.75]);
    tf.dispose([x, up, down]);
  });

  it('multiplies brightness and clips to the value range (PIL clips to 0…255)', () => {
    const x = tf.tensor4d([0, 0.2, 0.5, 0.8, 1], [1, 1, 5, 1]);
    const bright = applyTransformsToBatch(x, [params({ brightness: 1.5 })], config());
    const dark = applyTransformsToBatch(x, [params({ brightness: 0.5 })], config());
    expect(Array.from(bright.dataSync()).map((v) => +v.toFixed(5))).toEqual([0, 0.3, 0.75, 1, 1]);
    expect(Array.from(dark.dataSync()).map((v) => +v.toFixed(5))).toEqual([0, 0.1, 0.25, 0.4, 0.5]);
    const bytes = tf.tensor4d([0, 100, 200], [1, 1, 3, 1]);
    const byteBright = applyTransformsToBatch(bytes, [params({ brightness: 1.5 })], config({ valueRange: [0, 255] }));
    expect(Array.from(byteBright.dataSync())).toEqual([0, 150, 255]);
    tf.dispose([x, bright, dark, bytes, byteBright]);
  });

  it('leaves an image without a brightness draw unclipped, even next to one with a draw', () => {
    const x = tf.tensor4d([2, 0.5], [2, 1, 1, 1]);
    const y = applyTransformsToBatch(x, [params({}), params({ brightness: 3 })], config());
    expect(Array.from(y.dataSync())).toEqual([2, 1]);
    tf.dispose([x, y]);
  });

  it('applies the affine step, then the channel shift, then brightness', () => {
    // Shift right by 1 with constant fill 0 → [0, 0.2, 0.4]; channel shift +0.3 clips to that image's [0, 0.4]
    // → [0.3, 0.4, 0.4]; brightness ×2 → [0.6, 0.8, 0.8].
    const x = tf.tensor4d([0.2, 0.4, 0.1], [1, 1, 3, 1]);
    const y = applyTransformsToBatch(x, [params({ ty: -1, channelShiftIntensity: 0.3, brightness: 2 })], config({ fillMode: 'constant' }));
    expect(Array.from(y.dataSync()).map((v) => +v.toFixed(5))).toEqual([0.6, 0.8, 0.8]);
    tf.dispose([x, y]);
  });
});

describe('inputs and outputs', () => {
  it('returns a new float32 tensor and leaves the input alone, without leaking tensors', () => {
    const x = tf.tensor4d(GRID.flat(), [1, 5, 5, 1], 'int32');
    const before = tf.memory().numTensors;
    const y = applyTransformsToBatch(x, [params({ theta: 90, brightness: 0.5, channelShiftIntensity: 1 })], config({ fillMode: 'wrap', valueRange: [0, 255] }));
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(y.dtype).toBe('float32');
    y.dispose();
    expect(Array.from(x.dataSync())).toEqual(GRID.flat());
    const same = applyTransformsToBatch(x, [params({})], config());
    expect(same).not.toBe(x);
    tf.dispose([x, same]);
  });

  it('rejects a tensor that is not a batch, and a parameter list of the wrong length', () => {
    const image = tf.zeros([5, 5, 1]) as unknown as tf.Tensor4D;
    expect(() => applyTransformsToBatch(image, [params({})], config())).toThrow(/batch of images \[n, height, width, channels\], got shape \[5, 5, 1\]/);
    const batch = tf.zeros([2, 5, 5, 1]) as tf.Tensor4D;
    expect(() => applyTransformsToBatch(batch, [params({})], config())).toThrow(/1 parameter sets for a batch of 2 images/);
    tf.dispose([image, batch]);
  });
});
