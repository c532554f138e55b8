import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

/** The repository's copy of the real dev drawings (test/fixtures/real-ox-dev). */
export const REAL_OX_DEV = process.env.INKLING_REAL_OX ?? new URL('../../../../test/fixtures/real-ox-dev', import.meta.url).pathname;

/** One real dev drawing's bytes (220×220, transparent background), e.g. `o/fistaszek-0001.png`. */
export function realDrawing(file: string): Buffer {
  return readFileSync(join(REAL_OX_DEV, file));
}

/**
 * A 60×40 page of `paper` with an ink rectangle at x 20..29, y 10..24 (crisp edges); `hollow` draws
 * only its 2 px outline, like a stroke; an empty `paper` leaves the page transparent.
 */
export async function page(paper: string, ink = '#202020', options: { hollow?: boolean } = {}): Promise<Buffer> {
  const bg = paper ? `<rect width="60" height="40" fill="${paper}"/>` : '';
  const mark = options.hollow
    ? `<rect x="21" y="11" width="8" height="13" fill="none" stroke="${ink}" stroke-width="2" shape-rendering="crispEdges"/>`
    : `<rect x="20" y="10" width="10" height="15" fill="${ink}" shape-rendering="crispEdges"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="40">${bg}${mark}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Decoded RGBA pixels, with a reader for one pixel. */
export async function pixels(image: Buffer) {
  const { data, info } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4));
  return { data, width: info.width, height: info.height, at };
}
