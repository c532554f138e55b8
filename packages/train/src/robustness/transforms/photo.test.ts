import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeBlank } from '../blanks.js';
import { realDrawing } from '../test-pages.test-helpers.js';
import { neighbourStroke, phoneJpeg, ruled, shadow, squared } from './photo.js';

async function rgb(image: Buffer) {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3));
  return { data, width: info.width, height: info.height, at };
}

/** Rows (or columns) of a page that are tinted: blue clearly above red, all along. */
function tintedLines(p: Awaited<ReturnType<typeof rgb>>, axis: 'row' | 'column'): number {
  const [n, m] = axis === 'row' ? [p.height, p.width] : [p.width, p.height];
  let count = 0;
  for (let k = 0; k < n; k++) {
    let tinted = 0;
    for (let i = 0; i < m; i++) {
      const [r, , b] = axis === 'row' ? p.at(i, k) : p.at(k, i);
      if (b - r > 20) tinted++;
    }
    if (tinted > 0.9 * m) count++;
  }
  return count;
}

describe('phone-photo transformations', () => {
  it('shadow: the paper goes from lit to 40–60% of the light across the page', async () => {
    const p = await rgb(await shadow(await makeBlank('white', 120), 3));
    const levels = Array.from(p.data).filter((_, i) => i % 3 === 0);
    expect(Math.max(...levels)).toBeGreaterThan(200);
    expect(Math.min(...levels)).toBeLessThan(0.65 * 255);
    expect(Math.min(...levels)).toBeGreaterThan(0.38 * 255);
  });

  it('ruled paper has blue lines across only; squared paper both ways', async () => {
    const white = await makeBlank('white', 180);
    const r = await rgb(await ruled(white, 1));
    const rows = tintedLines(r, 'row');
    expect(rows).toBeGreaterThanOrEqual(5);
    expect(rows).toBeLessThanOrEqual(2 * 10);
    expect(tintedLines(r, 'column')).toBe(0);
    const s = await rgb(await squared(white, 1));
    expect(tintedLines(s, 'row')).toBeGreaterThanOrEqual(7);
    expect(tintedLines(s, 'column')).toBeGreaterThanOrEqual(7);
  });

  it('keeps the drawing over the printed lines', async () => {
    const drawing = await rgb(await sharp(realDrawing('x/fistaszek-0005.png')).flatten({ background: '#ffffff' }).png().toBuffer());
    const lined = await rgb(await ruled(realDrawing('x/fistaszek-0005.png'), 2));
    for (let i = 0; i < drawing.data.length; i += 3) {
      // A line may darken the page, never lighten the stroke (±1: two ways of compositing onto white).
      for (let c = 0; c < 3; c++) expect(lined.data[i + c]).toBeLessThanOrEqual(drawing.data[i + c] + 1);
    }
  });

  it('neighbour: a stroke in the drawing’s ink enters from one edge', async () => {
    const input = realDrawing('o/fistaszek-0009.png');
    const before = await rgb(await sharp(input).flatten({ background: '#ffffff' }).png().toBuffer());
    for (const seed of [1, 2, 3, 4]) {
      const after = await rgb(await neighbourStroke(input, seed));
      const dark = (p: typeof after, x: number, y: number) => p.at(x, y)[1] < 100;
      const edges = [0, 1, 2, 3].filter((edge) => {
        for (let i = 0; i < 220; i++) {
          const [x, y] = [[i, 0], [219, i], [i, 219], [0, i]][edge];
          if (dark(after, x, y) && !dark(before, x, y)) return true;
        }
        return false;
      });
      expect(edges.length, `seed ${seed}`).toBe(1);
    }
  });

  it('jpeg: a JPEG of the page on cream paper with grain', async () => {
    const out = await phoneJpeg(await makeBlank('white', 100), 1);
    expect((await sharp(out).metadata()).format).toBe('jpeg');
    const p = await rgb(out);
    const blue = Array.from(p.data).filter((_, i) => i % 3 === 2);
    expect(blue.reduce((s, v) => s + v, 0) / blue.length).toBeLessThan(230);
    expect(new Set(blue).size).toBeGreaterThan(10);
  });
});
