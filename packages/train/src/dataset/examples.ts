import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import type { ManifestEntry } from './write-set.js';

const TILE = 96;

/**
 * Copies the first `perStyle` images of each style and class into examples/<style>/, and lays them
 * all out in examples/contact-sheet.png (a row per style), for the run report and for eyes.
 */
export async function writeExamples(root: string, entries: readonly ManifestEntry[], perStyle: number, key: string): Promise<void> {
  if (perStyle <= 0) return;
  const rows = new Map<string, ManifestEntry[]>();
  const taken = new Map<string, number>();
  for (const e of entries) {
    const k = `${e.style}\u0000${e[key]}`;
    if ((taken.get(k) ?? 0) >= perStyle) continue;
    taken.set(k, (taken.get(k) ?? 0) + 1);
    rows.set(e.style, [...(rows.get(e.style) ?? []), e]);
  }
  const styles = [...rows.keys()].sort();
  const tiles: OverlayOptions[] = [];
  let cols = 0;
  for (const [r, style] of styles.entries()) {
    const dir = join(root, 'examples', style);
    await mkdir(dir, { recursive: true });
    const row = rows.get(style) ?? [];
    cols = Math.max(cols, row.length);
    for (const [c, e] of row.entries()) {
      const name = e.file.split('/').pop() ?? e.file;
      await copyFile(join(root, e.file), join(dir, name));
      // Transparent images are shown on light grey, the letterbox around non-square ones too.
      const input = await sharp(join(root, e.file))
        .resize(TILE - 4, TILE - 4, { fit: 'contain', background: { r: 200, g: 200, b: 200, alpha: 0 } })
        .flatten({ background: '#d8d8d8' })
        .png()
        .toBuffer();
      tiles.push({ input, left: c * TILE + 2, top: r * TILE + 2 });
    }
  }
  if (tiles.length === 0) return;
  await sharp({ create: { width: cols * TILE, height: styles.length * TILE, channels: 3, background: '#707070' } })
    .composite(tiles)
    .png()
    .toFile(join(root, 'examples', 'contact-sheet.png'));
}
