import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { selectBackend } from '../backend/index.js';
import { writeDrawingSet } from '../test-helpers/drawings.js';
import { defaultSpec } from '../training/config.js';
import { flowFromDirectory } from './flow-from-directory.js';
import { prefillCaches } from './parallel-preprocess.js';

let top: string;
let root: string;
beforeAll(async () => {
  await selectBackend('cpu');
  top = mkdtempSync(join(tmpdir(), 'inkling-prefill-'));
  root = join(top, 'train');
  await writeDrawingSet(top, { train: 12 }, 4, 48);
  // A whole header and half the pixels: passes the header check, fails when decoded.
  const png = readFileSync(join(root, 'o', 'o0.png'));
  writeFileSync(join(root, 'o', 'truncated.png'), png.subarray(0, Math.floor(png.length / 2)));
});
afterAll(() => rmSync(top, { recursive: true, force: true }));

describe('prefillCaches (preprocessing on worker threads)', () => {
  it('caches what loading an epoch on the main thread caches, value for value, and skips the same files', async () => {
    const options = { spec: defaultSpec(24, 'grayscale'), batchSize: 5, seed: 9, classMode: 'binary' as const, onWarning: () => undefined };
    const serial = await flowFromDirectory(root, options);
    for await (const batch of serial.batches(1)) batch.xs.dispose();
    const parallel = await flowFromDirectory(root, options);
    await prefillCaches([{ iterator: parallel, epoch: 1 }], 2);
    expect(parallel.samples.length).toBeGreaterThanOrEqual(24);
    for (const s of serial.samples) {
      if (serial.skipped.has(s.path)) continue;
      const a = serial.cached(s.path);
      const b = parallel.cached(s.path);
      expect(a, s.path).toBeDefined();
      expect(Buffer.from(b!.data.buffer, b!.data.byteOffset, b!.data.byteLength).equals(Buffer.from(a!.data.buffer, a!.data.byteOffset, a!.data.byteLength)), s.path).toBe(true);
      expect(b!.ink).toEqual(a!.ink);
      expect(b!.shape).toEqual(a!.shape);
    }
    expect([...parallel.skipped.keys()]).toEqual([...serial.skipped.keys()]);
    expect(serial.skipped.size).toBe(1);
  }, 60_000);

  it('stops at the cache budget, keeping the epoch order', async () => {
    const perImage = 24 * 24 * 4 + 128;
    const parallel = await flowFromDirectory(root, { spec: defaultSpec(24, 'grayscale'), batchSize: 5, seed: 9, classMode: 'binary', cacheBytes: perImage * 7, onWarning: () => undefined });
    await prefillCaches([{ iterator: parallel, epoch: 3 }], 2);
    const cached = parallel.order(3).map((s) => parallel.cached(s.path) !== undefined);
    expect(cached).toEqual(cached.map((_, i) => i < 7));
  }, 60_000);
});
