import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pixel } from '../fixtures.test-helpers.js';
import { contactSheet, contactSheetLayout } from './contact-sheet.js';

const square = (colour: string, size = 20) => sharp({ create: { width: size, height: size, channels: 3, background: colour } }).png().toBuffer();

describe('contactSheet', () => {
  it('has the documented size: margins, two pictures and the text lines per tile, up to 8 per row', () => {
    // 16 + 52 (title, one subtitle line) + 1 row of (8 + 20 + 6 + 2·15 + 4) + 16
    expect(contactSheetLayout(3, 2, 20)).toMatchObject({ tileWidth: 62, tileHeight: 68, cols: 3, rows: 1, width: 480, height: 152 });
    expect(contactSheetLayout(20, 3, 112)).toMatchObject({ cols: 8, rows: 3, width: 2 * 16 + 8 * 246 + 7 * 10 });
    expect(contactSheetLayout(0, 0).height).toBe(16 + 52 + 24 + 16);
  });

  it('places each tile’s pictures where it says, and draws a placeholder for a missing one', async () => {
    const sheet = await contactSheet({
      title: 'sheet',
      subtitle: 'three tiles',
      tiles: [
        { original: await square('#ff0000'), input: await square('#00ff00'), lines: [{ text: 'one' }, { text: 'p 0.9' }] },
        { original: await square('#0000ff'), lines: [{ text: 'two', weight: 'bold' }] },
        { original: await square('#ffff00'), input: await square('#00ffff'), lines: [] },
      ],
      imageSize: 20,
    });
    const meta = await sharp(sheet.png).metadata();
    expect([meta.width, meta.height]).toEqual([sheet.width, sheet.height]);
    expect([sheet.width, sheet.height]).toEqual([480, 152]);
    const at = (r: { x: number; y: number }) => pixel(sheet.png, r.x + 10, r.y + 10);
    expect(await at(sheet.placements[0].original)).toEqual([255, 0, 0]);
    expect(await at(sheet.placements[0].input)).toEqual([0, 255, 0]);
    expect(await at(sheet.placements[1].original)).toEqual([0, 0, 255]);
    expect(await pixel(sheet.png, sheet.placements[1].input.x + 1, sheet.placements[1].input.y + 1)).toEqual([187, 187, 187]);
    expect(await at(sheet.placements[2].input)).toEqual([0, 255, 255]);
  });

  it('wraps a long subtitle instead of cutting it, and grows to fit it', async () => {
    const long = 'a subtitle long enough that it cannot possibly fit on one line of a narrow sheet, so it wraps onto more lines';
    const sheet = await contactSheet({ title: 't', subtitle: long, tiles: [] });
    expect(sheet.height).toBeGreaterThan(contactSheetLayout(0, 0).height);
  });
});
