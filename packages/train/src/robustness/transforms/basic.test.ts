import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { page, pixels } from '../test-pages.test-helpers.js';
import { blur, cropTight, downscale, gridLines, invert, recolour, RECOLOUR_INK, RECOLOUR_PAPER, rotate } from './basic.js';

describe('the first robustness transformations', () => {
  it('inverts what a viewer sees: paper dark, ink light, transparency read as white', async () => {
    const p = await pixels(await invert(await page('#f0f0f0')));
    expect(p.at(0, 0).slice(0, 3)).toEqual([15, 15, 15]);
    expect(p.at(25, 15).slice(0, 3)).toEqual([223, 223, 223]);
    const t = await pixels(await invert(await page('', '#202020')));
    expect(t.at(0, 0)).toEqual([0, 0, 0, 255]);
    expect(t.at(25, 15)).toEqual([223, 223, 223, 255]);
  });

  it('recolours paper and ink', async () => {
    const p = await pixels(await recolour(await page('#ffffff', '#000000')));
    expect(p.at(2, 2).slice(0, 3)).toEqual(RECOLOUR_PAPER);
    expect(p.at(25, 15).slice(0, 3)).toEqual(RECOLOUR_INK);
  });

  it('downscales so the longer side is 12 px', async () => {
    const meta = await sharp(await downscale(await page('#ffffff'))).metadata();
    expect([meta.width, meta.height]).toEqual([12, 8]);
  });

  it('crops to the mark exactly, keeping transparency', async () => {
    const out = await cropTight(await page('', '#202020'));
    const p = await pixels(out);
    expect([p.width, p.height]).toEqual([10, 15]);
    expect(p.at(0, 0)).toEqual([32, 32, 32, 255]);
  });

  it('rotates both ways, filling corners with the paper colour (or transparency)', async () => {
    const plus = await pixels(await rotate(await page('#c8d2dc'), 15));
    const minus = await pixels(await rotate(await page('#c8d2dc'), -15));
    expect(plus.width).toBeGreaterThan(60);
    expect(plus.at(0, 0)).toEqual([200, 210, 220, 255]);
    expect(plus.data.equals(minus.data)).toBe(false);
    const clear = await pixels(await rotate(await page('', '#202020'), 15));
    expect(clear.at(0, 0)[3]).toBe(0);
  });

  it('blurs the crisp edge of the ink', async () => {
    const before = await pixels(await page('#ffffff', '#000000'));
    const after = await pixels(await blur(await page('#ffffff', '#000000')));
    expect(before.at(19, 17).slice(0, 3)).toEqual([255, 255, 255]);
    const edge = after.at(19, 17)[0];
    expect(edge).toBeGreaterThan(30);
    expect(edge).toBeLessThan(230);
  });

  it('draws grid lines in the ink colour near each edge', async () => {
    const p = await pixels(await gridLines(await page('#ffffff', '#102030')));
    // 4% in from the left of 60 px is x = 2; the line is 2 px wide and crosses the whole height.
    for (const y of [0, 20, 39]) expect(p.at(2, y).slice(0, 3)).toEqual([16, 32, 48]);
    expect(p.at(30, 2).slice(0, 3)).toEqual([16, 32, 48]);
    expect(p.at(10, 20).slice(0, 3)).toEqual([255, 255, 255]);
  });
});
