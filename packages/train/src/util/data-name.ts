import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const SPLITS = new Set(['train', 'training', 'test', 'validation', 'val']);

/**
 * A data folder's name as a card or report shows it: its folder name (with the parent's for a split
 * folder, e.g. "ox/test"), never a machine's absolute path.
 */
export function dataSetName(dir: string): string {
  const name = basename(dir);
  return SPLITS.has(name) ? `${basename(dirname(dir))}/${name}` : name;
}

/** What made a data folder, from the manifest.json `inkling dataset` writes, or null. */
export function dataSetOrigin(dir: string): { description: string; seed?: number } | null {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return null;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as { generator?: string; version?: string; seed?: number; images?: number };
    if (!m.generator) return null;
    return { description: `${m.generator} ${m.version ?? ''} (${m.images ?? '?'} images, seed ${m.seed ?? '?'})`.replace('  ', ' '), seed: m.seed };
  } catch {
    return null;
  }
}
