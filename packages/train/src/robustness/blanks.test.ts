import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { BLANK_KINDS, makeBlank } from './blanks.js';

async function pixels(png: Buffer) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('blank pages', () => {
  it('makes blank images of each kind', async () => {
    for (const kind of BLANK_KINDS) {
      const p = await pixels(await makeBlank(kind, 32, 24));
      expect([p.width, p.height]).toEqual([32, 24]);
      const values = new Set<number>();
      for (let i = 0; i < p.data.length; i += 4) values.add(p.data[i]);
      if (kind === 'white') expect([...values]).toEqual([255]);
      if (kind === 'grey') expect([...values]).toEqual([128]);
      if (kind === 'transparent') for (let i = 3; i < p.data.length; i += 4) expect(p.data[i]).toBe(0);
      if (kind === 'noisy-paper') {
        expect(values.size).toBeGreaterThan(5);
        expect(Math.min(...values)).toBeGreaterThan(150);
      }
      expect((await makeBlank(kind, 32, 24)).equals(await makeBlank(kind, 32, 24))).toBe(true);
    }
  });
});
