import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeEvaluation, tempDir, removeTempDirs } from '../fixtures.test-helpers.js';
import { collectDatasetStats, splitStats } from './dataset-stats.js';
import { parseManifest } from './manifest.js';

afterAll(removeTempDirs);

describe('data set statistics', () => {
  it('counts images per class, sizes and formats of the files an evaluation used', async () => {
    const dir = join(tempDir(), 'data');
    const result = await fakeEvaluation(dir, [{ label: 'o', px: 0.1 }, { label: 'o', px: 0.2 }, { label: 'x', px: 0.9 }], 40);
    // One file of another size and format, added to the result as evaluate would list it.
    mkdirSync(join(dir, 'x'), { recursive: true });
    await sharp({ create: { width: 30, height: 20, channels: 3, background: '#fff' } }).jpeg().toFile(join(dir, 'x', 'wide.jpg'));
    result.predictions.push({ path: 'x/wide.jpg', label: 'x', predicted: 'x', probability: 0.9, scores: { o: 0.1, x: 0.9 }, uncertain: false });
    result.skipped.push({ path: 'x/broken.png', reason: 'corrupt' });

    const stats = await splitStats({ name: 'test', dataDir: dir, result });
    expect(stats.classes).toEqual({ o: 2, x: 2 });
    expect(stats.images).toBe(4);
    expect(stats.skipped).toBe(1);
    expect(stats.formats).toEqual({ png: 3, jpg: 1 });
    expect(stats.sizes.common).toEqual([{ width: 40, height: 40, count: 3 }, { width: 30, height: 20, count: 1 }]);
    expect(stats.sizes).toMatchObject({ distinct: 2, minWidth: 30, maxWidth: 40, minHeight: 20, maxHeight: 40, unreadable: 0 });
    expect(stats.manifest).toBeUndefined();
  });

  it('tallies sources and styles from a manifest.json beside the split folders', async () => {
    const root = tempDir();
    const train = await fakeEvaluation(join(root, 'train'), [{ label: 'o', px: 0.1 }, { label: 'x', px: 0.9 }, { label: 'x', px: 0.8 }]);
    writeFileSync(
      join(root, 'manifest.json'),
      JSON.stringify({
        seed: 7,
        images: [
          { file: 'train/o/o0.png', source: 'strokes', style: 'pen' },
          { file: 'train/x/x1.png', source: 'fonts', style: 'serif' },
          { file: 'train/x/x2.png', source: 'strokes', style: 'marker' },
          { file: 'test/x/x9.png', source: 'photos', style: 'paper' },
        ],
      }),
    );
    const [stats] = (await collectDatasetStats([{ name: 'train', dataDir: join(root, 'train'), result: train }])).splits;
    expect(stats.manifest).toEqual({ file: join(root, 'manifest.json'), sources: { strokes: 2, fonts: 1 }, styles: { pen: 1, serif: 1, marker: 1 }, listed: 3 });
  });

  it('reads the other manifest shapes: an array, a map by path, and a TSV with a header', () => {
    expect([...parseManifest(JSON.stringify([{ path: './o/a.png', style: 's1' }]), 'json')]).toEqual([['o/a.png', { source: undefined, style: 's1' }]]);
    expect([...parseManifest(JSON.stringify({ 'o/a.png': { generator: 'g', style: 's' } }), 'json')]).toEqual([['o/a.png', { source: 'g', style: 's' }]]);
    const tsv = 'file\tlabel\tsource_repo\tstyle\no/f-1.png\to\towner/repo\tpointer\nx/f-2.png\tx\towner/repo\tpointer\n';
    expect(parseManifest(tsv, 'tsv').get('x/f-2.png')).toEqual({ source: 'owner/repo', style: 'pointer' });
  });
});
