import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { drawOX, type DrawOXOptions } from '@inkling/core/test-vectors';
import sharp from 'sharp';

/** Core's one test drawing (`drawOX`) as a PNG. */
export async function oxPng(label: 'o' | 'x', options: DrawOXOptions = {}): Promise<Buffer> {
  const { width, height, data } = drawOX(label, options);
  return sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels: 4 } }).png().toBuffer();
}

/** Writes `dir/o/<n>.png` and `dir/x/<n>.png`, `perClass` of each, drawn from `seed`. */
export async function writeOXFolder(dir: string, perClass: number, seed = 1, size = 96): Promise<string> {
  for (const label of ['o', 'x'] as const) {
    await mkdir(join(dir, label), { recursive: true });
    for (let i = 0; i < perClass; i++) await writeFile(join(dir, label, `${label}${i}.png`), await oxPng(label, { seed: seed * 1000 + i, size }));
  }
  return dir;
}

/** Writes `dir/<split>/{o,x}/*.png` for each split of `perSplit` (e.g. { train: 16, test: 6 }); returns dir. */
export async function writeDrawingSet(dir: string, perSplit: Record<string, number>, seed = 1, size = 64): Promise<string> {
  let splitSeed = seed * 7;
  for (const [split, count] of Object.entries(perSplit)) await writeOXFolder(join(dir, split), count, splitSeed++, size);
  return dir;
}
