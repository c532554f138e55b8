import type { TransformParams } from './params.js';

/**
 * A 3×3 affine matrix, row-major, acting on (row, col, 1): it maps an OUTPUT pixel to the INPUT point
 * it samples (the inverse map, as scipy's affine_transform and tf.image.transform both take it).
 */
export type Matrix3 = readonly [number, number, number, number, number, number, number, number, number];

export const IDENTITY: Matrix3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export function multiply(a: Matrix3, b: Matrix3): Matrix3 {
  const out: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) out.push(a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j]);
  }
  return out as unknown as Matrix3;
}

const translate = (dr: number, dc: number): Matrix3 => [1, 0, dr, 0, 1, dc, 0, 0, 1];
const rad = (degrees: number) => (degrees * Math.PI) / 180;

/**
 * Keras's `apply_affine_transform` matrix (keras-preprocessing 1.1, the classic ImageDataGenerator):
 * rotation · shift · shear · zoom, each only when it is not neutral, then moved to turn about the image
 * centre ((h − 1)/2, (w − 1)/2) by `transform_matrix_offset_center`. Coordinates are (row, col), so
 * `tx` shifts rows and `zx` zooms rows, as there.
 *
 * Later tf.keras/Keras 3 versions swap the two axes before calling scipy (keras-team/keras#17398:
 * height_shift_range then shifts horizontally); we keep the documented meaning instead.
 */
export function kerasAffineMatrix(p: TransformParams, height: number, width: number): Matrix3 {
  let m = IDENTITY;
  let any = false;
  if (p.theta !== 0) {
    const t = rad(p.theta);
    m = [Math.cos(t), -Math.sin(t), 0, Math.sin(t), Math.cos(t), 0, 0, 0, 1];
    any = true;
  }
  if (p.tx !== 0 || p.ty !== 0) {
    m = multiply(m, translate(p.tx, p.ty));
    any = true;
  }
  if (p.shear !== 0) {
    const s = rad(p.shear);
    m = multiply(m, [1, -Math.sin(s), 0, 0, Math.cos(s), 0, 0, 0, 1]);
    any = true;
  }
  if (p.zx !== 1 || p.zy !== 1) {
    m = multiply(m, [p.zx, 0, 0, 0, p.zy, 0, 0, 0, 1]);
    any = true;
  }
  if (!any) return IDENTITY;
  const oRow = height / 2 - 0.5;
  const oCol = width / 2 - 0.5;
  return multiply(multiply(translate(oRow, oCol), m), translate(-oRow, -oCol));
}

/**
 * The whole geometric part of one image: Keras's affine step, then its flips. Keras flips the result of
 * the affine step, so output (r, c) reads the affine result at the mirrored pixel: M · F. Folding the
 * flips in makes them free (one resampling per image) and exact (integer coordinates stay integers).
 */
export function inverseMapping(p: TransformParams, height: number, width: number): Matrix3 {
  let m = kerasAffineMatrix(p, height, width);
  if (p.flipHorizontal || p.flipVertical) {
    const flip: Matrix3 = [p.flipVertical ? -1 : 1, 0, p.flipVertical ? height - 1 : 0, 0, p.flipHorizontal ? -1 : 1, p.flipHorizontal ? width - 1 : 0, 0, 0, 1];
    m = multiply(m, flip);
  }
  // cos 90° is 6e-17, not 0: snap such dust so right-angle rotations land exactly on pixels.
  return m.map((v) => (Math.abs(v - Math.round(v)) < 1e-9 ? Math.round(v) : v)) as unknown as Matrix3;
}

export function isIdentity(m: Matrix3): boolean {
  return m.every((v, i) => v === IDENTITY[i]);
}

/**
 * tf.image.transform's 8-vector [a0, a1, a2, b0, b1, b2, c0, c1]: output (x, y) = (col, row) samples
 * input (a0·x + a1·y + a2, b0·x + b1·y + b2) / (c0·x + c1·y + 1). Our matrices are affine, so c = 0.
 */
export function toProjective(m: Matrix3): [number, number, number, number, number, number, number, number] {
  return [m[4], m[3], m[5], m[1], m[0], m[2], 0, 0];
}

/** How far the sampled points reach outside [0, size − 1] on each axis (an affine map's extremes are at corners). */
export function overshoot(m: Matrix3, height: number, width: number): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  for (const [r, c] of [
    [0, 0],
    [0, width - 1],
    [height - 1, 0],
    [height - 1, width - 1],
  ]) {
    const rr = m[0] * r + m[1] * c + m[2];
    const cc = m[3] * r + m[4] * c + m[5];
    rows = Math.max(rows, -rr, rr - (height - 1));
    cols = Math.max(cols, -cc, cc - (width - 1));
  }
  return { rows, cols };
}
