import { extname, join, relative } from 'node:path';
import sharp from 'sharp';
import type { EvaluationResult } from '../../evaluate/types.js';
import { mapLimit } from '../files.js';
import { findManifest } from './manifest.js';

export interface SizeCount {
  width: number;
  height: number;
  count: number;
}

/** One split of the data set (train, validation, test, or any evaluated folder). */
export interface SplitStats {
  name: string;
  dataDir: string;
  /** Images per class (true label), in the model's label order. */
  classes: Record<string, number>;
  images: number;
  /** Files that could not be read. */
  skipped: number;
  /** Image sizes, most common first (at most 8), and their range. */
  sizes: { common: SizeCount[]; distinct: number; minWidth: number; maxWidth: number; minHeight: number; maxHeight: number; unreadable: number };
  /** Files per extension (png, jpg…). */
  formats: Record<string, number>;
  /** Tallies from the data set's manifest, when it has one that lists these files. */
  manifest?: { file: string; sources: Record<string, number>; styles: Record<string, number>; listed: number };
}

export interface DatasetStats {
  splits: SplitStats[];
}

export interface SplitInput {
  name: string;
  dataDir: string;
  result: EvaluationResult;
}

const tally = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/**
 * Counts, sizes and sources of the images each evaluation actually used (so a validation split
 * carved out of the training folder is counted as its own split). Sizes come from the file headers.
 */
export async function splitStats({ name, dataDir, result }: SplitInput): Promise<SplitStats> {
  const classes: Record<string, number> = Object.fromEntries(result.labels.map((l) => [l, 0]));
  for (const p of result.predictions) tally(classes, p.label);
  const formats: Record<string, number> = {};
  for (const p of result.predictions) tally(formats, extname(p.path).slice(1).toLowerCase() || '(none)');

  const headers = await mapLimit(result.predictions, 8, async (p) => {
    try {
      const m = await sharp(join(dataDir, p.path)).metadata();
      return m.width && m.height ? { width: m.width, height: m.height } : undefined;
    } catch {
      return undefined;
    }
  });
  const bySize = new Map<string, SizeCount>();
  let unreadable = 0;
  for (const h of headers) {
    if (!h) {
      unreadable++;
      continue;
    }
    const key = `${h.width}x${h.height}`;
    const entry = bySize.get(key) ?? { ...h, count: 0 };
    entry.count++;
    bySize.set(key, entry);
  }
  const known = [...bySize.values()];
  const sizes = {
    common: [...known].sort((a, b) => b.count - a.count || a.width - b.width || a.height - b.height).slice(0, 8),
    distinct: known.length,
    minWidth: known.length ? Math.min(...known.map((s) => s.width)) : 0,
    maxWidth: known.length ? Math.max(...known.map((s) => s.width)) : 0,
    minHeight: known.length ? Math.min(...known.map((s) => s.height)) : 0,
    maxHeight: known.length ? Math.max(...known.map((s) => s.height)) : 0,
    unreadable,
  };

  const stats: SplitStats = { name, dataDir, classes, images: result.predictions.length, skipped: result.skipped.length, sizes, formats };
  const manifest = await findManifest(dataDir);
  if (manifest) {
    const sources: Record<string, number> = {};
    const styles: Record<string, number> = {};
    let listed = 0;
    for (const p of result.predictions) {
      const key = relative(manifest.root, join(dataDir, p.path)).split('\\').join('/');
      const entry = manifest.entries.get(key);
      if (!entry) continue;
      listed++;
      if (entry.source) tally(sources, entry.source);
      if (entry.style) tally(styles, entry.style);
    }
    if (listed) stats.manifest = { file: manifest.file, sources, styles, listed };
  }
  return stats;
}

export async function collectDatasetStats(splits: readonly SplitInput[]): Promise<DatasetStats> {
  const out: SplitStats[] = [];
  for (const s of splits) out.push(await splitStats(s));
  return { splits: out };
}
