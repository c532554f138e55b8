/** A preprocessing worker: decodes and preprocesses one image file per task, as DirectoryIterator.load does. */
import { parentPort, workerData } from 'node:worker_threads';
import { preprocessToArray, type PreprocessResult, type PreprocessSpec } from '@inkling/core';
import { servePool } from '../util/worker-pool.js';
import { readImage } from './read-image.js';

const spec = (workerData as { spec: PreprocessSpec }).spec;

servePool<string, PreprocessResult>(parentPort, async (path) => {
  const result = preprocessToArray(await readImage(path), spec);
  // A copy of its own to hand over: preprocessing may return a view of a reused buffer.
  const data = new Float32Array(result.data);
  return { result: { ...result, data }, transfer: [data.buffer] };
});
