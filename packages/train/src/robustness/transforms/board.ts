import sharp from 'sharp';
import { mulberry32 } from '@inkling/core';
import { rawToPng } from '../encode.js';
import { analyseInk } from '../ink.js';

/** Edges in order round the cell; consecutive edges make an L (two) or a U (three). */
const EDGES = ['top', 'right', 'bottom', 'left'] as const;
type Edge = (typeof EDGES)[number];

/** A resized mark pixel is white when at least this share of it was ink (keeps 1 px strokes whole). */
const COVERAGE = 0.2;

/**
 * One cell of a board seen by a webcam and binarised: black, the mark white and small (a quarter to a
 * half of the cell), and along `bands` consecutive edges (1; 2, an L; 3, a U) a solid white band 5–25%
 * of the side thick: a grid line or the page beyond the board. The cell's size (48–128 px), the edges,
 * the bands' thickness and the mark's size and place are drawn from `seed`.
 */
export async function boardCell(input: Buffer, bands: 1 | 2 | 3, seed: number): Promise<Buffer> {
  const a = await analyseInk(input);
  const random = mulberry32(seed);
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * random();
  const side = Math.round(uniform(48, 128));
  const first = Math.floor(random() * 4);
  const thick: Record<Edge, number> = { top: 0, right: 0, bottom: 0, left: 0 };
  for (let k = 0; k < bands; k++) thick[EDGES[(first + k) % 4]] = Math.max(1, Math.round(uniform(0.05, 0.25) * side));

  const cell = new Uint8Array(side * side);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (y < thick.top || y >= side - thick.bottom || x < thick.left || x >= side - thick.right) cell[y * side + x] = 255;
    }
  }
  if (a.bbox) {
    const { x, y, width, height } = a.bbox;
    const ink = new Uint8Array(width * height);
    for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) ink[r * width + c] = Math.round(a.inkMap[(y + r) * a.width + x + c] * 255);
    // At most the room between opposite bands (a U's two sides may leave just half the cell).
    const room = side - Math.max(thick.left + thick.right, thick.top + thick.bottom) - 2;
    const longer = Math.max(2, Math.min(room, Math.round(uniform(0.25, 0.5) * side)));
    const { data, info } = await sharp(ink, { raw: { width, height, channels: 1 } })
      .resize(longer, longer, { fit: 'inside', kernel: 'linear' })
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true });
    // Somewhere inside the bands, a pixel clear of them.
    const x0 = thick.left + 1;
    const y0 = thick.top + 1;
    const freeW = side - thick.left - thick.right - 2 - info.width;
    const freeH = side - thick.top - thick.bottom - 2 - info.height;
    const left = x0 + Math.floor(random() * Math.max(1, freeW + 1));
    const top = y0 + Math.floor(random() * Math.max(1, freeH + 1));
    for (let r = 0; r < info.height; r++) {
      for (let c = 0; c < info.width; c++) if (data[r * info.width + c] >= COVERAGE * 255) cell[(top + r) * side + left + c] = 255;
    }
  }
  return rawToPng(cell, side, side, 1);
}
