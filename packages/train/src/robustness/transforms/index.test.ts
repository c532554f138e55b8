import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { realDrawing } from '../test-pages.test-helpers.js';
import { TRANSFORMS } from './index.js';

/** The transformations that draw from the seed (the rest ignore it). */
const SEEDED = ['board-band', 'board-band-L', 'board-band-U', 'photo-shadow', 'photo-ruled', 'photo-squared', 'photo-neighbour', 'photo-jpeg'];

describe('the robustness suite’s transformations', () => {
  it('are the issue 9 ones, then tight crops, board cells and phone photos, in report order', () => {
    expect(TRANSFORMS.map((t) => t.name)).toEqual([
      'inverted', 'recoloured', 'downscaled-12px', 'cropped-tight', 'jpeg-q30', 'rotated+15', 'rotated-15', 'blurred', 'grid-lines',
      'tight-90px', 'tight-48px', 'tight-24px', 'tight-16px', 'tight-12px', 'tight-8px', 'tight-30x90', 'tight-90x30',
      'board-band', 'board-band-L', 'board-band-U',
      'photo-shadow', 'photo-ruled', 'photo-squared', 'photo-neighbour', 'photo-jpeg',
    ]);
  });

  it('each gives a decodable image of its declared format, the same bytes for the same seed, changed from the input', async () => {
    const input = realDrawing('o/fistaszek-0003.png');
    for (const t of TRANSFORMS) {
      const out = await t.apply(input, 7);
      expect((await sharp(out).metadata()).format, t.name).toBe(t.format);
      expect((await t.apply(input, 7)).equals(out), `${t.name} is deterministic`).toBe(true);
      expect(out.equals(input), `${t.name} changes the image`).toBe(false);
      const other = await t.apply(input, 8);
      expect(other.equals(out), `${t.name} ${SEEDED.includes(t.name) ? 'varies' : 'does not vary'} with the seed`).toBe(!SEEDED.includes(t.name));
    }
  });
});
