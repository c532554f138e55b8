import sharp from 'sharp';
import type { RGB } from './ink.js';

/** Raw interleaved pixels as a PNG. */
export async function rawToPng(data: Uint8Array, width: number, height: number, channels: 1 | 3 | 4): Promise<Buffer> {
  return sharp(data, { raw: { width, height, channels } }).png().toBuffer();
}

export const hexOf = ([r, g, b]: RGB) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
