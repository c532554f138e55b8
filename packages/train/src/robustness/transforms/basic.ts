import sharp from 'sharp';
import { rawToPng, hexOf } from '../encode.js';
import { analyseInk, type RGB } from '../ink.js';

/**
 * The first robustness transformations (issue 9): colour, size, crop, compression, rotation, blur and
 * grid lines. Transparent images stay transparent where that means something (downscale, crop, rotate,
 * grid lines); the rest act on what a viewer sees, the image composited onto white.
 */

/** Dark becomes light and light dark, on the image as seen on white. */
export async function invert(input: Buffer): Promise<Buffer> {
  const a = await analyseInk(input);
  const out = new Uint8Array(a.seen.length);
  for (let i = 0; i < out.length; i++) out[i] = 255 - a.seen[i];
  return rawToPng(out, a.width, a.height, 3);
}

export const RECOLOUR_INK: RGB = [34, 84, 170];
export const RECOLOUR_PAPER: RGB = [247, 226, 160];

/**
 * Repaints the image in a new ink on a new paper: each pixel keeps how far it is from the old
 * paper towards the old ink, measured along the paper-to-ink line.
 */
export async function recolour(input: Buffer, colours: { ink: RGB; paper: RGB } = { ink: RECOLOUR_INK, paper: RECOLOUR_PAPER }): Promise<Buffer> {
  const a = await analyseInk(input);
  const { seen, paper, ink } = a;
  const d = [ink[0] - paper[0], ink[1] - paper[1], ink[2] - paper[2]];
  const len2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2] || 1;
  const out = new Uint8Array(seen.length);
  for (let i = 0; i < seen.length; i += 3) {
    let t = ((seen[i] - paper[0]) * d[0] + (seen[i + 1] - paper[1]) * d[1] + (seen[i + 2] - paper[2]) * d[2]) / len2;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    for (let c = 0; c < 3; c++) out[i + c] = Math.round(colours.paper[c] + (colours.ink[c] - colours.paper[c]) * t);
  }
  return rawToPng(out, a.width, a.height, 3);
}

/** Shrinks so the longer side is `size` pixels (12 by default), keeping the aspect ratio. */
export async function downscale(input: Buffer, size = 12): Promise<Buffer> {
  return sharp(input).ensureAlpha().resize(size, size, { fit: 'inside' }).png().toBuffer();
}

/** Crops to the mark's bounding box with no margin, keeping transparency (a blank image is returned whole, as PNG). */
export async function cropTight(input: Buffer): Promise<Buffer> {
  const a = await analyseInk(input);
  const img = sharp(a.rgba, { raw: { width: a.width, height: a.height, channels: 4 } });
  const b = a.bbox;
  return (b ? img.extract({ left: b.x, top: b.y, width: b.width, height: b.height }) : img).png().toBuffer();
}

/** Re-encodes as JPEG at `quality` (30 by default), composited onto white as JPEG has no alpha. */
export async function jpeg(input: Buffer, quality = 30): Promise<Buffer> {
  return sharp(input).flatten({ background: '#ffffff' }).jpeg({ quality }).toBuffer();
}

/** Rotates by `degrees` (clockwise), filling the uncovered corners with the paper (or transparency). */
export async function rotate(input: Buffer, degrees: number): Promise<Buffer> {
  const a = await analyseInk(input);
  const background = a.transparent ? { r: 0, g: 0, b: 0, alpha: 0 } : { r: a.paper[0], g: a.paper[1], b: a.paper[2], alpha: 1 };
  return sharp(a.rgba, { raw: { width: a.width, height: a.height, channels: 4 } }).rotate(degrees, { background }).png().toBuffer();
}

/** Gaussian blur with sigma `fraction` of the longer side (1% by default, at least 1 px). */
export async function blur(input: Buffer, fraction = 0.01): Promise<Buffer> {
  const meta = await sharp(input).metadata();
  const sigma = Math.max(1, fraction * Math.max(meta.width ?? 0, meta.height ?? 0));
  return sharp(input).ensureAlpha().blur(sigma).png().toBuffer();
}

/**
 * Draws tic-tac-toe grid lines in the ink's colour near all four edges (inset `inset` of each
 * side), as if the picture were one cell cut from a grid.
 */
export async function gridLines(input: Buffer, inset = 0.04): Promise<Buffer> {
  const a = await analyseInk(input);
  const { width: w, height: h } = a;
  const lw = Math.max(2, Math.round(0.012 * Math.max(w, h)));
  const x0 = Math.round(w * inset);
  const x1 = Math.round(w * (1 - inset));
  const y0 = Math.round(h * inset);
  const y1 = Math.round(h * (1 - inset));
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><g stroke="${hexOf(a.ink)}" stroke-width="${lw}">` +
    `<line x1="${x0}" y1="0" x2="${x0}" y2="${h}"/><line x1="${x1}" y1="0" x2="${x1}" y2="${h}"/>` +
    `<line x1="0" y1="${y0}" x2="${w}" y2="${y0}"/><line x1="0" y1="${y1}" x2="${w}" y2="${y1}"/></g></svg>`;
  return sharp(a.rgba, { raw: { width: w, height: h, channels: 4 } })
    .composite([{ input: Buffer.from(svg) }])
    .png()
    .toBuffer();
}
