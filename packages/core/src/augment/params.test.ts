import { describe, expect, it } from 'vitest';
import { parseAugmentOptions, type AugmentOptionsInput } from './options.js';
import { IDENTITY_PARAMS, randomTransform, type TransformParams } from './params.js';
import { Rng } from '../random/index.js';

const DRAWS = 4000;

function draws(input: AugmentOptionsInput, shape = [40, 50, 1], seed = 5): TransformParams[] {
  const options = parseAugmentOptions(input);
  const rng = Rng.derive(seed);
  return Array.from({ length: DRAWS }, () => randomTransform(options, shape, rng));
}

const values = (ps: TransformParams[], key: keyof TransformParams) => ps.map((p) => p[key] as number);

/** Every value lies in [lo, hi) and the draws reach within 2% of both ends. */
function expectSpread(xs: number[], lo: number, hi: number) {
  const [min, max] = [Math.min(...xs), Math.max(...xs)];
  expect(min).toBeGreaterThanOrEqual(lo);
  expect(max).toBeLessThan(hi);
  expect(min).toBeLessThan(lo + 0.02 * (hi - lo));
  expect(max).toBeGreaterThan(hi - 0.02 * (hi - lo));
}

const frequencies = (xs: number[]) => {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return new Map([...counts].map(([k, v]) => [k, v / xs.length]));
};

describe('randomTransform (Keras get_random_transform)', () => {
  it('draws nothing but identity parameters under the default options', () => {
    expect(draws({}).every((p) => JSON.stringify(p) === JSON.stringify(IDENTITY_PARAMS))).toBe(true);
  });

  it('draws rotation and shear in degrees from [-r, r)', () => {
    const ps = draws({ rotationRange: 30, shearRange: 12 });
    expectSpread(values(ps, 'theta'), -30, 30);
    expectSpread(values(ps, 'shear'), -12, 12);
  });

  it('turns a float shift range below 1 into a fraction of the image size (height → tx, width → ty)', () => {
    const ps = draws({ heightShiftRange: 0.25, widthShiftRange: 0.1 }, [40, 50, 3]);
    expectSpread(values(ps, 'tx'), -10, 10); // 0.25 × height 40
    expectSpread(values(ps, 'ty'), -5, 5); // 0.1 × width 50
  });

  it('reads a float shift range of 1 or more as pixels', () => {
    const ps = draws({ widthShiftRange: '3.0' });
    expectSpread(values(ps, 'ty'), -3, 3);
    expect(values(ps, 'ty').some((v) => !Number.isInteger(v))).toBe(true);
  });

  it("draws an int shift range n as numpy's choice(n) with a random sign: 0 half as often again", () => {
    const f = frequencies(values(draws({ widthShiftRange: 3 }), 'ty'));
    expect([...f.keys()].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2]);
    // P(0) = 1/3 (choice gives 0, either sign); P(±k) = 1/6 each.
    expect(f.get(0)).toBeCloseTo(1 / 3, 1);
    for (const k of [-2, -1, 1, 2]) expect(f.get(k)).toBeCloseTo(1 / 6, 1);
  });

  it('draws a list shift range as one of the values times a random sign, scaled when all are below 1', () => {
    expect([...frequencies(values(draws({ widthShiftRange: [4, 8] }), 'ty')).keys()].sort((a, b) => a - b)).toEqual([-8, -4, 4, 8]);
    const scaled = frequencies(values(draws({ heightShiftRange: [0.1, 0.2] }, [40, 50, 1]), 'tx'));
    expect([...scaled.keys()].sort((a, b) => a - b)).toEqual([-8, -4, 4, 8]);
  });

  it('draws the two zoom factors independently from [lo, hi)', () => {
    const ps = draws({ zoomRange: [0.7, 1.4] });
    expectSpread(values(ps, 'zx'), 0.7, 1.4);
    expectSpread(values(ps, 'zy'), 0.7, 1.4);
    expect(ps.filter((p) => p.zx === p.zy)).toEqual([]);
  });

  it('flips about half of the images, and none when the flip is off', () => {
    const ps = draws({ horizontalFlip: true, verticalFlip: true });
    expect(ps.filter((p) => p.flipHorizontal).length / DRAWS).toBeCloseTo(0.5, 1);
    expect(ps.filter((p) => p.flipVertical).length / DRAWS).toBeCloseTo(0.5, 1);
    expect(ps.filter((p) => p.flipHorizontal && p.flipVertical).length / DRAWS).toBeCloseTo(0.25, 1);
    expect(draws({ verticalFlip: true }).some((p) => p.flipHorizontal)).toBe(false);
  });

  it('draws channel shift from [-r, r) and brightness from [lo, hi)', () => {
    const ps = draws({ channelShiftRange: 0.2, brightnessRange: [0.6, 1.3] });
    expectSpread(values(ps, 'channelShiftIntensity'), -0.2, 0.2);
    expectSpread(values(ps, 'brightness'), 0.6, 1.3);
  });

  it("consumes Keras's draws in Keras's order: the flip coins are tossed even when flips are off", () => {
    const on = draws({ horizontalFlip: true, verticalFlip: true, channelShiftRange: 0.3, brightnessRange: [0.5, 1.5] });
    const off = draws({ channelShiftRange: 0.3, brightnessRange: [0.5, 1.5] });
    expect(values(off, 'channelShiftIntensity')).toEqual(values(on, 'channelShiftIntensity'));
    expect(values(off, 'brightness')).toEqual(values(on, 'brightness'));
    // A zoom range of exactly [1, 1] draws nothing, so it does not move the later draws either.
    expect(values(draws({ zoomRange: [1, 1], channelShiftRange: 0.3 }), 'channelShiftIntensity')).toEqual(values(draws({ channelShiftRange: 0.3 }), 'channelShiftIntensity'));
  });

  it('repeats for the same seed and differs for another', () => {
    const options: AugmentOptionsInput = { rotationRange: 20, widthShiftRange: 0.1, zoomRange: 0.2, horizontalFlip: true };
    expect(draws(options, [40, 50, 1], 11)).toEqual(draws(options, [40, 50, 1], 11));
    expect(values(draws(options, [40, 50, 1], 12), 'theta')).not.toEqual(values(draws(options, [40, 50, 1], 11), 'theta'));
  });

  it('needs an image shape that starts with height and width', () => {
    const options = parseAugmentOptions({ widthShiftRange: 0.1 });
    expect(() => randomTransform(options, [0, 5, 1], Rng.derive(1))).toThrow(/image shape must start with \[height, width\] ≥ 1, got \[0, 5, 1\]/);
  });
});
