import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { BLANK_KINDS, blur, cropTight, downscale, gridLines, invert, makeBlank, recolour, rotate, TRANSFORMS } from './transforms.js';
import { RECOLOUR_INK, RECOLOUR_PAPER } from './transforms.js';

/** A 60x40 page of `paper` with an ink rectangle at x 20..29, y 10..24 (crisp edges). */
async function page(paper: string, ink = '#202020', transparent = false): Promise<Buffer> {
  const bg = transparent ? '' : `<rect width="60" height="40" fill="${paper}"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="40">${bg}<rect x="20" y="10" width="10" height="15" fill="${ink}" shape-rendering="crispEdges"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function pixels(png: Buffer) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, at: (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4)) };
}

describe('robustness transforms', () => {
  it('each gives a decodable image of its declared format, the same bytes every time', async () => {
    const input = await page('#f0f0f0');
    expect(TRANSFORMS.map((t) => t.name)).toEqual(['inverted', 'recoloured', 'downscaled-12px', 'cropped-tight', 'jpeg-q30', 'rotated+15', 'rotated-15', 'blurred', 'grid-lines']);
    for (const t of TRANSFORMS) {
      const out = await t.apply(input);
      expect((await sharp(out).metadata()).format, t.name).toBe(t.format);
      expect((await t.apply(input)).equals(out), `${t.name} is deterministic`).toBe(true);
      expect(out.equals(input), `${t.name} changes the image`).toBe(false);
    }
  });

  it('inverts what a viewer sees: paper dark, ink light, transparency read as white', async () => {
    const p = await pixels(await invert(await page('#f0f0f0')));
    expect(p.at(0, 0).slice(0, 3)).toEqual([15, 15, 15]);
    expect(p.at(25, 15).slice(0, 3)).toEqual([223, 223, 223]);
    const t = await pixels(await invert(await page('', '#202020', true)));
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
    const out = await cropTight(await page('', '#202020', true));
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
    const clear = await pixels(await rotate(await page('', '#202020', true), 15));
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

  it('makes blank images of each kind', async () => {
    for (const kind of BLANK_KINDS) {
      const p = await pixels(await makeBlank(kind, 32, 24));
      expect([p.width, p.height]).toEqual([32, 24]);
      const values = new Set<number>();
      for (let i = 0; i < p.data.length; i += 4) values.add(p.data[i]);
      if (kind === 'white') expect([...values]).toEqual([255]);
      if (kind === 'grey') expect([...values]).toEqual([128]);
      if (kind === 'transparent') for (let i = 3; i < p.data.length; i += 4) expect(p.data[i]).toBe(0);
      if (kind === 'noisy-paper') {
        expect(values.size).toBeGreaterThan(5);
        expect(Math.min(...values)).toBeGreaterThan(150);
      }
      expect((await makeBlank(kind, 32, 24)).equals(await makeBlank(kind, 32, 24))).toBe(true);
    }
  });
});
