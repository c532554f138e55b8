import { describe, expect, it } from 'vitest';
import { page, pixels } from '../test-pages.test-helpers.js';
import { tightCrop } from './tight.js';

/** Whether row `y` (or column `x`) holds a dark pixel. */
function inkOnLine(p: Awaited<ReturnType<typeof pixels>>, axis: 'row' | 'column', at: number): boolean {
  const n = axis === 'row' ? p.width : p.height;
  for (let i = 0; i < n; i++) {
    const [r] = axis === 'row' ? p.at(i, at) : p.at(at, i);
    if (r < 128) return true;
  }
  return false;
}

describe('tightCrop', () => {
  it('cuts to the ink’s box so the stroke touches all four edges, the longer side at the size asked', async () => {
    // A 10×15 outline on a transparent page.
    const input = await page('', '#000000', { hollow: true });
    for (const size of [90, 24, 8]) {
      const p = await pixels(await tightCrop(input, size));
      expect([p.width, p.height]).toEqual([Math.round((size * 10) / 15), size]);
      for (const [axis, at] of [['row', 0], ['row', p.height - 1], ['column', 0], ['column', p.width - 1]] as const) expect(inkOnLine(p, axis, at), `${size} px ${axis} ${at}`).toBe(true);
    }
    // On white: the inside of the outline is paper, not transparency.
    expect((await pixels(await tightCrop(input, 90))).at(30, 45)).toEqual([255, 255, 255, 255]);
  });

  it('squashes to the aspect asked (width / height)', async () => {
    const input = await page('#ffffff', '#000000', { hollow: true });
    const tall = await pixels(await tightCrop(input, 90, 1 / 3));
    const wide = await pixels(await tightCrop(input, 90, 3));
    expect([tall.width, tall.height]).toEqual([30, 90]);
    expect([wide.width, wide.height]).toEqual([90, 30]);
    expect(inkOnLine(wide, 'row', 0) && inkOnLine(wide, 'column', 89)).toBe(true);
  });
});
