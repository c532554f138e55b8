import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { writeJsonAtomic } from '../util/atomic.js';
import { writeExamples } from './examples.js';
import { DEFAULT_WORKERS } from '../util/workers.js';
import { WorkerPool } from '../util/worker-pool.js';
import { workerUrl } from '../util/worker-url.js';
import type { ImageFacts } from './image.js';
import type { RenderJob } from './render-job.js';

export class DatasetError extends Error {
  override readonly name = 'DatasetError';
}

export interface SetItem {
  /** Path inside the set, with '/' separators, e.g. 'train/o/o-00012.png'. */
  file: string;
  extra: Record<string, string>;
  render: () => Promise<{ png: Buffer; facts: ImageFacts }>;
  /** The same image as plain data, for a worker thread to make (items without one are made here). */
  job?: RenderJob;
}

export interface WriteSetOptions {
  out: string;
  items: SetItem[];
  header: Record<string, unknown>;
  /** Replace an existing non-empty folder. */
  force?: boolean;
  /** Images made at once (sharp works off the main thread, so a few overlap well). */
  concurrency?: number;
  /** Worker threads making the images (default DEFAULT_WORKERS; 1: this thread). Same files either way. */
  workers?: number;
  examplesPerStyle?: number;
  /** The label-like field that example files are named by ('label' or 'shape'). */
  exampleKey: string;
  onProgress?: (done: number, total: number) => void;
}

export type ManifestEntry = { file: string } & Record<string, string> & Omit<ImageFacts, never>;

function describeFsError(err: unknown, path: string): DatasetError {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : code === 'ENOTDIR' ? 'a parent is a file, not a folder' : code === 'ENOSPC' ? 'no space left on device' : (err as Error).message;
  return new DatasetError(`cannot write the data set to ${path}: ${why}`);
}

async function isNonEmptyDir(path: string): Promise<boolean | 'file'> {
  try {
    const s = await stat(path);
    if (!s.isDirectory()) return 'file';
    return (await readdir(path)).length > 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw describeFsError(err, path);
  }
}

async function isGeneratedSet(dir: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { generator?: unknown };
    return typeof manifest.generator === 'string' && manifest.generator.startsWith('inkling');
  } catch {
    return false;
  }
}

/**
 * Writes every item, the manifest and the examples into a temporary sibling folder, then renames it
 * into place: a run that is killed leaves no half data set under the real name, and an existing
 * set is replaced only when the new one is complete.
 */
export async function writeSet(o: WriteSetOptions): Promise<{ entries: ManifestEntry[] }> {
  const out = resolve(o.out);
  const existing = await isNonEmptyDir(out).catch((err: unknown) => {
    throw err instanceof DatasetError ? new DatasetError(err.message.replace(out, o.out)) : err;
  });
  if (existing === 'file') throw new DatasetError(`--out ${o.out} is a file, not a folder`);
  if (existing && !o.force) throw new DatasetError(`${o.out} already exists and is not empty; choose another --out or pass --force to replace it`);
  // --force replaces only what this command made, never an arbitrary folder.
  if (existing && !(await isGeneratedSet(out))) throw new DatasetError(`${o.out} is not empty and was not made by \`inkling dataset\` (no manifest.json); refusing to replace it`);
  const tmp = `${out}.partial-${process.pid}`;
  try {
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
  } catch (err) {
    throw describeFsError(err, o.out);
  }
  const workers = o.workers ?? DEFAULT_WORKERS;
  const pool = workers > 1 && o.items.every((i) => i.job) ? new WorkerPool<RenderJob, { png: Uint8Array; facts: ImageFacts }>(workerUrl(import.meta.url, './render-worker.js'), workers) : undefined;
  const render = (item: SetItem) =>
    pool && item.job ? pool.run(item.job).then(({ png, facts }) => ({ png: Buffer.from(png.buffer, png.byteOffset, png.byteLength), facts })) : item.render();
  try {
    const entries: ManifestEntry[] = new Array(o.items.length);
    let next = 0;
    let done = 0;
    const made = new Set<string>();
    const worker = async () => {
      while (next < o.items.length) {
        const i = next++;
        const item = o.items[i];
        const { png, facts } = await render(item);
        const path = join(tmp, item.file);
        const folder = dirname(path);
        if (!made.has(folder)) {
          await mkdir(folder, { recursive: true });
          made.add(folder);
        }
        await writeFile(path, png);
        entries[i] = { file: item.file, ...item.extra, ...facts } as ManifestEntry;
        o.onProgress?.(++done, o.items.length);
      }
    };
    // With worker threads, enough images in flight to keep each of them busy.
    const inFlight = Math.max(1, o.concurrency ?? 4, pool ? workers * 3 : 0);
    await Promise.all(Array.from({ length: inFlight }, worker));
    await writeJsonAtomic(join(tmp, 'manifest.json'), { ...o.header, images: entries.length, files: entries });
    await writeExamples(tmp, entries, o.examplesPerStyle ?? 4, o.exampleKey);
    await pool?.close();
    await rm(out, { recursive: true, force: true });
    await rename(tmp, out);
    return { entries };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    await pool?.close();
    if (err instanceof DatasetError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code) throw describeFsError(err, o.out);
    throw err;
  }
}
