import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readImage } from '../data/index.js';
import { makeBlank } from './blanks.js';
import { analyseInk } from './ink.js';
import { page, realDrawing } from './test-pages.test-helpers.js';

describe('analyseInk (core’s ink analysis at full size)', () => {
  it('finds the paper, the ink and the mark’s box', async () => {
    const a = await analyseInk(await page('#c8d2dc', '#102030'));
    expect(a.paper).toEqual([200, 210, 220]);
    expect(a.ink).toEqual([16, 32, 48]);
    expect(a.bbox).toEqual({ x: 20, y: 10, width: 10, height: 15 });
    expect(a.transparent).toBe(false);
    expect(a.blank).toBe(false);
    expect(a.inkMap[15 * 60 + 25]).toBe(1);
    expect(a.inkMap[2 * 60 + 2]).toBe(0);
  });

  it('reads transparency as white paper and a blank page as blank', async () => {
    const t = await analyseInk(await page('', '#202020'));
    expect(t.transparent).toBe(true);
    expect(t.paper).toEqual([255, 255, 255]);
    expect(Array.from(t.seen.subarray(0, 3))).toEqual([255, 255, 255]);
    const b = await analyseInk(await makeBlank('noisy-paper', 80));
    expect(b.blank).toBe(true);
    expect(b.bbox).toBeNull();
  });

  it('boxes a real drawing’s stroke: every opaque stroke pixel inside, the edges within 2 px of them', async () => {
    const image = await readImage(realDrawing('x/fistaszek-0003.png'));
    const a = await analyseInk(realDrawing('x/fistaszek-0003.png'));
    let [x0, y0, x1, y1] = [image.width, image.height, -1, -1];
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        if (image.data[(y * image.width + x) * 4 + 3] < 192) continue;
        [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      }
    }
    const box = a.bbox as NonNullable<typeof a.bbox>;
    expect(box.x).toBeLessThanOrEqual(x0);
    expect(box.y).toBeLessThanOrEqual(y0);
    expect(box.x + box.width - 1).toBeGreaterThanOrEqual(x1);
    expect(box.y + box.height - 1).toBeGreaterThanOrEqual(y1);
    for (const [inner, outer] of [[x0, box.x], [y0, box.y], [box.x + box.width - 1, x1], [box.y + box.height - 1, y1]]) expect(inner - outer).toBeLessThanOrEqual(2);
  });

  it('shrinks a photo over 1024 px a side to 1024 before analysing it', async () => {
    const big = await sharp({ create: { width: 2048, height: 1536, channels: 3, background: '#ffffff' } })
      .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><rect width="400" height="400" fill="#000"/></svg>'), left: 800, top: 600 }])
      .png()
      .toBuffer();
    const a = await analyseInk(big);
    expect([a.width, a.height]).toEqual([1024, 768]);
    expect(a.bbox).toEqual({ x: 400, y: 300, width: 200, height: 200 });
  });
});
