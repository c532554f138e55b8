// Loaded on the first download only (fflate's zip writer, a few kB).
import { zipSync, type Zippable } from 'fflate';
import { pathInZip, type KeptDrawing } from './kept.js';

/** One zip of every kept drawing as `<label>/<name>.png|jpg`; images are stored, not deflated again. */
export function zipKept(drawings: readonly KeptDrawing[]): Uint8Array {
  const files: Zippable = {};
  for (const d of drawings) files[pathInZip(d)] = [d.bytes, { level: 0 }];
  return zipSync(files, { mtime: new Date('2000-01-01T00:00:00Z') });
}
