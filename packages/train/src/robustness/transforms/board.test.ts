import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { realDrawing } from '../test-pages.test-helpers.js';
import { boardCell } from './board.js';

async function gray(png: Buffer) {
  const { data, info } = await sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { data, side: info.width, height: info.height };
}

/** How deep the solid white band along each edge is (0: none): rows or columns entirely white. */
function bands(data: Buffer, side: number): number[] {
  const white = (x: number, y: number) => data[y * side + x] === 255;
  const depth = (line: (k: number, i: number) => boolean) => {
    let k = 0;
    while (k < side && Array.from({ length: side }, (_, i) => line(k, i)).every(Boolean)) k++;
    return k;
  };
  return [depth((k, i) => white(i, k)), depth((k, i) => white(side - 1 - k, i)), depth((k, i) => white(i, side - 1 - k)), depth((k, i) => white(k, i))];
}

describe('boardCell', () => {
  it('binarises to white on black with solid bands (5–25% of the side) along 1, 2 (an L) or 3 (a U) consecutive edges', async () => {
    const input = realDrawing('o/fistaszek-0002.png');
    for (const count of [1, 2, 3] as const) {
      for (const seed of [1, 2, 3, 4]) {
        const { data, side, height } = await gray(await boardCell(input, count, seed));
        expect(height).toBe(side);
        expect(side).toBeGreaterThanOrEqual(48);
        expect(side).toBeLessThanOrEqual(128);
        expect(new Set(data)).toEqual(new Set([0, 255]));
        const depths = bands(data, side);
        const banded = depths.map((d, edge) => (d > 0 ? edge : -1)).filter((e) => e >= 0);
        expect(banded.length, `${count} bands, seed ${seed}: ${depths}`).toBe(count);
        // Consecutive round the cell: the one edge without a band (for a U) or the pair (for an L) are neighbours.
        if (count === 2) expect([1, 3]).toContain(Math.abs(banded[0] - banded[1]));
        for (const d of depths.filter((d) => d > 0)) {
          expect(d).toBeGreaterThanOrEqual(Math.floor(0.05 * side));
          expect(d).toBeLessThanOrEqual(Math.ceil(0.25 * side));
        }
      }
    }
  });

  it('puts the mark, a quarter to a half of the cell, clear of the bands', async () => {
    const input = realDrawing('x/fistaszek-0004.png');
    for (const seed of [1, 2, 3, 4, 5]) {
      const { data, side } = await gray(await boardCell(input, 3, seed));
      const [top, right, bottom, left] = bands(data, side);
      let [x0, y0, x1, y1] = [side, side, -1, -1];
      for (let y = top + 1; y < side - bottom - 1; y++) {
        for (let x = left + 1; x < side - right - 1; x++) {
          if (data[y * side + x] !== 255) continue;
          [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
        }
      }
      const longer = Math.max(x1 - x0 + 1, y1 - y0 + 1);
      expect(longer, `seed ${seed}`).toBeGreaterThanOrEqual(Math.floor(0.25 * side) - 1);
      expect(longer, `seed ${seed}`).toBeLessThanOrEqual(Math.ceil(0.5 * side));
    }
  });
});
