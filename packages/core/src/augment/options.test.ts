import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { augmentOptionsSchema, describeAugmentOptions, InvalidAugmentOptionsError, isIdentityOptions, parseAugmentOptions } from './options.js';

const problem = (input: unknown): string => {
  try {
    parseAugmentOptions(input);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidAugmentOptionsError);
    return (err as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
};

describe('augmentation options', () => {
  it("has Keras's defaults: no augmentation, fill 'nearest', cval 0, no rescale", () => {
    const o = parseAugmentOptions({});
    expect(o).toEqual({
      rotationRange: 0,
      widthShiftRange: { kind: 'none' },
      heightShiftRange: { kind: 'none' },
      shearRange: 0,
      zoomRange: [1, 1],
      brightnessRange: null,
      channelShiftRange: 0,
      fillMode: 'nearest',
      cval: 0,
      horizontalFlip: false,
      verticalFlip: false,
      rescale: null,
      interpolationOrder: 1,
      valueRange: [0, 1],
    });
    expect(isIdentityOptions(o)).toBe(true);
    expect(parseAugmentOptions(undefined)).toEqual(o);
    expect(describeAugmentOptions(o)).toEqual([]);
  });

  it('reads shift ranges as Keras does: float fraction, float pixels, int pixels, list', () => {
    const shift = (v: unknown) => parseAugmentOptions({ widthShiftRange: v }).widthShiftRange;
    expect(shift(0.1)).toEqual({ kind: 'uniform', limit: 0.1, relative: true });
    expect(shift('0.1')).toEqual({ kind: 'uniform', limit: 0.1, relative: true });
    expect(shift(2.5)).toEqual({ kind: 'uniform', limit: 2.5, relative: false });
    // JSON cannot keep "3.0" a float; as a string (or a CLI flag) it stays one.
    expect(shift('3.0')).toEqual({ kind: 'uniform', limit: 3, relative: false });
    expect(shift('1.0')).toEqual({ kind: 'uniform', limit: 1, relative: false });
    expect(shift(3)).toEqual({ kind: 'integers', limit: 3 });
    expect(shift('3')).toEqual({ kind: 'integers', limit: 3 });
    // np.max([-1, 0, 1]) is 1, not < 1: pixels, as Keras's docs say of width_shift_range=[-1, 0, +1].
    expect(shift([-1, 0, 1])).toEqual({ kind: 'choice', values: [-1, 0, 1], relative: false });
    expect(shift([-0.1, 0.05])).toEqual({ kind: 'choice', values: [-0.1, 0.05], relative: true });
    expect(shift([2, 4])).toEqual({ kind: 'choice', values: [2, 4], relative: false });
    expect(shift('0.1,0.2')).toEqual({ kind: 'choice', values: [0.1, 0.2], relative: true });
    expect(shift('[5]')).toEqual({ kind: 'choice', values: [5], relative: false });
    expect(shift(0)).toEqual({ kind: 'none' });
    expect(shift('0.0')).toEqual({ kind: 'none' });
    expect(parseAugmentOptions({ heightShiftRange: 0.2 }).heightShiftRange).toEqual({ kind: 'uniform', limit: 0.2, relative: true });
  });

  it('explains the shift ranges it refuses', () => {
    expect(problem({ widthShiftRange: 1 })).toMatch(/widthShiftRange: the int 1 .* never a shift; write the float "1.0"/);
    expect(problem({ heightShiftRange: -0.1 })).toMatch(/heightShiftRange: must be ≥ 0 .*got -0.1/);
    expect(problem({ widthShiftRange: [] })).toMatch(/widthShiftRange: an empty list allows no shift/);
    expect(problem({ widthShiftRange: 'ten' })).toMatch(/widthShiftRange: expected a number, got "ten"/);
    expect(problem({ widthShiftRange: { pixels: 2 } })).toMatch(/widthShiftRange: expected a number or a list of numbers, got \{"pixels":2\}/);
  });

  it('reads zoomRange as a number z → [1 − z, 1 + z] or as [lo, hi]', () => {
    expect(parseAugmentOptions({ zoomRange: 0.2 }).zoomRange).toEqual([0.8, 1.2]);
    expect(parseAugmentOptions({ zoomRange: [0.5, 2] }).zoomRange).toEqual([0.5, 2]);
    expect(parseAugmentOptions({ zoomRange: '0.9,1.1' }).zoomRange).toEqual([0.9, 1.1]);
    expect(parseAugmentOptions({ zoomRange: [1, 1] }).zoomRange).toEqual([1, 1]);
    expect(problem({ zoomRange: 1.2 })).toMatch(/zoomRange: 1.2 gives zoom factors from -0.19+\d* to 2.2; every factor must be > 0/);
    expect(problem({ zoomRange: [2, 1] })).toMatch(/zoomRange: \[lo, hi\] needs 0 < lo ≤ hi, got \[2, 1\]/);
    expect(problem({ zoomRange: [0.5, 1, 2] })).toMatch(/zoomRange: needs one number or exactly two/);
  });

  it('takes rotation and shear in degrees, and channel shift, as non-negative ranges', () => {
    const o = parseAugmentOptions({ rotationRange: 40, shearRange: '0.2', channelShiftRange: 0.1 });
    expect([o.rotationRange, o.shearRange, o.channelShiftRange]).toEqual([40, 0.2, 0.1]);
    expect(problem({ rotationRange: -5 })).toMatch(/rotationRange: must be ≥ 0/);
    expect(problem({ rotationRange: 400 })).toMatch(/rotationRange: must be at most 360 degrees, got 400/);
    expect(problem({ shearRange: 90 })).toMatch(/shearRange: must be at most 89 degrees/);
  });

  it('takes brightnessRange and valueRange only as [lo, hi]', () => {
    expect(parseAugmentOptions({ brightnessRange: [0.5, 1.5] }).brightnessRange).toEqual([0.5, 1.5]);
    expect(parseAugmentOptions({ brightnessRange: '[0.8, 1.2]' }).brightnessRange).toEqual([0.8, 1.2]);
    expect(parseAugmentOptions({ brightnessRange: null }).brightnessRange).toBeNull();
    expect(problem({ brightnessRange: 0.2 })).toMatch(/brightnessRange: expected \[lo, hi\] \(brightness factors\), got 0.2/);
    expect(problem({ brightnessRange: [1.5, 0.5] })).toMatch(/brightnessRange: needs 0 ≤ lo ≤ hi/);
    expect(parseAugmentOptions({ valueRange: [0, 255] }).valueRange).toEqual([0, 255]);
    expect(problem({ valueRange: [1, 1] })).toMatch(/valueRange: needs lo < hi/);
  });

  it('checks fillMode, booleans, rescale and interpolationOrder', () => {
    expect(problem({ fillMode: 'mirror' })).toMatch(/fillMode: must be one of 'nearest', 'constant', 'reflect', 'wrap', got "mirror"/);
    expect(parseAugmentOptions({ horizontalFlip: 'true', verticalFlip: false })).toMatchObject({ horizontalFlip: true, verticalFlip: false });
    expect(problem({ horizontalFlip: 'yes' })).toMatch(/horizontalFlip: expected true or false, got "yes"/);
    expect(parseAugmentOptions({ rescale: '1/255' }).rescale).toBeCloseTo(1 / 255, 12);
    expect(parseAugmentOptions({ rescale: 0 }).rescale).toBeNull(); // Keras: `if self.rescale:`
    expect(problem({ rescale: '1/0' })).toMatch(/rescale: divides by zero/);
    expect(parseAugmentOptions({ interpolationOrder: '0' }).interpolationOrder).toBe(0);
    expect(problem({ interpolationOrder: 3 })).toMatch(/interpolationOrder: must be 0 \(nearest\) or 1 \(bilinear\)/);
    expect(parseAugmentOptions({ fillMode: 'constant', cval: '0.5' })).toMatchObject({ fillMode: 'constant', cval: 0.5 });
  });

  it("accepts Keras's snake_case names, so a Keras config can be pasted in", () => {
    const o = parseAugmentOptions({ rotation_range: 20, width_shift_range: 0.2, horizontal_flip: true, fill_mode: 'reflect' });
    expect(o).toMatchObject({ rotationRange: 20, widthShiftRange: { kind: 'uniform', limit: 0.2 }, horizontalFlip: true, fillMode: 'reflect' });
    expect(problem({ width_shift_range: 0.1, widthShiftRange: 0.2 })).toMatch(/'width_shift_range' and 'widthShiftRange' are the same option: give it once/);
  });

  it('names unknown and unsupported options', () => {
    expect(problem({ featurewise_center: true })).toMatch(/'featurewise_center' is a Keras option Inkling does not support: it needs statistics/);
    expect(problem({ preprocessingFunction: 'f' })).toMatch(/'preprocessingFunction' is a Keras option Inkling does not support/);
    expect(problem({ widthshiftrange: 0.1 })).toMatch(/unknown option 'widthshiftrange' \(did you mean 'widthShiftRange'\?\); the options are rotationRange, /);
    expect(problem([0.1])).toMatch(/augmentation options must be an object/);
  });

  it('reports every problem at once', () => {
    const message = problem({ rotationRange: -1, zoomRange: 3, fillMode: 'edge' });
    expect(message).toMatch(/^invalid augmentation options: /);
    expect(message).toMatch(/rotationRange: /);
    expect(message).toMatch(/zoomRange: /);
    expect(message).toMatch(/fillMode: /);
  });

  it('is a zod schema that a training config can embed', () => {
    const config = z.object({ seed: z.number(), augment: augmentOptionsSchema });
    const parsed = config.parse({ seed: 1, augment: { zoom_range: 0.1 } });
    expect(parsed.augment.zoomRange).toEqual([0.9, 1.1]);
    expect(config.parse({ seed: 1, augment: undefined }).augment.fillMode).toBe('nearest');
    const failed = config.safeParse({ seed: 1, augment: { zoomRange: -1 } });
    expect(failed.success).toBe(false);
    expect(failed.error?.issues[0].path).toEqual(['augment', 'zoomRange']);
  });

  it('describes what the options do, one line each', () => {
    const lines = describeAugmentOptions(parseAugmentOptions({ rotationRange: 10, widthShiftRange: 3, heightShiftRange: 0.1, horizontalFlip: true, fillMode: 'constant' }));
    expect(lines).toEqual([
      'rotation: uniform in [-10°, 10°)',
      'width shift: whole pixels in (-3, 3)',
      'height shift: uniform in [-0.1, 0.1) × height',
      'horizontal flip: half of the images',
      'fill: constant (cval 0), bilinear interpolation',
    ]);
  });
});
