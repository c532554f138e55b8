/** A data-set worker: makes one image per task (see RenderJob), exactly as the main thread would. */
import { parentPort } from 'node:worker_threads';
import { servePool } from '../util/worker-pool.js';
import type { ImageFacts } from './image.js';
import { renderJob, type RenderJob } from './render-job.js';

servePool<RenderJob, { png: Uint8Array; facts: ImageFacts }>(parentPort, async (job) => {
  const { png, facts } = await renderJob(job);
  const bytes = new Uint8Array(png);
  return { result: { png: bytes, facts }, transfer: [bytes.buffer] };
});
