import type { PreprocessResult } from '@inkling/core';
import { WorkerPool } from '../util/worker-pool.js';
import { workerUrl } from '../util/worker-url.js';
import type { DirectoryIterator } from './flow-from-directory.js';

/**
 * Preprocesses the images of several iterators (each at its first epoch's order) on `workers` worker
 * threads, into their caches; what ends up cached is what one thread would have cached. The
 * iterators must share one preprocessing spec.
 */
export async function prefillCaches(jobs: { iterator: DirectoryIterator; epoch: number; images?: number }[], workers: number): Promise<void> {
  if (jobs.length === 0) return;
  const spec = jobs[0].iterator.spec;
  const pool = new WorkerPool<string, PreprocessResult>(workerUrl(import.meta.url, './preprocess-worker.js'), workers, { spec });
  try {
    for (const { iterator, epoch, images } of jobs) await iterator.prefill(epoch, (path) => pool.run(path), images);
  } finally {
    await pool.close();
  }
}
