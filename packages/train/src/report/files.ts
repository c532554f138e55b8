import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file that marks a folder as an Inkling report (and lists what is in it). */
export const MARKER = 'report.json';

/** "Validation set" -> "validation-set"; never empty, safe in a file name and a URL. */
export function slugify(name: string, fallback = 'item'): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return slug || fallback;
}

/** Slugs for several names, made unique with -2, -3… */
export function uniqueSlugs(names: readonly string[], fallback: string): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    const base = slugify(n, fallback);
    let slug = base;
    for (let k = 2; seen.has(slug); k++) slug = `${base}-${k}`;
    seen.add(slug);
    return slug;
  });
}

/** Refuses, before any work, to replace a folder that holds something other than a report. */
export async function checkReportTarget(outDir: string): Promise<void> {
  if (!existsSync(outDir)) return;
  let entries: string[];
  try {
    entries = await readdir(outDir);
  } catch {
    throw new Error(`cannot write the report to ${outDir}: it exists and is not a folder`);
  }
  if (entries.length && !entries.includes(MARKER)) {
    throw new Error(`cannot write the report to ${outDir}: the folder holds files that are not an Inkling report; choose a new or empty folder`);
  }
}

/**
 * Builds a report in a hidden sibling folder and swaps it in at the end, so a reader (or a crash)
 * sees the old report or the new one, never a mix: the folder-level form of writeFileAtomic.
 */
export class StagedFolder {
  readonly staging: string;
  private readonly written: string[] = [];

  constructor(readonly outDir: string) {
    this.staging = join(dirname(outDir), `.${basename(outDir)}.tmp-${process.pid}-${Date.now()}`);
  }

  /** Writes `data` to `rel` (forward slashes) inside the report. */
  async put(rel: string, data: string | Uint8Array): Promise<string> {
    const path = join(this.staging, ...rel.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
    this.written.push(rel);
    return rel;
  }

  get files(): string[] {
    return [...this.written].sort();
  }

  async publish(): Promise<void> {
    await checkReportTarget(this.outDir);
    if (!existsSync(this.outDir)) {
      await mkdir(dirname(this.outDir), { recursive: true });
      await rename(this.staging, this.outDir);
      return;
    }
    const old = `${this.outDir}.old-${process.pid}-${Date.now()}`;
    await rename(this.outDir, old);
    try {
      await rename(this.staging, this.outDir);
    } catch (err) {
      await rename(old, this.outDir);
      throw err;
    }
    await rm(old, { recursive: true, force: true });
  }

  async discard(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
  }
}

export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
