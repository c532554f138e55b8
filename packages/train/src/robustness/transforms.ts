import sharp from 'sharp';
import { mulberry32 } from '@inkling/core';
import { analyseInk, seenOnWhite, type RGB } from './ink.js';

/**
 * The robustness suite's image transformations. Each takes encoded image bytes (PNG, JPEG, WebP…)
 * and returns encoded bytes (PNG, except the JPEG one), deterministically: no randomness, or a
 * fixed seed. Transparent images stay transparent where that means something (downscale, crop,
 * rotate, grid lines); the rest act on what a viewer sees, the image composited onto white.
 */
export interface Transform {
  name: string;
  description: string;
  /** The encoding of what `apply` returns. */
  format: 'png' | 'jpeg';
  apply(input: Buffer): Promise<Buffer>;
}

const hexOf = ([r, g, b]: RGB) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;

async function rawToPng(data: Buffer, width: number, height: number, channels: 3 | 4): Promise<Buffer> {
  return sharp(data, { raw: { width, height, channels } }).png().toBuffer();
}

/** Dark becomes light and light dark, on the image as seen on white. */
export async function invert(input: Buffer): Promise<Buffer> {
  const a = await analyseInk(input);
  const seen = seenOnWhite(a);
  for (let i = 0; i < seen.length; i++) seen[i] = 255 - seen[i];
  return rawToPng(seen, a.width, a.height, 3);
}

export const RECOLOUR_INK: RGB = [34, 84, 170];
export const RECOLOUR_PAPER: RGB = [247, 226, 160];

/**
 * Repaints the image in a new ink on a new paper: each pixel keeps how far it is from the old
 * paper towards the old ink, measured along the paper-to-ink line.
 */
export async function recolour(input: Buffer, colours: { ink: RGB; paper: RGB } = { ink: RECOLOUR_INK, paper: RECOLOUR_PAPER }): Promise<Buffer> {
  const a = await analyseInk(input);
  const seen = seenOnWhite(a);
  const d = [a.ink[0] - a.paper[0], a.ink[1] - a.paper[1], a.ink[2] - a.paper[2]];
  const len2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2] || 1;
  const out = Buffer.alloc(seen.length);
  for (let i = 0; i < seen.length; i += 3) {
    let t = ((seen[i] - a.paper[0]) * d[0] + (seen[i + 1] - a.paper[1]) * d[1] + (seen[i + 2] - a.paper[2]) * d[2]) / len2;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    for (let c = 0; c < 3; c++) out[i + c] = Math.round(colours.paper[c] + (colours.ink[c] - colours.paper[c]) * t);
  }
  return rawToPng(out, a.width, a.height, 3);
}

/** Shrinks so the longer side is `size` pixels (12 by default), keeping the aspect ratio. */
export async function downscale(input: Buffer, size = 12): Promise<Buffer> {
  return sharp(input).ensureAlpha().resize(size, size, { fit: 'inside' }).png().toBuffer();
}

/** Crops to the mark's bounding box with no margin (a blank image is returned as it is, as PNG). */
export async function cropTight(input: Buffer): Promise<Buffer> {
  const a = await analyseInk(input);
  const img = sharp(a.rgba, { raw: { width: a.width, height: a.height, channels: 4 } });
  return (a.bbox ? img.extract(a.bbox) : img).png().toBuffer();
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

/** The suite's list, in its report order. */
export const TRANSFORMS: readonly Transform[] = [
  { name: 'inverted', description: 'colours inverted (light ink on dark), as seen on white', format: 'png', apply: invert },
  { name: 'recoloured', description: 'ink repainted blue and paper yellow, keeping each pixel’s ink amount', format: 'png', apply: (b) => recolour(b) },
  { name: 'downscaled-12px', description: 'shrunk so the longer side is 12 px', format: 'png', apply: (b) => downscale(b, 12) },
  { name: 'cropped-tight', description: 'cropped to the mark’s bounding box, no margin', format: 'png', apply: cropTight },
  { name: 'jpeg-q30', description: 'JPEG at quality 30 (on white)', format: 'jpeg', apply: (b) => jpeg(b, 30) },
  { name: 'rotated+15', description: 'rotated 15° clockwise, corners filled with paper', format: 'png', apply: (b) => rotate(b, 15) },
  { name: 'rotated-15', description: 'rotated 15° anticlockwise, corners filled with paper', format: 'png', apply: (b) => rotate(b, -15) },
  { name: 'blurred', description: 'Gaussian blur, sigma 1% of the longer side (≥ 1 px)', format: 'png', apply: (b) => blur(b) },
  { name: 'grid-lines', description: 'tic-tac-toe lines in the ink colour 4% in from each edge', format: 'png', apply: (b) => gridLines(b) },
];

export const BLANK_KINDS = ['white', 'grey', 'noisy-paper', 'transparent'] as const;
export type BlankKind = (typeof BLANK_KINDS)[number];

/**
 * A blank image (no mark) of `kind`: white, mid grey, cream paper with grain and a light gradient
 * (seeded, so the same every time), or a fully transparent canvas stored as zeros.
 */
export async function makeBlank(kind: BlankKind, width = 220, height = width, seed = 1): Promise<Buffer> {
  const raw = { width, height, channels: 4 as const };
  if (kind === 'white' || kind === 'grey') {
    const v = kind === 'white' ? 255 : 128;
    return sharp({ create: { ...raw, background: { r: v, g: v, b: v, alpha: 1 } } }).removeAlpha().png().toBuffer();
  }
  if (kind === 'transparent') return sharp(Buffer.alloc(width * height * 4), { raw }).png().toBuffer();
  const random = mulberry32(seed);
  const data = Buffer.alloc(width * height * 3);
  const paper: RGB = [236, 228, 206];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Light falling off towards one corner, plus grain of about ±6 levels.
      const shade = 1 - 0.1 * ((x / width + y / height) / 2);
      const grain = (random() + random() + random() - 1.5) * 8;
      for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(paper[c] * shade + grain)));
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

export const BLANKS: readonly { name: string; make: () => Promise<Buffer> }[] = BLANK_KINDS.map((kind) => ({ name: `blank-${kind}`, make: () => makeBlank(kind) }));
