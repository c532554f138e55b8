import type { AugmentOptions, ShiftRange } from './options.js';
import type { Rng } from '../random/index.js';

/**
 * One image's transformation, Keras's `transform_parameters` camelCased. Keras's names are kept, including
 * its axis convention: x is the ROW axis, so `tx` moves the picture vertically and `ty` horizontally.
 */
export interface TransformParams {
  /** Rotation in degrees. */
  theta: number;
  /** Vertical shift in pixels (from heightShiftRange): output row r samples input row r + tx. */
  tx: number;
  /** Horizontal shift in pixels (from widthShiftRange): output column c samples input column c + ty. */
  ty: number;
  /** Shear angle in degrees. */
  shear: number;
  /** Zoom of the row axis: output row r samples centre + zx·(r − centre), so > 1 shrinks the picture. */
  zx: number;
  /** Zoom of the column axis. */
  zy: number;
  flipHorizontal: boolean;
  flipVertical: boolean;
  /** Added to every channel, then clipped to the image's min/max; null for none. */
  channelShiftIntensity: number | null;
  /** Multiplier, clipped to the value range; null for none. */
  brightness: number | null;
}

export const IDENTITY_PARAMS: Readonly<TransformParams> = Object.freeze({
  theta: 0,
  tx: 0,
  ty: 0,
  shear: 0,
  zx: 1,
  zy: 1,
  flipHorizontal: false,
  flipVertical: false,
  channelShiftIntensity: null,
  brightness: null,
});

function drawShift(range: ShiftRange, size: number, rng: Rng): number {
  switch (range.kind) {
    case 'none':
      return 0;
    case 'uniform':
      return rng.uniform(-range.limit, range.limit) * (range.relative ? size : 1);
    case 'integers':
      return rng.int(0, range.limit - 1) * rng.sign();
    case 'choice':
      return rng.pick(range.values) * rng.sign() * (range.relative ? size : 1);
  }
}

/**
 * Keras's `get_random_transform`: the same draws in the same order (rotation, height shift, width shift,
 * shear, two zooms, two flip coins drawn even when flips are off, channel shift, brightness), each only
 * when Keras would draw it. `shape` is the image's [height, width, ...].
 */
export function randomTransform(options: AugmentOptions, shape: readonly number[], rng: Rng): TransformParams {
  const [height, width] = shape;
  if (!(height >= 1 && width >= 1)) throw new RangeError(`image shape must start with [height, width] ≥ 1, got [${shape.join(', ')}]`);
  const theta = options.rotationRange ? rng.uniform(-options.rotationRange, options.rotationRange) : 0;
  const tx = drawShift(options.heightShiftRange, height, rng);
  const ty = drawShift(options.widthShiftRange, width, rng);
  const shear = options.shearRange ? rng.uniform(-options.shearRange, options.shearRange) : 0;
  const [zoomLo, zoomHi] = options.zoomRange;
  let zx = 1;
  let zy = 1;
  if (zoomLo !== 1 || zoomHi !== 1) {
    zx = rng.uniform(zoomLo, zoomHi);
    zy = rng.uniform(zoomLo, zoomHi);
  }
  const flipHorizontal = rng.chance(0.5) && options.horizontalFlip;
  const flipVertical = rng.chance(0.5) && options.verticalFlip;
  const channelShiftIntensity = options.channelShiftRange !== 0 ? rng.uniform(-options.channelShiftRange, options.channelShiftRange) : null;
  const brightness = options.brightnessRange ? rng.uniform(options.brightnessRange[0], options.brightnessRange[1]) : null;
  return { theta, tx, ty, shear, zx, zy, flipHorizontal, flipVertical, channelShiftIntensity, brightness };
}
