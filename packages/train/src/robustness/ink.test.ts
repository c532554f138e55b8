import { preprocessToArray } from '@inkling/core';
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

  it('boxes a real drawing where core’s crop (no margin, no edge lines) does', async () => {
    const bytes = realDrawing('x/fistaszek-0003.png');
    const a = await analyseInk(bytes);
    const core = preprocessToArray(await readImage(bytes), {
      size: [32, 32],
      colorMode: 'grayscale',
      polarity: 'ink-bright',
      contrast: { method: 'stretch' },
      crop: { method: 'ink-bbox', margin: 0, square: false, ignoreEdgeLines: false },
    });
    expect(a.bbox).toEqual(core.ink.region);
    expect(a.paper).toEqual(core.ink.paper);
  });
});
