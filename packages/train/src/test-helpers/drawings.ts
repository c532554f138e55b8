import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '@inkling/core';
import sharp from 'sharp';


/** An O (ellipse) or X (two strokes) as a PNG, varied by `random`: size, place, stroke, colour. */
export async function drawingPng(label: 'o' | 'x', random: () => number, size = 64): Promise<Buffer> {
  const cx = size * (0.35 + random() * 0.3);
  const cy = size * (0.35 + random() * 0.3);
  const r = size * (0.18 + random() * 0.12);
  const stroke = 1.5 + random() * 3;
  const shape =
    label === 'o'
      ? `<ellipse cx="${cx}" cy="${cy}" rx="${r * (0.75 + random() * 0.5)}" ry="${r}"/>`
      : `<path d="M${cx - r} ${cy - r} L${cx + r} ${cy + r} M${cx + r} ${cy - r} L${cx - r} ${cy + r}"/>`;
  const ink = random() < 0.5 ? '#222' : '#691d1d';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="100%" height="100%" fill="white"/><g fill="none" stroke="${ink}" stroke-width="${stroke}" stroke-linecap="round">${shape}</g></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Writes `dir/<split>/<label>/<n>.png` drawings; returns dir. */
export async function writeDrawingSet(dir: string, perClass: Record<string, number>, seed = 1, size = 64): Promise<string> {
  const random = mulberry32(seed);
  for (const [split, count] of Object.entries(perClass)) {
    for (const label of ['o', 'x'] as const) {
      mkdirSync(join(dir, split, label), { recursive: true });
      for (let i = 0; i < count; i++) await sharp(await drawingPng(label, random, size)).toFile(join(dir, split, label, `${label}${i}.png`));
    }
  }
  return dir;
}
