import sharp from 'sharp';
import { mulberry32 } from '@inkling/core';
import type { RGB } from './ink.js';

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
