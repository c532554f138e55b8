import { describe, expect, it } from 'vitest';
import { replayTestVectors, TEST_VECTORS } from './index.js';

describe('core test vectors in Node', () => {
  it('cover the styles the runtimes must agree on', () => {
    expect(TEST_VECTORS.length).toBeGreaterThanOrEqual(8);
    expect(TEST_VECTORS.some((v) => v.expected.blank)).toBe(true);
  });

  it("cover the JPEG decoder's kinds: baseline, progressive, 4:2:0, 4:4:4, grayscale, EXIF orientations 1-8", () => {
    const names = TEST_VECTORS.map((v) => v.name);
    const jpegKinds = ['baseline-420', 'baseline-444', 'progressive-420', 'progressive-444', 'grayscale-baseline', 'grayscale-progressive', ...[1, 2, 3, 4, 5, 6, 7, 8].map((o) => `exif-orientation-${o}`)];
    expect(jpegKinds.filter((k) => !names.includes(`jpeg-${k}`))).toEqual([]);
  });

  it('replay bit for bit', async () => {
    const results = await replayTestVectors();
    for (const r of results) {
      expect(r, r.name).toMatchObject({ identical: true, maxAbsDiff: 0, shapeMatches: true, blankMatches: true });
    }
  });

  it('notice a changed output', async () => {
    const tampered = TEST_VECTORS.slice(0, 1).map((v) => ({ ...v, spec: { ...v.spec, size: [31, 31] as [number, number] } }));
    const [r] = await replayTestVectors(tampered);
    expect(r.identical).toBe(false);
    expect(r.shapeMatches).toBe(false);
  });
});
