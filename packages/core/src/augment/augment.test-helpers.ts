import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { IDENTITY_PARAMS, type TransformParams } from './params.js';

/** 5×5, one channel, v(r, c) = 10·(r + 1) + (c + 1): every pixel names its own row and column (11 … 55). */
export const GRID: number[][] = Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => 10 * (r + 1) + (c + 1)));

export const gridBatch = (rows: number[][] = GRID): tf.Tensor4D => tf.tensor4d(rows.flat(), [1, rows.length, rows[0].length, 1]);

export const params = (p: Partial<TransformParams>): TransformParams => ({ ...IDENTITY_PARAMS, ...p });

/** The first image of a batch as rows of numbers (channel 0). */
export function rowsOf(batch: tf.Tensor4D, image = 0, channel = 0): number[][] {
  const [, h, w, c] = batch.shape;
  const data = batch.dataSync();
  return Array.from({ length: h }, (_, r) => Array.from({ length: w }, (_, col) => data[((image * h + r) * w + col) * c + channel]));
}

export function expectRowsClose(actual: number[][], expected: number[][], digits = 4): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, r) =>
    row.forEach((v, c) => {
      if (Math.abs(v - expected[r][c]) > 0.5 * 10 ** -digits) {
        throw new Error(`pixel (${r}, ${c}) is ${v}, expected ${expected[r][c]}\nactual:\n${format(actual)}\nexpected:\n${format(expected)}`);
      }
    }),
  );
}

const format = (rows: number[][]) => rows.map((row) => row.map((v) => v.toFixed(2).padStart(7)).join('')).join('\n');

/** Bilinear sample of GRID-like rows at a (row, col) point, clamping the point first (fill mode 'nearest'). */
export function sampleClamped(rows: number[][], r: number, c: number): number {
  const h = rows.length;
  const w = rows[0].length;
  const rr = Math.min(Math.max(r, 0), h - 1);
  const cc = Math.min(Math.max(c, 0), w - 1);
  const r0 = Math.floor(rr);
  const c0 = Math.floor(cc);
  const r1 = Math.min(r0 + 1, h - 1);
  const c1 = Math.min(c0 + 1, w - 1);
  const fr = rr - r0;
  const fc = cc - c0;
  return (1 - fr) * ((1 - fc) * rows[r0][c0] + fc * rows[r0][c1]) + fr * ((1 - fc) * rows[r1][c0] + fc * rows[r1][c1]);
}
